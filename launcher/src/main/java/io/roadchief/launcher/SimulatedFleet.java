package io.roadchief.launcher;

import io.roadchief.simulator.MqttPublisher;
import io.roadchief.simulator.SimMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Iterator;

/**
 * Plays simulated units' messages into the broker on the scenario's own timeline (scaled by
 * {@code speedup}) in a background thread, through the simulator's {@link MqttPublisher} (QoS 1,
 * bounded in-flight window, re-sends across reconnects).
 */
final class SimulatedFleet implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SimulatedFleet.class);
    private final MqttPublisher publisher;
    private final Thread thread;

    SimulatedFleet(String brokerUrl, String clientId, Iterator<SimMessage> messages, double speedup) throws Exception {
        publisher = new MqttPublisher(brokerUrl, clientId, 1000);
        thread = new Thread(() -> {
            try {
                MqttPublisher.Stats s = publisher.publish(messages, 0, speedup);
                log.info("{}: simulation finished, {} messages published", clientId, s.published());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.error("{}: simulated fleet stopped: {}", clientId, e.toString());
            }
        }, clientId);
        thread.setDaemon(true);
    }

    SimulatedFleet start() {
        thread.start();
        return this;
    }

    @Override
    public void close() throws Exception {
        thread.interrupt();
        thread.join(3000);
        publisher.close();
    }
}
