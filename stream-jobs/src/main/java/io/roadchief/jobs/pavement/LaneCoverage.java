package io.roadchief.jobs.pavement;

/**
 * A stretch of one lane that a vehicle drove over fast enough for its accelerometer to feel a defect, and
 * where it felt none: the evidence that verifies a repair there.
 *
 * @param direction travel direction along the road (the lane)
 * @param fromM     start chainage (the smaller), m
 * @param toM       end chainage, m
 */
public record LaneCoverage(String deviceId, String roadId, int direction, double fromM, double toM, long startMs, long endMs) {}
