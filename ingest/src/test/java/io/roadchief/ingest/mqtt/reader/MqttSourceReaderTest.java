package io.roadchief.ingest.mqtt.reader;

import io.roadchief.ingest.RawMessage;
import io.roadchief.ingest.mqtt.MqttSource;
import io.roadchief.ingest.mqtt.MqttSourceOptions;
import io.roadchief.ingest.mqtt.split.MqttSplit;
import io.roadchief.local.PrivateBroker;
import io.roadchief.schema.Topics;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.UserCodeClassLoader;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The reader on its own (no MiniCluster) against a real Mosquitto, driving snapshot and checkpoint
 * completion by hand: one reader running two sessions (what a scale-down leaves it with), acks
 * released only by the completed checkpoint, and filters dropped from the configuration unsubscribed.
 */
class MqttSourceReaderTest {
    private PrivateBroker broker;
    private MqttAsyncClient publisher;
    private String run;

    @BeforeEach
    void setUp() throws Exception {
        broker = PrivateBroker.start();
        // These drive one reader by hand without checkpoints in between: they need the broker to
        // stream up to Receive Maximum unacknowledged messages (Mosquitto; HiveMQ CE sends one).
        assumeTrue(broker.streamsUpToReceiveMaximum(), "needs Mosquitto, not " + broker.kind());
        publisher = new MqttAsyncClient(broker.url(), "pub-" + UUID.randomUUID(), new MemoryPersistence());
        publisher.connect().waitForCompletion(10_000);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (publisher != null) {
            publisher.disconnect().waitForCompletion(5_000);
            publisher.close();
        }
        if (broker != null) broker.close();
    }

    @Test
    void oneReaderWithTwoSessionsHoldsAcksUntilTheCheckpointCompletes() throws Exception {
        MqttSourceOptions options = MqttSource.builder().brokerUrl(broker.url()).clientIdPrefix("two-" + run)
                .sharedGroup("g-" + run).maxReconnectDelay(Duration.ofSeconds(1)).options();
        List<MqttSplit> splits = List.of(
                new MqttSplit("reader-0", options.clientIdFor(0), options.topicFilters()),
                new MqttSplit("reader-1", options.clientIdFor(1), options.topicFilters()));

        // Reader 1: gets 0..999 over both sessions; checkpoint 1 covers them and completes.
        MqttSourceReader first = new MqttSourceReader(options, new Context());
        first.addSplits(splits);
        Output out = new Output();
        probeUntilReceived(first, out);
        publish(0, 1_000);
        pollUntil(first, out, 1_000);
        List<MqttSplit> checkpoint1 = first.snapshotState(1);
        assertThat(checkpoint1).extracting(MqttSplit::clientId).containsExactlyInAnyOrderElementsOf(
                splits.stream().map(MqttSplit::clientId).toList());
        first.notifyCheckpointComplete(1);
        // 1000..1499 are emitted after checkpoint 2's snapshot, and checkpoint 2 never completes.
        publish(1_000, 1_500);
        pollUntil(first, out, 1_500);
        first.snapshotState(2);
        first.close();
        assertThat(out.seqs).containsExactlyInAnyOrderElementsOf(range(0, 1_500));

        // Reader 2 restores checkpoint 1: exactly the unacknowledged 1000..1499 come again, nothing of 0..999.
        MqttSourceReader second = new MqttSourceReader(options, new Context());
        second.addSplits(checkpoint1);
        Output again = new Output();
        pollUntilQuiet(second, again, 500);
        second.close();
        assertThat(again.seqs).containsExactlyInAnyOrderElementsOf(range(1_000, 1_500));
    }

