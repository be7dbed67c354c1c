package io.roadchief.ingest.validation;

import com.google.protobuf.InvalidProtocolBufferException;
import io.roadchief.ingest.RawMessage;
import io.roadchief.schema.AccelerationCodec;
import io.roadchief.schema.Topics;
import io.roadchief.schema.v1.DetectionCandidate;
import io.roadchief.schema.v1.Envelope;
import io.roadchief.schema.v1.GaugeReading;
import io.roadchief.schema.v1.GpsFix;
import io.roadchief.schema.v1.ImuBatch;

import java.io.Serializable;

/**
 * Decodes one message and checks it against the contract and {@link IngestRules}. Pure: no I/O, no
 * clock of its own (the receive time is the reference for clock-skew checks), so it is unit-testable
 * and gives the same verdict on a replay. Duplicate detection is stateful and lives in
 * {@link IngestFunction}.
 */
public final class EnvelopeValidator implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int MAX_FIXES = 200;
    private static final int MAX_CANDIDATES = 200;
    private static final int MAX_FIX_OFFSET_MS = 10_000;
    private static final int MAX_BATTERY_MV = 60_000;
    private static final int MAX_RAINFALL_0P1MM = 5_000;

    private final IngestRules rules;

    public EnvelopeValidator(IngestRules rules) {
        this.rules = rules;
    }

    /** The verdict on one message. */
    public sealed interface Outcome permits Accepted, Rejected {}

    public record Accepted(Envelope envelope, Topics.Parsed topic, DeviceDirectory.Device device) implements Outcome {}

    public record Rejected(QuarantineRecord record) implements Outcome {}

    public Outcome validate(RawMessage m, DeviceDirectory directory) {
        byte[] payload = m.payload();
        Topics.Parsed topic = Topics.parse(m.topic());
        String topicDevice = topic == null ? null : topic.deviceId();
        if (payload == null || payload.length > rules.maxMessageBytes()) {
            return reject(RejectReason.OVERSIZED, (payload == null ? 0 : payload.length) + " bytes > " + rules.maxMessageBytes(), m, topicDevice, null);
        }
        if (topic == null) {
            return reject(RejectReason.UNKNOWN_TOPIC, "topic not accepted", m, null, null);
        }
        Envelope env;
        try {
            env = Envelope.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            return reject(RejectReason.MALFORMED, e.getMessage(), m, topicDevice, null);
        } catch (RuntimeException e) {
            return reject(RejectReason.MALFORMED, e.getClass().getSimpleName() + ": " + e.getMessage(), m, topicDevice, null);
        }
        Long seq = env.getSequence();
        if (env.getDeviceId().isEmpty() || env.getBodyCase() == Envelope.BodyCase.BODY_NOT_SET || env.getDeviceTimeMs() <= 0) {
            return reject(RejectReason.MALFORMED, "envelope lacks device_id, device_time_ms or body", m, topicDevice, seq);
        }
        if (!env.getDeviceId().equals(topicDevice)) {
            return reject(RejectReason.TOPIC_DEVICE_MISMATCH, "payload device '" + env.getDeviceId() + "' on topic of '" + topicDevice + "'", m, topicDevice, seq);
        }
        boolean bodyFits = switch (topic.kind()) {
            case VEHICLE_IMU -> env.hasImu();
            case VEHICLE_DETECTIONS -> env.hasDetections();
            case GAUGE_LEVEL -> env.hasGauge();
        };
        if (!bodyFits) {
            return reject(RejectReason.BODY_TOPIC_MISMATCH, env.getBodyCase() + " on a " + topic.kind() + " topic", m, topicDevice, seq);
        }
        DeviceDirectory.Device device = directory.find(topicDevice);
        if (device == null) {
            return reject(RejectReason.UNKNOWN_DEVICE, "not in the device registry", m, topicDevice, seq);
        }
        if (!device.enabled()) {
            return reject(RejectReason.DISABLED_DEVICE, "disabled in the device registry", m, topicDevice, seq);
        }
        boolean kindFits = topic.kind() == Topics.Kind.GAUGE_LEVEL ? device.isGauge() : device.isVehicle();
        if (!kindFits) {
            return reject(RejectReason.BODY_TOPIC_MISMATCH, "device registered as " + device.kind(), m, topicDevice, seq);
        }
        long skew = env.getDeviceTimeMs() - m.receivedAtMs();
        if (skew > rules.maxFutureSkewMs()) {
            return reject(RejectReason.CLOCK_AHEAD, "device time " + skew + " ms ahead of receive time", m, topicDevice, seq);
        }
        if (-skew > rules.maxAgeMs()) {
            return reject(RejectReason.TOO_OLD, "device time " + (-skew) + " ms behind receive time", m, topicDevice, seq);
        }
        String problem = switch (env.getBodyCase()) {
            case IMU -> checkImu(env.getImu(), env.getDeviceTimeMs());
            case DETECTIONS -> checkDetections(env);
            case GAUGE -> checkGauge(env.getGauge(), device);
            default -> "no body";
        };
        if (problem != null) {
            RejectReason r = problem.startsWith("area:") ? RejectReason.OUTSIDE_SERVICE_AREA : RejectReason.IMPOSSIBLE_VALUE;
            return reject(r, problem, m, topicDevice, seq);
        }
        return new Accepted(env, topic, device);
    }

    private String checkImu(ImuBatch b, long deviceTimeMs) {
        int rate = b.getSampleRateHz();
        if (rate < rules.minSampleRateHz() || rate > rules.maxSampleRateHz()) {
            return "sample_rate_hz " + rate + " outside " + rules.minSampleRateHz() + "-" + rules.maxSampleRateHz();
        }
        int n = b.getAccZDeltaCount();
        if (n == 0 || n > rate * 10) return "acc sample count " + n + " for " + rate + " Hz";
        if (Math.abs(b.getFirstSampleTimeMs() - deviceTimeMs) > 60_000) return "first_sample_time_ms far from device_time_ms";
        long maxCounts = (long) (rules.maxAbsAccG() * 1e6 / AccelerationCodec.lsbMicroG(b));
        long v = 0;
        for (int i = 0; i < n; i++) {
            v += b.getAccZDelta(i);
            if (v > maxCounts || v < -maxCounts) return "acceleration beyond ±" + rules.maxAbsAccG() + " g at sample " + i;
        }
        if (b.getFixesCount() > MAX_FIXES) return "too many GPS fixes: " + b.getFixesCount();
        for (GpsFix f : b.getFixesList()) {
            double lat = f.getLatE7() / 1e7, lon = f.getLonE7() / 1e7;
            if (!rules.inServiceArea(lat, lon)) return "area: GPS fix " + lat + "," + lon + " outside the service area";
            double kmh = f.getSpeedCmS() * 0.036;
            if (kmh > rules.maxSpeedKmh()) return "speed " + Math.round(kmh) + " km/h over " + rules.maxSpeedKmh();
            if (f.getHeadingCdeg() > 35999) return "heading " + f.getHeadingCdeg() + " cdeg";
            if (Math.abs(f.getOffsetMs()) > MAX_FIX_OFFSET_MS) return "fix offset " + f.getOffsetMs() + " ms";
        }
        return null;
    }

    private String checkDetections(Envelope env) {
        var list = env.getDetections().getCandidatesList();
        if (list.isEmpty() || list.size() > MAX_CANDIDATES) return "candidate count " + list.size();
        for (DetectionCandidate c : list) {
            double lat = c.getLatE7() / 1e7, lon = c.getLonE7() / 1e7;
            if (!rules.inServiceArea(lat, lon)) return "area: candidate at " + lat + "," + lon + " outside the service area";
            if (c.getConfidencePermille() > 1000) return "confidence " + c.getConfidencePermille() + " per mille";
            if (c.getTypeValue() <= 0 || c.getType() == io.roadchief.schema.v1.DefectType.UNRECOGNIZED) return "defect type " + c.getTypeValue();
            if (Math.abs(c.getOffsetMs()) > MAX_FIX_OFFSET_MS) return "candidate offset " + c.getOffsetMs() + " ms";
        }
        return null;
    }

    private String checkGauge(GaugeReading g, DeviceDirectory.Device device) {
        int range = device.rangeMm() > 0 ? device.rangeMm() : rules.defaultGaugeRangeMm();
        if (g.getLevelMm() < 0) return "negative water level " + g.getLevelMm() + " mm";
        if (g.getLevelMm() > range) return "water level " + g.getLevelMm() + " mm beyond the gauge's range " + range + " mm";
        if (g.getIntervalS() <= 0 || g.getIntervalS() > 86_400) return "interval_s " + g.getIntervalS();
        if (g.hasBatteryMv() && g.getBatteryMv() > MAX_BATTERY_MV) return "battery " + g.getBatteryMv() + " mV";
        if (g.hasRainfall0P1Mm() && g.getRainfall0P1Mm() > MAX_RAINFALL_0P1MM) return "rainfall " + g.getRainfall0P1Mm() / 10.0 + " mm in one reading";
        return null;
    }

    private static Rejected reject(RejectReason reason, String detail, RawMessage m, String deviceId, Long seq) {
        return new Rejected(QuarantineRecord.of(reason, detail, m.topic(), deviceId, seq, m.payload(), m.receivedAtMs()));
    }
}
