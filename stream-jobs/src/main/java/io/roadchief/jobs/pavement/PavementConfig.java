package io.roadchief.jobs.pavement;

import io.roadchief.jobs.sink.JdbcTarget;

import java.io.Serializable;

/**
 * Every tunable rule and threshold of the pavement pipeline, in one place. Defaults are the values the
 * evaluation (docs/results/pavement-evaluation.md) was run with; a city changes them here, never in the
 * operators. Fields are public and mutable only so a job or a test can override them before submission;
 * the operators receive a serialized copy.
 */
public final class PavementConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Where segment_pass, defect_detection, defect, ticket and ticket_event rows go; null: no database sinks. */
    public JdbcTarget database;

    /** Where operators load the road network from; null: the database above. */
    public NetworkSource network;
    /** Assign device-time timestamps and watermarks in attach() (set false when the caller already did). */
    public boolean assignWatermarks = true;
    /** Camera input with nothing to say for this long stops holding back the watermark, ms. */
    public long cameraIdleMs = 10_000;

    // ---- event time ----
    /** Bounded out-of-orderness of device time the pipeline waits for, ms: unit clocks disagree by seconds, plus network latency and re-sends. */
    public long maxOutOfOrdernessMs = 10_000;
    /** A vehicle silent for this long ends its current pass (tunnel, parked, switched off), ms. */
    public long passIdleGapMs = 5_000;

    // ---- map matching ----
    /** Candidate segments are searched within this radius of a fix, m (GPS error 3-8 m, 1 sigma). */
    public double matchRadiusM = 25.0;
    /** Reject a segment whose bearing differs from the vehicle course by more than this (either direction of travel), deg. */
    public double maxHeadingDiffDeg = 40.0;
    /** Below this speed the GPS course is noise and is not used for matching, m/s. */
    public double headingMinSpeedMs = 2.0;
    /** GPS error (1 sigma) assumed by the matching cost, m. */
    public double gpsSigmaM = 6.0;
    /** Matching cost added for leaving the previous road for one that is not its continuation (in sigma^2 units). */
    public double roadChangePenalty = 6.0;
    /** Weight of a new GPS fix in the along-road position filter (1 = trust the fix, 0 = dead reckoning only). */
    public double alongRoadGain = 0.15;

    // ---- roughness ----
    /** No IRI estimate below this mean pass speed, km/h (the sprung response is too weak to read). */
    public double minIriSpeedKmh = 15.0;
    /** No IRI estimate from fewer samples than this. */
    public int minIriSamples = 100;
    /** No IRI estimate when the pass covered less than this share of the segment length. */
    public double minIriCoverage = 0.6;

    // ---- defect detection (Pothole Patrol-style filters) ----
    /** No accelerometer detection below this speed, km/h (speed filter). */
    public double minDetectSpeedKmh = 12.0;
    /** Registered features (speed bumps, joints, level manhole covers) suppress detections within this distance along the road, m. */
    public double featureSuppressM = 12.0;
    /** ... and speed bumps within this distance, m: they shake hardest, and GPS along-road error persists for tens of seconds. */
    public double speedBumpSuppressM = 20.0;
    /** A camera candidate fuses with an accelerometer event of the same vehicle within this distance, m. */
    public double cameraFuseDistanceM = 8.0;
    /** ... and within this time, ms. */
    public long cameraFuseTimeMs = 3_000;
    /** A camera candidate alone (no acceleration event) becomes a detection only at this confidence or above. */
    public double cameraOnlyMinConfidence = 0.6;

    // ---- clustering and confirmation ----
    /**
     * Detections within this distance along the same road and direction are one defect, m. GPS error is
     * correlated over tens of seconds (a whole pass shares one offset), so passes disagree by several metres.
     */
    public double clusterRadiusM = 15.0;
    /**
     * A confirmed defect (one with a ticket) collects detections from this far, m: a second ticket for the
     * same defect costs a crew a trip, a missed neighbour this close is found by the crew at the first one.
     */
    public double confirmedClusterRadiusM = 25.0;
    /** A defect never confirmed and not seen for this long is forgotten (keeps per-road state bounded), days. */
    public int candidateExpiryDays = 30;
    /** Independent vehicles needed to confirm a defect (and open its ticket). */
    public int confirmVehicles = 2;
    /** Independent vehicles needed to confirm a severe defect. */
    public int confirmVehiclesSevere = 1;
    /**
     * A single vehicle confirms a severe defect only when its camera saw it too: accelerometer depth alone is
     * good to ~15 mm for potholes (the tyre bridges short holes), too loose to open a 24 h ticket on one pass.
     */
    public boolean severeSingleNeedsCamera = true;

    public NetworkSource networkSource() {
        if (network != null) return network;
        if (database == null) throw new IllegalStateException("PavementConfig needs a database or a network source");
        network = NetworkSource.database(database);
        return network;
    }

    public static PavementConfig defaults() {
        return new PavementConfig();
    }

    public PavementConfig withDatabase(JdbcTarget target) {
        this.database = target;
        return this;
    }

    /** The confirmation rule: how many distinct vehicles a defect of this severity needs. */
    public int vehiclesToConfirm(Severity severity, boolean cameraSawIt) {
        if (severity != Severity.SEVERE) return confirmVehicles;
        return severeSingleNeedsCamera && !cameraSawIt ? Math.max(confirmVehiclesSevere, confirmVehicles) : confirmVehiclesSevere;
    }
}
