package io.roadchief.simulator.vehicle;

import io.roadchief.simulator.Seeds;

import java.util.SplittableRandom;

/**
 * GPS position error as real receivers show it: not white noise but a slowly wandering offset
 * (multipath, atmosphere), modelled per axis as a first-order Gauss-Markov process with correlation
 * time tau and a stationary RMS horizontal error {@code rmsM} (each axis rmsM / sqrt 2). It starts
 * in its stationary distribution, so statistics hold from the first fix.
 */
public final class GpsErrorModel {
    private final double sigmaAxis;
    private final double tauS;
    private final SplittableRandom random;
    private double east, north;

    public GpsErrorModel(double rmsM, double tauS, SplittableRandom random) {
        this.sigmaAxis = rmsM / Math.sqrt(2);
        this.tauS = tauS;
        this.random = random;
        east = sigmaAxis * Seeds.gaussian(random);
        north = sigmaAxis * Seeds.gaussian(random);
    }

    /** Advances the error by dt seconds. */
    public void step(double dtS) {
        double phi = Math.exp(-dtS / tauS);
        double q = sigmaAxis * Math.sqrt(1 - phi * phi);
        east = phi * east + q * Seeds.gaussian(random);
        north = phi * north + q * Seeds.gaussian(random);
    }

    public double eastM() { return east; }
    public double northM() { return north; }
}
