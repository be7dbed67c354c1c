package io.roadchief.bench;

import io.roadchief.schema.AccelerationCodec;
import io.roadchief.schema.Topics;
import io.roadchief.schema.v1.Envelope;
import io.roadchief.schema.v1.GaugeReading;
import io.roadchief.schema.v1.GpsFix;
import io.roadchief.schema.v1.ImuBatch;
import io.roadchief.schema.v1.VehicleClass;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The benchmark's fleet: vehicles that each send one second of 100 Hz vertical acceleration and five GPS
 * fixes per message (a realistic ~330-byte envelope), and water gauges whose level climbs through the
 * warning thresholds and falls again. Every envelope's device time is the moment it is published, so a
 * landing row's (insert time - device_time) is the publish-to-row latency.
 */
public final class BenchTraffic {
    public static final String VEHICLE_PREFIX = "bench-v-", GAUGE_PREFIX = "bench-g-";
    /**
     * Level step per reading and readings per cycle: a plausible storm rise (5 mm per 5 s reading = 60 mm/min)
     * from 0 to 600 mm through blue/yellow/orange/red (50/150/300/500), each gauge at its own phase.
     */
    private static final int LEVEL_STEP_MM = 5, LEVEL_CYCLE = 120, PHASE_PER_GAUGE = 7;

    private final int vehicles;
    private final int gauges;
    private final AtomicLongArray vehicleSeq;
    private final AtomicLongArray gaugeSeq;
    private final AtomicReferenceArray<ImuBatch> templates;

    public BenchTraffic(int vehicles, int gauges) {
        this.vehicles = vehicles;
        this.gauges = gauges;
        this.vehicleSeq = new AtomicLongArray(vehicles);
        this.gaugeSeq = new AtomicLongArray(gauges);
        this.templates = new AtomicReferenceArray<>(vehicles);
    }

    public int vehicles() { return vehicles; }

    public int gauges() { return gauges; }

    public static String vehicleId(int i) { return String.format("%s%05d", VEHICLE_PREFIX, i); }

    public static String gaugeId(int i) { return String.format("%s%04d", GAUGE_PREFIX, i); }

    /** A message ready to publish. */
    public record Message(String topic, byte[] payload) {}

    /** Vehicle i's next batch, stamped with device time = now. */
    public Message vehicleBatch(int i, long nowMs) {
        ImuBatch t = templates.get(i);
        if (t == null) {
            t = template(i);
            templates.set(i, t);
        }
        long seq = vehicleSeq.incrementAndGet(i);
        Envelope e = Envelope.newBuilder().setDeviceId(vehicleId(i)).setSequence(seq).setDeviceTimeMs(nowMs)
                .setImu(t.toBuilder().setFirstSampleTimeMs(nowMs - 1000)).build();
        return new Message(Topics.vehicleImu(e.getDeviceId()), e.toByteArray());
    }

    /** Gauge g's next reading, stamped with device time = now. */
    public Message gaugeReading(int g, long nowMs) {
        long seq = gaugeSeq.incrementAndGet(g);
        int level = (int) (((seq + (long) g * PHASE_PER_GAUGE) % LEVEL_CYCLE) * LEVEL_STEP_MM);
        Envelope e = Envelope.newBuilder().setDeviceId(gaugeId(g)).setSequence(seq).setDeviceTimeMs(nowMs)
                .setGauge(GaugeReading.newBuilder().setLevelMm(level).setRainfall0P1Mm(25).setBatteryMv(3600).setIntervalS(5))
                .build();
        return new Message(Topics.gaugeLevel(e.getDeviceId()), e.toByteArray());
    }

    /** Vehicle i's batch shape: a bus on its own street in Hangzhou, a mildly rough ride. */
    static ImuBatch template(int i) {
        int rate = BenchSettings.SAMPLES_PER_BATCH;
        int[] counts = new int[rate];
        for (int k = 0; k < rate; k++) {
            counts[k] = AccelerationCodec.toCounts(0.6 * Math.sin(k * 0.31 + i) + 0.2 * Math.sin(k * 1.7 + 2 * i), 1000);
        }
        ImuBatch.Builder b = ImuBatch.newBuilder().setSampleRateHz(rate).setAccLsbUg(1000).setVehicleClass(VehicleClass.BUS);
        for (int d : AccelerationCodec.toDeltas(counts)) b.addAccZDelta(d);
        double lat = 30.20 + (i % 200) * 0.0007, lon = 120.05 + (i / 200) * 0.0007;
        for (int f = 0; f < 5; f++) {
            b.addFixes(GpsFix.newBuilder().setOffsetMs(f * 200).setLatE7((int) Math.round((lat + f * 2e-5) * 1e7))
                    .setLonE7((int) Math.round(lon * 1e7)).setSpeedCmS(1100).setHeadingCdeg(0).setAccuracyDm(50));
        }
        return b.build();
    }

    /** Size of one vehicle batch envelope on the wire, bytes. */
    public static int vehicleBatchBytes() {
        return new BenchTraffic(1, 1).vehicleBatch(0, System.currentTimeMillis()).payload().length;
    }

    /** Registers the fleet (devices, and gauges with the default GB 50014 thresholds). */
    public void register(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO device (device_id, kind, vehicle_class) SELECT '" + VEHICLE_PREFIX
                    + "' || lpad(g::text, 5, '0'), 'vehicle', 'bus' FROM generate_series(0, " + (vehicles - 1) + ") g ON CONFLICT DO NOTHING");
            s.execute("INSERT INTO device (device_id, kind) SELECT '" + GAUGE_PREFIX
                    + "' || lpad(g::text, 4, '0'), 'gauge' FROM generate_series(0, " + (gauges - 1) + ") g ON CONFLICT DO NOTHING");
            s.execute("INSERT INTO gauge (gauge_id, name_zh, name_en, kind, lat, lon, interval_s) SELECT '" + GAUGE_PREFIX
                    + "' || lpad(g::text, 4, '0'), '压测水位计 ' || g, 'bench gauge ' || g, 'road_ponding', 30.25 + g * 0.0001, 120.15, 5"
                    + " FROM generate_series(0, " + (gauges - 1) + ") g ON CONFLICT DO NOTHING");
        }
    }
}
