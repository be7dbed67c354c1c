package io.roadchief.ingest.telemetry;

/**
 * The landing row of an accepted IMU batch (table vehicle_batch): a summary plus the envelope bytes
 * as received, kept for replay and re-processing.
 */
public record VehicleLanding(String deviceId, long seq, long deviceTimeMs, long receivedAtMs, int sampleRateHz,
                             int sampleCount, int fixCount, Double lat, Double lon, Float speedKmh, byte[] payload) {}
