package io.roadchief.ingest.telemetry;

/**
 * A validated, de-duplicated second of vehicle motion, in physical units. GPS fixes are parallel
 * arrays (one entry per fix) rather than objects, to keep the hot path free of small allocations.
 *
 * @param deviceId          vehicle id
 * @param seq               device sequence number (idempotency key with deviceId)
 * @param deviceTimeMs      envelope device time, epoch ms (event time)
 * @param receivedAtMs      when RoadChief received it, epoch ms
 * @param vehicleClass      "bus" | "sanitation_truck" | "patrol_car" | "unspecified"
 * @param sampleRateHz      accelerometer sample rate, Hz
 * @param firstSampleTimeMs device time of accZ[0], epoch ms
 * @param accZ              vertical acceleration, gravity removed, m/s^2, positive up
 * @param fixTimeMs         device time of each GPS fix, epoch ms
 * @param lat               latitude of each fix, degrees
 * @param lon               longitude of each fix, degrees
 * @param speedMs           ground speed at each fix, m/s
 * @param headingDeg        course over ground at each fix, degrees clockwise from north
 * @param accuracyM         estimated horizontal accuracy of each fix, m (0 = unknown)
 */
public record VehicleBatch(
        String deviceId, long seq, long deviceTimeMs, long receivedAtMs, String vehicleClass,
        int sampleRateHz, long firstSampleTimeMs, float[] accZ,
        long[] fixTimeMs, double[] lat, double[] lon, float[] speedMs, float[] headingDeg, float[] accuracyM) {

    public int fixCount() {
        return fixTimeMs.length;
    }

    /** Device time of acceleration sample i, epoch ms. */
    public double sampleTimeMs(int i) {
        return firstSampleTimeMs + i * 1000.0 / sampleRateHz;
    }
}
