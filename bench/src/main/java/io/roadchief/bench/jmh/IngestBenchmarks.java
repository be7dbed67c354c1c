package io.roadchief.bench.jmh;

import io.roadchief.bench.BenchTraffic;
import io.roadchief.ingest.RawMessage;
import io.roadchief.ingest.telemetry.TelemetryRecords;
import io.roadchief.ingest.telemetry.VehicleBatch;
import io.roadchief.ingest.validation.DeviceDirectory;
import io.roadchief.ingest.validation.EnvelopeValidator;
import io.roadchief.ingest.validation.IngestRules;
import io.roadchief.schema.v1.Envelope;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The ingest hot path per message: protobuf decode, decode + validation against the device registry (what
 * IngestFunction does for every MQTT message), and the conversion of an accepted IMU envelope into the
 * VehicleBatch the analytics consume. Envelopes are the end-to-end bench's: one second of 100 Hz
 * acceleration and five GPS fixes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class IngestBenchmarks {
    private static final int DEVICES = 1024;
    private RawMessage[] imu;
    private RawMessage[] gauge;
    private Envelope[] decoded;
    private DeviceDirectory directory;
    private EnvelopeValidator validator;
    private int i;

    @Setup
    public void setup() throws Exception {
        BenchTraffic traffic = new BenchTraffic(DEVICES, DEVICES);
        long now = System.currentTimeMillis();
        imu = new RawMessage[DEVICES];
        gauge = new RawMessage[DEVICES];
        decoded = new Envelope[DEVICES];
        Map<String, DeviceDirectory.Device> m = new HashMap<>();
        for (int k = 0; k < DEVICES; k++) {
            BenchTraffic.Message v = traffic.vehicleBatch(k, now + k);
            BenchTraffic.Message g = traffic.gaugeReading(k, now + k);
            imu[k] = new RawMessage(v.topic(), v.payload(), now + k + 5);
            gauge[k] = new RawMessage(g.topic(), g.payload(), now + k + 5);
            decoded[k] = Envelope.parseFrom(v.payload());
            m.put(BenchTraffic.vehicleId(k), new DeviceDirectory.Device(BenchTraffic.vehicleId(k), "vehicle", true, "bus", 0));
            m.put(BenchTraffic.gaugeId(k), new DeviceDirectory.Device(BenchTraffic.gaugeId(k), "gauge", true, "", 3000));
        }
        directory = new DeviceDirectory(Map.copyOf(m));
        validator = new EnvelopeValidator(IngestRules.defaults());
    }

    private int next() {
        i = (i + 1) & (DEVICES - 1);
        return i;
    }

    /** Protobuf decode of one IMU envelope (~250 bytes, 100 acceleration deltas, 5 fixes). */
    @Benchmark
    public Envelope decodeImuEnvelope() throws Exception {
        return Envelope.parseFrom(imu[next()].payload());
    }

    /** Decode + all validation rules + registry lookup of one IMU message. */
    @Benchmark
    public EnvelopeValidator.Outcome decodeAndValidateImu() {
        return validator.validate(imu[next()], directory);
    }

    /** Decode + validation of one gauge reading. */
    @Benchmark
    public EnvelopeValidator.Outcome decodeAndValidateGauge() {
        return validator.validate(gauge[next()], directory);
    }

    /** An accepted envelope to the VehicleBatch record (delta decoding, physical units, fix arrays). */
    @Benchmark
    public VehicleBatch vehicleBatchConversion() {
        return TelemetryRecords.vehicleBatch(decoded[next()], 0L, "bus");
    }
}
