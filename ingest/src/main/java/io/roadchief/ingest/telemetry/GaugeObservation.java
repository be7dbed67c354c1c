package io.roadchief.ingest.telemetry;

/**
 * A validated, de-duplicated water-level reading.
 *
 * @param gaugeId      gauge id
 * @param seq          device sequence number
 * @param deviceTimeMs device time of the reading, epoch ms (event time)
 * @param receivedAtMs when RoadChief received it, epoch ms
 * @param levelMm      water level above the gauge datum, mm
 * @param rainfallMm   rainfall since the previous reading, mm; null when the gauge has no rain gauge
 * @param batteryMv    battery voltage, mV; null when mains powered
 * @param intervalS    configured reporting interval, s
 */
public record GaugeObservation(String gaugeId, long seq, long deviceTimeMs, long receivedAtMs,
                               int levelMm, Float rainfallMm, Integer batteryMv, int intervalS) {}
