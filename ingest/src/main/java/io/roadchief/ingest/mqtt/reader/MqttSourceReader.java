package io.roadchief.ingest.mqtt.reader;

import io.roadchief.ingest.RawMessage;
import io.roadchief.ingest.mqtt.MqttSourceOptions;
import io.roadchief.ingest.mqtt.metrics.MqttReaderMetrics;
import io.roadchief.ingest.mqtt.split.MqttSplit;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.base.source.reader.synchronization.FutureCompletingBlockingQueue;
import org.apache.flink.core.io.InputStatus;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.zip.CRC32C;

/**
 * Reads the sessions (normally one) assigned to this subtask and holds their acknowledgements
 * until checkpoints complete.
 *
 * <p>Hand-written rather than built on flink-connector-base's SplitReader: Paho already runs its
 * own receive thread and pushes messages, so a fetcher thread polling a second queue would only
 * add a hop. Paho's callback thread puts into a bounded {@link FutureCompletingBlockingQueue};
 * {@link #pollNext} drains it on the task thread. The queue defaults to the receive maximum, which
 * bounds the unacknowledged messages a broker should send, so the Paho thread rarely blocks; when
 * it does (Flink back-pressure, or a broker that overshoots the window), TCP back-pressure leaves
 * the rest on the broker. A block longer than about 1.5 keep-alive intervals makes Paho drop the
 * connection; the session then reconnects and the broker sends the unacknowledged messages again.
 *
 * <p>Acknowledgements: every emitted QoS 1 message goes into an {@link AcknowledgmentBuffer};
 * {@link #snapshotState} seals what was emitted so far under the checkpoint id (all on the task
 * thread, so "emitted before the snapshot" is exact); {@link #notifyCheckpointComplete} sends the
 * acknowledgements of every checkpoint up to that id, in arrival order. QoS 0 messages have
 * nothing to acknowledge. With acks held this way a session can receive at most receive-maximum
 * messages per checkpoint cycle; see {@link MqttSourceOptions}.
 *
 * <p>Re-sends: a resumed session gets every unacknowledged message again. Those this reader already
 * emitted ({@link EmittedMessages}, kept in the split's checkpoint state so it survives a crash) are
 * acknowledged but not emitted a second time.
 */
public final class MqttSourceReader implements SourceReader<RawMessage, MqttSplit> {
    private static final Logger log = LoggerFactory.getLogger(MqttSourceReader.class);
    /** Records per pollNext call, so the mailbox gets to checkpoints and timers regularly. */
    private static final int MAX_RECORDS_PER_POLL = 1_000;

    private final MqttSourceOptions options;
    private final SourceReaderContext context;
    private final FutureCompletingBlockingQueue<ReceivedMessage> handOff;
    private final AcknowledgmentBuffer<PendingAck> acks = new AcknowledgmentBuffer<>();
    private final List<MqttSession> sessions = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService reconnector;
    private final MqttReaderMetrics metrics;
    private volatile Throwable failure;
    private volatile int acksPending;
    private boolean windowFullSeen;
    private long checkpointsCompleted;
    /** Re-sends skipped since the last completed checkpoint (logged: they only follow a reconnect or a restore). */
    private long resendsSkipped;
    /** Reused for every message's checksum (task thread). */
    private final CRC32C crc = new CRC32C();

