package io.roadchief.launcher;

import io.roadchief.simulator.SimMessage;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Iterator;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays simulated messages into the broker in (scaled) real time, as the units would send them:
 * each message is published when its simulated arrival time comes due. One background thread;
 * QoS 1 with a bounded window of unconfirmed publishes.
 */
final class FleetPlayer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FleetPlayer.class);
    private static final int WINDOW = 1000;

    private final MqttAsyncClient client;
    private final Iterator<SimMessage> messages;
    private final double speedup;
    private final Thread thread;
    private final Semaphore window = new Semaphore(WINDOW);
    private final AtomicLong published = new AtomicLong();
    private volatile boolean running = true;

    FleetPlayer(String brokerUrl, String username, String password, String clientId, Iterator<SimMessage> messages,
                double speedup) throws Exception {
        this.messages = messages;
        this.speedup = speedup;
        client = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setAutomaticReconnect(true);
        o.setMaxReconnectDelay(5000);
        if (username != null && !username.isEmpty()) {
            o.setUserName(username);
            o.setPassword(password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        client.connect(o).waitForCompletion(15_000);
        thread = new Thread(this::play, "fleet-player-" + clientId);
        thread.setDaemon(true);
    }

    FleetPlayer start() {
        thread.start();
        return this;
    }

    long published() {
        return published.get();
    }

    private void play() {
        long wallStart = System.currentTimeMillis();
        long simStart = -1;
        MqttActionListener release = new MqttActionListener() {
            @Override public void onSuccess(IMqttToken t) { window.release(); published.incrementAndGet(); }
            @Override public void onFailure(IMqttToken t, Throwable e) { window.release(); }
        };
        try {
            while (running && messages.hasNext()) {
                SimMessage m = messages.next();
                if (simStart < 0) simStart = m.publishAtMs();
                long due = wallStart + (long) ((m.publishAtMs() - simStart) / speedup);
                long wait = due - System.currentTimeMillis();
                if (wait > 0) Thread.sleep(wait);
                window.acquire();
                MqttMessage msg = new MqttMessage(m.payload());
                msg.setQos(1);
                while (running) {
                    try {
                        client.publish(m.topic(), msg, null, release);
                        break;
                    } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
                        // disconnected: wait for the automatic reconnect rather than drop the message
                        Thread.sleep(200);
                    }
                }
            }
            log.info("{}: simulation finished after {} messages", thread.getName(), published.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
            client.disconnect().waitForCompletion(3000);
        } catch (Exception ignored) {
            // shutting down
        }
        try {
            client.close();
        } catch (Exception ignored) {
            // shutting down
        }
    }
}
