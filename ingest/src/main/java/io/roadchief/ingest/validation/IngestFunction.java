package io.roadchief.ingest.validation;

import io.roadchief.ingest.RawMessage;
import io.roadchief.ingest.telemetry.CameraCandidate;
import io.roadchief.ingest.telemetry.GaugeObservation;
import io.roadchief.ingest.telemetry.TelemetryRecords;
import io.roadchief.ingest.telemetry.VehicleBatch;
import io.roadchief.ingest.telemetry.VehicleLanding;
import io.roadchief.schema.Topics;
import io.roadchief.schema.v1.Envelope;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.EnumMap;
import java.util.Map;

/**
 * The first operator after the MQTT source: decode, validate, de-duplicate, and route. Keyed by the
 * device id in the topic (parsed without decoding), so duplicate detection is per device and no
 * decoded protobuf ever has to be serialized between operators.
 *
 * <p>Main output: vehicle IMU batches. Side outputs: landing rows, gauge observations, camera
 * candidates, and quarantine records (every refused message, with its reason).
 */
public final class IngestFunction extends KeyedProcessFunction<String, RawMessage, VehicleBatch> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<VehicleLanding> LANDING = new OutputTag<>("vehicle-landing") {};
    public static final OutputTag<GaugeObservation> GAUGE = new OutputTag<>("gauge") {};
    public static final OutputTag<CameraCandidate> CAMERA = new OutputTag<>("camera") {};
    public static final OutputTag<QuarantineRecord> QUARANTINE = new OutputTag<>("quarantine") {};

    /** Key for messages whose topic names no device: they are all refused, in one key group. */
    public static final String NO_DEVICE_KEY = "";

    private final IngestRules rules;
    private final DirectorySource directorySource;
    private transient EnvelopeValidator validator;
    private transient DirectorySource.Handle directory;
    private transient ValueState<SequenceWindow> seen;
    private transient Map<RejectReason, Counter> rejected;
    private transient Counter accepted;

    public IngestFunction(IngestRules rules, DirectorySource directorySource) {
        this.rules = rules;
        this.directorySource = directorySource;
    }

    /** Device id from the topic, for keyBy. */
    public static KeySelector<RawMessage, String> byTopicDevice() {
        return m -> {
            Topics.Parsed p = Topics.parse(m.topic());
            return p == null ? NO_DEVICE_KEY : p.deviceId();
        };
    }

    @Override
    public void open(OpenContext ctx) throws Exception {
        validator = new EnvelopeValidator(rules);
        directory = directorySource.open();
        seen = getRuntimeContext().getState(new ValueStateDescriptor<>("sequence-window", SequenceWindow.class));
        MetricGroup g = getRuntimeContext().getMetricGroup().addGroup("roadchief_ingest");
        accepted = g.counter("accepted");
        rejected = new EnumMap<>(RejectReason.class);
        for (RejectReason r : RejectReason.values()) rejected.put(r, g.addGroup("quarantined").counter(r.code));
    }

    @Override
    public void processElement(RawMessage m, Context ctx, Collector<VehicleBatch> out) throws Exception {
        EnvelopeValidator.Outcome outcome = validator.validate(m, directory.snapshot());
        if (outcome instanceof EnvelopeValidator.Rejected r) {
            quarantine(r.record(), ctx);
            return;
        }
        EnvelopeValidator.Accepted a = (EnvelopeValidator.Accepted) outcome;
        Envelope env = a.envelope();
        SequenceWindow window = seen.value();
        if (window == null) window = new SequenceWindow(rules.dedupWindow());
        SequenceWindow.Verdict verdict = window.accept(env.getSequence());
        if (verdict == SequenceWindow.Verdict.DUPLICATE) {
            quarantine(QuarantineRecord.of(RejectReason.DUPLICATE, "sequence " + env.getSequence() + " already accepted",
                    m.topic(), env.getDeviceId(), env.getSequence(), m.payload(), m.receivedAtMs()), ctx);
            return;
        }
        seen.update(window);
        accepted.inc();
        switch (env.getBodyCase()) {
            case IMU -> {
                ctx.output(LANDING, TelemetryRecords.vehicleLanding(env, m.receivedAtMs(), m.payload()));
                out.collect(TelemetryRecords.vehicleBatch(env, m.receivedAtMs(), a.device().vehicleClass()));
            }
            case GAUGE -> ctx.output(GAUGE, TelemetryRecords.gaugeObservation(env, m.receivedAtMs()));
            case DETECTIONS -> {
                for (CameraCandidate c : TelemetryRecords.cameraCandidates(env, m.receivedAtMs())) ctx.output(CAMERA, c);
            }
            default -> throw new IllegalStateException("validator accepted an envelope without body");
        }
    }

    private void quarantine(QuarantineRecord q, Context ctx) {
        rejected.get(RejectReason.valueOf(reasonName(q.reason()))).inc();
        ctx.output(QUARANTINE, q);
    }

    private static String reasonName(String code) {
        for (RejectReason r : RejectReason.values()) if (r.code.equals(code)) return r.name();
        throw new IllegalArgumentException(code);
    }

    @Override
    public void close() throws Exception {
        if (directory != null) directory.close();
    }
}
