package io.roadchief.jobs.pavement;

import io.roadchief.ingest.telemetry.CameraCandidate;
import io.roadchief.ingest.telemetry.VehicleBatch;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-vehicle logic of the pavement pipeline, free of Flink so it can be tested and run offline:
 * batches (in device-time order) are map-matched, every acceleration sample is placed on the road by
 * dead reckoning from the latest matched fix, band-passed and appended to the current segment pass; when
 * the vehicle leaves the segment (or goes quiet) the pass is closed: IRI estimated, defect events
 * detected, suppressed near registered features, classified, fused with this vehicle's camera candidates.
 */
public final class VehicleTracker {
    /** Output of the tracker. */
    public interface Output {
        void pass(SegmentPass pass);

        void detection(DefectDetection detection);

        /** Clean stretches of lane driven over (repair verification); none by default. */
        default void coverage(LaneCoverage c) {}

        /** Diagnostics: every closed pass with its samples. */
        default void closedPass(PassSamples samples, SegmentPass pass) {}

        /** Diagnostics: every acceleration event, also the suppressed ones. */
        default void event(PassSamples samples, AccEvent e, boolean suppressed) {}
    }

    /** A gap in the samples longer than this restarts the ride-band filter (its transient would look like an event), ms. */
    static final long FILTER_RESET_GAP_MS = 1_500;
    /** Samples this long after the latest fix are still placed by dead reckoning; later ones wait for a fix, ms. */
    static final long DEAD_RECKONING_MAX_MS = 3_000;
    /** A pass shorter than this many samples is not reported (a clipped corner). */
    static final int MIN_PASS_SAMPLES = 10;
    /** Seconds of the neighbouring passes a pass's defect detection sees on each side. */
    static final double CONTEXT_S = DefectDetector.LOCAL_S + DefectDetector.POST_S + 0.5;
    /** Camera candidates are placed on the vehicle's road when within this distance of it, m. */
    static final double CAMERA_ROAD_RADIUS_M = 15.0;

    private final RoadNetwork network;
    private final PavementConfig cfg;
    private final MapMatcher matcher;
    /** Counters for logs/metrics. */
    public long lateBatches, suppressedEvents, offNetworkSamples;

    public VehicleTracker(RoadNetwork network, PavementConfig cfg) {
        this.network = network;
        this.cfg = cfg;
        this.matcher = new MapMatcher(network, cfg);
    }

    public RoadNetwork network() { return network; }

