package io.roadchief.jobs.pavement;

import io.roadchief.simulator.road.ProfileSynthesizer;
import io.roadchief.simulator.truth.GoldenCarIri;
import io.roadchief.simulator.vehicle.QuarterCar;
import io.roadchief.simulator.vehicle.QuarterCarParameters;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The IRI estimator against the ASTM E1926 golden car on simulated ISO 8608 profiles it was not fitted on. */
class IriEstimatorTest {
    final PavementConfig cfg = PavementConfig.defaults();

    /** Drives a quarter car over a 100 m profile at a speed, returns the pass as the pipeline would hold it. */
    static PassSamples drive(float[] profile, QuarterCarParameters car, String cls, double speedMs, int fs, long seed) {
        Random r = new Random(seed);
        int sub = Math.max(1, 1000 / fs);
        double dt = 1.0 / fs / sub, dx = ProfileSynthesizer.DX;
        QuarterCar qc = new QuarterCar(car, dt);
        qc.settle(profile[0]);
        RideBand band = new RideBand(fs);
        double[] st = new double[RideBand.STATE_SIZE];
        PassSamples p = new PassSamples("S", "R", cls, 1, fs);
        double x = 0, length = (profile.length - 1) * dx;
        long t = 0;
        while (x < length - 1) {
            double sum = 0;
            for (int k = 0; k < sub; k++) {
                x += speedMs * dt;
                double fi = Math.min(profile.length - 1.001, x / dx);
                int i = (int) fi;
                qc.step(profile[i] + (profile[i + 1] - profile[i]) * (fi - i));
                sum += qc.sprungAcceleration();
            }
            double a = sum / sub + 0.1 + 0.04 * r.nextGaussian(); // mounting bias and noise
            p.add(t, band.step(a, st), speedMs, x);
            t += 1000 / fs;
        }
        return p;
    }

    @Test
    void estimatesGoldenCarIriOnUnseenProfiles() {
        GoldenCarIri golden = new GoldenCarIri(ProfileSynthesizer.DX);
        Random r = new Random(2024);
        Object[][] classes = {{QuarterCarParameters.BUS, "bus"}, {QuarterCarParameters.SANITATION_TRUCK, "sanitation_truck"},
                {QuarterCarParameters.PATROL_CAR, "patrol_car"}};
        int n = 0;
        double sumT = 0, sumT2 = 0, ssRes = 0;
        double[] truths = new double[45], ests = new double[45];
        for (int k = 0; k < 45; k++) {
            // ISO 8608 class A-D: Gd(n0) from 1e-6 to 5e-4 m^3, 160 m of profile with 30 m run-in
            double gd = Math.exp(Math.log(1e-6) + r.nextDouble() * (Math.log(5e-4) - Math.log(1e-6)));
            float[] z = new float[(int) (160 / ProfileSynthesizer.DX)];
            ProfileSynthesizer.synthesize(z, gd, 1000 + k);
            Object[] c = classes[k % 3];
            double speed = (25 + r.nextDouble() * 30) / 3.6;
            PassSamples full = drive(z, (QuarterCarParameters) c[0], (String) c[1], speed, new int[]{50, 100, 200}[k % 3], k);
            // keep the last 100 m (the first 60 m let the car and the filter settle)
            PassSamples p = new PassSamples("S", "R", (String) c[1], 1, full.sampleRateHz);
            for (int i = 0; i < full.n; i++) if (full.chainageM[i] >= 59) p.add(full.timeMs[i], full.acc[i], full.speedMs[i], full.chainageM[i]);
            Double est = IriEstimator.estimate(p, (String) c[1], 100, cfg);
            double truth = golden.iri(z, (int) (59 / ProfileSynthesizer.DX), z.length);
            assertThat(est).isNotNull();
            truths[n] = truth;
            ests[n] = est;
            n++;
        }
        double mean = 0;
        for (int i = 0; i < n; i++) mean += truths[i] / n;
        double ssTot = 0;
        for (int i = 0; i < n; i++) {
            ssTot += (truths[i] - mean) * (truths[i] - mean);
            ssRes += (truths[i] - ests[i]) * (truths[i] - ests[i]);
        }
        double r2 = 1 - ssRes / ssTot;
        assertThat(r2).as("R^2 of single-pass IRI estimates vs golden car").isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void noEstimateBelowTheMinimumSpeedOrFromTooFewSamples() {
        float[] z = new float[(int) (120 / ProfileSynthesizer.DX)];
        ProfileSynthesizer.synthesize(z, 6.4e-5, 7);
        PassSamples slow = drive(z, QuarterCarParameters.PATROL_CAR, "patrol_car", 12 / 3.6, 100, 1);
        assertThat(IriEstimator.estimate(slow, "patrol_car", 100, cfg)).isNull();
        PassSamples ok = drive(z, QuarterCarParameters.PATROL_CAR, "patrol_car", 40 / 3.6, 100, 1);
        assertThat(IriEstimator.estimate(ok, "patrol_car", 100, cfg)).isNotNull();
        PassSamples few = PassSamples.head(ok, 0.5);
        assertThat(IriEstimator.estimate(few, "patrol_car", 100, cfg)).isNull();
    }

    @Test
    void oneSharpEventDoesNotDominateTheRoughness() {
        float[] z = new float[(int) (120 / ProfileSynthesizer.DX)];
        ProfileSynthesizer.synthesize(z, 1.6e-5, 9);
        PassSamples clean = drive(z, QuarterCarParameters.BUS, "bus", 30 / 3.6, 100, 3);
        float[] withHole = z.clone();
        for (int i = (int) (60 / ProfileSynthesizer.DX); i < (int) (60.5 / ProfileSynthesizer.DX); i++) withHole[i] -= 0.06f;
        PassSamples holed = drive(withHole, QuarterCarParameters.BUS, "bus", 30 / 3.6, 100, 3);
        double a = IriEstimator.estimate(clean, "bus", 100, cfg), b = IriEstimator.estimate(holed, "bus", 100, cfg);
        // a plain RMS would jump by far more than this for a 6 cm pothole
        assertThat(b / a).isLessThan(1.35);
    }
}
