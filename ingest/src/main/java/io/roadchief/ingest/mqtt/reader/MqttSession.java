package io.roadchief.ingest.mqtt.reader;

import io.roadchief.ingest.mqtt.MqttSourceOptions;
import io.roadchief.ingest.mqtt.metrics.MqttReaderMetrics;
import io.roadchief.ingest.mqtt.split.MqttSplit;
import org.apache.flink.connector.base.source.reader.synchronization.FutureCompletingBlockingQueue;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One persistent MQTT session (one split) on a Paho v5 async client with manual acknowledgements.
 *
 * <p>Connects with clean start off, the configured session expiry and receive maximum, then
 * subscribes to the shared filters at QoS 1. Arriving messages go into the reader's hand-off queue,
 * tagged with the number of the connection they came on.
 *
 * <p>It reconnects itself instead of using Paho's automatic reconnect, because it must know two
 * things Paho's reconnect hides: when the old connection is gone (acknowledgements of messages that
 * came on it are then skipped: with the session still present the broker sends those messages
 * again with the same packet ids, and acknowledging both copies could acknowledge a newer message
 * that reuses the id), and whether the broker still had the session (if not, messages queued for
 * it are gone; logged as a warning).
 */
final class MqttSession implements MqttCallback {
    private static final Logger log = LoggerFactory.getLogger(MqttSession.class);
    /** First reconnect delay; doubles up to the configured maximum. */
    private static final long FIRST_RECONNECT_DELAY_MS = 100;
    /** How long a graceful disconnect waits for queued outgoing packets (the last acknowledgements). */
    private static final long CLOSE_QUIESCE_MS = 2_000;
    /** CONNACK reason codes that no retry will fix. */
    private static final int BAD_USER_NAME_OR_PASSWORD = 0x86, NOT_AUTHORIZED = 0x87, CLIENT_ID_NOT_VALID = 0x85;

    private final MqttSourceOptions options;
    private final FutureCompletingBlockingQueue<ReceivedMessage> handOff;
    private final int putterIndex;
    private final ScheduledExecutorService reconnector;
    private final MqttReaderMetrics metrics;
    private final Consumer<Throwable> onFatal;
    private final MqttAsyncClient client;
    private final MqttConnectionOptions connectOptions;

    /** Bumped when a connection is lost; messages and acknowledgements carry it. */
    private final AtomicLong connection = new AtomicLong();
    private final AtomicInteger failedAttempts = new AtomicInteger();
    private volatile MqttSplit split;
    /** Task thread only (see EmittedMessages). */
    private final EmittedMessages emitted = new EmittedMessages();
    private volatile boolean connected;
    private volatile boolean everConnected;
    private volatile boolean closed;
    /** Set when a connect found no session on the broker: nothing emitted before will be re-sent. */
    private volatile boolean sessionLost;
    /** Set when a reconnect found the session: the broker re-sends what it holds as unacknowledged. */
    private volatile boolean sessionResumed;

    MqttSession(MqttSplit split, MqttSourceOptions options, FutureCompletingBlockingQueue<ReceivedMessage> handOff,
                int putterIndex, ScheduledExecutorService reconnector, MqttReaderMetrics metrics,
                Consumer<Throwable> onFatal) throws MqttException {
        this.split = split;
        this.options = options;
        this.handOff = handOff;
        this.putterIndex = putterIndex;
        this.reconnector = reconnector;
        this.metrics = metrics;
        this.onFatal = onFatal;
        // In-memory client persistence: inbound QoS 1 needs none; the broker's session is what survives.
        this.client = new MqttAsyncClient(options.brokerUrl(), split.clientId(), new MemoryPersistence());
        this.client.setManualAcks(true);
        this.client.setCallback(this);
        this.connectOptions = connectOptions(options);
        emitted.restore(split.unacknowledged(), options.receiveMaximum());
        if (emitted.size() > 0) {
            log.info("MQTT session {}: {} messages emitted before the restored checkpoint; "
                    + "the broker's re-sends of them will be acknowledged, not emitted again", split.clientId(), emitted.size());
        }
    }