    /**
     * A crash after a checkpoint completed but before its acknowledgements went out: the broker sends
     * those messages again (same packet ids), and the restored reader acknowledges them without emitting them a
     * second time (the job's state already holds them), while what came after the checkpoint is emitted.
     */
    @Test
    void reSendsOfMessagesTheRestoredCheckpointCoversAreAcknowledgedNotEmittedAgain() throws Exception {
        MqttSourceOptions options = MqttSource.builder().brokerUrl(broker.url()).clientIdPrefix("resend-" + run)
                .sharedGroup(null).maxReconnectDelay(Duration.ofSeconds(1)).options();
        MqttSplit split = new MqttSplit("reader-0", options.clientIdFor(0), options.topicFilters());

        MqttSourceReader first = new MqttSourceReader(options, new Context());
        first.addSplits(List.of(split));
        Output out = new Output();
        probeUntilReceived(first, out);
        publish(0, 800);
        pollUntil(first, out, 800);
        List<MqttSplit> checkpoint1 = first.snapshotState(1); // completes, but the process dies before acking
        assertThat(checkpoint1.get(0).unacknowledged()).hasSizeGreaterThanOrEqualTo(800);
        publish(800, 1_000);
        pollUntil(first, out, 1_000);
        first.close(); // no acknowledgement was ever sent

        MqttSourceReader second = new MqttSourceReader(options, new Context());
        second.addSplits(checkpoint1);
        Output again = new Output();
        pollUntilQuiet(second, again, 200);
        assertThat(again.seqs).containsExactlyInAnyOrderElementsOf(range(800, 1_000));
        List<MqttSplit> checkpoint2 = second.snapshotState(2);
        second.notifyCheckpointComplete(2); // acknowledges all 1000: the skipped re-sends too
        assertThat(checkpoint2.get(0).unacknowledged()).isNotEmpty();
        second.close();

        // Nothing is left on the broker for the session.
        MqttSourceReader third = new MqttSourceReader(options, new Context());
        third.addSplits(checkpoint2);
        Output none = new Output();
        probeUntilReceived(third, none);
        Thread.sleep(300);
        pollOnce(third, none);
        third.close();
        assertThat(none.seqs).isEmpty();
    }

    @Test
    void filtersDroppedFromTheConfigurationAreUnsubscribed() throws Exception {
        MqttSourceOptions old = MqttSource.builder().brokerUrl(broker.url()).clientIdPrefix("filters-" + run)
                .topicFilters("legacy/+/data", Topics.DEVICE_TOPIC_FILTERS[0]).sharedGroup(null).options();
        MqttSplit split = new MqttSplit("reader-0", old.clientIdFor(0), old.topicFilters());
        MqttSourceReader first = new MqttSourceReader(old, new Context());
        first.addSplits(List.of(split));
        Output out = new Output();
        probeUntilReceived(first, out);
        publisher.publish("legacy/x/data", "7".getBytes(StandardCharsets.US_ASCII), 1, false).waitForCompletion(5_000);
        pollUntil(first, out, 1);
        List<MqttSplit> state = first.snapshotState(1);
        first.notifyCheckpointComplete(1);
        first.close();

        // The job comes back configured without the legacy filter, restoring the old split.
        MqttSourceOptions now = MqttSource.builder().brokerUrl(broker.url()).clientIdPrefix("filters-" + run)
                .topicFilters(Topics.DEVICE_TOPIC_FILTERS[0]).sharedGroup(null).options();
        MqttSourceReader second = new MqttSourceReader(now, new Context());
        second.addSplits(state);
        Output after = new Output();
        probeUntilReceived(second, after);
        publisher.publish("legacy/x/data", "8".getBytes(StandardCharsets.US_ASCII), 1, false).waitForCompletion(5_000);
        publish(9, 10);
        pollUntil(second, after, 1);
        Thread.sleep(300);
        pollOnce(second, after);
        assertThat(after.seqs).containsExactly(9);
        assertThat(second.snapshotState(2)).extracting(MqttSplit::topicFilters).containsExactly(List.of(Topics.DEVICE_TOPIC_FILTERS[0]));
        second.close();
    }

    // ---- helpers ----

