package io.roadchief.ingest.gateway;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's one connection to the broker (Paho v5, async: no call here blocks a thread).
 * Publishes uploaded envelopes with QoS 1 into the device topics, so uploads join live telemetry on the
 * one path into the pipeline. Connects at start; if the broker is away it keeps trying (health reports
 * it) instead of failing the deployment, so compose start order does not matter.
 */
final class BrokerPublisherVerticle extends VerticleBase {
    private static final Logger log = LoggerFactory.getLogger(BrokerPublisherVerticle.class);
    private static final long RETRY_MS = 2_000;
    private static final int QOS = 1;
    /** An ack not back by then counts as refused: a connection lost mid-publish may never complete the token. */
    private static final long PUBLISH_TIMEOUT_MS = 30_000;

    /** One message to publish. */
    record Outgoing(String topic, byte[] payload, String kind) {}

    /** Publishing stopped at the first failure; {@code published} had been acknowledged by then. */
    static final class PublishFailedException extends Exception {
        final int published;

        PublishFailedException(int published, Throwable cause) {
            super("broker did not accept a publish after " + published + " succeeded: " + cause.getMessage(), cause);
            this.published = published;
        }
    }

    private final GatewayConfig config;
    private MqttAsyncClient client;
    private long retryTimer = -1;
    private volatile boolean stopping;

    BrokerPublisherVerticle(GatewayConfig config) {
        this.config = config;
    }

    @Override
    public Future<?> start() throws MqttException {
        String clientId = "roadchief-gateway-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        // in-memory: QoS 1 state lives only as long as the HTTP request that waits for the acks
        client = new MqttAsyncClient(config.brokerUrl(), clientId, new MemoryPersistence());
        return connect().recover(err -> {
            log.warn("Broker {} not reachable ({}); retrying every {} ms", config.brokerUrl(), err.getMessage(), RETRY_MS);
            scheduleRetry();
            return Future.succeededFuture();
        });
    }

    @Override
    public Future<?> stop() {
        stopping = true;
        if (retryTimer >= 0) vertx.cancelTimer(retryTimer);
        return vertx.executeBlocking(() -> {
            try {
                if (client.isConnected()) client.disconnect(1_000).waitForCompletion(2_000);
            } catch (MqttException e) {
                log.debug("disconnect: {}", e.getMessage());
            }
            client.close(true);
            return null;
        });
    }

    boolean isConnected() {
        return client != null && client.isConnected();
    }

    String brokerUrl() {
        return config.brokerUrl();
    }

    /** Publishes one message with QoS 1; completes on the caller's context when the broker has it. */
    Future<Void> publish(String topic, byte[] payload) {
        Promise<Void> promise = Promise.promise();
        Context caller = vertx.getOrCreateContext();
        try {
            client.publish(topic, payload, QOS, false, null, listener(caller, promise));
        } catch (MqttException e) {
            return Future.failedFuture(e);
        }
        return promise.future().timeout(PUBLISH_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Publishes all messages in order with at most {@code window} unacknowledged at once (Paho refuses
     * publishes beyond the broker's receive maximum). Succeeds with the count; fails with
     * {@link PublishFailedException} at the first refusal.
     */
    Future<Integer> publishAll(List<Outgoing> messages, int window, GatewayMetrics metrics) {
        Promise<Integer> done = Promise.promise();
        new Pump(messages, Math.max(1, window), done, metrics).fill();
        return done.future();
    }

    private final class Pump {
        private final List<Outgoing> messages;
        private final int window;
        private final Promise<Integer> done;
        private final GatewayMetrics metrics;
        private int next, inFlight, acked;
        private boolean failed;

        Pump(List<Outgoing> messages, int window, Promise<Integer> done, GatewayMetrics metrics) {
            this.messages = messages;
            this.window = window;
            this.done = done;
            this.metrics = metrics;
        }

        /** Runs on the caller's context only (publish completes there), so no locking. */
        void fill() {
            if (messages.isEmpty()) {
                done.complete(0);
                return;
            }
            while (!failed && inFlight < window && next < messages.size()) {
                Outgoing m = messages.get(next++);
                inFlight++;
                publish(m.topic(), m.payload()).onComplete(ar -> {
                    inFlight--;
                    if (failed) return;
                    if (ar.failed()) {
                        failed = true;
                        done.fail(new PublishFailedException(acked, ar.cause()));
                        return;
                    }
                    acked++;
                    metrics.published(m.kind(), 1);
                    if (acked == messages.size()) done.complete(acked);
                    else fill();
                });
            }
        }
    }

    private Future<Void> connect() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setAutomaticReconnect(true); // after the first success Paho reconnects by itself
        o.setConnectionTimeout(5);
        o.setKeepAliveInterval(30);
        if (config.brokerUsername() != null) {
            o.setUserName(config.brokerUsername());
            if (config.brokerPassword() != null) o.setPassword(config.brokerPassword().getBytes(StandardCharsets.UTF_8));
        }
        Promise<Void> promise = Promise.promise();
        try {
            client.connect(o, null, listener(context, promise));
        } catch (MqttException e) {
            return Future.failedFuture(e);
        }
        return promise.future().onSuccess(v -> log.info("Gateway connected to broker {} as {}", config.brokerUrl(),
                config.brokerUsername() == null ? "anonymous" : config.brokerUsername()));
    }

    private void scheduleRetry() {
        if (stopping) return;
        retryTimer = vertx.setTimer(RETRY_MS, id -> {
            retryTimer = -1;
            connect().onFailure(err -> scheduleRetry());
        });
    }

    /** Paho calls back on its own threads; hop back to the Vert.x context before completing. */
    private static MqttActionListener listener(Context ctx, Promise<Void> promise) {
        return new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                // MQTT 5 acks carry a reason code; 0x80 and above is a refusal (e.g. 0x87 not authorized)
                int[] codes = token.getReasonCodes();
                if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                    ctx.runOnContext(v -> promise.tryFail(new IllegalStateException("broker refused with reason code 0x"
                            + Integer.toHexString(codes[0]))));
                    return;
                }
                ctx.runOnContext(v -> promise.tryComplete());
            }

            @Override
            public void onFailure(IMqttToken token, Throwable err) {
                ctx.runOnContext(v -> promise.tryFail(err != null ? err : new IllegalStateException("MQTT action failed")));
            }
        };
    }
}
