package io.roadchief.ingest.validation;

import java.io.Serializable;

/**
 * What the ingest accepts. Defaults suit a city fleet around Hangzhou; each can be overridden in
 * roadchief.properties (keys in parentheses).
 *
 * @param maxMessageBytes      larger payloads are refused unread (ingest.maxMessageBytes, 262144)
 * @param maxFutureSkewMs      device time may run this far ahead of the receive time (ingest.maxFutureSkewMs, 300000 = 5 min)
 * @param maxAgeMs             device time may lag this far behind (ingest.maxAgeMs, 30 days: offline units upload late)
 * @param maxAbsAccG           accelerometer full scale, g (ingest.maxAbsAccG, 16)
 * @param maxSpeedKmh          fastest plausible vehicle (ingest.maxSpeedKmh, 200)
 * @param minSampleRateHz      slowest accelerometer accepted (ingest.minSampleRateHz, 50)
 * @param maxSampleRateHz      fastest accelerometer accepted (ingest.maxSampleRateHz, 400)
 * @param minLat               service area, degrees (ingest.area.minLat ... maxLon)
 * @param defaultGaugeRangeMm  gauge range when the gauge table does not say (ingest.defaultGaugeRangeMm, 10000)
 * @param dedupWindow          how many recent sequence numbers per device are remembered for duplicate detection
 *                             (ingest.dedupWindow, 16384 = 4.5 h at one message per second); older repeats are
 *                             still absorbed by the database's primary keys
 */
public record IngestRules(int maxMessageBytes, long maxFutureSkewMs, long maxAgeMs, double maxAbsAccG,
                          double maxSpeedKmh, int minSampleRateHz, int maxSampleRateHz,
                          double minLat, double maxLat, double minLon, double maxLon,
                          int defaultGaugeRangeMm, int dedupWindow) implements Serializable {

    public static IngestRules defaults() {
        return new IngestRules(256 * 1024, 5 * 60_000L, 30L * 24 * 3600_000L, 16.0, 200.0, 50, 400,
                29.8, 30.7, 119.5, 120.8, 10_000, 16_384);
    }

    public boolean inServiceArea(double lat, double lon) {
        return lat >= minLat && lat <= maxLat && lon >= minLon && lon <= maxLon;
    }
}