    public void onBatch(VehicleState s, VehicleBatch b, Output out) {
        if (s.deviceId == null) s.deviceId = b.deviceId();
        if (b.vehicleClass() != null) s.vehicleClass = b.vehicleClass();
        int n = b.accZ().length;
        if (n > 0 && s.lastSampleMs != Long.MIN_VALUE && b.sampleTimeMs(n - 1) <= s.lastSampleMs) {
            lateBatches++;
            return;
        }
        double fs = b.sampleRateHz();
        boolean gap = s.lastSampleMs == Long.MIN_VALUE || b.firstSampleTimeMs() - s.lastSampleMs > FILTER_RESET_GAP_MS;
        if (gap || s.filterRateHz != fs) {
            if (s.pass != null && (s.lastSampleMs == Long.MIN_VALUE || b.firstSampleTimeMs() - s.lastSampleMs > cfg.passIdleGapMs || s.filterRateHz != fs)) {
                closePass(s, out);
            }
            s.filter = new double[RideBand.STATE_SIZE];
            s.filterRateHz = fs;
        }
        // Match every fix of the batch.
        int fixes = b.fixCount();
        MapMatcher.Match[] matches = new MapMatcher.Match[fixes];
        for (int j = 0; j < fixes; j++) {
            matches[j] = matcher.update(s.track, b.fixTimeMs()[j], b.lat()[j], b.lon()[j], b.speedMs()[j], b.headingDeg()[j]);
        }
        MapMatcher.Match current = s.hasMatch ? new MapMatcher.Match(network.road(s.matchRoadId), s.matchChainageM,
                s.matchDirection, s.matchSpeedMs, s.matchTimeMs) : null;
        RideBand band = new RideBand(fs);
        int j = 0;
        for (int i = 0; i < n; i++) {
            double t = b.sampleTimeMs(i);
            while (j < fixes && b.fixTimeMs()[j] <= t) current = matches[j++];
            // Before the batch's first fix with nothing earlier: extrapolate back from that fix.
            MapMatcher.Match m = current != null ? current : j < fixes ? matches[j] : null;
            double y = band.step(b.accZ()[i], s.filter);
            long tMs = (long) Math.floor(t);
            s.lastSampleMs = tMs;
            if (m == null || m.road() == null || Math.abs(t - m.timeMs()) > DEAD_RECKONING_MAX_MS) {
                offNetworkSamples++;
                if (s.pass != null) closePass(s, out);
                continue;
            }
            double chainage = m.chainageAt(t);
            RoadNetwork.Segment seg = m.road().segmentAt(chainage);
            if (s.pass != null && (!s.pass.segmentId.equals(seg.id()) || s.pass.direction != m.direction())) closePass(s, out);
            if (s.pass == null) s.pass = new PassSamples(seg.id(), seg.roadId(), s.vehicleClass, m.direction(), fs);
            s.pass.add(tMs, y, m.speedMs(), chainage);
        }
        // Remember the latest fix's match for the next batch (none when the vehicle left the network).
        if (fixes > 0) {
            MapMatcher.Match last = matches[fixes - 1];
            s.hasMatch = last != null;
            if (last != null) {
                s.matchRoadId = last.road().def.roadId();
                s.matchChainageM = last.chainageM();
                s.matchDirection = last.direction();
                s.matchSpeedMs = last.speedMs();
                s.matchTimeMs = last.timeMs();
            }
        }
    }

    /** A camera candidate of this vehicle, placed on the road the vehicle is on (or the nearest one). */
    public void onCamera(VehicleState s, CameraCandidate c, Output out) {
        VehicleState.PendingCamera p = new VehicleState.PendingCamera();
        p.timeMs = c.timeMs();
        p.lat = c.lat();
        p.lon = c.lon();
        p.defectType = c.defectType();
        p.confidence = c.confidence();
        p.lengthMm = c.lengthMm();
        p.depthMm = c.depthMm();
        double[] on = null;
        if (s.track.roadId != null) {
            RoadNetwork.Road road = network.road(s.track.roadId);
            on = network.projectOnRoad(road, c.lat(), c.lon(), CAMERA_ROAD_RADIUS_M);
            if (on != null) p.roadId = road.def.roadId();
        }
        if (on == null) {
            RoadNetwork.Segment seg = network.nearest(c.lat(), c.lon(), CAMERA_ROAD_RADIUS_M);
            if (seg == null) return;
            on = network.projectOnRoad(network.roadOf(seg), c.lat(), c.lon(), CAMERA_ROAD_RADIUS_M);
            if (on == null) return;
            p.roadId = seg.roadId();
        }
        p.chainageM = on[0];
        p.direction = p.roadId.equals(s.track.roadId) ? s.track.direction : 1;
        VehicleState.PendingCamera[] cams = java.util.Arrays.copyOf(s.cameras, s.cameras.length + 1);
        cams[cams.length - 1] = p;
        s.cameras = cams;
    }

    /** Ends the pass in progress if the vehicle has been silent for the idle gap. */
    public void onIdle(VehicleState s, long nowMs, Output out) {
        if (s.lastSampleMs != Long.MIN_VALUE && nowMs - s.lastSampleMs >= cfg.passIdleGapMs) {
            if (s.pass != null) closePass(s, out);
            detectAwaiting(s, null, out);
            s.contextTail = null;
            expireCameras(s, null, nowMs, out);
        }
    }

    /** Ends everything (end of a recording). */
    public void finish(VehicleState s, Output out) {
        if (s.pass != null) closePass(s, out);
        detectAwaiting(s, null, out);
        s.contextTail = null;
        expireCameras(s, null, Long.MAX_VALUE, out);
    }

