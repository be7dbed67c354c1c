package io.roadchief.jobs.water;

import io.roadchief.schema.Topics;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Publishes water alerts as JSON to roadchief/v1/alerts/water/{gaugeId}, MQTT v5, QoS 1 (Paho).
 * Publishing is asynchronous; {@link SinkWriter#flush} (before every checkpoint) waits until the broker
 * has acknowledged every alert, so a completed checkpoint means the alerts were delivered at least
 * once. Subscribers de-duplicate by alert_id.
 */
public final class MqttAlertSink implements Sink<WaterAlert> {
    private static final long serialVersionUID = 1L;
    private final String brokerUrl;

    public MqttAlertSink(String brokerUrl) {
        this.brokerUrl = brokerUrl;
    }

    @Override
    public SinkWriter<WaterAlert> createWriter(WriterInitContext context) throws IOException {
        try {
            return new Writer(brokerUrl, "roadchief-water-alerts-" + context.getTaskInfo().getIndexOfThisSubtask()
                    + "-" + UUID.randomUUID().toString().substring(0, 8));
        } catch (MqttException e) {
            throw new IOException("cannot connect to " + brokerUrl, e);
        }
    }

    private static final class Writer implements SinkWriter<WaterAlert> {
        private static final long ACK_TIMEOUT_MS = 30_000;
        private final MqttAsyncClient client;
        private final List<IMqttToken> inFlight = new ArrayList<>();

        Writer(String url, String clientId) throws MqttException {
            client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setAutomaticReconnect(true);
            o.setCleanStart(true);
            o.setReceiveMaximum(1000);
            client.connect(o).waitForCompletion(ACK_TIMEOUT_MS);
        }

        @Override
        public void write(WaterAlert alert, Context context) throws IOException {
            MqttMessage m = new MqttMessage(alert.toJson().getBytes(StandardCharsets.UTF_8));
            m.setQos(1);
            try {
                inFlight.add(client.publish(Topics.waterAlert(alert.gaugeId()), m));
            } catch (MqttException e) {
                throw new IOException("publish of alert " + alert.alertId() + " failed", e);
            }
            if (inFlight.size() >= 500) flush(false);
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            try {
                for (IMqttToken t : inFlight) t.waitForCompletion(ACK_TIMEOUT_MS);
            } catch (MqttException e) {
                throw new IOException("alert publish not acknowledged", e);
            }
            inFlight.clear();
        }

        @Override
        public void close() {
            // Close also runs on cancel and failover, when the broker may already be gone. Alerts not
            // yet acknowledged were written after the last checkpoint and are replayed from it.
            try {
                if (client.isConnected()) {
                    flush(true);
                    client.disconnect().waitForCompletion(5000);
                }
            } catch (Exception e) {
                LoggerFactory.getLogger(MqttAlertSink.class).warn("Alert publisher closed uncleanly: {}", e.toString());
            } finally {
                try {
                    client.close();
                } catch (MqttException e) {
                    LoggerFactory.getLogger(MqttAlertSink.class).debug("closing alert publisher: {}", e.toString());
                }
            }
        }
    }
}
