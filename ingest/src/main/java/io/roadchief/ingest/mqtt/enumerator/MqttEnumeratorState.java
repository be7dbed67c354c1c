package io.roadchief.ingest.mqtt.enumerator;

import java.util.Set;
import java.util.TreeSet;

/**
 * What the enumerator checkpoints: the split ids already handed out. A split, once assigned, lives
 * in its reader's state from then on, so the enumerator must never hand it out a second time.
 */
public record MqttEnumeratorState(Set<String> assignedSplitIds) {
    public MqttEnumeratorState {
        assignedSplitIds = Set.copyOf(new TreeSet<>(assignedSplitIds));
    }
}
