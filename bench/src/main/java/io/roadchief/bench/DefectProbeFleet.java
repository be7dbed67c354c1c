package io.roadchief.bench;

import io.roadchief.schema.v1.Envelope;
import io.roadchief.simulator.FleetSimulator;
import io.roadchief.simulator.Scenario;
import io.roadchief.simulator.SimMessage;
import io.roadchief.simulator.SimulatedWorld;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A small fleet of the simulator's quarter-car vehicles driving a registered road network with planted
 * potholes, bumps and subsidence, alongside the bulk traffic (which drives no registered road): these are
 * the vehicles whose detections become defects and repair tickets, so defect-to-ticket latency is
 * measured under the bulk load. Each vehicle's messages are replayed in real time from the moment the
 * fleet starts (all shifts start at once), re-stamped to the wall clock: device time = publish time.
 */
public final class DefectProbeFleet implements AutoCloseable {
    private final List<Timed> schedule = new ArrayList<>();
    private final int vehicles;
    private Thread thread;
    private MqttAsyncClient client;
    private volatile boolean running;
    private long published;

    private record Timed(long offsetMs, SimMessage m) {}

    /** Generates the world and its traffic; {@link #register} loads its network and vehicles. */
    public DefectProbeFleet(int vehicles, double km, int defects, double durationS, long seed) {
        this.vehicles = vehicles;
        Scenario sc = Scenario.builder().seed(seed).km(km).defects(defects).vehicles(vehicles).durationS(durationS)
                .cameras(false).dropRate(0).duplicateRate(0).build();
        SimulatedWorld world = sc.world();
        this.world = world;
        FleetSimulator sim = new FleetSimulator(sc, world);
        Map<String, Long> firstAt = new LinkedHashMap<>();
        while (sim.hasNext()) {
            SimMessage m = sim.next();
            if (m.duplicate()) continue;
            long first = firstAt.computeIfAbsent(m.deviceId(), k -> m.publishAtMs());
            schedule.add(new Timed(m.publishAtMs() - first, m));
        }
        schedule.sort(Comparator.comparingLong(Timed::offsetMs));
    }

    private final SimulatedWorld world;

    public int vehicles() { return vehicles; }

    public int defects() { return world.surface().defects().size(); }

    public void register(Connection c) throws SQLException {
        world.loadInto(c);
    }

    /** Starts replaying on its own connection and thread. */
    public void start(String brokerUrl) throws MqttException {
        client = new MqttAsyncClient(brokerUrl, "bench-defect-probes", new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        client.connect(o).waitForCompletion(10_000);
        running = true;
        long t0 = System.nanoTime();
        thread = new Thread(() -> {
            for (Timed t : schedule) {
                if (!running) return;
                long due = t0 + TimeUnit.MILLISECONDS.toNanos(t.offsetMs());
                long wait = due - System.nanoTime();
                if (wait > 0) LockSupport.parkNanos(wait);
                if (!running) return;
                try {
                    MqttMessage msg = new MqttMessage(restamp(t.m(), System.currentTimeMillis()));
                    msg.setQos(1);
                    client.publish(t.m().topic(), msg);
                    published++;
                } catch (Exception e) {
                    // a probe lost under overload is a missing ticket sample, not a failed bench
                }
            }
        }, "bench-defect-probes");
        thread.setDaemon(true);
        thread.start();
    }

    public long published() { return published; }

    /** The envelope with its device time moved to {@code nowMs}, and its samples and fixes with it. */
    static byte[] restamp(SimMessage m, long nowMs) throws Exception {
        Envelope e = Envelope.parseFrom(m.payload());
        long shift = nowMs - e.getDeviceTimeMs();
        Envelope.Builder b = e.toBuilder().setDeviceTimeMs(nowMs);
        if (e.hasImu()) b.getImuBuilder().setFirstSampleTimeMs(e.getImu().getFirstSampleTimeMs() + shift);
        return b.build().toByteArray();
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) thread.interrupt();
        if (client != null) {
            try {
                client.disconnect().waitForCompletion(5000);
                client.close();
            } catch (MqttException ignored) {
                // closing anyway
            }
        }
    }
}
