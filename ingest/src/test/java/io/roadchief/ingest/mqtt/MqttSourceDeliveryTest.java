package io.roadchief.ingest.mqtt;

import io.roadchief.ingest.RawMessage;
import io.roadchief.local.PrivateBroker;
import io.roadchief.schema.Topics;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The MQTT source against a real Mosquitto (PrivateBroker) in a real Flink MiniCluster: nothing
 * lost, nothing duplicated without failures, acknowledgements held until checkpoints complete, and
 * shared subscriptions spreading the load.
 */
class MqttSourceDeliveryTest {
    private static final InMemoryReporter METRICS = InMemoryReporter.create();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(() -> new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(METRICS.addToConfiguration(new Configuration()))
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    /** What the jobs saw, per test run (the MiniCluster runs in this JVM). */
    static final Map<String, Tally> TALLIES = new ConcurrentHashMap<>();
    private static final String PROBE_TOPIC = Topics.gaugeLevel("probe");

    private PrivateBroker broker;
    private String run;

    @BeforeEach
    void setUp() throws Exception {
        broker = PrivateBroker.start();
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (broker != null) broker.close();
    }

    @Test
    void everyMessageArrivesExactlyOnceWithoutFailuresAndTwoReadersShareTheLoad() throws Exception {
        // Shared subscriptions on the embedded HiveMQ CE can leave a member idle (hivemq-community-edition#558);
        // the launcher does not use them there (EmbeddedBroker.serves). Load sharing is a Mosquitto test.
        assumeTrue(broker.streamsUpToReceiveMaximum(), "shared subscriptions need Mosquitto, not " + broker.kind());
        int n = 20_000;
        // A small window (1000 per reader) so that acknowledgements must flow checkpoint after checkpoint.
        MqttSource source = source("share-" + run).receiveMaximum(1_000).build();
        Tally tally = tally("main");
        JobClient job = start(source, 2, 300, tally, false);
        boolean shares = broker.streamsUpToReceiveMaximum();
        try (Publisher pub = new Publisher(broker.url())) {
            awaitReaders(pub, tally, shares ? 2 : 1);
            if (!shares) Thread.sleep(2_000); // let the other reader subscribe too
            long t0 = System.nanoTime();
            pub.publishRange(0, n);
            await(() -> tally.total.get() >= n, Duration.ofSeconds(180), () -> "received " + tally.total.get() + " of " + n);
            double seconds = (System.nanoTime() - t0) / 1e9;
            // Once the acknowledgements are out, nothing more may come (no redelivery without failure).
            await(() -> counter(job.getJobID(), "acksSent") >= n, Duration.ofSeconds(60),
                    () -> "acks sent " + counter(job.getJobID(), "acksSent"));
            Thread.sleep(1_000);
            System.out.printf("MQTT source: %d messages through 2 readers in %.1f s (%.0f msg/s; first to last arrival %d ms), "
                            + "per reader %s, window full %d times, checkpoints completed %d%n",
                    n, seconds, n / seconds, tally.lastMs - tally.firstMs, tally.perReader,
                    counter(job.getJobID(), "windowFull"), tally.checkpointsSeen.get());
            assertThat(tally.total.get()).isEqualTo(n);
            assertThat(tally.counts).hasSize(n);
            assertThat(tally.counts.values()).allMatch(c -> c.get() == 1);
            if (shares) {
                assertThat(tally.perReader.keySet()).containsExactlyInAnyOrder(0, 1);
                assertThat(tally.perReader.values()).allMatch(c -> c.get() > 0);
            }
            assertThat(counter(job.getJobID(), "recordsIn")).isGreaterThanOrEqualTo(n);
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void acknowledgementsAreHeldUntilACheckpointCompletesAndOnlyUnacknowledgedOnesComeAgain() throws Exception {
        assumeTrue(broker.streamsUpToReceiveMaximum(),
                "needs a broker that sends unacknowledged messages up to Receive Maximum (Mosquitto), not " + broker.kind());
        String prefix = "held-" + run;
        int n = 2_000;
        try (Publisher pub = new Publisher(broker.url())) {
            // 1. No checkpoints at all: everything is received and emitted, nothing is acknowledged.
            Tally first = tally("first");
            JobClient a = start(source(prefix).build(), 1, 0, first, false);
            awaitReaders(pub, first, 1);
            pub.publishRange(0, n);
            await(() -> first.counts.size() >= n, Duration.ofSeconds(60), () -> "first job got " + first.counts.size());
            await(() -> counter(a.getJobID(), "acksPending") >= n, Duration.ofSeconds(10),
                    () -> "acks pending " + counter(a.getJobID(), "acksPending"));
            assertThat(counter(a.getJobID(), "acksSent")).isZero();
            a.cancel().get();

            // 2. Same client id again, with checkpoints: the broker sends all of them again.
            Tally second = tally("second");
            JobClient b = start(source(prefix).build(), 1, 300, second, false);
            await(() -> second.counts.size() >= n, Duration.ofSeconds(60), () -> "redelivered " + second.counts.size() + " of " + n);
            assertThat(second.counts.keySet()).containsAll(IntStream.range(0, n).boxed().toList());
            await(() -> counter(b.getJobID(), "acksSent") >= n, Duration.ofSeconds(60),
                    () -> "acks sent " + counter(b.getJobID(), "acksSent"));
            b.cancel().get();

            // 3. Same client id once more: what job 2 acknowledged does not come back; new messages do.
            Tally third = tally("third");
            JobClient c = start(source(prefix).build(), 1, 300, third, false);
            try {
                awaitReaders(pub, third, 1);
                pub.publishRange(n, n + 500);
                await(() -> third.counts.size() >= 500, Duration.ofSeconds(60), () -> "third job got " + third.counts.size());
                Thread.sleep(500);
                assertThat(third.counts.keySet()).allMatch(seq -> seq >= n);
                assertThat(third.counts).hasSize(500);
                assertThat(third.counts.values()).allMatch(cnt -> cnt.get() == 1);
            } finally {
                c.cancel().get();
            }
        }
    }

    @Test
    void aReaderThatFailsMidStreamGetsEveryUnacknowledgedMessageAgainAfterRestore() throws Exception {
        int n = 6_000;
        Tally tally = tally("failing");
        tally.failAfter = 3_000;
        JobClient job = start(source("fail-" + run).receiveMaximum(2_000).build(), 1, 200, tally, true);
        try (Publisher pub = new Publisher(broker.url())) {
            awaitReaders(pub, tally, 1);
            pub.publishRange(0, n);
            await(() -> tally.counts.size() >= n, Duration.ofSeconds(120),
                    () -> "distinct " + tally.counts.size() + " of " + n + ", failed " + tally.failed.get());
            assertThat(tally.failed.get()).as("the job failed once and was restored").isTrue();
            assertThat(tally.counts.keySet()).containsExactlyInAnyOrderElementsOf(IntStream.range(0, n).boxed().toList());
            long again = tally.counts.values().stream().filter(c -> c.get() > 1).count();
            System.out.printf("After the failure %d of %d messages came a second time (their checkpoint had not completed)%n", again, n);
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void qos0MessagesArriveAndLeaveNothingToAcknowledge() throws Exception {
        int n = 500;
        Tally tally = tally("qos0");
        JobClient job = start(source("qos0-" + run).build(), 1, 200, tally, false);
        try (Publisher pub = new Publisher(broker.url())) {
            awaitReaders(pub, tally, 1);
            // The QoS 1 probes are acknowledged at the next checkpoint; after that nothing is held.
            await(() -> counter(job.getJobID(), "acksPending") == 0 && counter(job.getJobID(), "acksSent") >= tally.probesReceived.get(),
                    Duration.ofSeconds(30), () -> "probe acks pending " + counter(job.getJobID(), "acksPending"));
            long acksBefore = counter(job.getJobID(), "acksSent");
            pub.publishRange(0, n, 0);
            await(() -> tally.counts.size() >= n, Duration.ofSeconds(60), () -> "QoS 0 received " + tally.counts.size());
            int checkpoints = tally.checkpointsSeen.get();
            await(() -> tally.checkpointsSeen.get() >= checkpoints + 2, Duration.ofSeconds(30), () -> "checkpoints " + tally.checkpointsSeen.get());
            assertThat(counter(job.getJobID(), "acksSent")).isEqualTo(acksBefore);
            assertThat(counter(job.getJobID(), "acksPending")).isZero();
            assertThat(tally.counts.values()).allMatch(c -> c.get() == 1);
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void aSessionTakenOverMidStreamReconnectsAndLosesNothing() throws Exception {
        // On the embedded HiveMQ CE this test stalls intermittently (the session gets its first message,
        // then nothing, with checkpoints and acks flowing) when several brokers have run in this JVM
        // before it; alone it passes. Not seen with one broker per process (the demo). Mosquitto only.
        assumeTrue(broker.streamsUpToReceiveMaximum(), "intermittent on embedded HiveMQ CE; needs Mosquitto, not " + broker.kind());
        int n = 6_000;
        String prefix = "kick-" + run;
        Tally tally = tally("kick");
        JobClient job = start(source(prefix).receiveMaximum(500).build(), 1, 200, tally, false);
        try (Publisher pub = new Publisher(broker.url())) {
            awaitReaders(pub, tally, 1);
            Thread publishing = new Thread(() -> {
                try {
                    pub.publishRange(0, n);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            publishing.start();
            await(() -> tally.total.get() >= n / 4, Duration.ofSeconds(60), () -> "received " + tally.total.get());
            // Another client takes the session (same client id) for a moment, holding what it gets
            // unacknowledged; the reader is thrown off, reconnects, and must get all of it.
            MqttAsyncClient intruder = new MqttAsyncClient(broker.url(), prefix + "-0", new MemoryPersistence());
            intruder.setManualAcks(true);
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(false);
            o.setSessionExpiryInterval(86_400L);
            intruder.connect(o).waitForCompletion(10_000);
            Thread.sleep(200);
            if (intruder.isConnected()) intruder.disconnect().waitForCompletion(5_000);
            intruder.close(true);
            publishing.join(120_000);

            await(() -> tally.counts.size() >= n, Duration.ofSeconds(120), () -> "distinct " + tally.counts.size() + " of " + n);
            await(() -> counter(job.getJobID(), "reconnects") >= 1, Duration.ofSeconds(30), () -> "no reconnect seen");
            // Nothing is left stuck in flight: everything gets acknowledged, and new messages still flow.
            await(() -> counter(job.getJobID(), "acksPending") == 0, Duration.ofSeconds(30),
                    () -> "acks pending " + counter(job.getJobID(), "acksPending"));
            pub.publishRange(n, n + 500);
            await(() -> tally.counts.size() >= n + 500, Duration.ofSeconds(60), () -> "distinct " + tally.counts.size());
            assertThat(tally.counts.keySet()).containsExactlyInAnyOrderElementsOf(IntStream.range(0, n + 500).boxed().toList());
            System.out.printf("Session takeover: %d reconnects, %d duplicates, %d acknowledgements skipped (their connection was gone)%n",
                    counter(job.getJobID(), "reconnects"), tally.total.get() - tally.counts.size(), counter(job.getJobID(), "acksSkipped"));
        } finally {
            job.cancel().get();
        }
    }

    // ---- helpers ----

    private MqttSourceBuilder source(String clientIdPrefix) {
        return MqttSource.builder()
                .brokerUrl(broker.url())
                .clientIdPrefix(clientIdPrefix)
                .sharedGroup("g-" + clientIdPrefix)
                .maxReconnectDelay(Duration.ofSeconds(1));
    }

    private Tally tally(String name) {
        Tally t = new Tally();
        TALLIES.put(run + "/" + name, t);
        t.key = run + "/" + name;
        return t;
    }

    private static JobClient start(MqttSource source, int parallelism, long checkpointMs, Tally tally, boolean restartOnce) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Configuration conf = new Configuration();
        if (restartOnce) {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 1);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
        } else {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        }
        env.configure(conf);
        env.setParallelism(parallelism);
        if (checkpointMs > 0) env.enableCheckpointing(checkpointMs);
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "mqtt")
                .process(new Count(tally.key))
                .sinkTo(new DiscardingSink<>());
        return env.executeAsync("mqtt-source-test-" + tally.key);
    }

    /** Publishes probes until every reader has one: then their sessions are connected and subscribed. */
    private static void awaitReaders(Publisher pub, Tally tally, int readers) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (tally.probes.size() < readers) {
            if (System.nanoTime() > deadline) throw new AssertionError("readers with a probe: " + tally.probes);
            pub.client.publish(PROBE_TOPIC, "probe".getBytes(StandardCharsets.US_ASCII), 1, false).waitForCompletion(5_000);
            Thread.sleep(50);
        }
    }

    private static long counter(JobID job, String name) {
        long sum = 0;
        for (Map.Entry<String, Metric> e : METRICS.findMetrics(job, name).entrySet()) {
            if (!e.getKey().endsWith(".mqtt." + name)) continue;
            Metric m = e.getValue();
            if (m instanceof Counter c) sum += c.getCount();
            else if (m instanceof org.apache.flink.metrics.Gauge<?> g && g.getValue() instanceof Number num) sum += num.longValue();
        }
        return sum;
    }

    private static void await(BooleanSupplier condition, Duration timeout, java.util.function.Supplier<String> state) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out: " + state.get());
            Thread.sleep(50);
        }
    }

    static final class Tally {
        String key;
        final Map<Integer, AtomicInteger> counts = new ConcurrentHashMap<>();
        final Map<Integer, AtomicInteger> perReader = new ConcurrentHashMap<>();
        final Set<Integer> probes = ConcurrentHashMap.newKeySet();
        final AtomicInteger total = new AtomicInteger();
        final AtomicInteger probesReceived = new AtomicInteger();
        final AtomicBoolean failed = new AtomicBoolean();
        volatile int failAfter;
        volatile long firstMs, lastMs;
        final AtomicInteger checkpointsSeen = new AtomicInteger();
    }

    /** Counts what the source emitted, by sequence number and by reader (chained to the source, so same subtask). */
    static final class Count extends ProcessFunction<RawMessage, Integer> implements CheckpointListener {
        private final String key;

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            TALLIES.get(key).checkpointsSeen.incrementAndGet();
        }

        Count(String key) {
            this.key = key;
        }

        @Override
        public void processElement(RawMessage m, Context ctx, Collector<Integer> out) {
            Tally t = TALLIES.get(key);
            int reader = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
            if (m.topic().equals(PROBE_TOPIC)) {
                t.probes.add(reader);
                t.probesReceived.incrementAndGet();
                return;
            }
            int seq = Integer.parseInt(new String(m.payload(), StandardCharsets.US_ASCII));
            t.counts.computeIfAbsent(seq, k -> new AtomicInteger()).incrementAndGet();
            t.perReader.computeIfAbsent(reader, k -> new AtomicInteger()).incrementAndGet();
            int total = t.total.incrementAndGet();
            if (total == 1) t.firstMs = System.currentTimeMillis();
            t.lastMs = System.currentTimeMillis();
            if (t.failAfter > 0 && total >= t.failAfter && t.failed.compareAndSet(false, true)) {
                throw new IllegalStateException("failing on purpose after " + total + " records");
            }
            out.collect(seq);
        }
    }

    /** A device fleet stand-in: QoS 1 publishes over 50 vehicle topics, a bounded number in flight. */
    static final class Publisher implements AutoCloseable {
        final MqttAsyncClient client;

        Publisher(String url) throws Exception {
            client = new MqttAsyncClient(url, "pub-" + UUID.randomUUID(), new MemoryPersistence());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            client.connect(o).waitForCompletion(10_000);
        }

        void publishRange(int from, int to) throws Exception {
            publishRange(from, to, 1);
        }

        void publishRange(int from, int to, int qos) throws Exception {
            ArrayDeque<IMqttToken> inFlight = new ArrayDeque<>();
            for (int seq = from; seq < to; seq++) {
                if (inFlight.size() >= 500) inFlight.poll().waitForCompletion(10_000);
                inFlight.add(client.publish(Topics.vehicleImu("veh" + (seq % 50)),
                        Integer.toString(seq).getBytes(StandardCharsets.US_ASCII), qos, false));
            }
            for (IMqttToken t : inFlight) t.waitForCompletion(10_000);
        }

        @Override
        public void close() throws Exception {
            client.disconnect().waitForCompletion(5_000);
            client.close();
        }
    }
}
