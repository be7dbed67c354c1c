package io.roadchief.jobs.pavement;

import io.roadchief.ingest.telemetry.VehicleBatch;

import java.util.ArrayList;
import java.util.List;

/**
 * Offline classification of one recorded trace (any unit, no road network needed): the samples are
 * band-passed exactly as in the live pipeline, cut into fixed windows, and each window gets the live
 * pipeline's roughness estimate and the defect events that start in it, classified by the same rules.
 * Defect detection runs over the whole trace, so an event on a window edge is judged with the road on both
 * sides and reported once.
 */
public final class TraceWindows {
    private TraceWindows() {}

    /** A classified event in a window. */
    public record Event(long timeMs, String type, String severity, int depthMm, double peakG, double speedKmh) {}

    /**
     * One window.
     *
     * @param speedKmh mean GPS speed, NaN when the trace has no speed
     * @param iriMKm   IRI estimate, null when too slow / no speed / too few samples
     */
    public record Window(long startMs, long endMs, int samples, double speedKmh, double rmsMs2, Double iriMKm, List<Event> events) {}

    /**
     * @param batches      one unit's batches in time order (as TelemetryRecords makes them from envelopes)
     * @param windowS      window length, s
     * @param vehicleClass calibration to use ("bus", "sanitation_truck", "patrol_car", "unspecified")
     */
    public static List<Window> classify(List<VehicleBatch> batches, double windowS, String vehicleClass, PavementConfig cfg) {
        // 1. One continuous, band-passed signal with speed per sample and distance travelled.
        List<long[]> times = new ArrayList<>();
        PassSamples all = null;
        double fs = 0, dist = 0;
        double[] filter = new double[RideBand.STATE_SIZE];
        long lastT = Long.MIN_VALUE;
        float lastSpeed = Float.NaN;
        RideBand band = null;
        for (VehicleBatch b : batches) {
            if (all == null) {
                fs = b.sampleRateHz();
                all = new PassSamples("trace", "trace", vehicleClass, 1, fs);
                band = new RideBand(fs);
            }
            if (b.sampleRateHz() != fs) continue; // one rate per trace (TraceCsvReader guarantees it)
            int j = 0;
            for (int i = 0; i < b.accZ().length; i++) {
                double t = b.sampleTimeMs(i);
                while (j < b.fixCount() && b.fixTimeMs()[j] <= t) lastSpeed = b.speedMs()[j++];
                if (Float.isNaN(lastSpeed) && b.fixCount() > 0) lastSpeed = b.speedMs()[0];
                long tm = (long) Math.floor(t);
                if (lastT != Long.MIN_VALUE && tm - lastT > VehicleTracker.FILTER_RESET_GAP_MS) filter = new double[RideBand.STATE_SIZE];
                if (lastT != Long.MIN_VALUE && !Float.isNaN(lastSpeed)) dist += lastSpeed * (tm - lastT) / 1000.0;
                lastT = tm;
                all.add(tm, band.step(b.accZ()[i], filter), Float.isNaN(lastSpeed) ? Float.NaN : lastSpeed, dist);
            }
        }
        List<Window> out = new ArrayList<>();
        if (all == null || all.n == 0) return out;
        boolean hasSpeed = !Float.isNaN(all.speedMs[all.n - 1]);
        // 2. Events over the whole trace (without speed: assume a city speed for the thresholds, no speed filter).
        PassSamples forDetect = all;
        if (!hasSpeed) {
            forDetect = new PassSamples("trace", "trace", vehicleClass, 1, fs);
            for (int i = 0; i < all.n; i++) forDetect.add(all.timeMs[i], all.acc[i], ASSUMED_SPEED_MS, i / fs * ASSUMED_SPEED_MS);
        }
        List<AccEvent> events = DefectDetector.detect(forDetect.acc, forDetect.n, fs, forDetect.timeMs, forDetect.speedMs,
                forDetect.chainageM, 1, hasSpeed ? cfg.minDetectSpeedKmh : 0);
        // 3. Windows.
        int w = Math.max(1, (int) Math.round(windowS * fs));
        for (int from = 0; from < all.n; from += w) {
            int to = Math.min(all.n, from + w);
            PassSamples p = PassSamples.slice(all, from, to);
            double speed = hasSpeed ? p.meanSpeedMs() : Double.NaN;
            Double iri = hasSpeed ? IriEstimator.estimate(p, vehicleClass, Math.max(p.coveredM(), 1), cfg) : null;
            List<Event> evs = new ArrayList<>();
            for (AccEvent e : events) {
                if (e.startIndex() < from || e.startIndex() >= to) continue;
                DefectClassifier.Classification c = DefectClassifier.classify(e, vehicleClass);
                evs.add(new Event(e.timeMs(), c.type().code, c.severity().code, c.depthMm(), e.peakAbs() / 9.80665,
                        hasSpeed ? e.speedMs() * 3.6 : Double.NaN));
            }
            out.add(new Window(p.timeMs[0], p.timeMs[p.n - 1], p.n, hasSpeed ? speed * 3.6 : Double.NaN,
                    IriEstimator.robustRms(p.acc, p.n, fs), iri, evs));
        }
        return out;
    }

    /** Speed assumed for thresholds and depth estimates when a trace has no speed, m/s (36 km/h). */
    public static final float ASSUMED_SPEED_MS = 10f;
}
