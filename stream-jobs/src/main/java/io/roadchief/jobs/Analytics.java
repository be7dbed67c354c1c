package io.roadchief.jobs;

import io.roadchief.jobs.pavement.PavementConfig;
import io.roadchief.jobs.pavement.PavementPipeline;
import io.roadchief.jobs.water.WaterConfig;
import io.roadchief.jobs.water.WaterPipeline;

/**
 * Attaches the analytics (pavement: passes, IRI, defects, tickets; waterlogging: risk levels,
 * alerts) to the ingest streams. One place, so the demo, the standalone job and the benchmark run
 * the same graph.
 */
public final class Analytics {
    private Analytics() {}

    public static void attach(TelemetryJob.Streams streams, JobSettings settings) {
        PavementConfig pavement = PavementConfig.defaults().withDatabase(settings.database());
        pavement.assignWatermarks = false; // TelemetryJob already gives the streams device-time watermarks
        PavementPipeline.attach(streams.vehicles(), streams.cameras(), pavement);
        WaterPipeline.attach(streams.gauges(), WaterConfig.defaults(settings.database(), settings.brokerUrl()));
    }
}
