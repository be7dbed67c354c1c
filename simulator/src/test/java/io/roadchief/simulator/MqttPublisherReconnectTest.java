package io.roadchief.simulator;

import io.roadchief.local.Ports;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The broker restarts while the simulator publishes: nothing is lost. The broker is a real Mosquitto
 * of this test's own, with persistence so that the subscriber's session survives the restart (the
 * subscriber's side of the guarantee); the publisher must re-send whatever was unacknowledged.
 */
class MqttPublisherReconnectTest {
    private static final String MOSQUITTO = "/usr/sbin/mosquitto";

    @Test
    void brokerRestartMidStreamLosesNothing(@TempDir Path dir) throws Exception {
        assumeTrue(new File(MOSQUITTO).canExecute(), "needs the mosquitto binary");
        int port = Ports.free();
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        // Mosquitto started as root drops to its own user, which must be able to save its database
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, """
                listener %d 127.0.0.1
                allow_anonymous true
                persistence true
                persistence_location %s/
                max_inflight_messages 0
                max_queued_messages 0
                log_dest stderr
                """.formatted(port, data));
        Scenario scenario = Scenario.builder().seed(13).km(3).defects(4).vehicles(3).durationS(400).build();
        Set<String> expected = new HashSet<>();
        scenario.messages().forEach(m -> expected.add(m.deviceId() + "#" + m.sequence()));

        Process broker = start(conf, dir.resolve("b1.log"), port);
        Process broker2 = null;
        MqttAsyncClient sub = new MqttAsyncClient("tcp://127.0.0.1:" + port, "sim-reconnect-sub", new MemoryPersistence());
        ConcurrentHashMap<String, Boolean> got = new ConcurrentHashMap<>();
        Thread keeper = null;
        try {
            sub.setCallback(new MqttCallback() {
                @Override public void disconnected(MqttDisconnectResponse r) {}
                @Override public void mqttErrorOccurred(MqttException e) {}
                @Override public void messageArrived(String topic, MqttMessage message) throws Exception {
                    var e = io.roadchief.schema.v1.Envelope.parseFrom(message.getPayload());
                    got.put(e.getDeviceId() + "#" + e.getSequence(), true);
                }
                @Override public void deliveryComplete(IMqttToken token) {}
                @Override public void connectComplete(boolean reconnect, String uri) {}
                @Override public void authPacketArrived(int reasonCode, MqttProperties properties) {}
            });
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(false);
            o.setSessionExpiryInterval(600L);
            o.setAutomaticReconnect(true);
            o.setAutomaticReconnectDelay(1, 2);
            sub.connect(o).waitForCompletion(10_000);
            sub.subscribe("roadchief/v1/#", 1).waitForCompletion(10_000);
            // the subscriber reconnects on its own too (same session, so queued messages follow)
            keeper = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        if (!sub.isConnected()) sub.connect(o).waitForCompletion(3_000);
                        Thread.sleep(200);
                    } catch (MqttException e) {
                        // broker still down
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "sub-keeper");
            keeper.setDaemon(true);
            keeper.start();

            MqttPublisher pub = new MqttPublisher("tcp://127.0.0.1:" + port, "sim-reconnect-pub", 50);
            // ~4 s of publishing at 500 msg/s; the broker goes down for a second in the middle
            CompletableFuture<MqttPublisher.Stats> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return pub.publish(scenario.messages(), 500, 0);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(1500);
            broker.destroy(); // SIGTERM: mosquitto saves its sessions and queues
            assertThat(broker.waitFor(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(1000);
            broker2 = start(conf, dir.resolve("b2.log"), port);
            MqttPublisher.Stats stats = run.get(120, TimeUnit.SECONDS);
            pub.close();
            long deadline = System.currentTimeMillis() + 30_000;
            while (!got.keySet().containsAll(expected) && System.currentTimeMillis() < deadline) Thread.sleep(50);
            Set<String> missing = new HashSet<>(expected);
            missing.removeAll(got.keySet());
            assertThat(missing).as("lost across the restart").isEmpty();
            assertThat(stats.published()).isGreaterThanOrEqualTo(expected.size());
            assertThat(stats.reconnects()).isPositive();
        } finally {
            if (keeper != null) {
                keeper.interrupt();
                keeper.join(5_000);
            }
            try { sub.disconnectForcibly(1000); } catch (MqttException ignored) { }
            try { sub.close(true); } catch (MqttException ignored) { }
            broker.destroyForcibly();
            if (broker2 != null) {
                broker2.destroy();
                if (!broker2.waitFor(5, TimeUnit.SECONDS)) broker2.destroyForcibly();
            }
        }
    }

    private static Process start(Path conf, Path log, int port) throws Exception {
        Process p = new ProcessBuilder(MOSQUITTO, "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Ports.listening("127.0.0.1", port, 200)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IllegalStateException("mosquitto did not start: " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        return p;
    }
}
