package io.roadchief.ingest.mqtt.reader;

import io.roadchief.ingest.mqtt.MqttSource;
import io.roadchief.ingest.mqtt.MqttSourceBuilder;
import io.roadchief.ingest.mqtt.split.MqttSplit;
import io.roadchief.local.Ports;
import io.roadchief.schema.Topics;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The source against Mosquitto running the production configuration (docker/mosquitto/mosquitto.conf,
 * with its paths moved to a temporary directory and a free port): persistence, no anonymous access,
 * a password file and an ACL. Right credentials read through the shared subscription; wrong ones
 * fail the reader instead of retrying for ever. (A filter the ACL does not grant is NOT refused by
 * Mosquitto 2.0.11: SUBACK grants it and nothing is ever delivered, so the ACL must grant every
 * filter the source subscribes to. Brokers that refuse with 0x87 fail the reader.)
 */
class MqttSourceAuthenticationTest {
    private static final String MOSQUITTO = "/usr/sbin/mosquitto";
    private static final String MOSQUITTO_PASSWD = "/usr/bin/mosquitto_passwd";
    private static Process broker;
    private static String url;
    private static Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        assumeTrue(new File(MOSQUITTO).canExecute() && new File(MOSQUITTO_PASSWD).canExecute(), "mosquitto installed");
        dir = Files.createTempDirectory("roadchief-auth-broker");
        // Mosquitto drops root for the mosquitto user, which must reach these files.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path passwd = dir.resolve("passwd");
        Files.createFile(passwd);
        run(MOSQUITTO_PASSWD, "-b", passwd.toString(), "ingest", "ingest-secret");
        run(MOSQUITTO_PASSWD, "-b", passwd.toString(), "veh1", "veh1-secret");
        Files.setPosixFilePermissions(passwd, PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(dir.resolve("acl"), """
                user ingest
                topic read roadchief/v1/vehicle/+/imu
                topic read roadchief/v1/vehicle/+/detections
                topic read roadchief/v1/gauge/+/level

                pattern write roadchief/v1/vehicle/%u/imu
                """);
        int port = Ports.free();
        String conf = Files.readString(Path.of("../docker/mosquitto/mosquitto.conf"))
                .replace("/mosquitto/config/passwd", passwd.toString())
                .replace("/mosquitto/config/acl", dir.resolve("acl").toString())
                .replace("/mosquitto/data/", dir + "/")
                .replace("listener 1883", "listener " + port + " 127.0.0.1");
        Path confFile = dir.resolve("mosquitto.conf");
        Files.writeString(confFile, conf);
        broker = new ProcessBuilder(MOSQUITTO, "-c", confFile.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Ports.listening("127.0.0.1", port, 200)) {
            if (!broker.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("mosquitto with the production config did not start: "
                        + Files.readString(dir.resolve("mosquitto.log")));
            }
            Thread.sleep(50);
        }
        url = "tcp://127.0.0.1:" + port;
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0).as(String.join(" ", cmd)).isTrue();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.destroy();
            if (!broker.waitFor(5, TimeUnit.SECONDS)) broker.destroyForcibly();
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private MqttSourceReader reader(MqttSourceBuilder b) {
        var options = b.brokerUrl(url).maxReconnectDelay(Duration.ofMillis(500)).options();
        MqttSourceReader r = new MqttSourceReader(options, new MqttSourceReaderTest.Context());
        r.addSplits(List.of(new MqttSplit("reader-0", options.clientIdFor(0), options.topicFilters())));
        return r;
    }

    @Test
    void theIngestUserReadsDeviceTelemetryThroughTheSharedSubscription() throws Exception {
        MqttSourceReader r = reader(MqttSource.builder().clientIdPrefix("auth-ok").credentials("ingest", "ingest-secret"));
        MqttAsyncClient device = new MqttAsyncClient(url, "veh1", new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName("veh1");
        o.setPassword("veh1-secret".getBytes(StandardCharsets.UTF_8));
        device.connect(o).waitForCompletion(10_000);
        try {
            MqttSourceReaderTest.Output out = new MqttSourceReaderTest.Output();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.seqs.isEmpty()) {
                assertThat(System.nanoTime()).as("a device message arrives").isLessThan(deadline);
                device.publish(Topics.vehicleImu("veh1"), "1".getBytes(StandardCharsets.US_ASCII), 1, false).waitForCompletion(5_000);
                Thread.sleep(100);
                r.pollNext(out);
            }
            assertThat(out.topics).containsExactly(Topics.vehicleImu("veh1"));
        } finally {
            device.disconnect().waitForCompletion(5_000);
            device.close();
            r.close();
        }
    }

    @Test
    void aWrongPasswordFailsTheReader() throws Exception {
        MqttSourceReader r = reader(MqttSource.builder().clientIdPrefix("auth-bad").credentials("ingest", "wrong"));
        try {
            // Mosquitto answers a wrong password with 0x87 (not authorized); 0x86 is treated alike.
            assertThatThrownBy(() -> pollUntilFailure(r)).hasMessageContaining("MQTT source failed")
                    .hasStackTraceContaining("MQTT broker refused auth-bad-0");
        } finally {
            r.close();
        }
    }

    private static void pollUntilFailure(MqttSourceReader r) throws Exception {
        MqttSourceReaderTest.Output out = new MqttSourceReaderTest.Output();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            r.pollNext(out);
            Thread.sleep(50);
        }
    }
}
