package io.roadchief.ingest.mqtt;

import io.roadchief.ingest.RawMessage;
import io.roadchief.ingest.mqtt.enumerator.MqttEnumeratorState;
import io.roadchief.ingest.mqtt.enumerator.MqttEnumeratorStateSerializer;
import io.roadchief.ingest.mqtt.enumerator.MqttSplitEnumerator;
import io.roadchief.ingest.mqtt.reader.MqttSourceReader;
import io.roadchief.ingest.mqtt.split.MqttSplit;
import io.roadchief.ingest.mqtt.split.MqttSplitSerializer;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Device telemetry from an MQTT v5 broker into Flink, at least once (FLIP-27 source on Eclipse Paho).
 *
 * <ul>
 *   <li>Each reader subtask owns one persistent session (clean start off, session expiry) under a
 *       stable client id {@code {prefix}-{subtask}}, subscribed to {@code $share/{group}/{filter}}
 *       so that the broker spreads messages over the readers.</li>
 *   <li>QoS 1 acknowledgements are held until the checkpoint covering the message completes, then
 *       sent in arrival order. A crash before that makes the broker send the message again, to the
 *       same session, when the reader comes back; downstream writes are idempotent on
 *       (device, sequence), so at-least-once here is exactly-once in the database.</li>
 *   <li>Throughput per reader is bounded by receive maximum / checkpoint cycle: see
 *       {@link MqttSourceOptions}.</li>
 * </ul>
 * Emits {@link RawMessage}s with the receive time as record timestamp.
 */
public final class MqttSource implements Source<RawMessage, MqttSplit, MqttEnumeratorState>, ResultTypeQueryable<RawMessage> {
    private static final long serialVersionUID = 1L;
    private final MqttSourceOptions options;

    MqttSource(MqttSourceOptions options) {
        this.options = options;
    }

    public static MqttSourceBuilder builder() {
        return new MqttSourceBuilder();
    }

    public MqttSourceOptions options() {
        return options;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<MqttSplit, MqttEnumeratorState> createEnumerator(SplitEnumeratorContext<MqttSplit> context) {
        return new MqttSplitEnumerator(context, options, null);
    }

    @Override
    public SplitEnumerator<MqttSplit, MqttEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<MqttSplit> context, MqttEnumeratorState checkpoint) {
        return new MqttSplitEnumerator(context, options, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<MqttSplit> getSplitSerializer() {
        return new MqttSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<MqttEnumeratorState> getEnumeratorCheckpointSerializer() {
        return new MqttEnumeratorStateSerializer();
    }

    @Override
    public SourceReader<RawMessage, MqttSplit> createReader(SourceReaderContext readerContext) {
        return new MqttSourceReader(options, readerContext);
    }

    @Override
    public TypeInformation<RawMessage> getProducedType() {
        return TypeInformation.of(RawMessage.class);
    }
}
