package io.roadchief.jobs.water;

import io.roadchief.ingest.telemetry.GaugeObservation;
import io.roadchief.jobs.sink.PostgresBatchSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

import java.sql.Timestamp;
import java.sql.Types;

/**
 * The waterlogging part of the job graph: gauge observations (event-timed, as TelemetryJob.build
 * hands them over: timestamps = device time, bounded-out-of-orderness watermarks) ->
 * {@link RisingNeighboursFunction} (all gauges, one subtask) -> {@link WaterRiskFunction} keyed by
 * gauge -> gauge_state upserts, alert rows, MQTT alert push.
 */
public final class WaterPipeline {
    private WaterPipeline() {}

    /** The pipeline's outputs, for callers that want to add sinks (e.g. the service's live feed). */
    public record Outputs(DataStream<GaugeStateUpdate> states, DataStream<WaterAlert> alerts) {}

    static final String ALERT_SQL = """
            INSERT INTO alert (alert_id, raised_at, kind, source_id, level, message_zh, message_en, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""";

    public static Outputs attach(DataStream<GaugeObservation> gauges, WaterConfig config) {
        SingleOutputStreamOperator<GaugeStateUpdate> states = gauges
                .keyBy(RisingNeighboursFunction.CITY)
                .process(new RisingNeighboursFunction(config))
                .uid("water-neighbours").name("water-neighbours").setParallelism(1)
                .keyBy(r -> r.reading().gaugeId())
                .process(new WaterRiskFunction(config))
                .uid("water-risk").name("water-risk");
        DataStream<WaterAlert> alerts = states.getSideOutput(WaterRiskFunction.ALERTS);
        sinks(states, alerts, config);
        return new Outputs(states, alerts);
    }

    /** Attaches the database and MQTT sinks to the outputs of a water risk operator. */
    public static void sinks(DataStream<GaugeStateUpdate> states, DataStream<WaterAlert> alerts, WaterConfig config) {
        states.sinkTo(new GaugeStateSink(config.database(), 500, 5000)).uid("sink-gauge-state").name("gauge_state");
        alerts.sinkTo(PostgresBatchSink.<WaterAlert>builder("alert", config.database(), ALERT_SQL, (ps, a) -> {
                    ps.setString(1, a.alertId());
                    ps.setTimestamp(2, new Timestamp(a.raisedAtMs()));
                    ps.setString(3, a.kind());
                    ps.setString(4, a.gaugeId());
                    if (a.level() == null) ps.setNull(5, Types.VARCHAR);
                    else ps.setString(5, a.level());
                    ps.setString(6, a.messageZh());
                    ps.setString(7, a.messageEn());
                    ps.setString(8, a.detail());
                }).batchSize(500).maxDelay(config.alertMaxDelay()).build())
                .uid("sink-water-alert").name("alert (water)");
        if (config.brokerUrl() != null) {
            alerts.sinkTo(new MqttAlertSink(config.brokerUrl())).uid("mqtt-water-alert").name("mqtt alerts/water");
        }
    }
}
