package io.roadchief.schema;

import com.google.protobuf.InvalidProtocolBufferException;
import io.roadchief.schema.v1.DefectType;
import io.roadchief.schema.v1.DetectionBatch;
import io.roadchief.schema.v1.DetectionCandidate;
import io.roadchief.schema.v1.Envelope;
import io.roadchief.schema.v1.GaugeReading;
import io.roadchief.schema.v1.GpsFix;
import io.roadchief.schema.v1.ImuBatch;
import io.roadchief.schema.v1.VehicleClass;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Envelopes of each body kind built from physical values, serialised, parsed and converted back:
 * every field must come back in its documented unit within the field's resolution.
 */
class TelemetryRoundTripTest {
    private static final double G = AccelerationCodec.STANDARD_GRAVITY;
    // Device time of a realistic message: 2026-07-14 08:15:30.250 China time.
    private static final Instant DEVICE_TIME = Instant.parse("2026-07-14T00:15:30.250Z");

    private static Envelope roundTrip(Envelope e) throws InvalidProtocolBufferException {
        byte[] wire = e.toByteArray();
        Envelope back = Envelope.parseFrom(wire);
        assertThat(back).isEqualTo(e);
        return back;
    }

    // Physical -> wire scalings as the .proto documents them (degrees x 1e7, cm/s, centidegrees, dm, per mille, 0.1 mm, mV).
    private static int e7(double degrees) { return (int) Math.round(degrees * 1e7); }

    @Test
    void imuBatchKeepsAccelerationInItsLsbAndGpsInItsUnits() throws Exception {
        int rateHz = 100;
        int lsbUg = 61; // a +-2 g MEMS accelerometer at 16 bits
        // One second at 100 Hz: a smooth road with a 0.35 g pothole hit at sample 40.
        double[] accMs2 = new double[rateHz];
        for (int i = 0; i < rateHz; i++) {
            accMs2[i] = 0.02 * G * Math.sin(2 * Math.PI * 1.4 * i / rateHz);
        }
        accMs2[40] = 0.35 * G;
        accMs2[41] = -0.21 * G;
        int[] counts = Arrays.stream(accMs2).mapToInt(a -> AccelerationCodec.toCounts(a, lsbUg)).toArray();

        double lat = 30.2601234, lon = 120.1551234, speedMs = 11.1, headingDeg = 271.35, accuracyM = 2.5;
        long sequence = 1L << 40;
        Envelope sent = Envelope.newBuilder()
                .setDeviceId("bus-0012")
                .setSequence(sequence)
                .setDeviceTimeMs(DEVICE_TIME.toEpochMilli())
                .setImu(ImuBatch.newBuilder()
                        .setSampleRateHz(rateHz)
                        .setFirstSampleTimeMs(DEVICE_TIME.toEpochMilli() - 1000)
                        .setAccLsbUg(lsbUg)
                        .addAllAccZDelta(IntStream.of(AccelerationCodec.toDeltas(counts)).boxed().toList())
                        .setVehicleClass(VehicleClass.BUS)
                        .addFixes(GpsFix.newBuilder()
                                .setOffsetMs(-40)
                                .setLatE7(e7(lat))
                                .setLonE7(e7(lon))
                                .setSpeedCmS((int) Math.round(speedMs * 100))
                                .setHeadingCdeg((int) Math.round(headingDeg * 100))
                                .setAccuracyDm((int) Math.round(accuracyM * 10))))
                .build();

        Envelope got = roundTrip(sent);
        assertThat(got.getBodyCase()).isEqualTo(Envelope.BodyCase.IMU);
        assertThat(got.getDeviceId()).isEqualTo("bus-0012");
        assertThat(got.getSequence()).isEqualTo(sequence);
        assertThat(Instant.ofEpochMilli(got.getDeviceTimeMs())).isEqualTo(DEVICE_TIME);

        ImuBatch imu = got.getImu();
        assertThat(imu.getSampleRateHz()).isEqualTo(100);
        assertThat(imu.getVehicleClass()).isEqualTo(VehicleClass.BUS);
        assertThat(AccelerationCodec.lsbMicroG(imu)).isEqualTo(61);
        double halfLsbMs2 = 0.5 * lsbUg * 1e-6 * G;
        double[] decoded = AccelerationCodec.accelerationMs2(imu, null);
        assertThat(decoded).hasSize(rateHz);
        for (int i = 0; i < rateHz; i++) {
            assertThat(decoded[i]).as("sample %d, m/s^2", i).isCloseTo(accMs2[i], within(halfLsbMs2 + 1e-12));
        }
        assertThat(decoded[40] / G).as("pothole peak in g").isCloseTo(0.35, within(61e-6));
        assertThat(decoded[41] / G).isCloseTo(-0.21, within(61e-6));

        GpsFix fix = imu.getFixes(0);
        assertThat(fix.getLatE7()).isEqualTo(302601234);
        assertThat(fix.getLatE7() / 1e7).isCloseTo(lat, within(0.5e-7));
        assertThat(fix.getLonE7() / 1e7).isCloseTo(lon, within(0.5e-7));
        assertThat(fix.getSpeedCmS()).isEqualTo(1110);
        assertThat(fix.getSpeedCmS() / 100.0).isCloseTo(speedMs, within(0.005));
        assertThat(fix.getSpeedCmS() * 0.036).as("km/h").isCloseTo(39.96, within(1e-9));
        assertThat(fix.getHeadingCdeg()).isEqualTo(27135);
        assertThat(fix.getAccuracyDm() / 10.0).isCloseTo(accuracyM, within(0.05));
        assertThat(imu.getFirstSampleTimeMs() + fix.getOffsetMs()).isEqualTo(DEVICE_TIME.toEpochMilli() - 1040);
    }

