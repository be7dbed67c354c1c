package io.roadchief.local;

import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedHiveMQ;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An MQTT v5 broker in this JVM (HiveMQ Community Edition), the default when no broker is configured.
 * Queues are sized so that a subscriber holding acknowledgements until its checkpoint never has
 * messages dropped behind it.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);
    /** MQTT 5's largest Receive Maximum. */
    private static final int MAX_RECEIVE_MAXIMUM = 65_535;
    /**
     * Unacknowledged messages HiveMQ may send one client. HiveMQ fills the window per subscription,
     * and a session's packet ids (1..65535) are shared by all of them: three subscriptions x 20 000
     * stay inside the id space (at 65 535 it logs "No message id available" and stalls).
     */
    private static final int IN_FLIGHT_PER_CLIENT = 20_000;
    private final EmbeddedHiveMQ hivemq;
    private final int port;
    private boolean closed;
    /** URLs of the embedded brokers running in this JVM. */
    private static final java.util.Set<String> RUNNING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private EmbeddedBroker(EmbeddedHiveMQ hivemq, int port) {
        this.hivemq = hivemq;
        this.port = port;
    }

    public static EmbeddedBroker start(Path workDirectory, int port) throws Exception {
        Path conf = Files.createDirectories(workDirectory.resolve("conf"));
        Path data = Files.createDirectories(workDirectory.resolve("data"));
        Path ext = Files.createDirectories(workDirectory.resolve("extensions"));
        String xml = """
                <?xml version="1.0"?>
                <hivemq>
                  <listeners>
                    <tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address></tcp-listener>
                  </listeners>
                  <mqtt>
                    <queued-messages>
                      <max-queue-size>2000000</max-queue-size>
                      <strategy>discard</strategy>
                    </queued-messages>
                    <session-expiry><max-interval>604800</max-interval></session-expiry>
                    <receive-maximum><server-receive-maximum>%d</server-receive-maximum></receive-maximum>
                  </mqtt>
                  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, MAX_RECEIVE_MAXIMUM);
        Files.writeString(conf.resolve("config.xml"), xml, StandardCharsets.UTF_8);
        // HiveMQ CE sends a client at most 50 unacknowledged QoS 1 messages, whatever Receive Maximum
        // the client asks for (InternalConfigurations, not in config.xml). RoadChief's source holds
        // acknowledgements until a checkpoint completes, so 50 would cap a reader at ~50 messages per
        // checkpoint interval.
        InternalConfigurations.MAX_INFLIGHT_WINDOW_SIZE_MESSAGES = IN_FLIGHT_PER_CLIENT;
        long t0 = System.nanoTime();
        EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(conf)
                .withDataFolder(data)
                .withExtensionsFolder(ext)
                .withoutLoggingBootstrap()
                .build();
        hivemq.start().join();
        log.info("Embedded MQTT v5 broker (HiveMQ CE) listening on tcp://127.0.0.1:{} after {} ms", port,
                (System.nanoTime() - t0) / 1_000_000);
        EmbeddedBroker broker = new EmbeddedBroker(hivemq, port);
        RUNNING.add(broker.url());
        return broker;
    }

    /**
     * Whether {@code brokerUrl} is an embedded HiveMQ of this JVM. Its readers should not use a shared
     * subscription: HiveMQ CE can leave a shared-subscription member idle under QoS 1 with messages
     * waiting (hivemq-community-edition#558; seen here as a source that got one message and then
     * nothing). One plain persistent session carries a demo's traffic.
     */
    public static boolean serves(String brokerUrl) {
        return brokerUrl != null && RUNNING.contains(brokerUrl);
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Idempotent: a test may stop the broker on purpose and its fixture close it again. */
    @Override
    public synchronized void close() throws Exception {
        if (closed) return;
        closed = true;
        RUNNING.remove(url());
        hivemq.stop().join();
        hivemq.close();
    }
}
