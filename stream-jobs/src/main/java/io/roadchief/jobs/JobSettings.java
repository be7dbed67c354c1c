package io.roadchief.jobs;

import io.roadchief.ingest.validation.IngestRules;
import io.roadchief.jobs.sink.JdbcTarget;

import java.io.Serializable;
import java.time.Duration;

/**
 * Settings of the telemetry job.
 *
 * @param database          where rows go
 * @param ingestRules       what ingest accepts
 * @param lateness          bounded out-of-orderness of device time (event-time watermarks lag this much)
 * @param deviceRefresh     how often the device registry snapshot is reloaded
 * @param brokerUrl         MQTT broker for outbound alerts (may be null: no MQTT push)
 */
public record JobSettings(JdbcTarget database, IngestRules ingestRules, Duration lateness, Duration deviceRefresh,
                          String brokerUrl) implements Serializable {

    public static JobSettings defaults(JdbcTarget database, String brokerUrl) {
        return new JobSettings(database, IngestRules.defaults(), Duration.ofSeconds(30), Duration.ofSeconds(5), brokerUrl);
    }
}
