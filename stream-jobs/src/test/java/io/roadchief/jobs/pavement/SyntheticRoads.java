package io.roadchief.jobs.pavement;

import io.roadchief.ingest.telemetry.VehicleBatch;
import io.roadchief.simulator.vehicle.QuarterCar;
import io.roadchief.simulator.vehicle.QuarterCarParameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;

/**
 * Test helper: straight east-west roads near Hangzhou and a vehicle driving one of them over a given
 * elevation profile with the simulator's quarter car, producing the VehicleBatches a unit would send.
 */
final class SyntheticRoads {
    static final double LAT0 = 30.26, LON0 = 120.13;
    static final double M_PER_DEG_LAT = 111_195.08, M_PER_DEG_LON = M_PER_DEG_LAT * Math.cos(Math.toRadians(LAT0));

    private SyntheticRoads() {}

    static double lat(double northM) { return LAT0 + northM / M_PER_DEG_LAT; }
    static double lon(double eastM) { return LON0 + eastM / M_PER_DEG_LON; }

    /** Road {@code id} running east from x = 0 at y = northM, {@code n} segments of 100 m. */
    static void road(String id, String nameZh, String nameEn, double northM, int n,
                     List<RoadNetwork.RoadDef> roads, List<RoadNetwork.SegmentDef> segs) {
        roads.add(new RoadNetwork.RoadDef(id, nameZh, nameEn, "XH"));
        for (int i = 0; i < n; i++) {
            segs.add(new RoadNetwork.SegmentDef(String.format("%s.%03d", id, i + 1), id, i + 1, "XH", 100,
                    new double[][]{{lon(i * 100.0), lat(northM)}, {lon((i + 1) * 100.0), lat(northM)}}));
        }
    }

    /** Two parallel roads 30 m apart (Wensan Rd at y = 0, a service road at y = 30), 1 km each. */
    static RoadNetwork parallelRoads(List<RoadNetwork.FeatureDef> features) {
        List<RoadNetwork.RoadDef> roads = new ArrayList<>();
        List<RoadNetwork.SegmentDef> segs = new ArrayList<>();
        road("WS", "文三路", "Wensan Rd", 0, 10, roads, segs);
        road("WSF", "文三路辅路", "Wensan Rd service road", 30, 10, roads, segs);
        return RoadNetwork.of(roads, segs, features);
    }

    /**
     * A drive east along y = northM (+ GPS error) from x0 to x1 at a constant speed, 100 Hz accelerometer,
     * 10 Hz GPS, one batch per second. GPS error is first-order Gauss-Markov (30 s) with the given RMS.
     *
     * @param profile elevation (m) as a function of x (m)
     */
    static List<VehicleBatch> drive(String deviceId, String vehicleClass, QuarterCarParameters car, double northM,
                                    double x0, double x1, double speedMs, DoubleUnaryOperator profile, double gpsRmsM,
                                    long startMs, long seed) {
        Random r = new Random(seed);
        int fs = 100, gpsHz = 10, sub = 10;
        double dt = 1.0 / fs / sub;
        QuarterCar qc = new QuarterCar(car, dt);
        qc.settle(profile.applyAsDouble(x0));
        double sigma = gpsRmsM / Math.sqrt(2), phi = Math.exp(-1.0 / gpsHz / 30), q = sigma * Math.sqrt(1 - phi * phi);
        double ex = sigma * r.nextGaussian(), ey = sigma * r.nextGaussian();
        List<VehicleBatch> out = new ArrayList<>();
        double x = x0;
        long seq = 0;
        long t = startMs;
        while (x < x1) {
            float[] acc = new float[fs];
            int fixes = gpsHz;
            long[] ft = new long[fixes];
            double[] la = new double[fixes], lo = new double[fixes];
            float[] sp = new float[fixes], hd = new float[fixes], ac = new float[fixes];
            for (int i = 0; i < fs; i++) {
                if (i % (fs / gpsHz) == 0) {
                    int k = i / (fs / gpsHz);
                    ex = phi * ex + q * r.nextGaussian();
                    ey = phi * ey + q * r.nextGaussian();
                    ft[k] = t + i * 1000L / fs;
                    la[k] = lat(northM + ey);
                    lo[k] = lon(x + ex);
                    sp[k] = (float) speedMs;
                    hd[k] = 90f;
                    ac[k] = (float) gpsRmsM;
                }
                double sum = 0;
                for (int s = 0; s < sub; s++) {
                    x += speedMs * dt;
                    qc.step(profile.applyAsDouble(x));
                    sum += qc.sprungAcceleration();
                }
                acc[i] = (float) (sum / sub + 0.03 * r.nextGaussian());
            }
            out.add(new VehicleBatch(deviceId, ++seq, t + 1000, t + 1100, vehicleClass, fs, t, acc, ft, la, lo, sp, hd, ac));
            t += 1000;
        }
        return out;
    }

    /** Runs batches through a tracker and collects its output. */
    static List<Object> track(VehicleTracker tracker, List<VehicleBatch> batches) {
        List<Object> out = new ArrayList<>();
        VehicleState s = new VehicleState();
        VehicleTracker.Output o = new VehicleTracker.Output() {
            @Override public void pass(SegmentPass p) { out.add(p); }

            @Override public void detection(DefectDetection d) { out.add(d); }
        };
        for (VehicleBatch b : batches) tracker.onBatch(s, b, o);
        tracker.finish(s, o);
        return out;
    }

    /** A smooth random road (ISO 8608 class A-ish) as a sum of sinusoids, deterministic by seed, m. */
    static DoubleUnaryOperator smoothRoad(long seed, double amplitudeScale) {
        Random r = new Random(seed);
        int n = 60;
        double[] k = new double[n], a = new double[n], ph = new double[n];
        for (int i = 0; i < n; i++) {
            double wavelength = 0.5 + 49.5 * Math.pow(r.nextDouble(), 2); // 0.5 - 50 m
            k[i] = 2 * Math.PI / wavelength;
            a[i] = amplitudeScale * 0.0004 * wavelength; // displacement ~ wavelength: w = 2 spectrum
            ph[i] = 2 * Math.PI * r.nextDouble();
        }
        return x -> {
            double z = 0;
            for (int i = 0; i < n; i++) z += a[i] * Math.sin(k[i] * x + ph[i]);
            return z;
        };
    }
}
