package io.roadchief.simulator;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes a simulated stream to an MQTT v5 broker: QoS 1, asynchronous with a bounded number of
 * unacknowledged publishes (never more than the broker's Receive Maximum), and reconnection: when
 * the connection drops, every publish not yet acknowledged is sent again on a new connection
 * (at-least-once; receivers de-duplicate by device and sequence, as RoadChief's ingest does).
 * Pacing: as fast as possible, a message-rate cap, or the scenario's own timeline scaled by a speed
 * factor.
 *
 * <p>Reconnection is done here rather than by Paho: Paho 1.2.5's own automatic reconnect re-sends its
 * in-flight window in a way Mosquitto 2 rejects as a protocol error, looping forever (seen in
 * MqttPublisherReconnectTest). A fresh clean-start connection and our own re-send avoid that.
 *
 * <p>One publisher is one MQTT client: the broker sees all simulated units arrive over it, as from a
 * gateway or load generator; topics still carry each unit's id.
 */
public final class MqttPublisher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MqttPublisher.class);
    /** Give up when no acknowledgement arrives, nor a connection succeeds, for this long, ms. */
    public static final long STALL_TIMEOUT_MS = 120_000;
    private static final int RECEIVE_MAXIMUM_DEFAULT = 65_535;

    private final String brokerUrl;
    private final String clientId;
    private final int requestedInFlight;
    private volatile MqttAsyncClient client;
    private volatile int maxInFlight;
    private Semaphore inFlight;
    private final Map<Long, SimMessage> unacknowledged = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<SimMessage> retry = new ConcurrentLinkedQueue<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private volatile long lastProgress = System.currentTimeMillis();

    /** Result of publishing a stream. */
    public record Stats(long published, long acknowledged, long retries, long reconnects, double seconds) {
        public double messagesPerSecond() {
            return seconds > 0 ? published / seconds : 0;
        }
    }

    /**
     * Connects.
     *
     * @param brokerUrl   e.g. tcp://127.0.0.1:1883
     * @param clientId    MQTT client id
     * @param maxInFlight unacknowledged publishes allowed (capped by the broker's Receive Maximum)
     */
    public MqttPublisher(String brokerUrl, String clientId, int maxInFlight) throws MqttException {
        this.brokerUrl = brokerUrl;
        this.clientId = clientId;
        this.requestedInFlight = Math.max(1, maxInFlight);
        int brokerMax = connect();
        this.maxInFlight = Math.min(requestedInFlight, brokerMax);
        this.inFlight = new Semaphore(this.maxInFlight);
        log.info("Publishing to {} as {} with up to {} in flight", brokerUrl, clientId, this.maxInFlight);
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    /** Opens a new clean-start connection; returns the broker's Receive Maximum. */
    private int connect() throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
        c.setCallback(new MqttCallback() {
            @Override public void disconnected(MqttDisconnectResponse r) {
                log.warn("Disconnected from {}: {}", brokerUrl, r);
            }
            @Override public void mqttErrorOccurred(MqttException e) {}
            @Override public void messageArrived(String topic, MqttMessage message) {}
            @Override public void deliveryComplete(IMqttToken token) {}
            @Override public void connectComplete(boolean reconnect, String serverUri) {}
            @Override public void authPacketArrived(int reasonCode, MqttProperties properties) {}
        });
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout(10);
        o.setKeepAliveInterval(30);
        try {
            IMqttToken t = c.connect(o);
            t.waitForCompletion(15_000);
            MqttProperties p = t.getResponseProperties();
            Integer brokerMax = p == null ? null : p.getReceiveMaximum();
            client = c;
            return brokerMax == null || brokerMax <= 0 ? RECEIVE_MAXIMUM_DEFAULT : brokerMax;
        } catch (MqttException e) {
            try {
                c.close(true);
            } catch (MqttException ignored) {
                // nothing to release
            }
            throw e;
        }
    }

    /**
     * The connection is gone: hand every unacknowledged publish back for re-sending (their permits
     * return), drop the old client, and connect again until it works or {@link #STALL_TIMEOUT_MS}.
     */
    private void recover() throws InterruptedException {
        MqttAsyncClient old = client;
        for (Long id : unacknowledged.keySet()) {
            SimMessage m = unacknowledged.remove(id);
            if (m != null) {
                retry.add(m);
                inFlight.release();
            }
        }
        try {
            old.disconnectForcibly(0L, 100L, false);
        } catch (MqttException ignored) {
            // already down
        }
        try {
            old.close(true);
        } catch (MqttException ignored) {
            // already closed
        }
        long start = System.currentTimeMillis();
        while (true) {
            try {
                int brokerMax = connect();
                reconnects.incrementAndGet();
                lastProgress = System.currentTimeMillis();
                if (brokerMax < maxInFlight) {
                    // a smaller window on the new broker: keep the permits we no longer may use
                    inFlight.acquire(maxInFlight - brokerMax);
                    maxInFlight = brokerMax;
                }
                log.info("Reconnected to {}; re-sending {} unacknowledged publishes", brokerUrl, retry.size());
                return;
            } catch (MqttException e) {
                if (System.currentTimeMillis() - start > STALL_TIMEOUT_MS) {
                    throw new IllegalStateException("cannot reconnect to " + brokerUrl + " for " + STALL_TIMEOUT_MS / 1000 + " s", e);
                }
                Thread.sleep(500);
            }
        }
    }

    /**
     * Publishes every message of the stream and waits until all are acknowledged.
     *
     * @param ratePerSecond cap on messages per second; 0 = no cap
     * @param speed         when &gt; 0, follow the scenario timeline (publishAtMs) this many times faster
     *                      than real time; 0 = as fast as possible
     */
    public Stats publish(Iterator<SimMessage> stream, double ratePerSecond, double speed) throws InterruptedException {
        long start = System.nanoTime();
        long published = 0, retries = 0;
        long firstAt = Long.MIN_VALUE;
        lastProgress = System.currentTimeMillis();
        while (true) {
            if (!client.isConnected()) recover();
            SimMessage m = retry.poll();
            if (m != null) {
                retries++;
            } else if (stream.hasNext()) {
                m = stream.next();
                published++;
                if (speed > 0) {
                    if (firstAt == Long.MIN_VALUE) firstAt = m.publishAtMs();
                    sleepUntil(start + (long) ((m.publishAtMs() - firstAt) * 1e6 / speed));
                } else if (ratePerSecond > 0) {
                    sleepUntil(start + (long) (published * 1e9 / ratePerSecond));
                }
            } else if (unacknowledged.isEmpty()) {
                break;
            } else {
                // the tail: wait for acknowledgements, or for a lost connection to hand them back
                Thread.sleep(2);
                checkStall();
                continue;
            }
            if (!acquirePermit()) {
                retry.add(m); // the connection dropped while we waited: re-send after recovering
                continue;
            }
            send(m);
        }
        return new Stats(published, acknowledged.get(), retries, reconnects.get(), (System.nanoTime() - start) / 1e9);
    }

    /** Waits for room in the in-flight window; false when the connection dropped meanwhile. */
    private boolean acquirePermit() throws InterruptedException {
        while (!inFlight.tryAcquire(50, TimeUnit.MILLISECONDS)) {
            if (!client.isConnected()) return false;
            checkStall();
        }
        return true;
    }

    private void checkStall() {
        if (System.currentTimeMillis() - lastProgress > STALL_TIMEOUT_MS) {
            throw new IllegalStateException(unacknowledged.size() + " publishes unacknowledged for " + STALL_TIMEOUT_MS / 1000 + " s");
        }
    }

    private void send(SimMessage m) {
        long id = ids.incrementAndGet();
        unacknowledged.put(id, m);
        MqttActionListener l = new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                if (unacknowledged.remove(id) != null) {
                    acknowledged.incrementAndGet();
                    lastProgress = System.currentTimeMillis();
                    inFlight.release();
                }
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
                if (unacknowledged.remove(id) != null) {
                    retry.add(m);
                    inFlight.release();
                }
            }
        };
        try {
            client.publish(m.topic(), m.payload(), 1, false, null, l);
        } catch (MqttException e) {
            // not connected: the next loop turn recovers and re-sends it
            l.onFailure(null, e);
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
    }

    @Override
    public void close() throws MqttException {
        MqttAsyncClient c = client;
        try {
            if (c.isConnected()) c.disconnect().waitForCompletion(10_000);
        } finally {
            c.close(true);
        }
    }
}