    public MqttSourceReader(MqttSourceOptions options, SourceReaderContext context) {
        this.options = options;
        this.context = context;
        this.handOff = new FutureCompletingBlockingQueue<>(options.maxBufferedRecords());
        this.reconnector = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mqtt-reconnect-" + context.getIndexOfSubtask());
            t.setDaemon(true);
            return t;
        });
        this.metrics = new MqttReaderMetrics(context.metricGroup(), () -> acksPending,
                () -> (int) sessions.stream().filter(MqttSession::isConnected).count(), handOff::size);
    }

    @Override
    public void start() {
        // Splits arrive through addSplits: from the enumerator, or from restored state.
    }

    @Override
    public void addSplits(List<MqttSplit> splits) {
        for (MqttSplit split : splits) {
            try {
                MqttSession s = new MqttSession(split, options, handOff, sessions.size(), reconnector, metrics, this::fail);
                sessions.add(s);
                log.info("Reader {} starts MQTT session {} ({})", context.getIndexOfSubtask(), split.clientId(), split.splitId());
                s.start();
            } catch (MqttException e) {
                fail(e);
            }
        }
    }

    private void fail(Throwable t) {
        if (failure == null) failure = t;
        handOff.notifyAvailable(); // wake pollNext so it throws
    }

    @Override
    public InputStatus pollNext(ReaderOutput<RawMessage> output) throws Exception {
        Throwable f = failure;
        if (f != null) throw new IllegalStateException("MQTT source failed", f);
        for (int i = 0; i < MAX_RECORDS_PER_POLL; i++) {
            ReceivedMessage m = handOff.poll();
            if (m == null) return InputStatus.NOTHING_AVAILABLE;
            if (m.needsAck()) {
                EmittedMessages emitted = m.session().emitted();
                int checksum = EmittedMessages.checksum(crc, m.topic(), m.payload());
                if (emitted.alreadyEmitted(m.messageId(), checksum)) {
                    // A re-send of what this session already emitted (lost connection, or covered by the
                    // restored checkpoint): acknowledge it with the next checkpoint, in arrival order.
                    acks.add(PendingAck.of(m));
                    acksPending = acks.pending();
                    metrics.redeliverySkipped();
                    resendsSkipped++;
                    continue;
                }
                emitted.emitted(m.messageId(), checksum);
            }
            output.collect(new RawMessage(m.topic(), m.payload(), m.receivedAtMs()), m.receivedAtMs());
            metrics.recordIn();
            if (m.needsAck()) {
                acks.add(PendingAck.of(m));
                acksPending = acks.pending();
                if (!windowFullSeen && acksPending >= (long) options.receiveMaximum() * sessions.size()) {
                    windowFullSeen = true; // throttled until the next checkpoint completes
                    metrics.windowFull();
                    if (checkpointsCompleted == 0) {
                        log.warn("Reader {}: {} messages wait for acknowledgement and no checkpoint has completed yet; "
                                + "acknowledgements are only sent when checkpoints complete: is checkpointing enabled?",
                                context.getIndexOfSubtask(), acksPending);
                    }
                }
            }
        }
        return handOff.isEmpty() ? InputStatus.NOTHING_AVAILABLE : InputStatus.MORE_AVAILABLE;
    }

    @Override
    public List<MqttSplit> snapshotState(long checkpointId) {
        acks.seal(checkpointId);
        List<MqttSplit> splits = new ArrayList<>(sessions.size());
        for (MqttSession s : sessions) splits.add(s.snapshot());
        return splits;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        List<PendingAck> ready = acks.release(checkpointId);
        int sent = 0;
        for (PendingAck a : ready) {
            if (a.session().ack(a)) sent++;
            else metrics.ackSkipped();
        }
        metrics.acksSent(sent);
        log.debug("Checkpoint {} complete: {} acknowledgements sent, {} skipped, {} still held", checkpointId, sent, ready.size() - sent, acks.pending());
        acksPending = acks.pending();
        windowFullSeen = false;
        checkpointsCompleted++;
        if (resendsSkipped > 0) {
            log.info("Reader {}: {} messages re-sent by the broker were already emitted; acknowledged, not emitted again",
                    context.getIndexOfSubtask(), resendsSkipped);
            resendsSkipped = 0;
        }
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        return handOff.getAvailabilityFuture();
    }

    @Override
    public void notifyNoMoreSplits() {}

    @Override
    public void close() {
        // Unacknowledged messages stay with the broker's session and come again to the next owner.
        for (MqttSession s : sessions) s.close();
        reconnector.shutdownNow();
    }
}
