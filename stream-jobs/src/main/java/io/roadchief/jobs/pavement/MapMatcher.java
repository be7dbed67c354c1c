package io.roadchief.jobs.pavement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches GPS fixes to road segments, one vehicle at a time, as an online Viterbi filter over roads:
 * every road near the fix gets an emission cost (distance / GPS sigma)^2 from its best heading-compatible
 * segment, and staying on the road the vehicle was on is free while changing road costs
 * {@link PavementConfig#roadChangePenalty}. This keeps a vehicle on its own carriageway when a parallel
 * road 30 m away is momentarily closer to a bad fix, and still follows it through a turn (after a turn the
 * old road is rejected by heading within a fix or two).
 *
 * <p>Along the chosen road the position is filtered: dead reckoning with GPS speed between fixes, nudged
 * toward each fix's projection with a gain that grows with the time since the previous fix. The result is a
 * chainage (distance from the road's start) that is steadier than any single fix, which is what locates
 * defects across passes to a few metres.
 */
public final class MapMatcher {
    /** Time constant of the along-road position filter, s (longer: smoother, slower to correct). */
    static final double ALONG_TAU_S = 2.0;
    /** A fix that disagrees with the filtered position by more than this resets it, m. */
    static final double ALONG_RESET_M = 30.0;
    /** After this long without a fix the vehicle's track is forgotten, ms. */
    static final long TRACK_TIMEOUT_MS = 10_000;
    /** Fixes may run past a segment's ends by this much and still match it (the next segment covers the rest), m. */
    static final double END_SLACK_M = 5.0;

    private final RoadNetwork network;
    private final PavementConfig cfg;

    public MapMatcher(RoadNetwork network, PavementConfig cfg) {
        this.network = network;
        this.cfg = cfg;
    }

    /** Where a fix puts the vehicle: road, filtered chainage and direction of travel (+1 with the road's digitised direction). */
    public record Match(RoadNetwork.Road road, double chainageM, int direction, double speedMs, long timeMs) {
        public RoadNetwork.Segment segment() { return road.segmentAt(chainageM); }

        /** Chainage at another time, by dead reckoning from this fix. */
        public double chainageAt(double tMs) {
            return chainageM + direction * speedMs * (tMs - timeMs) / 1000.0;
        }
    }

    /** Per-vehicle state (a Flink POJO: public fields, no-arg constructor). */
    public static final class Track {
        public String roadId;
        public double chainageM;
        public int direction = 1;
        public long lastFixMs = Long.MIN_VALUE;
        public String[] scoreRoads = new String[0];
        public double[] scores = new double[0];
    }

    private record Candidate(RoadNetwork.Segment seg, double cost, double alongM, int direction) {}

    /** Advances the track by one fix; returns null when no road is near (off the network). */
    public Match update(Track t, long timeMs, double lat, double lon, double speedMs, double headingDeg) {
        if (t.lastFixMs != Long.MIN_VALUE && timeMs - t.lastFixMs > TRACK_TIMEOUT_MS) {
            t.roadId = null;
            t.scoreRoads = new String[0];
            t.scores = new double[0];
        }
        double x = network.plane().x(lon), y = network.plane().y(lat);
        boolean headingKnown = speedMs >= cfg.headingMinSpeedMs && !Double.isNaN(headingDeg);
        double sigma2 = cfg.gpsSigmaM * cfg.gpsSigmaM;
        Map<String, Candidate> bestPerRoad = new HashMap<>();
        for (RoadNetwork.Segment s : network.near(x, y, cfg.matchRadiusM)) {
            Geometry2d.Projection p = Geometry2d.project(s.line, x, y);
            if (p.distanceM() > cfg.matchRadiusM) continue;
            if (p.alongM() < -END_SLACK_M || p.alongM() > s.geomLengthM + END_SLACK_M) continue;
            int dir;
            if (headingKnown) {
                double diff = Geometry2d.bearingDiff(headingDeg, p.bearingDeg());
                dir = diff <= 90 ? 1 : -1;
                if (Math.min(diff, 180 - diff) > cfg.maxHeadingDiffDeg) continue;
            } else {
                dir = s.roadId().equals(t.roadId) ? t.direction : 1;
            }
            double cost = p.distanceM() * p.distanceM() / sigma2;
            Candidate c = new Candidate(s, cost, p.alongM(), dir);
            bestPerRoad.merge(s.roadId(), c, (a, b) -> a.cost <= b.cost ? a : b);
        }
        // Viterbi step over roads: previous best score (or best-other + change penalty) + this emission.
        double missCost = cfg.matchRadiusM * cfg.matchRadiusM / sigma2;
        double prevMin = Double.POSITIVE_INFINITY;
        Map<String, Double> prev = new HashMap<>();
        for (int i = 0; i < t.scoreRoads.length; i++) {
            prev.put(t.scoreRoads[i], t.scores[i]);
            prevMin = Math.min(prevMin, t.scores[i]);
        }
        if (prev.isEmpty()) prevMin = 0;
        List<String> roads = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        String bestRoad = null;
        double bestScore = Double.POSITIVE_INFINITY;
        for (Candidate c : bestPerRoad.values()) {
            Double p = prev.get(c.seg.roadId());
            double from = Math.min(p == null ? Double.POSITIVE_INFINITY : p, prevMin + cfg.roadChangePenalty);
            double score = from + c.cost;
            roads.add(c.seg.roadId());
            scores.add(score);
            if (score < bestScore || score == bestScore && c.seg.roadId().compareTo(bestRoad) < 0) {
                bestScore = score;
                bestRoad = c.seg.roadId();
            }
        }
        // Roads no longer near keep a penalised score for a while (GPS outliers), then drop out.
        for (Map.Entry<String, Double> e : prev.entrySet()) {
            if (bestPerRoad.containsKey(e.getKey())) continue;
            double s = e.getValue() + missCost;
            if (s - prevMin < 3 * missCost) {
                roads.add(e.getKey());
                scores.add(s);
            }
        }
        // Normalise so scores stay small numbers.
        double min = scores.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        t.scoreRoads = roads.toArray(new String[0]);
        t.scores = scores.stream().mapToDouble(d -> d - min).toArray();
        if (bestRoad == null) {
            t.lastFixMs = timeMs;
            t.roadId = null;
            return null;
        }
        Candidate c = bestPerRoad.get(bestRoad);
        RoadNetwork.Road road = network.roadOf(c.seg);
        double measured = c.seg.startChainageM + c.alongM;
        double chainage;
        if (bestRoad.equals(t.roadId) && t.lastFixMs != Long.MIN_VALUE) {
            double dt = (timeMs - t.lastFixMs) / 1000.0;
            double predicted = t.chainageM + c.direction * speedMs * dt;
            double gain = 1 - Math.exp(-Math.max(dt, 0) / ALONG_TAU_S);
            chainage = Math.abs(measured - predicted) > ALONG_RESET_M ? measured : predicted + gain * (measured - predicted);
        } else {
            chainage = measured;
        }
        t.roadId = bestRoad;
        t.chainageM = chainage;
        t.direction = c.direction;
        t.lastFixMs = timeMs;
        return new Match(road, chainage, c.direction, speedMs, timeMs);
    }
}
