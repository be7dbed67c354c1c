package io.roadchief.ingest.mqtt.metrics;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;

import java.util.function.IntSupplier;

/**
 * Reader metrics, under the operator's group {@code mqtt}:
 * <ul>
 *   <li>{@code recordsIn}: messages emitted into the job</li>
 *   <li>{@code acksPending}: acknowledgements held for checkpoints that have not completed</li>
 *   <li>{@code acksSent}: acknowledgements sent after their checkpoint completed</li>
 *   <li>{@code acksSkipped}: acknowledgements not sent because their connection was lost meanwhile
 *       (the broker sends those messages again)</li>
 *   <li>{@code redeliveriesSkipped}: messages the broker sent again (after a lost connection or a
 *       restore) that this reader had already emitted: acknowledged, not emitted twice</li>
 *   <li>{@code reconnects}: connections lost and made again</li>
 *   <li>{@code connectedSessions}: sessions currently connected</li>
 *   <li>{@code windowFull}: times the in-flight window (receive maximum) filled up before a
 *       checkpoint released it, i.e. the source was throttled by the checkpoint interval</li>
 * </ul>
 * plus Flink's standard {@code pendingRecords} (messages received, not yet emitted).
 */
public final class MqttReaderMetrics {
    public static final String GROUP = "mqtt";

    private final Counter recordsIn;
    private final Counter acksSent;
    private final Counter acksSkipped;
    private final Counter reconnects;
    private final Counter redeliveriesSkipped;
    private final Counter windowFull;

    public MqttReaderMetrics(SourceReaderMetricGroup readerGroup, IntSupplier acksPending,
                             IntSupplier connectedSessions, IntSupplier handOffQueueSize) {
        MetricGroup g = readerGroup.addGroup(GROUP);
        recordsIn = g.counter("recordsIn");
        acksSent = g.counter("acksSent");
        acksSkipped = g.counter("acksSkipped");
        // Incremented on MQTT client threads.
        reconnects = g.counter("reconnects", new ThreadSafeSimpleCounter());
        windowFull = g.counter("windowFull");
        redeliveriesSkipped = g.counter("redeliveriesSkipped");
        g.gauge("acksPending", acksPending::getAsInt);
        g.gauge("connectedSessions", connectedSessions::getAsInt);
        readerGroup.setPendingRecordsGauge(() -> (long) handOffQueueSize.getAsInt());
    }

    public void recordIn() {
        recordsIn.inc();
    }

    public void acksSent(int n) {
        acksSent.inc(n);
    }

    public void ackSkipped() {
        acksSkipped.inc();
    }

    public void redeliverySkipped() {
        redeliveriesSkipped.inc();
    }

    public void reconnect() {
        reconnects.inc();
    }

    public void windowFull() {
        windowFull.inc();
    }
}