    /**
     * Ends the pass in progress: its roughness is reported now; its defects are looked for when the next
     * pass has started (or the vehicle stops or leaves the road), so that events near the segment's ends are
     * judged with the road on both sides of them (a rough stretch starting right after a segment boundary
     * must not look like a defect against the smooth segment before it).
     */
    void closePass(VehicleState s, Output out) {
        PassSamples p = s.pass;
        s.pass = null;
        if (p == null || p.n < MIN_PASS_SAMPLES) return;
        RoadNetwork.Segment seg = network.segment(p.segmentId);
        double v = p.meanSpeedMs();
        Double iri = IriEstimator.estimate(p, s.vehicleClass, seg.geomLengthM, cfg);
        SegmentPass sp = new SegmentPass(p.segmentId, s.deviceId, p.timeMs[0], p.timeMs[p.n - 1], s.vehicleClass,
                v * 3.6, iri == null ? null : Math.round(iri * 1000) / 1000.0, p.n);
        out.pass(sp);
        out.closedPass(p, sp);
        boolean continues = s.awaitingDetection != null && s.awaitingDetection.roadId.equals(p.roadId)
                && s.awaitingDetection.direction == p.direction && p.timeMs[0] - s.awaitingDetection.timeMs[s.awaitingDetection.n - 1] < FILTER_RESET_GAP_MS;
        detectAwaiting(s, continues ? p : null, out);
        s.awaitingDetection = p;
    }

    /** Runs defect detection on the pass awaiting it, with the previous pass's tail and (if given) the next pass's head as context. */
    void detectAwaiting(VehicleState s, PassSamples next, Output out) {
        PassSamples p = s.awaitingDetection;
        if (p == null) return;
        s.awaitingDetection = null;
        PassSamples prev = s.contextTail;
        s.contextTail = PassSamples.tail(p, CONTEXT_S);
        if (prev != null && !(prev.roadId.equals(p.roadId) && prev.direction == p.direction
                && p.timeMs[0] - prev.timeMs[prev.n - 1] < FILTER_RESET_GAP_MS)) prev = null;
        PassSamples joined = PassSamples.join(prev, p, next == null ? null : PassSamples.head(next, CONTEXT_S));
        int from = prev == null ? 0 : prev.n, to = from + p.n;
        RoadNetwork.Road road = network.road(p.roadId);
        List<Double> felt = new ArrayList<>();
        for (AccEvent e : DefectDetector.detect(joined, cfg)) {
            if (e.startIndex() < from || e.startIndex() >= to) continue; // the neighbouring pass reports its own
            felt.add(e.chainageM());
            boolean suppressed = road.isNearFeature(e.chainageM(), cfg);
            out.event(p, e, suppressed);
            if (suppressed) {
                suppressedEvents++;
                continue;
            }
            DefectClassifier.Classification c = DefectClassifier.classify(e, s.vehicleClass);
            String type = c.type().code, source = "accelerometer";
            int depth = c.depthMm();
            double length = c.lengthM(), confidence = c.confidence();
            VehicleState.PendingCamera cam = closestCamera(s, p.roadId, e.chainageM(), e.timeMs());
            if (cam != null) {
                cam.fused = true;
                source = "fused";
                // The camera sees the type; the accelerometer feels the depth. Size from the camera when it measured one.
                if (cam.confidence >= 0.5) type = DefectKind.fromCode(cam.defectType).code;
                if (cam.depthMm != 0) depth = cam.depthMm;
                if (cam.lengthMm != 0) length = cam.lengthMm / 1000.0;
                confidence = 1 - (1 - confidence) * (1 - cam.confidence);
            }
            Severity sev = Severity.of(DefectKind.fromCode(type), depth);
            double[] ll = network.latLonAt(road, e.chainageM());
            out.detection(new DefectDetection(s.deviceId, e.timeMs(), road.segmentAt(e.chainageM()).id(), p.roadId,
                    p.direction, round2(e.chainageM()), ll[0], ll[1], type, sev.code, round3(confidence), source, round2(e.speedMs() * 3.6),
                    round3(e.peakAbs() / 9.80665), depth, round2(length), null));
        }
        emitCoverage(s, p, felt, out);
        expireCameras(s, p.roadId, p.chainageM[p.n - 1], p.timeMs[p.n - 1], p.direction, out);
    }

