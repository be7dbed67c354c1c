package io.roadchief.ingest.mqtt.enumerator;

import io.roadchief.ingest.mqtt.MqttSourceOptions;
import io.roadchief.ingest.mqtt.split.MqttSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives reader subtask i the split {@code reader-i} (client id {@code {prefix}-i}) when it registers,
 * once for the life of the job. Afterwards the split travels in the reader's checkpointed state,
 * so a restarted reader reconnects as the same client and its persistent session, with every
 * message not yet acknowledged, is still waiting on the broker. On scale-up new subtasks get new
 * splits; on scale-down Flink redistributes the old splits over the remaining readers, which then
 * run several sessions each, so no session is left to fill up unread.
 *
 * <p>Without a shared group there is one session, on reader 0: every plain subscription gets every
 * message, so a second session would only duplicate the traffic.
 */
public final class MqttSplitEnumerator implements SplitEnumerator<MqttSplit, MqttEnumeratorState> {
    private static final Logger log = LoggerFactory.getLogger(MqttSplitEnumerator.class);

    private final SplitEnumeratorContext<MqttSplit> context;
    private final MqttSourceOptions options;
    private final Set<String> assigned;
    /** Splits given back by a failed reader before a checkpoint covered them, by that reader's subtask. */
    private final Map<Integer, List<MqttSplit>> returned = new HashMap<>();

    public MqttSplitEnumerator(SplitEnumeratorContext<MqttSplit> context, MqttSourceOptions options, MqttEnumeratorState restored) {
        this.context = context;
        this.options = options;
        this.assigned = new HashSet<>(restored == null ? Set.of() : restored.assignedSplitIds());
    }

    @Override
    public void start() {
        log.info("MQTT split enumerator for {} (restored assignments {})", options, assigned);
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        // Splits are pushed on registration; readers never ask.
    }

    @Override
    public void addSplitsBack(List<MqttSplit> splits, int subtaskId) {
        for (MqttSplit s : splits) assigned.remove(s.splitId());
        returned.computeIfAbsent(subtaskId, k -> new ArrayList<>()).addAll(splits);
    }

    @Override
    public void addReader(int subtaskId) {
        List<MqttSplit> toAssign = new ArrayList<>(returned.getOrDefault(subtaskId, List.of()));
        returned.remove(subtaskId);
        String own = MqttSplit.splitIdFor(subtaskId);
        boolean ownPending = toAssign.stream().anyMatch(s -> s.splitId().equals(own));
        boolean sessionPerReader = options.sharedGroup() != null || subtaskId == 0;
        if (sessionPerReader && !assigned.contains(own) && !ownPending) {
            toAssign.add(new MqttSplit(own, options.clientIdFor(subtaskId), options.topicFilters()));
        }
        for (MqttSplit s : toAssign) {
            assigned.add(s.splitId());
            context.assignSplit(s, subtaskId);
            log.info("Assigned {} (client id {}) to reader {}", s.splitId(), s.clientId(), subtaskId);
        }
    }

    @Override
    public MqttEnumeratorState snapshotState(long checkpointId) {
        return new MqttEnumeratorState(assigned);
    }

    @Override
    public void close() {}
}
