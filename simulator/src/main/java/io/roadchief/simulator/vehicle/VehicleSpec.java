package io.roadchief.simulator.vehicle;

import io.roadchief.schema.v1.VehicleClass;
import io.roadchief.simulator.Seeds;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One simulated vehicle unit: its class, quarter car, and the imperfections of its sensors.
 *
 * @param accNoiseMs2     white noise of the accelerometer, m/s^2 (1 sigma)
 * @param accBiasMs2      mounting bias left after gravity removal (tilted mount), m/s^2
 * @param engineHz        engine/drivetrain vibration frequency, Hz
 * @param engineAmpMs2    its amplitude, m/s^2
 * @param clockOffsetMs   unit clock minus true time, ms
 * @param clockDriftPpm   unit clock rate error, parts per million
 * @param gpsErrorRmsM    RMS horizontal GPS error, m
 * @param gpsTauS         correlation time of the GPS error (Gauss-Markov), s
 * @param camera          whether the unit carries a camera detector
 * @param latencyMs       typical network latency from assembly to broker, ms
 */
public record VehicleSpec(int index, String deviceId, VehicleClass vehicleClass, QuarterCarParameters quarterCar,
                          int sampleRateHz, int gpsRateHz, int accLsbUg, double accNoiseMs2, double accBiasMs2,
                          double engineHz, double engineAmpMs2, double clockOffsetMs, double clockDriftPpm,
                          double gpsErrorRmsM, double gpsTauS, boolean camera, int latencyMs,
                          double cruiseMinKmh, double cruiseMaxKmh) {

    /** The class a fleet index gets: bus, sanitation truck, patrol car, in turn. */
    public static VehicleClass classOf(int index) {
        return switch (index % 3) {
            case 0 -> VehicleClass.BUS;
            case 1 -> VehicleClass.SANITATION_TRUCK;
            default -> VehicleClass.PATROL_CAR;
        };
    }

    /** The table name of a class, as device.vehicle_class spells it. */
    public static String sqlClass(VehicleClass c) {
        return switch (c) {
            case BUS -> "bus";
            case SANITATION_TRUCK -> "sanitation_truck";
            case PATROL_CAR -> "patrol_car";
            default -> "unspecified";
        };
    }

    /**
     * The unit at fleet index {@code index}, drawn from its own random stream.
     *
     * @param gpsMinM lower end of the per-unit RMS GPS error, m
     * @param gpsMaxM upper end
     */
    public static VehicleSpec of(long seed, int index, double gpsMinM, double gpsMaxM, boolean cameraOnPatrolCars) {
        SplittableRandom r = Seeds.random(seed, "vehicle-spec", index);
        VehicleClass c = classOf(index);
        String prefix = switch (c) { case BUS -> "bus"; case SANITATION_TRUCK -> "san"; default -> "patrol"; };
        String id = String.format(Locale.ROOT, "%s-%04d", prefix, index / 3 + 1);
        int rate, gpsHz, lsb;
        double minKmh, maxKmh;
        switch (c) {
            case BUS -> { rate = 100; gpsHz = 1; lsb = 1000; minKmh = 20; maxKmh = 45; }
            case SANITATION_TRUCK -> { rate = 50; gpsHz = 1; lsb = 1000; minKmh = 15; maxKmh = 35; }
            default -> { rate = 200; gpsHz = 10; lsb = 500; minKmh = 30; maxKmh = 60; }
        }
        // a fifth of the units run another rate than their class's usual one
        if (r.nextDouble() < 0.2) rate = new int[] {50, 100, 200}[r.nextInt(3)];
        if (r.nextDouble() < 0.2) gpsHz = new int[] {1, 5, 10}[r.nextInt(3)];
        // scale the body mass by load (+-15 %) so no two units respond identically
        QuarterCarParameters base = QuarterCarParameters.of(c);
        double load = Seeds.uniform(r, 0.85, 1.15);
        QuarterCarParameters qc = new QuarterCarParameters(base.sprungKg() * load, base.unsprungKg(),
                base.suspensionNPerM(), base.dampingNsPerM(), base.tyreNPerM());
        double noise = Seeds.uniform(r, 0.02, 0.06);
        double bias = Seeds.uniform(r, -0.15, 0.15);
        double engineHz = Seeds.uniform(r, 18, 30);
        double engineAmp = Seeds.uniform(r, 0.02, 0.08);
        // every unit's clock is off by a few hundred ms to a couple of seconds, either way
        double skew = (r.nextBoolean() ? 1 : -1) * Seeds.uniform(r, 200, 2000);
        double drift = Seeds.uniform(r, -20, 20);
        double gpsRms = Seeds.uniform(r, gpsMinM, gpsMaxM);
        double tau = Seeds.uniform(r, 20, 60);
        int latency = (int) Seeds.uniform(r, 30, 400);
        boolean camera = cameraOnPatrolCars && c == VehicleClass.PATROL_CAR;
        return new VehicleSpec(index, id, c, qc, rate, gpsHz, lsb, noise, bias, engineHz, engineAmp, skew, drift,
                gpsRms, tau, camera, latency, minKmh, maxKmh);
    }
}
