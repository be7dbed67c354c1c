package io.roadchief.simulator.road;

import io.roadchief.simulator.Seeds;

import java.util.SplittableRandom;

/**
 * Synthesises a longitudinal road profile with the ISO 8608 spectrum Gd(n) = Gd(n0) (n/n0)^-2.
 *
 * <p>A w = 2 spectrum is integrated white noise: with a step of dx, elevation increments of standard
 * deviation sigma = 2 pi n0 sqrt(Gd(n0) dx / 2) give a one-sided PSD 2 sigma^2 / (dx (2 pi n)^2) =
 * Gd(n0) (n0/n)^2. A first-order leak with a 100 m cut-off wavelength keeps the profile from
 * drifting (grades are not roughness; IRI ignores wavelengths that long). Gd may change from sample
 * to sample (segments of different classes); the profile stays continuous. Filtered white noise is
 * one pass, O(n), with no per-sample allocation, unlike a sum of sinusoids.
 */
public final class ProfileSynthesizer {
    /** Profile sample spacing, m: fine enough for 200 Hz at 60 km/h and E1926's 250 mm smoothing. */
    public static final double DX = 0.05;
    /** Long-wavelength cut-off, cycles/m (100 m). */
    public static final double N_CUTOFF = 0.01;

    private ProfileSynthesizer() {}

    /**
     * Fills {@code z} (m) for the samples; {@code gdAt[i]} is Gd(n0) in m^3 at sample i, or use
     * {@link #synthesize(float[], double, long)} for a uniform class.
     */
    public static void synthesize(float[] z, double[] gdPerSample, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double leak = Math.exp(-2 * Math.PI * N_CUTOFF * DX);
        double k = 2 * Math.PI * RoughnessClass.N0 * Math.sqrt(DX / 2);
        double v = 0;
        for (int i = 0; i < z.length; i++) {
            v = leak * v + k * Math.sqrt(gdPerSample[i]) * Seeds.gaussian(r);
            z[i] = (float) v;
        }
    }

    public static void synthesize(float[] z, double gd, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double leak = Math.exp(-2 * Math.PI * N_CUTOFF * DX);
        double k = 2 * Math.PI * RoughnessClass.N0 * Math.sqrt(DX / 2) * Math.sqrt(gd);
        double v = 0;
        for (int i = 0; i < z.length; i++) {
            v = leak * v + k * Seeds.gaussian(r);
            z[i] = (float) v;
        }
    }
}
