package io.roadchief.jobs;

import io.roadchief.ingest.RawMessage;
import io.roadchief.ingest.telemetry.CameraCandidate;
import io.roadchief.ingest.telemetry.GaugeObservation;
import io.roadchief.ingest.telemetry.VehicleBatch;
import io.roadchief.ingest.validation.DirectorySource;
import io.roadchief.ingest.validation.IngestFunction;
import io.roadchief.jobs.landing.LandingSinks;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.time.Duration;

/**
 * The RoadChief job graph: MQTT (or any source of raw messages) -> decode/validate/de-duplicate ->
 * landing tables and quarantine -> pavement and water analytics. Operator uids are fixed so that a
 * restarted job restores its state from the last checkpoint.
 */
public final class TelemetryJob {
    private TelemetryJob() {}

    /** The typed, event-timed streams the analytics consume. */
    public record Streams(DataStream<VehicleBatch> vehicles, DataStream<GaugeObservation> gauges,
                          DataStream<CameraCandidate> cameras) {}

    public static Streams build(StreamExecutionEnvironment env, Source<RawMessage, ?, ?> source, JobSettings s) {
        DataStream<RawMessage> raw = env.fromSource(source, WatermarkStrategy.noWatermarks(), "mqtt-telemetry")
                .uid("mqtt-telemetry-source");
        return build(raw, s);
    }

    public static Streams build(DataStream<RawMessage> raw, JobSettings s) {
        DirectorySource directory = DirectorySource.registry(s.database().url(), s.database().user(),
                s.database().password(), s.deviceRefresh().toMillis());
        SingleOutputStreamOperator<VehicleBatch> vehicles = raw
                .keyBy(IngestFunction.byTopicDevice())
                .process(new IngestFunction(s.ingestRules(), directory))
                .uid("ingest").name("decode-validate-deduplicate");

        vehicles.getSideOutput(IngestFunction.LANDING).sinkTo(LandingSinks.vehicleBatches(s.database()))
                .uid("sink-vehicle-batch").name("vehicle_batch");
        vehicles.getSideOutput(IngestFunction.QUARANTINE).sinkTo(LandingSinks.quarantine(s.database()))
                .uid("sink-quarantine").name("quarantine");
        DataStream<GaugeObservation> gauges = vehicles.getSideOutput(IngestFunction.GAUGE);
        gauges.sinkTo(LandingSinks.gaugeReadings(s.database())).uid("sink-gauge-reading").name("gauge_reading");
        DataStream<CameraCandidate> cameras = vehicles.getSideOutput(IngestFunction.CAMERA);
        cameras.sinkTo(LandingSinks.cameraCandidates(s.database())).uid("sink-camera-candidate").name("camera_candidate");

        Duration idle = Duration.ofSeconds(30);
        DataStream<VehicleBatch> timedVehicles = vehicles.assignTimestampsAndWatermarks(
                WatermarkStrategy.<VehicleBatch>forBoundedOutOfOrderness(s.lateness())
                        .withTimestampAssigner((b, t) -> b.deviceTimeMs()).withIdleness(idle))
                .uid("vehicle-event-time");
        DataStream<GaugeObservation> timedGauges = gauges.assignTimestampsAndWatermarks(
                WatermarkStrategy.<GaugeObservation>forBoundedOutOfOrderness(s.lateness())
                        .withTimestampAssigner((g, t) -> g.deviceTimeMs()).withIdleness(idle))
                .uid("gauge-event-time");
        DataStream<CameraCandidate> timedCameras = cameras.assignTimestampsAndWatermarks(
                WatermarkStrategy.<CameraCandidate>forBoundedOutOfOrderness(s.lateness())
                        .withTimestampAssigner((c, t) -> c.timeMs()).withIdleness(idle))
                .uid("camera-event-time");
        return new Streams(timedVehicles, timedGauges, timedCameras);
    }
}
