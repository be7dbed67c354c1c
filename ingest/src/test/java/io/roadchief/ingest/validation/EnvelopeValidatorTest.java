package io.roadchief.ingest.validation;

import io.roadchief.ingest.RawMessage;
import io.roadchief.ingest.testing.SampleEnvelopes;
import io.roadchief.schema.Topics;
import io.roadchief.schema.v1.Envelope;
import io.roadchief.schema.v1.GpsFix;
import io.roadchief.schema.v1.ImuBatch;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EnvelopeValidatorTest {
    private static final long NOW = 1_780_000_000_000L;
    private final EnvelopeValidator validator = new EnvelopeValidator(IngestRules.defaults());
    private final DeviceDirectory directory = withDisabled(SampleEnvelopes.directory(3, 2), "bus-0002");

    private static DeviceDirectory withDisabled(DeviceDirectory d, String id) {
        Map<String, DeviceDirectory.Device> m = new HashMap<>(d.devices());
        m.put(id, new DeviceDirectory.Device(id, "vehicle", false, "bus", 0));
        return new DeviceDirectory(m);
    }

    private EnvelopeValidator.Outcome check(String topic, byte[] payload) {
        return validator.validate(new RawMessage(topic, payload, NOW), directory);
    }

    private EnvelopeValidator.Outcome check(Envelope e) {
        return check(SampleEnvelopes.topicFor(e), e.toByteArray());
    }

    private static String reason(EnvelopeValidator.Outcome o) {
        assertThat(o).isInstanceOf(EnvelopeValidator.Rejected.class);
        return ((EnvelopeValidator.Rejected) o).record().reason();
    }

    @Test
    void acceptsWellFormedTelemetryOfEachKind() {
        assertThat(check(SampleEnvelopes.imu("bus-0000", 1, NOW))).isInstanceOf(EnvelopeValidator.Accepted.class);
        assertThat(check(SampleEnvelopes.gauge("gauge-0001", 1, NOW, 120))).isInstanceOf(EnvelopeValidator.Accepted.class);
    }

    @Test
    void refusesMalformedProtobufAndKeepsTheRawBytes() {
        byte[] junk = {(byte) 0x0a, (byte) 0xff, (byte) 0xff, 0x01, 0x02};
        EnvelopeValidator.Outcome o = check(Topics.vehicleImu("bus-0000"), junk);
        assertThat(reason(o)).isEqualTo("malformed");
        QuarantineRecord q = ((EnvelopeValidator.Rejected) o).record();
        assertThat(q.raw()).isEqualTo(junk);
        assertThat(q.rawSize()).isEqualTo(junk.length);
        assertThat(q.deviceId()).isEqualTo("bus-0000");
    }

    @Test
    void refusesWrongAndSqlLookingTopicsWithoutTouchingTheirText() {
        byte[] ok = SampleEnvelopes.imu("bus-0000", 1, NOW).toByteArray();
        assertThat(reason(check("roadchief/v1/vehicle/x'; DROP TABLE device;--/imu", ok))).isEqualTo("unknown_topic");
        assertThat(reason(check("roadchief/v2/vehicle/bus-0000/imu", ok))).isEqualTo("unknown_topic");
        assertThat(reason(check("roadchief/v1/vehicle/bus-0000/imu/extra", ok))).isEqualTo("unknown_topic");
        // topic of another device, and the wrong body for the topic
        assertThat(reason(check(Topics.vehicleImu("bus-0001"), ok))).isEqualTo("topic_device_mismatch");
        assertThat(reason(check(Topics.gaugeLevel("bus-0000"), ok))).isEqualTo("body_topic_mismatch");
    }

    @Test
    void refusesUnknownAndDisabledDevices() {
        assertThat(reason(check(SampleEnvelopes.imu("bus-9999", 1, NOW)))).isEqualTo("unknown_device");
        assertThat(reason(check(SampleEnvelopes.imu("bus-0002", 1, NOW)))).isEqualTo("disabled_device");
    }

    @Test
    void refusesImpossibleValues() {
        Envelope good = SampleEnvelopes.imu("bus-0000", 1, NOW);
        // 20 g spike
        ImuBatch spiky = good.getImu().toBuilder().setAccZDelta(10, 20_000).build();
        assertThat(reason(check(good.toBuilder().setImu(spiky).build()))).isEqualTo("impossible_value");
        // 250 km/h
        ImuBatch fast = good.getImu().toBuilder().setFixes(0, good.getImu().getFixes(0).toBuilder().setSpeedCmS(6945)).build();
        assertThat(reason(check(good.toBuilder().setImu(fast).build()))).isEqualTo("impossible_value");
        // Beijing is outside the Hangzhou service area
        GpsFix far = good.getImu().getFixes(0).toBuilder().setLatE7(399_042_000).setLonE7(1_164_074_000).build();
        assertThat(reason(check(good.toBuilder().setImu(good.getImu().toBuilder().setFixes(0, far)).build()))).isEqualTo("outside_service_area");
        // sample rate 10 Hz
        assertThat(reason(check(good.toBuilder().setImu(good.getImu().toBuilder().setSampleRateHz(10)).build()))).isEqualTo("impossible_value");
        // negative water level, and beyond the gauge's 3 m range
        assertThat(reason(check(SampleEnvelopes.gauge("gauge-0000", 1, NOW, -5)))).isEqualTo("impossible_value");
        assertThat(reason(check(SampleEnvelopes.gauge("gauge-0000", 1, NOW, 3_500)))).isEqualTo("impossible_value");
    }

    @Test
    void refusesClocksFarOff() {
        assertThat(reason(check(SampleEnvelopes.gauge("gauge-0000", 1, NOW + 3_600_000, 10)))).isEqualTo("clock_ahead");
        assertThat(reason(check(SampleEnvelopes.gauge("gauge-0000", 1, NOW - 40L * 86_400_000, 10)))).isEqualTo("too_old");
        // small skew is normal
        assertThat(check(SampleEnvelopes.gauge("gauge-0000", 1, NOW + 20_000, 10))).isInstanceOf(EnvelopeValidator.Accepted.class);
    }

    @Test
    void refusesOversizedMessagesUnreadAndCapsWhatItKeeps() {
        byte[] big = new byte[IngestRules.defaults().maxMessageBytes() + 1];
        QuarantineRecord q = ((EnvelopeValidator.Rejected) check(Topics.vehicleImu("bus-0000"), big)).record();
        assertThat(q.reason()).isEqualTo("oversized");
        assertThat(q.raw().length).isEqualTo(QuarantineRecord.RAW_CAP_BYTES);
        assertThat(q.rawSize()).isEqualTo(big.length);
    }

    @Test
    void quarantineIdIsStableForTheSameMessageSoReplaysDoNotDoubleCount() {
        byte[] junk = "'; DELETE FROM quarantine; --".getBytes(StandardCharsets.UTF_8);
        String a = ((EnvelopeValidator.Rejected) check(Topics.gaugeLevel("gauge-0000"), junk)).record().quarantineId();
        String b = ((EnvelopeValidator.Rejected) validator.validate(new RawMessage(Topics.gaugeLevel("gauge-0000"), junk, NOW + 5000), directory)).record().quarantineId();
        String other = ((EnvelopeValidator.Rejected) check(Topics.gaugeLevel("gauge-0001"), junk)).record().quarantineId();
        assertThat(a).isEqualTo(b).isNotEqualTo(other);
    }

    @Test
    void sequenceWindowFlagsRepeatsWithinTheWindowAndToleratesReordering() {
        SequenceWindow w = new SequenceWindow(128);
        assertThat(w.accept(10)).isEqualTo(SequenceWindow.Verdict.NEW);
        assertThat(w.accept(12)).isEqualTo(SequenceWindow.Verdict.NEW);
        assertThat(w.accept(11)).isEqualTo(SequenceWindow.Verdict.NEW);
        assertThat(w.accept(12)).isEqualTo(SequenceWindow.Verdict.DUPLICATE);
        assertThat(w.accept(10)).isEqualTo(SequenceWindow.Verdict.DUPLICATE);
        assertThat(w.accept(300)).isEqualTo(SequenceWindow.Verdict.NEW);
        // slots reused after the jump must not remember old numbers
        assertThat(w.accept(300 - 128 + 12)).isEqualTo(SequenceWindow.Verdict.NEW);
        assertThat(w.accept(11)).isEqualTo(SequenceWindow.Verdict.BEYOND_WINDOW);
    }
}
