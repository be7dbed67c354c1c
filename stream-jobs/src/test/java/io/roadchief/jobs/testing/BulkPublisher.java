package io.roadchief.jobs.testing;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Publishes as fast as the broker confirms: QoS 1, a window of unconfirmed messages, none dropped. */
public final class BulkPublisher {
    private BulkPublisher() {}

    /** A message to publish. */
    public record Message(String topic, byte[] payload) {}

    public static void publishAll(String brokerUrl, String clientId, List<Message> messages) throws Exception {
        MqttAsyncClient c = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setReceiveMaximum(65535);
        c.connect(o).waitForCompletion(10_000);
        int window = 500;
        Semaphore inFlight = new Semaphore(window);
        AtomicInteger failed = new AtomicInteger();
        MqttActionListener done = new MqttActionListener() {
            @Override public void onSuccess(IMqttToken t) { inFlight.release(); }
            @Override public void onFailure(IMqttToken t, Throwable e) { failed.incrementAndGet(); inFlight.release(); }
        };
        for (Message m : messages) {
            inFlight.acquire();
            MqttMessage msg = new MqttMessage(m.payload());
            msg.setQos(1);
            while (true) {
                try {
                    c.publish(m.topic(), msg, null, done);
                    break;
                } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
                    // the client's own in-flight cap (server receive-maximum) reached: wait, never drop
                    if (e.getReasonCode() != org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_MAX_INFLIGHT) throw e;
                    Thread.sleep(1);
                }
            }
        }
        if (!inFlight.tryAcquire(window, 60, TimeUnit.SECONDS)) throw new IllegalStateException("publishes not confirmed");
        c.disconnect().waitForCompletion(5000);
        c.close();
        if (failed.get() > 0) throw new IllegalStateException(failed.get() + " publishes failed");
    }
}
