package io.roadchief.launcher;

import io.roadchief.jobs.JobSettings;
import io.roadchief.jobs.TelemetryJob;

/** Attaches the analytics (pavement, waterlogging) to the ingest streams of the job graph. */
final class Analytics {
    private Analytics() {}

    static void attach(TelemetryJob.Streams streams, JobSettings settings) {
        // pavement and water pipelines are attached here as they land
    }
}
