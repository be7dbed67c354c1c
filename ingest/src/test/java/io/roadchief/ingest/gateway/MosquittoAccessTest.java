package io.roadchief.ingest.gateway;

import io.roadchief.local.Ports;
import io.roadchief.schema.Topics;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * The registry's credentials and docker/mosquitto/acl, checked by a real Mosquitto: it loads the password
 * file the gateway renders and the checked-in ACL, then devices, the gateway and the RoadChief service
 * account log in and publish.
 */
class MosquittoAccessTest {
    static final String MOSQUITTO = "/usr/sbin/mosquitto";
    static final String MOSQUITTO_PASSWD = "/usr/bin/mosquitto_passwd";

    static GatewayFixture gw;
    static Process broker;
    static Path dir;
    static String brokerUrl;
    static String busA, busB, busOff;
    static final String serviceUser = "roadchief", servicePassword = MosquittoPasswords.newPassword();

    @BeforeAll
    static void start() throws Exception {
        if (!new File(MOSQUITTO).canExecute()) {
            String why = MOSQUITTO + " is not installed; this test needs a real Mosquitto";
            if (System.getenv("CI") != null) fail(why + " (CI is set, so this is a failure)");
            Assumptions.abort(why);
        }
        int port = Ports.free();
        brokerUrl = "tcp://127.0.0.1:" + port;
        String gatewayPassword = MosquittoPasswords.newPassword();
        // the gateway starts before its broker (it keeps retrying), as in a compose stack
        gw = GatewayFixture.withBroker("gateway_acl", brokerUrl, GatewayConfig.DEFAULT_BROKER_USERNAME, gatewayPassword);
        busA = gw.register("bus-a", "vehicle", "bus");
        busB = gw.register("bus-b", "vehicle", "bus");
        busOff = gw.register("bus-off", "vehicle", "sanitation_truck");
        assertThat(gw.admin(HttpMethod.POST, "/api/v1/devices/bus-off/disable", null).statusCode()).isEqualTo(200);

        HttpResponse<Buffer> passwd = gw.admin(HttpMethod.GET, "/api/v1/devices/mosquitto-passwd", null);
        assertThat(passwd.statusCode()).isEqualTo(200);
        String devices = passwd.bodyAsString();
        assertThat(devices).contains("bus-a:$7$101$").contains("bus-b:$7$101$").doesNotContain("bus-off");

        dir = Files.createTempDirectory("roadchief-acl-test");
        Path passwdFile = dir.resolve("passwd");
        Files.writeString(passwdFile, MosquittoPasswords.passwdLine(GatewayConfig.DEFAULT_BROKER_USERNAME, MosquittoPasswords.hash(gatewayPassword)));
        if (new File(MOSQUITTO_PASSWD).canExecute()) {
            // the service account made by Mosquitto's own tool, as the README says
            Process p = new ProcessBuilder(MOSQUITTO_PASSWD, "-b", passwdFile.toString(), serviceUser, servicePassword).redirectErrorStream(true).start();
            assertThat(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0).as("mosquitto_passwd ran").isTrue();
        } else {
            Files.writeString(passwdFile, MosquittoPasswords.passwdLine(serviceUser, MosquittoPasswords.hash(servicePassword)), java.nio.file.StandardOpenOption.APPEND);
        }
        Files.writeString(passwdFile, devices, java.nio.file.StandardOpenOption.APPEND);
        Path acl = Files.copy(repoFile("docker/mosquitto/acl"), dir.resolve("acl"), StandardCopyOption.REPLACE_EXISTING);
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, """
                listener %d 127.0.0.1
                allow_anonymous false
                password_file %s
                acl_file %s
                persistence false
                log_dest stderr
                log_type error
                log_type warning
                """.formatted(port, passwdFile, acl));
        // Mosquitto started as root drops to user mosquitto before reading these files
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (Path f : List.of(passwdFile, acl, conf)) Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        broker = new ProcessBuilder(MOSQUITTO, "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Ports.listening("127.0.0.1", port, 200)) {
            if (!broker.isAlive() || System.nanoTime() > deadline) fail("mosquitto did not start: " + Files.readString(dir.resolve("mosquitto.log")));
            Thread.sleep(50);
        }
        gw.awaitHealthy(); // the gateway logged in with its own account
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (gw != null) gw.close();
        } finally {
            if (broker != null) {
                broker.destroy();
                if (!broker.waitFor(5, TimeUnit.SECONDS)) broker.destroyForcibly();
            }
        }
    }

    @Test
    void aDeviceCanPublishUnderItsOwnIdOnly() throws Exception {
        GatewayFixture.Subscriber service = gw.subscribe(brokerUrl, "roadchief/v1/#", serviceUser, servicePassword);
        MqttClient device = connect("bus-a", busA);
        publishQuietly(device, Topics.vehicleImu("bus-a"), "own-1");
        publishQuietly(device, Topics.vehicleImu("bus-b"), "forged-other-device");
        publishQuietly(device, Topics.gaugeLevel("bus-b"), "forged-gauge");
        publishQuietly(device, Topics.waterAlert("g-1"), "forged-alert");
        publishQuietly(device, Topics.vehicleImu("bus-a"), "own-2");
        device.disconnect();
        device.close();

        // one client's messages arrive in order: had a forged one been delivered, it would sit between these
        List<GatewayFixture.Received> got = service.take(2, Duration.ofSeconds(10));
        assertThat(got).extracting(r -> r.topic() + " " + new String(r.payload(), StandardCharsets.UTF_8))
                .containsExactly(Topics.vehicleImu("bus-a") + " own-1", Topics.vehicleImu("bus-a") + " own-2");
    }

    @Test
    void wrongPasswordsAndDisabledDevicesCannotConnect() {
        assertThatThrownBy(() -> connect("bus-a", busB)).isInstanceOf(MqttException.class);
        assertThatThrownBy(() -> connect("bus-off", busOff)).isInstanceOf(MqttException.class);
        assertThatThrownBy(() -> connect("bus-404", "x")).isInstanceOf(MqttException.class);
    }

    @Test
    void theGatewayAccountPublishesUploadsAndTheServiceAccountPublishesAlerts() throws Exception {
        GatewayFixture.Subscriber service = gw.subscribe(brokerUrl, "roadchief/v1/#", serviceUser, servicePassword);
        HttpResponse<Buffer> r = gw.upload("/api/v1/upload/envelopes", "bus-b", busB, EnvelopeUploadTest.delimited(EnvelopeUploadTest.imu("bus-b", 5)));
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        assertThat(service.take(1, Duration.ofSeconds(10))).extracting(GatewayFixture.Received::topic).containsExactly(Topics.vehicleImu("bus-b"));

        service.client.publish(Topics.waterAlert("g-1"), new MqttMessage("alert".getBytes(StandardCharsets.UTF_8), 1, false, null));
        assertThat(service.take(1, Duration.ofSeconds(10))).extracting(GatewayFixture.Received::topic).containsExactly(Topics.waterAlert("g-1"));
    }

    @Test
    void javaHashesAndMosquittoPasswdHashesAgree() throws Exception {
        Assumptions.assumeTrue(new File(MOSQUITTO_PASSWD).canExecute() || System.getenv("CI") != null, MOSQUITTO_PASSWD + " not installed");
        String line = Files.readAllLines(dir.resolve("passwd")).stream().filter(l -> l.startsWith(serviceUser + ":")).findFirst().orElseThrow();
        String toolHash = line.substring(serviceUser.length() + 1);
        assertThat(toolHash).startsWith("$7$101$");
        assertThat(MosquittoPasswords.matches(servicePassword, toolHash)).isTrue();
        assertThat(MosquittoPasswords.matches(servicePassword + "x", toolHash)).isFalse();
    }

    private static MqttClient connect(String user, String password) throws MqttException {
        MqttClient c = new MqttClient(brokerUrl, "test-" + user + "-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(user);
        o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        o.setConnectionTimeout(5);
        try {
            c.connect(o);
        } catch (MqttException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** Publishes with QoS 1; a refusal the broker signals in the PUBACK is fine here (what matters is delivery). */
    private static void publishQuietly(MqttClient c, String topic, String payload) {
        try {
            c.publish(topic, new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), 1, false, null));
        } catch (MqttException e) {
            assertThat(c.isConnected()).as("still connected after a refused publish").isTrue();
        }
    }

    /** A file of the repository, found from the module directory the tests run in. */
    static Path repoFile(String relative) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve(relative))) return p.resolve(relative);
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
