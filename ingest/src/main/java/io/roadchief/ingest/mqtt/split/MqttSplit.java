package io.roadchief.ingest.mqtt.split;

import org.apache.flink.api.connector.source.SourceSplit;

import java.io.Serializable;
import java.util.List;

/**
 * One persistent MQTT session: a client id and the filters it is subscribed to. There is one split
 * per reader subtask ({@code reader-{i}}), never more, because the session on the broker (with its
 * unacknowledged and queued messages) belongs to the client id and must be picked up again by
 * whoever owns the split after a restart or a rescale.
 *
 * @param splitId      "reader-{i}"
 * @param clientId     MQTT client id, stable for the life of the job
 * @param topicFilters plain filters the session subscribes to (without the $share prefix); kept so a
 *                     reader can unsubscribe filters dropped from the configuration
 * @param unacknowledged messages emitted before the checkpoint and not yet acknowledged, packed as
 *                       {@code packetId << 32 | checksum}: after a restore from this checkpoint the
 *                       broker sends them again, and the reader acknowledges them without emitting
 *                       them a second time (see reader.EmittedMessages)
 */
public record MqttSplit(String splitId, String clientId, List<String> topicFilters, List<Long> unacknowledged)
        implements SourceSplit, Serializable {
    private static final String SPLIT_ID_PREFIX = "reader-";

    public MqttSplit {
        topicFilters = List.copyOf(topicFilters);
        unacknowledged = List.copyOf(unacknowledged);
    }

    /** A split that has emitted nothing yet. */
    public MqttSplit(String splitId, String clientId, List<String> topicFilters) {
        this(splitId, clientId, topicFilters, List.of());
    }

    /** Split id of reader subtask {@code subtask}. */
    public static String splitIdFor(int subtask) {
        return SPLIT_ID_PREFIX + subtask;
    }

    public MqttSplit withTopicFilters(List<String> filters) {
        return new MqttSplit(splitId, clientId, filters, unacknowledged);
    }

    public MqttSplit withUnacknowledged(List<Long> packed) {
        return new MqttSplit(splitId, clientId, topicFilters, packed);
    }
}