    @Test
    void coordinatesAtTheEdgesOfTheWorldFitTheirIntegers() throws Exception {
        double[][] points = {{-89.9999999, -179.9999999}, {89.9999999, 179.9999999}, {0.0000001, -0.0000001}};
        for (double[] p : points) {
            Envelope got = roundTrip(Envelope.newBuilder().setDeviceId("patrol-1").setSequence(1)
                    .setImu(ImuBatch.newBuilder().addFixes(GpsFix.newBuilder().setLatE7(e7(p[0])).setLonE7(e7(p[1]))))
                    .build());
            GpsFix f = got.getImu().getFixes(0);
            assertThat(f.getLatE7() / 1e7).isCloseTo(p[0], within(0.5e-7));
            assertThat(f.getLonE7() / 1e7).isCloseTo(p[1], within(0.5e-7));
        }
    }

    @Test
    void unsetLsbMeansOneMilliG() throws Exception {
        Envelope got = roundTrip(Envelope.newBuilder().setDeviceId("bus-1").setSequence(2)
                .setImu(ImuBatch.newBuilder().setSampleRateHz(50).addAllAccZDelta(java.util.List.of(350, -100))).build());
        assertThat(AccelerationCodec.lsbMicroG(got.getImu())).isEqualTo(AccelerationCodec.DEFAULT_LSB_UG).isEqualTo(1000);
        double[] a = AccelerationCodec.accelerationMs2(got.getImu(), new double[8]);
        assertThat(a[0] / G).isCloseTo(0.350, within(1e-12));
        assertThat(a[1] / G).isCloseTo(0.250, within(1e-12));
    }

    @Test
    void detectionBatchKeepsTypeConfidenceAndSizeInMillimetres() throws Exception {
        double lat = 30.2598765, lon = 120.1560001;
        Envelope sent = Envelope.newBuilder()
                .setDeviceId("patrol_7").setSequence(88).setDeviceTimeMs(DEVICE_TIME.toEpochMilli())
                .setDetections(DetectionBatch.newBuilder()
                        .addCandidates(DetectionCandidate.newBuilder()
                                .setOffsetMs(-320).setLatE7(e7(lat)).setLonE7(e7(lon))
                                .setType(DefectType.POTHOLE)
                                .setConfidencePermille((int) Math.round(0.87 * 1000))
                                .setLengthMm(450).setWidthMm(300).setDepthMm(-60))
                        .addCandidates(DetectionCandidate.newBuilder()
                                .setLatE7(e7(lat)).setLonE7(e7(lon + 0.0001))
                                .setType(DefectType.MANHOLE).setConfidencePermille(612).setDepthMm(25)))
                .build();

        Envelope got = roundTrip(sent);
        assertThat(got.getBodyCase()).isEqualTo(Envelope.BodyCase.DETECTIONS);
        DetectionCandidate pothole = got.getDetections().getCandidates(0);
        assertThat(pothole.getType()).isEqualTo(DefectType.POTHOLE);
        assertThat(pothole.getConfidencePermille() / 1000.0).isCloseTo(0.87, within(0.0005));
        assertThat(pothole.getLengthMm() / 1000.0).as("m").isCloseTo(0.45, within(0.0005));
        assertThat(pothole.getWidthMm()).isEqualTo(300);
        assertThat(pothole.getDepthMm()).as("a dip is negative").isEqualTo(-60);
        assertThat(pothole.getLatE7() / 1e7).isCloseTo(lat, within(0.5e-7));
        assertThat(got.getDeviceTimeMs() + pothole.getOffsetMs()).isEqualTo(DEVICE_TIME.toEpochMilli() - 320);
        DetectionCandidate manhole = got.getDetections().getCandidates(1);
        assertThat(manhole.getType()).isEqualTo(DefectType.MANHOLE);
        assertThat(manhole.getDepthMm()).as("a raised cover is positive").isEqualTo(25);
        assertThat(manhole.getLengthMm()).as("unknown size is 0").isZero();
        assertThat(manhole.getLonE7() / 1e7).isCloseTo(lon + 0.0001, within(0.5e-7));
    }

