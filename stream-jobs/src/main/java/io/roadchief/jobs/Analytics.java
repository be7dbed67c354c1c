package io.roadchief.jobs;

/**
 * Attaches the analytics (pavement: passes, IRI, defects, tickets; waterlogging: risk levels,
 * alerts) to the ingest streams. One place, so the demo, the standalone job and the benchmark run
 * the same graph.
 */
public final class Analytics {
    private Analytics() {}

    public static void attach(TelemetryJob.Streams streams, JobSettings settings) {
        // pavement and water pipelines are attached here as they land
    }
}
