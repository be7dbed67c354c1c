package io.roadchief.service;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.eclipse.paho.mqttv5.client.DisconnectedBufferOptions;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Publishes what the other verticles put on {@link LiveAddresses#MQTT_PUBLISH} (crew tickets, ticket
 * alerts) as JSON, QoS 1, with the Paho v5 async client. Deployed as a worker verticle so that a
 * slow connect or a full in-flight window never blocks an event loop. While the broker is away,
 * Paho buffers messages (up to 10 000) and reconnects by itself.
 */
public final class MqttPush extends VerticleBase {
    private static final Logger log = LoggerFactory.getLogger(MqttPush.class);
    private final String brokerUrl;
    private final ServiceMetrics metrics;
    private MqttAsyncClient client;
    private MessageConsumer<JsonObject> consumer;

    public MqttPush(String brokerUrl, ServiceMetrics metrics) {
        this.brokerUrl = brokerUrl;
        this.metrics = metrics;
    }

    @Override
    public Future<?> start() throws Exception {
        client = new MqttAsyncClient(brokerUrl, "roadchief-service-" + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence());
        DisconnectedBufferOptions buffer = new DisconnectedBufferOptions();
        buffer.setBufferEnabled(true);
        buffer.setBufferSize(10_000);
        buffer.setDeleteOldestMessages(true);
        client.setBufferOpts(buffer);
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setAutomaticReconnect(true);
        options.setCleanStart(true);
        options.setConnectionTimeout(10);
        try {
            client.connect(options).waitForCompletion(10_000);
            log.info("MQTT push connected to {}", brokerUrl);
        } catch (MqttException e) {
            // Not fatal: the API must run without the broker. Paho keeps retrying and buffering.
            log.warn("MQTT push cannot reach {} yet ({}); messages are buffered", brokerUrl, e.getMessage());
            retryConnect(options);
        }
        consumer = vertx.eventBus().consumer(LiveAddresses.MQTT_PUBLISH, msg -> publish(msg.body()));
        return consumer.completion();
    }

    private void retryConnect(MqttConnectionOptions options) {
        vertx.setTimer(5_000, id -> {
            if (client == null || client.isConnected()) return;
            try {
                client.connect(options).waitForCompletion(10_000);
                log.info("MQTT push connected to {}", brokerUrl);
            } catch (MqttException e) {
                retryConnect(options);
            }
        });
    }

    private void publish(JsonObject m) {
        try {
            client.publish(m.getString("topic"), m.getJsonObject("payload").encode().getBytes(StandardCharsets.UTF_8), 1, false);
            metrics.mqttPublished.increment();
        } catch (MqttException | RuntimeException e) {
            metrics.mqttFailed.increment();
            log.warn("MQTT push of {} failed: {}", m.getString("topic"), e.getMessage());
        }
    }

    @Override
    public Future<?> stop() {
        if (consumer != null) consumer.unregister();
        try {
            if (client.isConnected()) client.disconnect().waitForCompletion(5_000);
            client.close();
        } catch (MqttException e) {
            log.debug("MQTT push close: {}", e.getMessage());
        }
        client = null;
        return Future.succeededFuture();
    }
}
