package io.roadchief.jobs.water;

import io.roadchief.jobs.sink.JdbcTarget;

import java.io.Serializable;
import java.time.Duration;

/**
 * Settings of the water pipeline.
 *
 * @param database          where the gauge catalog is read and alerts/gauge_state are written
 * @param brokerUrl         MQTT broker for alert push (roadchief/v1/alerts/water/{gaugeId}); null: no push
 * @param wallClockOffline  also detect offline gauges by wall-clock (processing-time) timers, which
 *                          fire even when no data at all arrives and the watermark stalls
 * @param catalogRefresh    least time between catalog reloads when an unknown gauge reports
 * @param alertMaxDelay     longest an alert waits in the sink's batch before it is written
 */
public record WaterConfig(JdbcTarget database, String brokerUrl, boolean wallClockOffline, Duration catalogRefresh,
                          Duration alertMaxDelay) implements Serializable {

    public static WaterConfig defaults(JdbcTarget database, String brokerUrl) {
        return new WaterConfig(database, brokerUrl, true, Duration.ofMinutes(1), Duration.ofMillis(20));
    }

    public WaterConfig withWallClockOffline(boolean on) {
        return new WaterConfig(database, brokerUrl, on, catalogRefresh, alertMaxDelay);
    }
}
