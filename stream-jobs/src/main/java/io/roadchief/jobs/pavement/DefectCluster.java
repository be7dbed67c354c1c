package io.roadchief.jobs.pavement;

/** One defect as the clustering step remembers it (Flink keyed state, a POJO). */
public final class DefectCluster {
    public String defectId;
    public String ticketId;
    public String roadId;
    /** Lane: travel direction along the road. */
    public int direction;
    public String segmentId;
    /** Mean chainage of its detections, m; the anchor (first detection) fixes the ids. */
    public double chainageM;
    public double anchorChainageM;
    public double lat, lon;
    /** Detections per DefectKind ordinal, weighted (fused/camera count more for type). */
    public double[] typeVotes = new double[DefectKind.values().length];
    /** Depth estimates (absolute, mm) of the detections, for a robust severity. */
    public int[] depthsMm = new int[0];
    public String defectType;
    public String severity;
    public long firstSeenMs, lastSeenMs;
    public int detectionCount;
    public String[] vehicles = new String[0];
    /** "candidate" | "confirmed" */
    public String status = "candidate";
    public long confirmedAtMs;
    /** Severity the ticket was opened with (fixes its deadline). */
    public String ticketSeverity;
    public int evidenceCount;
    /** Whether any detection came from (or was fused with) a camera. */
    public boolean cameraSeen;
}
