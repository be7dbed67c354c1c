package io.roadchief.ingest.mqtt.split;

import io.roadchief.ingest.mqtt.enumerator.MqttEnumeratorState;
import io.roadchief.ingest.mqtt.enumerator.MqttEnumeratorStateSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MqttSerializersTest {

    @Test
    void splitRoundTrips() throws IOException {
        MqttSplitSerializer ser = new MqttSplitSerializer();
        MqttSplit split = new MqttSplit("reader-3", "roadchief-ingest-3",
                List.of("roadchief/v1/vehicle/+/imu", "roadchief/v1/gauge/+/level", "道路/+/#"));
        MqttSplit back = ser.deserialize(ser.getVersion(), ser.serialize(split));
        assertThat(back).isEqualTo(split);
        assertThat(back.topicFilters()).containsExactlyElementsOf(split.topicFilters());
    }

    @Test
    void unacknowledgedMessagesRoundTripAndVersionOneSplitsRestoreWithNone() throws IOException {
        MqttSplitSerializer ser = new MqttSplitSerializer();
        MqttSplit split = new MqttSplit("reader-1", "c-1", List.of("a/+"), List.of((17L << 32) | 0xDEADBEEFL, (65_535L << 32) | 1L));
        assertThat(ser.deserialize(ser.getVersion(), ser.serialize(split))).isEqualTo(split);

        // Version 1 wrote id, client id and filters only: such a checkpoint still restores.
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeUTF("reader-1");
            out.writeUTF("c-1");
            out.writeInt(1);
            out.writeUTF("a/+");
        }
        assertThat(ser.deserialize(1, bytes.toByteArray())).isEqualTo(new MqttSplit("reader-1", "c-1", List.of("a/+")));
    }

    @Test
    void splitWithoutFiltersRoundTrips() throws IOException {
        MqttSplitSerializer ser = new MqttSplitSerializer();
        MqttSplit split = new MqttSplit("reader-0", "x-0", List.of());
        assertThat(ser.deserialize(MqttSplitSerializer.VERSION, ser.serialize(split))).isEqualTo(split);
    }

    @Test
    void enumeratorStateRoundTrips() throws IOException {
        MqttEnumeratorStateSerializer ser = new MqttEnumeratorStateSerializer();
        MqttEnumeratorState state = new MqttEnumeratorState(Set.of("reader-0", "reader-1", "reader-17"));
        assertThat(ser.deserialize(ser.getVersion(), ser.serialize(state))).isEqualTo(state);
        MqttEnumeratorState empty = new MqttEnumeratorState(Set.of());
        assertThat(ser.deserialize(ser.getVersion(), ser.serialize(empty)).assignedSplitIds()).isEmpty();
    }

    @Test
    void unknownVersionsAreRefused() {
        assertThatThrownBy(() -> new MqttSplitSerializer().deserialize(99, new byte[0])).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> new MqttEnumeratorStateSerializer().deserialize(99, new byte[0])).isInstanceOf(IOException.class);
    }
}