    private static MqttConnectionOptions connectOptions(MqttSourceOptions o) {
        MqttConnectionOptions c = new MqttConnectionOptions();
        c.setCleanStart(false);
        c.setSessionExpiryInterval(o.sessionExpiry().getSeconds());
        c.setReceiveMaximum(o.receiveMaximum());
        c.setAutomaticReconnect(false);
        c.setConnectionTimeout((int) Math.max(1, o.connectionTimeout().getSeconds()));
        c.setKeepAliveInterval((int) Math.max(1, o.keepAlive().getSeconds()));
        if (o.username() != null) c.setUserName(o.username());
        if (o.password() != null) c.setPassword(o.password().getBytes(StandardCharsets.UTF_8));
        return c;
    }

    MqttSplit split() {
        return split;
    }

    /** The split as a checkpoint keeps it: with the messages emitted and not yet acknowledged. Task thread. */
    MqttSplit snapshot() {
        return split.withUnacknowledged(emitted().checkpoint());
    }

    /** Task thread: the table, brought up to date with what the last connect found on the broker. */
    EmittedMessages emitted() {
        if (sessionLost) {
            sessionLost = false;
            sessionResumed = false;
            emitted.forgetAll();
        } else if (sessionResumed) {
            sessionResumed = false;
            emitted.resumed(options.receiveMaximum());
        }
        return emitted;
    }

    boolean isConnected() {
        return connected;
    }

    void start() {
        connect();
    }

