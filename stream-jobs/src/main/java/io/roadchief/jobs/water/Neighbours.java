package io.roadchief.jobs.water;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which gauges are neighbours: the {@link WaterThresholds#NEIGHBOURS_MAX} nearest within
 * {@link WaterThresholds#NEIGHBOUR_RADIUS_M}, from the catalog's positions. Computed once per gauge
 * and catalog.
 */
final class Neighbours {
    private static final double EARTH_RADIUS_M = 6_371_000;
    private final Map<String, GaugeConfig> catalog;
    private final Map<String, List<String>> cache = new HashMap<>();

    Neighbours(Map<String, GaugeConfig> catalog) {
        this.catalog = catalog;
    }

    List<String> of(String gaugeId) {
        return cache.computeIfAbsent(gaugeId, this::compute);
    }

    private List<String> compute(String gaugeId) {
        GaugeConfig self = catalog.get(gaugeId);
        if (self == null) return List.of(); // unknown position: no neighbours
        record Near(String id, double m) {}
        List<Near> near = new ArrayList<>();
        for (GaugeConfig g : catalog.values()) {
            if (g.gaugeId().equals(gaugeId)) continue;
            double m = distanceM(self.lat(), self.lon(), g.lat(), g.lon());
            if (m <= WaterThresholds.NEIGHBOUR_RADIUS_M) near.add(new Near(g.gaugeId(), m));
        }
        near.sort(Comparator.comparingDouble(Near::m).thenComparing(Near::id));
        return near.stream().limit(WaterThresholds.NEIGHBOURS_MAX).map(Near::id).toList();
    }

    /** Equirectangular distance: exact enough over a few kilometres. */
    static double distanceM(double lat1, double lon1, double lat2, double lon2) {
        double x = Math.toRadians(lon2 - lon1) * Math.cos(Math.toRadians((lat1 + lat2) / 2));
        double y = Math.toRadians(lat2 - lat1);
        return Math.hypot(x, y) * EARTH_RADIUS_M;
    }
}
