package io.roadchief.jobs.pavement;

/**
 * Everything the pipeline remembers about one vehicle between its batches (Flink keyed state; a POJO).
 */
public final class VehicleState {
    public String deviceId;
    public String vehicleClass = "unspecified";
    public MapMatcher.Track track = new MapMatcher.Track();
    /** Ride-band filter state and the sample rate it was built for. */
    public double[] filter = new double[RideBand.STATE_SIZE];
    public double filterRateHz;
    public long lastSampleMs = Long.MIN_VALUE;
    /** The latest matched fix: samples after it are placed by dead reckoning from it. */
    public boolean hasMatch;
    public String matchRoadId;
    public double matchChainageM;
    public int matchDirection;
    public double matchSpeedMs;
    public long matchTimeMs;
    /** The pass in progress, or null. */
    public PassSamples pass;
    /** The last closed pass, whose defects are looked for once the next pass gives context after it. */
    public PassSamples awaitingDetection;
    /** The end of the pass before that, as context before it. */
    public PassSamples contextTail;
    /** Camera candidates waiting for the vehicle to reach (and pass) their spot. */
    public PendingCamera[] cameras = new PendingCamera[0];

    /** A camera candidate located on a road. */
    public static final class PendingCamera {
        public long timeMs;
        public String roadId;
        public double chainageM;
        public int direction;
        public double lat, lon;
        public String defectType;
        public double confidence;
        public int lengthMm, depthMm;
        public boolean fused;
    }
}
