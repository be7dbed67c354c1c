package io.roadchief.jobs.pavement;

import io.roadchief.schema.RepairSla;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Cross-pass clustering and confirmation for one road, free of Flink. Detections must come in a
 * deterministic order (the Flink operator sorts them by event time); then a replay gives the same
 * defects, ids and tickets.
 *
 * <ul>
 *   <li>A detection joins the nearest defect on the same road and in the same lane (direction) within {@link PavementConfig#clusterRadiusM}
 *       of its mean chainage; otherwise it founds a new defect (the anchor). Ids derive from the anchor:
 *       road, stake and the founding detection's device and time, so they are stable across replays.</li>
 *   <li>Type is the weighted majority of the detections' types; severity comes from the median depth.</li>
 *   <li>The defect is confirmed, and its ticket opened, when {@link PavementConfig#vehiclesToConfirm} distinct
 *       vehicles have seen it; the deadline is {@link RepairSla} from the confirming detection's time.
 *       Later detections are evidence on the same ticket.</li>
 * </ul>
 */
public final class DefectClusterer {
    /** Weight of a detection's type vote by source: the camera sees type better than the accelerometer feels it. */
    static final double VOTE_ACCEL = 1.0, VOTE_FUSED = 4.0, VOTE_CAMERA = 3.0;
    /** Distinct vehicles remembered per defect (enough for any confirmation rule). */
    static final int MAX_VEHICLES = 32;
    /** Depth estimates remembered per defect. */
    static final int MAX_DEPTHS = 64;

    private final RoadNetwork network;
    private final PavementConfig cfg;

    public DefectClusterer(RoadNetwork network, PavementConfig cfg) {
        this.network = network;
        this.cfg = cfg;
    }

    /** Nearest cluster within the radius, or null. */
    public DefectCluster nearest(List<DefectCluster> clusters, int direction, double chainageM) {
        DefectCluster best = null;
        double bd = Double.POSITIVE_INFINITY;
        for (DefectCluster c : clusters) {
            if (c.direction != direction) continue;
            double d = Math.abs(c.chainageM - chainageM);
            double radius = "confirmed".equals(c.status) ? cfg.confirmedClusterRadiusM : cfg.clusterRadiusM;
            if (d <= radius && d < bd) { bd = d; best = c; }
        }
        return best;
    }

    /**
     * Folds unconfirmed defects of the same lane whose position has come within the cluster radius of
     * {@code c} into it (early detections with large GPS error can found a second cluster for one defect;
     * as evidence accumulates the two converge). Absorbed clusters are removed from {@code lane} and returned.
     */
    public List<DefectCluster> absorbNeighbours(DefectCluster c, List<DefectCluster> lane) {
        List<DefectCluster> absorbed = new java.util.ArrayList<>();
        for (DefectCluster o : lane) {
            if (o == c || o.direction != c.direction || !"candidate".equals(o.status)) continue;
            if (Math.abs(o.chainageM - c.chainageM) > cfg.clusterRadiusM) continue;
            c.chainageM = (c.chainageM * c.detectionCount + o.chainageM * o.detectionCount) / (c.detectionCount + o.detectionCount);
            c.detectionCount += o.detectionCount;
            c.firstSeenMs = Math.min(c.firstSeenMs, o.firstSeenMs);
            c.lastSeenMs = Math.max(c.lastSeenMs, o.lastSeenMs);
            for (String v : o.vehicles) {
                if (!Arrays.asList(c.vehicles).contains(v) && c.vehicles.length < MAX_VEHICLES) {
                    c.vehicles = Arrays.copyOf(c.vehicles, c.vehicles.length + 1);
                    c.vehicles[c.vehicles.length - 1] = v;
                }
            }
            for (int k = 0; k < c.typeVotes.length; k++) c.typeVotes[k] += o.typeVotes[k];
            int[] depths = Arrays.copyOf(c.depthsMm, Math.min(MAX_DEPTHS, c.depthsMm.length + o.depthsMm.length));
            System.arraycopy(o.depthsMm, 0, depths, c.depthsMm.length, depths.length - c.depthsMm.length);
            c.depthsMm = depths;
            c.cameraSeen |= o.cameraSeen;
            absorbed.add(o);
        }
        lane.removeAll(absorbed);
        return absorbed;
    }

    /** Creates a cluster founded by this detection. */
    public DefectCluster found(DefectDetection d) {
        DefectCluster c = new DefectCluster();
        String suffix = d.roadId() + "-" + TicketTitles.stake(d.chainageM()).replace("+", "")
                + "-" + Long.toString(Math.abs((d.deviceId() + "@" + d.detectedAtMs()).hashCode() & 0xffffffffL), 36);
        c.defectId = "DF-" + suffix;
        c.ticketId = "TK-" + suffix;
        c.roadId = d.roadId();
        c.direction = d.direction();
        c.anchorChainageM = d.chainageM();
        c.chainageM = d.chainageM();
        c.firstSeenMs = d.detectedAtMs();
        return c;
    }

    /** Adds a detection to its cluster and returns the resulting defect (and ticket) state. */
    public DefectUpdate add(DefectCluster c, DefectDetection d) {
        return add(c, d, null);
    }

    /**
     * Adds a detection to its cluster, folds converged unconfirmed neighbours from {@code lane} into it (when
     * given; see {@link #absorbNeighbours}), and returns the resulting defect (and ticket) state.
     */
    public DefectUpdate add(DefectCluster c, DefectDetection d, List<DefectCluster> lane) {
        boolean newVehicle = !Arrays.asList(c.vehicles).contains(d.deviceId());
        c.chainageM = (c.chainageM * c.detectionCount + d.chainageM()) / (c.detectionCount + 1);
        c.detectionCount++;
        c.lastSeenMs = Math.max(c.lastSeenMs, d.detectedAtMs());
        c.firstSeenMs = Math.min(c.firstSeenMs, d.detectedAtMs());
        if (newVehicle && c.vehicles.length < MAX_VEHICLES) {
            c.vehicles = Arrays.copyOf(c.vehicles, c.vehicles.length + 1);
            c.vehicles[c.vehicles.length - 1] = d.deviceId();
        }
        if (!"accelerometer".equals(d.source())) c.cameraSeen = true;
        DefectKind kind = DefectKind.fromCode(d.defectType());
        c.typeVotes[kind.ordinal()] += switch (d.source()) {
            case "fused" -> VOTE_FUSED;
            case "camera" -> VOTE_CAMERA;
            default -> VOTE_ACCEL;
        };
        if (c.depthsMm.length < MAX_DEPTHS && d.depthMmEst() != 0) {
            c.depthsMm = Arrays.copyOf(c.depthsMm, c.depthsMm.length + 1);
            c.depthsMm[c.depthsMm.length - 1] = d.depthMmEst();
        }
        if (lane != null) absorbNeighbours(c, lane);
        int best = 0;
        for (int k = 1; k < c.typeVotes.length; k++) if (c.typeVotes[k] > c.typeVotes[best]) best = k;
        DefectKind type = DefectKind.values()[best];
        c.defectType = type.code;
        c.severity = Severity.of(type, medianAbs(c.depthsMm)).code;
        RoadNetwork.Road road = network.road(c.roadId);
        RoadNetwork.Segment seg = road.segmentAt(c.chainageM);
        c.segmentId = seg.id();
        double[] ll = network.latLonAt(road, c.chainageM);
        c.lat = ll[0];
        c.lon = ll[1];

        boolean opened = false;
        if ("candidate".equals(c.status) && c.vehicles.length >= cfg.vehiclesToConfirm(Severity.fromCode(c.severity), c.cameraSeen)) {
            c.status = "confirmed";
            c.confirmedAtMs = d.detectedAtMs();
            c.ticketSeverity = c.severity;
            opened = true;
        }
        DefectUpdate.Ticket ticket = null;
        if ("confirmed".equals(c.status)) {
            c.evidenceCount = opened ? 1 : c.evidenceCount + 1;
            Severity sev = Severity.fromCode(c.ticketSeverity);
            boolean severe = sev == Severity.SEVERE;
            Instant confirmed = Instant.ofEpochMilli(c.confirmedAtMs);
            ticket = new DefectUpdate.Ticket(c.ticketId, seg.id(), road.def.nameZh(), road.def.nameEn(),
                    seg.def.districtCode(), c.lat, c.lon, c.defectType, c.ticketSeverity,
                    TicketTitles.zh(sev, road.def.nameZh(), DefectKind.fromCode(c.defectType), c.chainageM),
                    TicketTitles.en(sev, road.def.nameEn(), DefectKind.fromCode(c.defectType), c.chainageM),
                    c.confirmedAtMs, RepairSla.dueAt(confirmed, severe).toEpochMilli(),
                    RepairSla.warnAt(confirmed, severe).toEpochMilli(), c.evidenceCount);
        }
        return new DefectUpdate(c.defectId, c.segmentId, c.roadId, c.direction, c.chainageM, c.lat, c.lon, c.defectType, c.severity,
                c.firstSeenMs, c.lastSeenMs, c.detectionCount, c.vehicles.length, c.status, ticket, opened);
    }

    static int medianAbs(int[] v) {
        if (v.length == 0) return 0;
        int[] a = new int[v.length];
        for (int i = 0; i < v.length; i++) a[i] = Math.abs(v[i]);
        Arrays.sort(a);
        return a[a.length / 2];
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
