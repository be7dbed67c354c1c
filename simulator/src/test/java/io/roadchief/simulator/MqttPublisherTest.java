package io.roadchief.simulator;

import io.roadchief.local.PrivateBroker;
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

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class MqttPublisherTest {
    @Test
    void subscriberReceivesEveryPublishedMessage() throws Exception {
        Scenario scenario = Scenario.builder().seed(9).km(3).defects(6).vehicles(3).durationS(200)
                .dropRate(0.02).duplicateRate(0.02).build();
        List<String> expected = new ArrayList<>();
        scenario.messages().forEach(m -> expected.add(m.topic() + "#" + m.sequence() + (m.duplicate() ? "d" : "")));
        try (PrivateBroker broker = PrivateBroker.start()) {
            AtomicLong received = new AtomicLong();
            ConcurrentHashMap<String, Integer> byKey = new ConcurrentHashMap<>();
            MqttAsyncClient sub = new MqttAsyncClient(broker.url(), "sim-test-sub", new MemoryPersistence());
            sub.setCallback(new MqttCallback() {
                @Override public void disconnected(MqttDisconnectResponse r) {}
                @Override public void mqttErrorOccurred(MqttException e) {}
                @Override public void messageArrived(String topic, MqttMessage message) {
                    received.incrementAndGet();
                    try {
                        long seq = io.roadchief.schema.v1.Envelope.parseFrom(message.getPayload()).getSequence();
                        byKey.merge(topic + "#" + seq, 1, Integer::sum);
                    } catch (Exception e) {
                        byKey.merge("unparseable", 1, Integer::sum);
                    }
                }
                @Override public void deliveryComplete(IMqttToken token) {}
                @Override public void connectComplete(boolean reconnect, String uri) {}
                @Override public void authPacketArrived(int reasonCode, MqttProperties properties) {}
            });
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            sub.connect(o).waitForCompletion(10_000);
            sub.subscribe("roadchief/v1/#", 1).waitForCompletion(10_000);

            MqttPublisher.Stats stats;
            try (MqttPublisher pub = new MqttPublisher(broker.url(), "sim-test-pub", 200)) {
                stats = pub.publish(scenario.messages(), 0, 0);
            }
            assertThat(stats.published()).isEqualTo(expected.size());
            assertThat(stats.acknowledged()).isEqualTo(expected.size());
            long deadline = System.currentTimeMillis() + 30_000;
            while (received.get() < expected.size() && System.currentTimeMillis() < deadline) Thread.sleep(20);
            Thread.sleep(200); // nothing extra may arrive either
            sub.disconnect().waitForCompletion(5_000);
            sub.close();
            assertThat(received.get()).isEqualTo(expected.size());
            int dups = Collections.frequency(expected.stream().map(k -> k.endsWith("d")).toList(), true);
            assertThat(byKey).doesNotContainKey("unparseable");
            assertThat(byKey.values().stream().mapToInt(Integer::intValue).filter(c -> c == 2).count()).isEqualTo(dups);
        }
    }
}
