package io.roadchief.jobs.pavement;

import java.util.Map;

/**
 * Names an acceleration event's defect type and estimates its size, per vehicle class (a bus and a car
 * feel the same pothole differently). The rules read the event's shape:
 * <ul>
 *   <li>the wheel drops first: a dip. Mostly low-frequency and not violent: subsidence (沉陷); otherwise a
 *       pothole (坑槽). A sunken manhole cover feels like a pothole of its size; the camera tells them apart;</li>
 *   <li>the wheel rises first: a hump. A sharp, strong kick is a raised manhole-cover edge (井盖); a softer
 *       one is shoving (拥包);</li>
 *   <li>cracks (龟裂) and ruts (车辙) barely move a body-mounted accelerometer: they come from the camera.</li>
 * </ul>
 * Thresholds and the depth models were fitted on simulated events of each planted type (seed 7): the
 * rise-first rule separates bumps from raised covers ~0.9 of the time; pothole depth error is ~15 mm
 * (the tyre bridges short holes), cover and subsidence depth ~2-3 mm.
 */
public final class DefectClassifier {
    /** Dips with at least this low-frequency energy share and a peak below the cap are subsidence. */
    static final double SUBSIDENCE_MIN_LOW_SHARE = 0.55, SUBSIDENCE_MAX_PEAK_MS2 = 8.0;

    /** Per class: rise-first events with an upward peak at least this (m/s^2) are raised manhole covers. */
    static final Map<String, Double> COVER_MIN_RISE_MS2 = Map.of(
            "bus", 5.9, "sanitation_truck", 5.1, "patrol_car", 6.6, "unspecified", 6.6);

    /** Depth model |depth| (m) = exp(c0) * peak^c1 * speed^c2 (peak m/s^2, speed m/s), per class and family. */
    record DepthModel(double c0, double c1, double c2) {
        int mm(double peak, double speed) {
            return (int) Math.round(1000 * Math.exp(c0) * Math.pow(peak, c1) * Math.pow(Math.max(speed, 1.0), c2));
        }
    }

    static final Map<String, DepthModel> POTHOLE_DEPTH = Map.of(
            "bus", new DepthModel(-3.041, 0.677, -0.623),
            "sanitation_truck", new DepthModel(-4.889, 0.738, 0.149),
            "patrol_car", new DepthModel(-4.384, 0.868, -0.269),
            "unspecified", new DepthModel(-4.384, 0.868, -0.269));
    static final Map<String, DepthModel> SUBSIDENCE_DEPTH = Map.of(
            "bus", new DepthModel(-3.116, 0.387, -0.2),
            "sanitation_truck", new DepthModel(-3.656, 0.518, -0.149),
            "patrol_car", new DepthModel(-2.771, 0.342, -0.325),
            "unspecified", new DepthModel(-2.771, 0.342, -0.325));
    static final Map<String, DepthModel> HUMP_DEPTH = Map.of(
            "bus", new DepthModel(-3.827, 0.65, -0.382),
            "sanitation_truck", new DepthModel(-4.269, 0.51, -0.086),
            "patrol_car", new DepthModel(-3.867, 0.652, -0.387),
            "unspecified", new DepthModel(-3.867, 0.652, -0.387));

    private DefectClassifier() {}

    /** A classified event. depthMm: negative for dips, positive for humps. */
    public record Classification(DefectKind type, int depthMm, double lengthM, double confidence) {
        public Severity severity() { return Severity.of(type, depthMm); }
    }

    private static <T> T of(Map<String, T> m, String vehicleClass) {
        T v = vehicleClass == null ? null : m.get(vehicleClass);
        return v != null ? v : m.get("unspecified");
    }

    public static Classification classify(AccEvent e, String vehicleClass) {
        double peak = e.peakAbs(), v = e.speedMs();
        double margin = peak / e.threshold();
        double confidence = Math.min(0.9, 0.4 + 0.1 * margin);
        if (e.dipFirst()) {
            if (e.lowFreqShare() >= SUBSIDENCE_MIN_LOW_SHARE && peak < SUBSIDENCE_MAX_PEAK_MS2) {
                return new Classification(DefectKind.SUBSIDENCE, -of(SUBSIDENCE_DEPTH, vehicleClass).mm(peak, v),
                        Math.max(e.lengthM(), 2.0), confidence);
            }
            return new Classification(DefectKind.POTHOLE, -of(POTHOLE_DEPTH, vehicleClass).mm(peak, v),
                    Math.min(e.lengthM(), 2.0), confidence);
        }
        int height = of(HUMP_DEPTH, vehicleClass).mm(peak, v);
        if (e.peakPos() >= of(COVER_MIN_RISE_MS2, vehicleClass)) {
            return new Classification(DefectKind.MANHOLE, height, 0.7, confidence);
        }
        return new Classification(DefectKind.BUMP, height, Math.min(Math.max(e.lengthM(), 0.5), 3.0), confidence);
    }
}
