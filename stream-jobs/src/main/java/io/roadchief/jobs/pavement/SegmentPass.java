package io.roadchief.jobs.pavement;

/**
 * One vehicle's pass over one segment: a row of segment_pass.
 *
 * @param iriMKm IRI estimate, m/km; null when the pass was too slow or too short to judge
 */
public record SegmentPass(String segmentId, String deviceId, long passStartMs, long passEndMs, String vehicleClass,
                          double meanSpeedKmh, Double iriMKm, int sampleCount) {}
