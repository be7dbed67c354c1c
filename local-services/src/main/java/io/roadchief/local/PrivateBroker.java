package io.roadchief.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A broker of a test's own on a free port, so that tests running side by side never see each
 * other's traffic: a real Mosquitto process when the mosquitto binary is installed (the production
 * broker, with the settings docker/mosquitto/mosquitto.conf explains), else an embedded HiveMQ CE.
 */
public final class PrivateBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PrivateBroker.class);
    private final String url;
    private final Process mosquitto;
    private final EmbeddedBroker embedded;
    private final String kind;
    /** Its configuration, log and (HiveMQ) persistence; removed on close. */
    private final Path dir;

    private PrivateBroker(String url, Process mosquitto, EmbeddedBroker embedded, String kind, Path dir) {
        this.url = url;
        this.mosquitto = mosquitto;
        this.embedded = embedded;
        this.kind = kind;
        this.dir = dir;
    }

    public static PrivateBroker start() throws Exception {
        int port = Ports.free();
        Path dir = Files.createTempDirectory("roadchief-broker");
        // ROADCHIEF_TEST_BROKER=hivemq runs the tests against the embedded broker the demo uses.
        String binary = "hivemq".equalsIgnoreCase(System.getenv("ROADCHIEF_TEST_BROKER")) ? null : mosquittoBinary();
        if (binary != null) {
            // Settings a subscriber that holds acks until its checkpoint needs; see docker/mosquitto.
            String conf = """
                    listener %d 127.0.0.1
                    allow_anonymous true
                    persistence false
                    log_dest stderr
                    log_type error
                    log_type warning
                    max_inflight_messages 0
                    max_queued_messages 0
                    max_queued_bytes 0
                    max_packet_size 1048576
                    persistent_client_expiration 7d
                    """.formatted(port);
            Path confFile = dir.resolve("mosquitto.conf");
            Files.writeString(confFile, conf, StandardCharsets.UTF_8);
            Process p = new ProcessBuilder(binary, "-c", confFile.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("mosquitto.log").toFile())
                    .start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Ports.listening("127.0.0.1", port, 200)) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new IllegalStateException("mosquitto did not start; see " + dir.resolve("mosquitto.log"));
                }
                Thread.sleep(50);
            }
            log.info("Private Mosquitto for a test on tcp://127.0.0.1:{}", port);
            return new PrivateBroker("tcp://127.0.0.1:" + port, p, null, "mosquitto", dir);
        }
        EmbeddedBroker b = EmbeddedBroker.start(dir, port);
        return new PrivateBroker(b.url(), null, b, "hivemq-embedded", dir);
    }

    private static String mosquittoBinary() {
        for (String c : new String[] {"/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto", "/usr/local/bin/mosquitto"}) {
            if (new File(c).canExecute()) return c;
        }
        return null;
    }

    public String url() {
        return url;
    }

    /** "mosquitto" or "hivemq-embedded". */
    public String kind() {
        return kind;
    }

    /**
     * Whether the broker sends a subscriber up to its Receive Maximum of unacknowledged messages and
     * spreads a shared subscription over its members. Mosquitto does; HiveMQ CE sends a session's
     * queued messages only once its in-flight ones are acknowledged and gives a shared group's
     * messages to one member while it keeps up. Everything still arrives, exactly as acknowledged,
     * but tests of the window itself or of load sharing need Mosquitto.
     */
    public boolean streamsUpToReceiveMaximum() {
        return mosquitto != null;
    }

    @Override
    public void close() throws Exception {
        if (mosquitto != null) {
            mosquitto.destroy();
            if (!mosquitto.waitFor(5, TimeUnit.SECONDS)) mosquitto.destroyForcibly();
        }
        if (embedded != null) embedded.close();
        TempDirs.deleteQuietly(dir); // HiveMQ's persistence reaches hundreds of MB per test run
    }
}