    @Test
    void gaugeReadingKeepsLevelRainfallAndBatteryInTheirUnits() throws Exception {
        Envelope sent = Envelope.newBuilder()
                .setDeviceId("XH-0401").setSequence(123456).setDeviceTimeMs(DEVICE_TIME.toEpochMilli())
                .setGauge(GaugeReading.newBuilder()
                        .setLevelMm(152)
                        .setRainfall0P1Mm((int) Math.round(12.3 * 10))
                        .setBatteryMv((int) Math.round(3.6 * 1000))
                        .setIntervalS(60))
                .build();

        Envelope got = roundTrip(sent);
        assertThat(got.getBodyCase()).isEqualTo(Envelope.BodyCase.GAUGE);
        GaugeReading g = got.getGauge();
        assertThat(g.getLevelMm()).isEqualTo(152);
        assertThat(g.getLevelMm() / 10.0).as("cm").isCloseTo(15.2, within(1e-9));
        assertThat(g.hasRainfall0P1Mm()).isTrue();
        assertThat(g.getRainfall0P1Mm()).isEqualTo(123);
        assertThat(g.getRainfall0P1Mm() / 10.0).as("mm").isCloseTo(12.3, within(0.05));
        assertThat(g.hasBatteryMv()).isTrue();
        assertThat(g.getBatteryMv() / 1000.0).as("V").isCloseTo(3.6, within(0.0005));
        assertThat(g.getIntervalS()).isEqualTo(60);
    }

    @Test
    void absentRainfallAndBatteryStayAbsentAndZeroRainIsPresent() throws Exception {
        Envelope mainsPowered = roundTrip(Envelope.newBuilder().setDeviceId("XH-0402").setSequence(1)
                .setGauge(GaugeReading.newBuilder().setLevelMm(-15).setIntervalS(300)).build());
        assertThat(mainsPowered.getGauge().hasRainfall0P1Mm()).as("no rain gauge").isFalse();
        assertThat(mainsPowered.getGauge().hasBatteryMv()).as("mains powered").isFalse();
        assertThat(mainsPowered.getGauge().getLevelMm()).as("below datum").isEqualTo(-15);

        Envelope dry = roundTrip(Envelope.newBuilder().setDeviceId("XH-0403").setSequence(1)
                .setGauge(GaugeReading.newBuilder().setLevelMm(0).setRainfall0P1Mm(0).setIntervalS(60)).build());
        assertThat(dry.getGauge().hasRainfall0P1Mm()).as("0.0 mm of rain is a measurement, not a gap").isTrue();
        assertThat(dry.getGauge().getRainfall0P1Mm()).isZero();
    }

    @Test
    void deltaCodingRoundTripsExactlyOverTheFullSensorRange() throws Exception {
        Random rnd = new Random(20261125);
        int lsbUg = 61;
        int fullScale = AccelerationCodec.toCounts(16 * G, lsbUg); // +-16 g sensor range
        int[] counts = new int[400];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = rnd.nextInt(2 * fullScale + 1) - fullScale;
        }
        counts[0] = fullScale;
        counts[1] = -fullScale; // largest possible step
        int[] deltas = AccelerationCodec.toDeltas(counts);
        assertThat(deltas[0]).as("element 0 is absolute").isEqualTo(counts[0]);
        assertThat(deltas[1]).isEqualTo(-2 * fullScale);

        Envelope got = roundTrip(Envelope.newBuilder().setDeviceId("bus-9").setSequence(5)
                .setImu(ImuBatch.newBuilder().setSampleRateHz(400).setAccLsbUg(lsbUg)
                        .addAllAccZDelta(IntStream.of(deltas).boxed().toList()))
                .build());
        double scale = lsbUg * 1e-6 * G;
        double[] reuse = new double[1000];
        double[] a = AccelerationCodec.accelerationMs2(got.getImu(), reuse);
        assertThat(a).as("a big enough buffer is reused").isSameAs(reuse);
        for (int i = 0; i < counts.length; i++) {
            assertThat(a[i]).isEqualTo(counts[i] * scale);
            assertThat(AccelerationCodec.toCounts(a[i], lsbUg)).isEqualTo(counts[i]);
        }
        double[] small = AccelerationCodec.accelerationMs2(got.getImu(), new double[3]);
        assertThat(small).hasSize(counts.length);
    }

    @Test
    void deltaCodingMakesASmoothSignalSmallerOnTheWire() {
        int lsbUg = 61;
        int[] counts = new int[100];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = AccelerationCodec.toCounts(0.5 * G + 0.03 * G * Math.sin(2 * Math.PI * 2.0 * i / 100), lsbUg);
        }
        int absolute = ImuBatch.newBuilder().addAllAccZDelta(IntStream.of(counts).boxed().toList()).build().getSerializedSize();
        int delta = ImuBatch.newBuilder().addAllAccZDelta(IntStream.of(AccelerationCodec.toDeltas(counts)).boxed().toList())
                .build().getSerializedSize();
        assertThat(delta).isLessThan(absolute);
        assertThat(delta).as("bytes for 100 samples").isLessThan(2 * counts.length + 8);
    }
}
