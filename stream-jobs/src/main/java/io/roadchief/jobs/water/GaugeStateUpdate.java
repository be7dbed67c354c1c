package io.roadchief.jobs.water;

/** The latest computed state of one gauge, upserted into {@code gauge_state}. */
public record GaugeStateUpdate(String gaugeId, long atMs, int levelMm, float smoothedMm, float riseMmMin,
                               String riskLevel, Integer etaNextS, String health) {}
