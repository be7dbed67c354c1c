package io.roadchief.jobs.pavement;

import io.roadchief.ingest.telemetry.CameraCandidate;
import io.roadchief.ingest.telemetry.VehicleBatch;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

import java.time.Duration;

/**
 * The pavement analytics as one piece of a Flink job:
 * <pre>
 *  VehicleBatch ─┐  keyBy vehicle                           keyBy road
 *                ├─> VehicleTrackFunction ──detections──> DefectClusterFunction ──> defect, ticket (+ ticket_event)
 *  Camera  ──────┘   (match, pass, IRI, detect, fuse)         (cluster, confirm)  └─> defect_detection
 *                        └──> segment_pass  ──(SQL views)──> 坦途指数
 *                        └──> clean lane stretches ──> repair verification (record_ticket_verification, V31)
 * </pre>
 * Event time is device time; with {@link PavementConfig#assignWatermarks} the pipeline assigns its own
 * bounded-out-of-orderness watermarks, so it may be attached to any stream of decoded records.
 */
public final class PavementPipeline {
    private PavementPipeline() {}

    /** The pipeline's outputs, for callers that want more than the database rows (tests, evaluation). */
    public record Streams(DataStream<SegmentPass> passes, DataStream<DefectDetection> detections,
                          DataStream<DefectUpdate> defects) {}

    public static Streams attach(DataStream<VehicleBatch> batches, DataStream<CameraCandidate> cameras, PavementConfig cfg) {
        NetworkSource network = cfg.networkSource();
        DataStream<VehicleBatch> b = batches;
        DataStream<CameraCandidate> c = cameras;
        if (cfg.assignWatermarks) {
            Duration ooo = Duration.ofMillis(cfg.maxOutOfOrdernessMs);
            b = batches.assignTimestampsAndWatermarks(WatermarkStrategy.<VehicleBatch>forBoundedOutOfOrderness(ooo)
                    .withTimestampAssigner((v, ts) -> v.deviceTimeMs())).name("pavement-batch-time");
            c = cameras.assignTimestampsAndWatermarks(WatermarkStrategy.<CameraCandidate>forBoundedOutOfOrderness(ooo)
                    .withTimestampAssigner((v, ts) -> v.timeMs())
                    .withIdleness(Duration.ofMillis(cfg.cameraIdleMs))).name("pavement-camera-time");
        }
        SingleOutputStreamOperator<SegmentPass> passes = b.connect(c)
                .keyBy(VehicleBatch::deviceId, CameraCandidate::deviceId)
                .process(new VehicleTrackFunction(cfg, network))
                .name("pavement-track").uid("pavement-track");
        SingleOutputStreamOperator<DefectUpdate> defects = passes.getSideOutput(VehicleTrackFunction.DETECTIONS)
                .keyBy(DefectDetection::roadId)
                .process(new DefectClusterFunction(cfg, network))
                .name("pavement-cluster").uid("pavement-cluster");
        DataStream<DefectDetection> detections = defects.getSideOutput(DefectClusterFunction.CLUSTERED);
        if (cfg.database != null) {
            passes.sinkTo(PavementSinks.passes(cfg.database)).name("segment_pass-sink").uid("pavement-segment_pass-sink");
            detections.sinkTo(PavementSinks.detections(cfg.database)).name("defect_detection-sink").uid("pavement-defect_detection-sink");
            defects.sinkTo(PavementSinks.defects(cfg.database)).name("defect-sink").uid("pavement-defect-sink");
            defects.filter(u -> u.ticket() != null).name("confirmed-defects")
                    .sinkTo(PavementSinks.tickets(cfg.database)).name("ticket-sink").uid("pavement-ticket-sink");
            // Repair verification: clean passes over a repaired spot verify it, a detection there reopens it.
            passes.getSideOutput(VehicleTrackFunction.COVERAGE).sinkTo(RepairVerificationSink.cleanPasses(cfg.database))
                    .name("verify-clean-passes").uid("pavement-verify-clean-passes");
            detections.sinkTo(RepairVerificationSink.stillThere(cfg.database, cfg.clusterRadiusM))
                    .name("verify-still-there").uid("pavement-verify-still-there");
        }
        return new Streams(passes, detections, defects);
    }
}
