package io.roadchief.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * What one benchmark run does.
 *
 * @param rates              offered vehicle batches per second, one step each, rising
 * @param stepSeconds        how long each step offers its rate, s
 * @param warmupSeconds      traffic at the first rate before measuring (JIT, connection pools), s
 * @param steadyFraction     share of a step at its start that is excluded from the sustained-rate and latency window
 * @param gaugeShare         gauge readings per vehicle batch (0.02: 200 readings/s at 10 000 batches/s)
 * @param gaugeIntervalS     how often each gauge reports in the run, s (storm mode: every few seconds)
 * @param publishers         MQTT publishing connections (threads) that share the offered rate
 * @param parallelism        Flink parallelism of RoadChief's job
 * @param checkpointMs       Flink checkpoint interval (also when the MQTT acks are released), ms
 * @param baseline           also run the naive baseline on the same traffic
 * @param stopAfterSaturation stop a system's series after its first step that does not keep up
 * @param outDir             where the Markdown table and the PNG plot go
 * @param profile            record a JFR CPU profile of each RoadChief step and summarise the heaviest one
 * @param probeVehicles      simulated vehicles driving a registered network with planted defects (ticket latency); 0: none
 * @param settleSeconds      wait after the last RoadChief step for tickets and alerts that wait for watermarks
 * @param landingOnly        run only RoadChief's ingest and landing (no pavement or water analytics), to separate their costs
 * @param dbUrl              an empty PostgreSQL database to use; null: a fresh one on the machine's PostgreSQL
 */
public record BenchSettings(List<Integer> rates, int stepSeconds, int warmupSeconds, double steadyFraction,
                            double gaugeShare, int gaugeIntervalS, int publishers, int parallelism, long checkpointMs,
                            boolean baseline, boolean stopAfterSaturation, Path outDir, boolean profile, int probeVehicles, int settleSeconds, boolean landingOnly,
                            String dbUrl, String dbUser, String dbPassword) {

    /** A step keeps up when it sustains at least this share of the offered rate (and its backlog does not grow). */
    public static final double KEEP_UP_SHARE = 0.95;
    /** Samples per vehicle batch: one second of 100 Hz vertical acceleration. */
    public static final int SAMPLES_PER_BATCH = 100;

    public int maxRate() {
        return rates.stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** Gauges reporting in a step of the given vehicle rate (each reports every gaugeIntervalS). */
    public int gaugesFor(int rate) {
        return Math.max(1, (int) Math.round(rate * gaugeShare * gaugeIntervalS));
    }
}
