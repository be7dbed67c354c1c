package io.roadchief.ingest.testing;

import io.roadchief.ingest.validation.DeviceDirectory;
import io.roadchief.schema.AccelerationCodec;
import io.roadchief.schema.Topics;
import io.roadchief.schema.v1.Envelope;
import io.roadchief.schema.v1.GaugeReading;
import io.roadchief.schema.v1.GpsFix;
import io.roadchief.schema.v1.ImuBatch;
import io.roadchief.schema.v1.VehicleClass;

import java.util.HashMap;
import java.util.Map;

/** Realistic envelopes for tests: one second of 100 Hz motion on Wensan Road, a gauge reading. */
public final class SampleEnvelopes {
    public static final double LAT = 30.2741, LON = 120.1270;

    private SampleEnvelopes() {}

    public static Envelope imu(String vehicle, long seq, long deviceTimeMs) {
        int rate = 100;
        int[] counts = new int[rate];
        for (int i = 0; i < rate; i++) counts[i] = AccelerationCodec.toCounts(0.8 * Math.sin(i * 0.3) + 0.05 * (seq % 7), 1000);
        ImuBatch.Builder b = ImuBatch.newBuilder().setSampleRateHz(rate).setFirstSampleTimeMs(deviceTimeMs - 1000)
                .setAccLsbUg(1000).setVehicleClass(VehicleClass.BUS);
        for (int d : AccelerationCodec.toDeltas(counts)) b.addAccZDelta(d);
        for (int f = 0; f < 5; f++) {
            b.addFixes(GpsFix.newBuilder().setOffsetMs(f * 200)
                    .setLatE7((int) Math.round((LAT + seq * 1e-5 + f * 2e-6) * 1e7))
                    .setLonE7((int) Math.round(LON * 1e7)).setSpeedCmS(1100).setHeadingCdeg(9000).setAccuracyDm(50));
        }
        return Envelope.newBuilder().setDeviceId(vehicle).setSequence(seq).setDeviceTimeMs(deviceTimeMs).setImu(b).build();
    }

    public static Envelope gauge(String gauge, long seq, long deviceTimeMs, int levelMm) {
        return Envelope.newBuilder().setDeviceId(gauge).setSequence(seq).setDeviceTimeMs(deviceTimeMs)
                .setGauge(GaugeReading.newBuilder().setLevelMm(levelMm).setRainfall0P1Mm(12).setBatteryMv(3600).setIntervalS(60))
                .build();
    }

    public static String topicFor(Envelope e) {
        return switch (e.getBodyCase()) {
            case IMU -> Topics.vehicleImu(e.getDeviceId());
            case DETECTIONS -> Topics.vehicleDetections(e.getDeviceId());
            case GAUGE -> Topics.gaugeLevel(e.getDeviceId());
            default -> throw new IllegalArgumentException();
        };
    }

    /** A directory with the given vehicles and gauges registered and enabled. */
    public static DeviceDirectory directory(int vehicles, int gauges) {
        Map<String, DeviceDirectory.Device> m = new HashMap<>();
        for (int i = 0; i < vehicles; i++) {
            String id = vehicleId(i);
            m.put(id, new DeviceDirectory.Device(id, "vehicle", true, "bus", 0));
        }
        for (int i = 0; i < gauges; i++) {
            String id = gaugeId(i);
            m.put(id, new DeviceDirectory.Device(id, "gauge", true, "", 3000));
        }
        return new DeviceDirectory(Map.copyOf(m));
    }

    public static String vehicleId(int i) {
        return String.format("bus-%04d", i);
    }

    public static String gaugeId(int i) {
        return String.format("gauge-%04d", i);
    }

    /** SQL that registers the same devices as {@link #directory}. */
    public static String registerSql(int vehicles, int gauges) {
        return "INSERT INTO device (device_id, kind, vehicle_class) SELECT 'bus-' || lpad(g::text, 4, '0'), 'vehicle', 'bus' FROM generate_series(0, "
                + (vehicles - 1) + ") g; INSERT INTO device (device_id, kind) SELECT 'gauge-' || lpad(g::text, 4, '0'), 'gauge' FROM generate_series(0, "
                + (gauges - 1) + ") g;";
    }
}