    private static List<Integer> range(int from, int to) {
        List<Integer> r = new ArrayList<>();
        for (int i = from; i < to; i++) r.add(i);
        return r;
    }

    private void publish(int from, int to) throws Exception {
        List<IMqttToken> tokens = new ArrayList<>();
        for (int seq = from; seq < to; seq++) {
            tokens.add(publisher.publish(Topics.vehicleImu("veh" + (seq % 20)), Integer.toString(seq).getBytes(StandardCharsets.US_ASCII), 1, false));
            if (tokens.size() >= 200) {
                for (IMqttToken t : tokens) t.waitForCompletion(10_000);
                tokens.clear();
            }
        }
        for (IMqttToken t : tokens) t.waitForCompletion(10_000);
    }

    /** Publishes probes until one comes through, so the sessions are subscribed; probes are not counted. */
    private void probeUntilReceived(MqttSourceReader reader, Output out) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (out.probes == 0) {
            if (System.nanoTime() > deadline) throw new AssertionError("no probe arrived");
            publisher.publish(Topics.vehicleImu("probe"), "probe".getBytes(StandardCharsets.US_ASCII), 1, false).waitForCompletion(5_000);
            Thread.sleep(100);
            pollOnce(reader, out);
        }
    }

    private static void pollUntil(MqttSourceReader reader, Output out, int seqs) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (out.seqs.size() < seqs) {
            if (System.nanoTime() > deadline) throw new AssertionError("got " + out.seqs.size() + " of " + seqs);
            if (!pollOnce(reader, out)) Thread.sleep(10);
        }
    }

    /** Polls until {@code seqs} arrived, then once more after a pause, so that any extra copies show too. */
    private static void pollUntilQuiet(MqttSourceReader reader, Output out, int seqs) throws Exception {
        pollUntil(reader, out, seqs);
        Thread.sleep(500);
        pollOnce(reader, out);
    }

    private static boolean pollOnce(MqttSourceReader reader, Output out) throws Exception {
        int before = out.seqs.size() + out.probes;
        reader.pollNext(out);
        return out.seqs.size() + out.probes > before;
    }

    static final class Output implements ReaderOutput<RawMessage> {
        final List<Integer> seqs = new ArrayList<>();
        final Set<String> topics = new HashSet<>();
        int probes;

        @Override
        public void collect(RawMessage m) {
            String body = new String(m.payload(), StandardCharsets.US_ASCII);
            topics.add(m.topic());
            if (body.equals("probe")) probes++;
            else seqs.add(Integer.parseInt(body));
        }

        @Override
        public void collect(RawMessage m, long timestamp) {
            collect(m);
        }

        @Override
        public void emitWatermark(Watermark watermark) {}

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}

        @Override
        public SourceOutput<RawMessage> createOutputForSplit(String splitId) {
            return this;
        }

        @Override
        public void releaseOutputForSplit(String splitId) {}
    }

    static final class Context implements SourceReaderContext {
        private final SourceReaderMetricGroup metrics = UnregisteredMetricsGroup.createSourceReaderMetricGroup();

        @Override
        public SourceReaderMetricGroup metricGroup() {
            return metrics;
        }

        @Override
        public Configuration getConfiguration() {
            return new Configuration();
        }

        @Override
        public String getLocalHostName() {
            return "localhost";
        }

        @Override
        public int getIndexOfSubtask() {
            return 0;
        }

        @Override
        public void sendSplitRequest() {}

        @Override
        public void sendSourceEventToCoordinator(SourceEvent sourceEvent) {}

        @Override
        public UserCodeClassLoader getUserCodeClassLoader() {
            return new UserCodeClassLoader() {
                @Override
                public ClassLoader asClassLoader() {
                    return MqttSourceReaderTest.class.getClassLoader();
                }

                @Override
                public void registerReleaseHookIfAbsent(String name, Runnable hook) {}
            };
        }
    }
}
