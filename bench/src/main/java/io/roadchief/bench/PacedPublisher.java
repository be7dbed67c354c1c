package io.roadchief.bench;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Offers a fixed rate of vehicle batches (plus gauge readings at a fixed share) for a fixed time, QoS 1
 * as the units publish, spread over several MQTT connections. Each connection keeps a window of
 * unconfirmed publishes; a message whose slot has passed is sent at once, so a publisher that falls
 * behind shows as an offered rate below the target rather than as silent queueing.
 */
public final class PacedPublisher implements AutoCloseable {
    /** Unconfirmed QoS 1 publishes per connection. */
    private static final int WINDOW = 1000;

    private final List<MqttAsyncClient> clients = new ArrayList<>();
    private final BenchTraffic traffic;
    private final AtomicLong failed = new AtomicLong();

    public PacedPublisher(String brokerUrl, String clientPrefix, int connections, BenchTraffic traffic) throws MqttException {
        this.traffic = traffic;
        for (int j = 0; j < connections; j++) {
            MqttAsyncClient c = new MqttAsyncClient(brokerUrl, clientPrefix + "-" + j, new MemoryPersistence());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            o.setAutomaticReconnect(false);
            c.connect(o).waitForCompletion(10_000);
            clients.add(c);
        }
    }

    /** What one step published. */
    public record Published(long vehicleBatches, long gaugeReadings, long startMs, long endMs, long midMs,
                            long vehicleBatchesByMid, long gaugeReadingsByMid, double publisherCpuS) {
        public double seconds() { return (endMs - startMs) / 1000.0; }
    }

    /**
     * Publishes {@code rate} vehicle batches/s for {@code seconds}: vehicle k of the rate's fleet sends once a
     * second; every 1/gaugeShare-th batch is followed by a reading of one of {@code gauges} gauges.
     */
    public Published run(int rate, int seconds, double gaugeShare, int gauges) throws InterruptedException {
        int n = clients.size();
        long startNs = System.nanoTime();
        long startMs = System.currentTimeMillis();
        long durationNs = TimeUnit.SECONDS.toNanos(seconds);
        long midNs = startNs + durationNs / 2;
        AtomicLong vehicles = new AtomicLong(), gaugesSent = new AtomicLong();
        AtomicLong vehiclesAtMid = new AtomicLong(-1), gaugesAtMid = new AtomicLong(-1);
        int gaugeEvery = gaugeShare <= 0 ? Integer.MAX_VALUE : Math.max(1, (int) Math.round(1 / gaugeShare));
        List<Thread> threads = new ArrayList<>();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] cpu = new double[n];
        for (int j = 0; j < n; j++) {
            int lane = j;
            MqttAsyncClient client = clients.get(j);
            Thread t = new Thread(() -> {
                long cpu0 = mx.getCurrentThreadCpuTime();
                Semaphore window = new Semaphore(WINDOW);
                MqttActionListener done = new MqttActionListener() {
                    @Override public void onSuccess(IMqttToken token) { window.release(); }
                    @Override public void onFailure(IMqttToken token, Throwable e) { failed.incrementAndGet(); window.release(); }
                };
                double intervalNs = 1e9 * n / rate;
                long endNs = startNs + durationNs;
                for (long k = 0; ; k++) {
                    long due = startNs + (long) (k * intervalNs) + (long) (lane * intervalNs / n);
                    long now = System.nanoTime();
                    if (due >= endNs || now >= endNs) break;
                    if (due > now + 20_000) LockSupport.parkNanos(due - now);
                    if (lane == 0 && vehiclesAtMid.get() < 0 && System.nanoTime() >= midNs) {
                        vehiclesAtMid.set(vehicles.get());
                        gaugesAtMid.set(gaugesSent.get());
                    }
                    int vehicle = (int) ((k * n + lane) % rate);
                    try {
                        send(client, window, done, traffic.vehicleBatch(vehicle, System.currentTimeMillis()));
                        vehicles.incrementAndGet();
                        long global = k * n + lane;
                        if (global % gaugeEvery == 0) {
                            int g = (int) ((global / gaugeEvery) % gauges);
                            send(client, window, done, traffic.gaugeReading(g, System.currentTimeMillis()));
                            gaugesSent.incrementAndGet();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (MqttException e) {
                        throw new IllegalStateException("publish failed", e);
                    }
                }
                try {
                    if (!window.tryAcquire(WINDOW, 60, TimeUnit.SECONDS)) failed.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                cpu[lane] = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
            }, "bench-publisher-" + j);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) t.join();
        long endMs = startMs + TimeUnit.NANOSECONDS.toMillis(durationNs);
        if (failed.get() > 0) throw new IllegalStateException(failed.get() + " publishes were not confirmed by the broker");
        double cpuS = 0;
        for (double c : cpu) cpuS += c;
        return new Published(vehicles.get(), gaugesSent.get(), startMs, endMs, startMs + TimeUnit.NANOSECONDS.toMillis(durationNs / 2),
                Math.max(0, vehiclesAtMid.get()), Math.max(0, gaugesAtMid.get()), cpuS);
    }

    private static void send(MqttAsyncClient client, Semaphore window, MqttActionListener done, BenchTraffic.Message m)
            throws InterruptedException, MqttException {
        window.acquire();
        MqttMessage msg = new MqttMessage(m.payload());
        msg.setQos(1);
        while (true) {
            try {
                client.publish(m.topic(), msg, null, done);
                return;
            } catch (MqttException e) {
                // The client's own in-flight cap (the broker's receive maximum): wait, never drop.
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT) throw e;
                Thread.sleep(1);
            }
        }
    }

    /** Publishes a single message and waits for the broker's confirmation (probes). */
    public void publishOne(BenchTraffic.Message m) throws MqttException {
        MqttMessage msg = new MqttMessage(m.payload());
        msg.setQos(1);
        clients.get(0).publish(m.topic(), msg).waitForCompletion(10_000);
    }

    @Override
    public void close() {
        for (MqttAsyncClient c : clients) {
            try {
                c.disconnect().waitForCompletion(5000);
                c.close();
            } catch (MqttException ignored) {
                // closing anyway
            }
        }
    }
}
