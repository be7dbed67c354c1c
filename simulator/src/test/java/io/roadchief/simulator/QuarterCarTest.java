package io.roadchief.simulator;

import io.roadchief.simulator.road.ProfileSynthesizer;
import io.roadchief.simulator.road.RoughnessClass;
import io.roadchief.simulator.road.ShapeKind;
import io.roadchief.simulator.road.SurfaceShape;
import io.roadchief.simulator.vehicle.QuarterCar;
import io.roadchief.simulator.vehicle.QuarterCarParameters;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QuarterCarTest {
    private static final double DT = 0.001;

    @Test
    void vehicleClassesHaveRealisticResonances() {
        for (QuarterCarParameters p : new QuarterCarParameters[] {QuarterCarParameters.BUS, QuarterCarParameters.SANITATION_TRUCK, QuarterCarParameters.PATROL_CAR}) {
            assertThat(p.bodyHz()).isBetween(1.0, 2.2);
            assertThat(p.wheelHopHz()).isBetween(8.0, 15.0);
            assertThat(p.dampingRatio()).isBetween(0.15, 0.5);
        }
    }

    @Test
    void staticEquilibriumIsKeptAndAStepSettles() {
        QuarterCar car = new QuarterCar(QuarterCarParameters.PATROL_CAR, DT);
        car.settle(0);
        for (int i = 0; i < 1000; i++) car.step(0);
        assertThat(Math.abs(car.sprungAcceleration())).isLessThan(1e-12);
        for (int i = 0; i < 10_000; i++) car.step(0.05);
        assertThat(car.sprungHeight()).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-4));
    }

    /**
     * The spike grows with speed up to ~40 km/h; beyond that a short hole is partly bridged (the wheel
     * has no time to drop to its bottom, ~1/4 wheel-hop period), so the peak levels off but stays
     * far above the rough road's own response.
     */
    @Test
    void potholeGivesAClearSpikeThatGrowsWithSpeed() {
        float[] rough = new float[(int) (200 / ProfileSynthesizer.DX)];
        ProfileSynthesizer.synthesize(rough, RoughnessClass.B.gd(), 5);
        SurfaceShape pothole = new SurfaceShape(ShapeKind.POTHOLE, 100, 0.6, 0, 1, -0.05, 1);
        double[] speeds = {15, 25, 40, 60};
        double[] peaks = new double[speeds.length];
        for (int i = 0; i < speeds.length; i++) {
            double base = peak(rough, null, speeds[i]);
            peaks[i] = peak(rough, pothole, speeds[i]);
            assertThat(peaks[i]).as("peak at %s km/h vs rough road alone", speeds[i]).isGreaterThan(3 * base);
        }
        assertThat(peaks[1]).isGreaterThan(1.2 * peaks[0]);
        assertThat(peaks[2]).isGreaterThan(1.2 * peaks[1]);
        assertThat(peaks[3]).isGreaterThan(0.8 * peaks[2]);
        assertThat(peaks[3]).isGreaterThan(5.0); // > 0.5 g at 60 km/h into a 5 cm pothole
    }

    @Test
    void deeperPotholesShakeHarder() {
        float[] flat = new float[(int) (200 / ProfileSynthesizer.DX)];
        double previous = 0;
        for (double depth : new double[] {0.02, 0.05, 0.10}) {
            double p = peak(flat, new SurfaceShape(ShapeKind.POTHOLE, 100, 0.8, 0, 1, -depth, 1), 40);
            assertThat(p).isGreaterThan(previous * 1.5);
            previous = p;
        }
    }

    /** Peak |body acceleration| of a patrol car driving 60-140 m at constant speed. */
    private static double peak(float[] profile, SurfaceShape shape, double kmh) {
        QuarterCar car = new QuarterCar(QuarterCarParameters.PATROL_CAR, DT);
        double v = kmh / 3.6;
        double s = 60;
        car.settle(profile[(int) (s / ProfileSynthesizer.DX)]);
        double peak = 0;
        while (s < 140) {
            s += v * DT;
            int i = (int) (s / ProfileSynthesizer.DX);
            double z = profile[i];
            if (shape != null) {
                double sum = 0;
                for (int k = 0; k < 5; k++) sum += shape.height(s - 0.1 + 0.05 * k);
                z += sum / 5;
            }
            car.step(z);
            if (s > 80) peak = Math.max(peak, Math.abs(car.sprungAcceleration()));
        }
        return peak;
    }
}
