package io.roadchief.ingest.mqtt.reader;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Acknowledgements held back until the checkpoint that covers their messages completes (the idea
 * of flink-connector-kafka's share-group AcknowledgmentBuffer / ShareGroupBatchForCheckpoint).
 *
 * <p>Messages are {@link #add added} as the reader emits them. {@link #seal} at snapshot time puts
 * everything added since the previous snapshot into a batch for that checkpoint. When checkpoint
 * n completes, {@link #release}(n) hands back the batches of every checkpoint up to n (a completed
 * checkpoint subsumes earlier, aborted ones) in arrival order, which is the order MQTT 5 expects
 * acknowledgements in. Messages added after the snapshot of n stay held.
 *
 * <p>Not thread-safe: the Flink task thread does all of it (emit, snapshot, notify).
 */
public final class AcknowledgmentBuffer<T> {
    private record Batch<T>(long checkpointId, List<T> items) {}

    private final ArrayDeque<Batch<T>> sealed = new ArrayDeque<>();
    private List<T> open = new ArrayList<>();
    private int pending;

    /** Holds the acknowledgement of one just-emitted message. */
    public void add(T ack) {
        open.add(ack);
        pending++;
    }

    /** Everything added so far belongs to checkpoint {@code checkpointId}. */
    public void seal(long checkpointId) {
        if (!sealed.isEmpty() && sealed.peekLast().checkpointId() >= checkpointId) {
            throw new IllegalStateException("checkpoint " + checkpointId + " after " + sealed.peekLast().checkpointId());
        }
        if (open.isEmpty()) return;
        sealed.addLast(new Batch<>(checkpointId, open));
        open = new ArrayList<>();
    }

    /** Takes out, in arrival order, every acknowledgement sealed under a checkpoint id up to {@code checkpointId}. */
    public List<T> release(long checkpointId) {
        if (sealed.isEmpty() || sealed.peekFirst().checkpointId() > checkpointId) return Collections.emptyList();
        List<T> out = new ArrayList<>();
        while (!sealed.isEmpty() && sealed.peekFirst().checkpointId() <= checkpointId) {
            out.addAll(sealed.pollFirst().items());
        }
        pending -= out.size();
        return out;
    }

    /** Acknowledgements held, sealed or not. */
    public int pending() {
        return pending;
    }

    /** Acknowledgements added since the last {@link #seal}. */
    public int unsealed() {
        return open.size();
    }
}