    private void connect() {
        if (closed) return;
        // Paho waits for CONNACK without a limit (its connection timeout covers the TCP connect only;
        // paho.mqtt.java#511, #1013): a broker that accepts the socket mid session-takeover and never
        // answers stalled a reconnect for 90 s until the broker dropped the socket. Give up after twice
        // the connection timeout, close the half-open connection and try again.
        AtomicBoolean settled = new AtomicBoolean();
        try {
            client.connect(connectOptions, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    if (settled.compareAndSet(false, true)) onConnected(token.getSessionPresent());
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    if (settled.compareAndSet(false, true)) onConnectFailed(e);
                }
            });
            long limitMs = 2 * options.connectionTimeout().toMillis(); // TCP connect, then as long again for CONNACK
            reconnector.schedule(() -> {
                if (closed || !settled.compareAndSet(false, true)) return;
                // On its own thread: Paho's disconnect can itself hang in this state (#1013).
                Thread closer = new Thread(() -> {
                    try {
                        client.disconnectForcibly(0, 1_000, false);
                    } catch (MqttException e) {
                        log.debug("Closing the unanswered connection of {}: {}", split.clientId(), e.toString());
                    }
                }, "mqtt-close-" + split.clientId());
                closer.setDaemon(true);
                closer.start();
                onConnectFailed(new java.util.concurrent.TimeoutException("no CONNACK within " + limitMs + " ms"));
            }, limitMs, TimeUnit.MILLISECONDS);
        } catch (MqttException e) {
            if (settled.compareAndSet(false, true)) onConnectFailed(e);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // reader closing
        }
    }

    private void onConnected(boolean sessionPresent) {
        if (closed) return;
        connected = true;
        failedAttempts.set(0);
        // Before subscribing, so before any message of this connection reaches the task thread.
        if (!sessionPresent) sessionLost = true;
        else if (everConnected) sessionResumed = true;
        if (everConnected) {
            metrics.reconnect();
            if (!sessionPresent) {
                log.warn("Broker had no session for {} on reconnect: messages queued for it while away are lost "
                        + "(session expired after {}?)", split.clientId(), options.sessionExpiry());
            }
        }
        log.info("MQTT session {} connected to {} (session present: {})", split.clientId(), options.brokerUrl(), sessionPresent);
        everConnected = true;
        subscribe();
    }

    /** Subscribes every time (cheap, and heals a session left without its subscription) and drops filters no longer configured. */
    private void subscribe() {
        List<String> filters = options.topicFilters();
        MqttSubscription[] subs = new MqttSubscription[filters.size()];
        for (int i = 0; i < subs.length; i++) {
            subs[i] = new MqttSubscription(options.subscriptionFor(filters.get(i)), MqttSourceOptions.SUBSCRIPTION_QOS);
        }
        List<String> obsolete = new ArrayList<>(split.topicFilters());
        obsolete.removeAll(filters);
        try {
            client.subscribe(subs, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] codes = token.getReasonCodes();
                    for (int i = 0; codes != null && i < codes.length && i < subs.length; i++) {
                        if (codes[i] >= 0x80) {
                            onFatal.accept(new IllegalStateException("broker refused subscription " + subs[i].getTopic()
                                    + " for " + split.clientId() + " (reason code 0x" + Integer.toHexString(codes[i]) + ")"));
                            return;
                        }
                    }
                    split = split.withTopicFilters(filters);
                    log.info("MQTT session {} subscribed to {} (granted {})", split.clientId(),
                            filters.stream().map(options::subscriptionFor).toList(), java.util.Arrays.toString(codes));
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    // A lost connection retries through disconnected(); anything else is a real refusal.
                    if (connected && !closed) onFatal.accept(new IllegalStateException("subscribe failed for " + split.clientId(), e));
                }
            }, new MqttProperties());
            for (String f : obsolete) {
                client.unsubscribe(options.subscriptionFor(f));
                log.info("MQTT session {} unsubscribed from {} (no longer configured)", split.clientId(), f);
            }
        } catch (MqttException e) {
            if (connected && !closed) onFatal.accept(e);
        }
    }

    private void onConnectFailed(Throwable e) {
        if (closed) return;
        int reason = e instanceof MqttException me ? me.getReasonCode() : -1;
        if (reason == BAD_USER_NAME_OR_PASSWORD || reason == NOT_AUTHORIZED || reason == CLIENT_ID_NOT_VALID) {
            onFatal.accept(new IllegalStateException("MQTT broker refused " + split.clientId() + " (reason code 0x"
                    + Integer.toHexString(reason) + ")", e));
            return;
        }
        scheduleReconnect(e);
    }

    private void scheduleReconnect(Throwable cause) {
        if (closed) return;
        int attempt = failedAttempts.getAndIncrement();
        long delay = Math.min(options.maxReconnectDelay().toMillis(), FIRST_RECONNECT_DELAY_MS << Math.min(attempt, 20));
        log.warn("MQTT session {}: connection to {} failed or lost ({}); retrying in {} ms",
                split.clientId(), options.brokerUrl(), cause == null ? "?" : cause.toString(), delay);
        try {
            reconnector.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // reader closing
        }
    }

    /**
     * Acknowledges one message if it arrived on the current connection. Returns false when it was
     * skipped: the connection it came on is gone, so the broker will send it again.
     */
    boolean ack(PendingAck a) {
        if (closed || !connected || a.connection() != connection.get()) return false;
        try {
            client.messageArrivedComplete(a.messageId(), a.qos());
            emitted.acknowledged(a.messageId());
            return true;
        } catch (MqttException e) {
            log.debug("Acknowledgement of {} on {} not sent: {}", a.messageId(), split.clientId(), e.toString());
            return false;
        }
    }

    // ---- Paho callbacks (MQTT client threads) ----

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        ReceivedMessage m = new ReceivedMessage(this, connection.get(), message.getId(), message.getQos(),
                topic, message.getPayload(), System.currentTimeMillis());
        try {
            // Blocks when the queue is full; the broker holds the rest (receive maximum). False = closing.
            handOff.put(putterIndex, m);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        connected = false;
        // Paho stops its callback thread before reporting the loss (and drops undelivered messages
        // when it starts again), so nothing of the old connection arrives after this: fence its acks.
        connection.incrementAndGet();
        if (closed) return;
        scheduleReconnect(response.getException() != null ? response.getException()
                : new IllegalStateException("disconnected by broker: " + response));
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        log.warn("MQTT session {}: {}", split.clientId(), exception.toString());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}

    /** Disconnects gracefully (the session stays on the broker until it expires) and releases the client. */
    void close() {
        closed = true;
        handOff.wakeUpPuttingThread(putterIndex);
        try {
            if (client.isConnected()) client.disconnect(CLOSE_QUIESCE_MS).waitForCompletion(CLOSE_QUIESCE_MS + 1_000);
        } catch (MqttException e) {
            log.debug("Graceful disconnect of {} failed: {}", split.clientId(), e.toString());
            try {
                client.disconnectForcibly(0, 1_000, false);
            } catch (MqttException ignored) {
                // going away anyway
            }
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            log.debug("Closing MQTT client {}: {}", split.clientId(), e.toString());
        }
        connected = false;
    }
}