    /** Margin kept clear of a pass's ends and of every event it felt when reporting clean lane, m. */
    static final double COVERAGE_MARGIN_M = 5.0;

    /**
     * Reports the stretches of this pass where the vehicle, at detection speed, felt nothing: the pass's
     * extent less a margin at its ends and less the cluster radius around every event it did feel.
     */
    private void emitCoverage(VehicleState s, PassSamples p, List<Double> felt, Output out) {
        if (p.meanSpeedMs() * 3.6 < cfg.minDetectSpeedKmh) return;
        double lo = Math.min(p.chainageM[0], p.chainageM[p.n - 1]) + COVERAGE_MARGIN_M;
        double hi = Math.max(p.chainageM[0], p.chainageM[p.n - 1]) - COVERAGE_MARGIN_M;
        felt.sort(Double::compare);
        double a = lo;
        for (double c : felt) {
            double b = c - cfg.clusterRadiusM;
            if (b - a > 1) out.coverage(new LaneCoverage(s.deviceId, p.roadId, p.direction, a, Math.min(b, hi), p.timeMs[0], p.timeMs[p.n - 1]));
            a = Math.max(a, c + cfg.clusterRadiusM);
        }
        if (hi - a > 1) out.coverage(new LaneCoverage(s.deviceId, p.roadId, p.direction, a, hi, p.timeMs[0], p.timeMs[p.n - 1]));
    }

    private VehicleState.PendingCamera closestCamera(VehicleState s, String roadId, double chainage, long timeMs) {
        VehicleState.PendingCamera best = null;
        double bd = cfg.cameraFuseDistanceM;
        for (VehicleState.PendingCamera c : s.cameras) {
            if (c.fused || !roadId.equals(c.roadId) || Math.abs(c.timeMs - timeMs) > cfg.cameraFuseTimeMs) continue;
            double d = Math.abs(c.chainageM - chainage);
            if (d <= bd) { bd = d; best = c; }
        }
        return best;
    }

    private void expireCameras(VehicleState s, String roadId, long nowMs, Output out) {
        expireCameras(s, roadId, Double.NaN, nowMs, 0, out);
    }

    /**
     * Candidates the vehicle has passed (or that are too old) leave the waiting list: fused ones silently,
     * unfused confident ones as camera-only detections (cracks and ruts barely shake a car).
     */
    private void expireCameras(VehicleState s, String roadId, double chainage, long nowMs, int direction, Output out) {
        if (s.cameras.length == 0) return;
        List<VehicleState.PendingCamera> keep = new ArrayList<>();
        for (VehicleState.PendingCamera c : s.cameras) {
            boolean passed = roadId != null && roadId.equals(c.roadId) && !Double.isNaN(chainage)
                    && (c.chainageM - chainage) * direction < -cfg.cameraFuseDistanceM;
            boolean old = nowMs - c.timeMs > 4 * cfg.cameraFuseTimeMs;
            if (!passed && !old && !c.fused) { keep.add(c); continue; }
            if (c.fused || c.confidence < cfg.cameraOnlyMinConfidence) continue;
            RoadNetwork.Road road = network.road(c.roadId);
            if (road.isNearFeature(c.chainageM, cfg)) { suppressedEvents++; continue; }
            DefectKind kind = DefectKind.fromCode(c.defectType);
            Severity sev = Severity.of(kind, c.depthMm);
            out.detection(new DefectDetection(s.deviceId, c.timeMs, road.segmentAt(c.chainageM).id(), c.roadId,
                    c.direction, round2(c.chainageM), c.lat, c.lon, kind.code, sev.code, round3(c.confidence), "camera", 0, 0,
                    c.depthMm, c.lengthMm / 1000.0, null));
        }
        s.cameras = keep.toArray(new VehicleState.PendingCamera[0]);
    }

    static double round2(double v) { return Math.round(v * 100) / 100.0; }
    static double round3(double v) { return Math.round(v * 1000) / 1000.0; }
}
