package io.roadchief.ingest.gateway;

import io.roadchief.ingest.gateway.RecordedDrive.TimeStyle;
import io.roadchief.ingest.gateway.TraceCsvReader.Options;
import io.roadchief.schema.AccelerationCodec;
import io.roadchief.schema.v1.Envelope;
import io.roadchief.schema.v1.GpsFix;
import io.roadchief.schema.v1.ImuBatch;
import io.roadchief.schema.v1.VehicleClass;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TraceCsvReaderTest {
    /** Half a count of 1 mg, plus the CSV's 5-decimal rounding. */
    static final double ACC_TOLERANCE = 0.5e-3 * AccelerationCodec.STANDARD_GRAVITY + 1e-5;

    static TraceCsvReader.Trace read(String csv, Options o) throws Exception {
        return new TraceCsvReader(o).read(new StringReader(csv), "bus-7", VehicleClass.BUS);
    }

    @Test
    void cutsA100HzDriveIntoOneSecondBatchesLikeALiveUnit() throws Exception {
        RecordedDrive drive = new RecordedDrive(100, 30, TimeStyle.ISO, true, false, 700);
        TraceCsvReader.Trace trace = read(drive.csv, Options.parse("kmh", null, null, null, 1_000_000));

        assertThat(trace.sampleRateHz()).isEqualTo(100);
        assertThat(trace.samples()).isEqualTo(3000);
        assertThat(trace.fixes()).isEqualTo(30);
        assertThat(trace.gravitySubtracted()).isTrue();
        assertThat(drive.badRows).isGreaterThan(0);
        assertThat(trace.badRows()).isEqualTo(drive.badRows);
        assertThat(trace.firstBadRows()).allSatisfy(b -> assertThat(b.reason()).contains("acc_z"));
        assertThat(trace.envelopes()).hasSize(30);
        assertMatchesDrive(trace.envelopes(), drive);
    }

    /** Checks every batch against the drive's true values: timing, samples, fixes, acceleration. */
    static void assertMatchesDrive(List<Envelope> envelopes, RecordedDrive drive) {
        for (int k = 0; k < envelopes.size(); k++) {
            Envelope e = envelopes.get(k);
            ImuBatch b = e.getImu();
            long first = RecordedDrive.T0_MS + k * 1000L;
            assertThat(e.getDeviceId()).isEqualTo("bus-7");
            assertThat(e.getSequence()).isEqualTo(first / 1000);
            assertThat(b.getFirstSampleTimeMs()).isEqualTo(first);
            assertThat(e.getDeviceTimeMs()).isEqualTo(first + 1000 - 1000 / drive.rateHz);
            assertThat(b.getSampleRateHz()).isEqualTo(drive.rateHz);
            assertThat(b.getAccZDeltaCount()).isEqualTo(drive.rateHz);
            assertThat(b.getVehicleClass()).isEqualTo(VehicleClass.BUS);
            double[] acc = AccelerationCodec.accelerationMs2(b, null);
            for (int i = 0; i < drive.rateHz; i++) {
                assertThat(acc[i]).as("batch %d sample %d", k, i).isCloseTo(drive.accNoGravity[k * drive.rateHz + i], within(ACC_TOLERANCE));
            }
            assertThat(b.getFixesCount()).isEqualTo(1);
            GpsFix f = b.getFixes(0);
            double[] ll = RecordedDrive.position(first);
            assertThat(f.getOffsetMs()).isZero();
            assertThat(f.getLatE7()).isCloseTo((int) Math.round(ll[0] * 1e7), within(1));
            assertThat(f.getLonE7()).isCloseTo((int) Math.round(ll[1] * 1e7), within(1));
            assertThat(f.getSpeedCmS()).isEqualTo(1000);
            assertThat(f.getHeadingCdeg()).isCloseTo(9000, within(5)); // due east
        }
        if (envelopes.size() <= 12) return;
        // the pothole at 12.3 s is in batch 12, as a drop of several m/s^2
        double[] pothole = AccelerationCodec.accelerationMs2(envelopes.get(12).getImu(), null);
        assertThat(Arrays.stream(pothole).min().orElseThrow()).isLessThan(-5);
    }

    @Test
    void readsEpochSecondsAndAccelerationInG() throws Exception {
        RecordedDrive drive = new RecordedDrive(200, 5, TimeStyle.EPOCH_S, false, true, 0);
        TraceCsvReader.Trace trace = read(drive.csv, Options.parse("ms", "g", "auto", null, 1_000_000));
        assertThat(trace.sampleRateHz()).isEqualTo(200);
        assertThat(trace.badRows()).isZero();
        assertThat(trace.envelopes()).hasSize(5);
        assertMatchesDrive(trace.envelopes().subList(0, 5), drive);
    }

    @Test
    void accepts50HzAndRefusesSlowerTraces() throws Exception {
        RecordedDrive fifty = new RecordedDrive(50, 3, TimeStyle.EPOCH_MS, false, false, 0);
        TraceCsvReader.Trace trace = read(fifty.csv, Options.defaults());
        assertThat(trace.sampleRateHz()).isEqualTo(50);
        assertThat(trace.envelopes()).extracting(e -> e.getImu().getAccZDeltaCount()).containsExactly(50, 50, 50);

        RecordedDrive forty = new RecordedDrive(40, 3, TimeStyle.EPOCH_MS, false, false, 0);
        assertThatThrownBy(() -> read(forty.csv, Options.defaults()))
                .isInstanceOf(TraceCsvReader.TraceFormatException.class)
                .hasMessageContaining("40 Hz").hasMessageContaining("below");
    }

    @Test
    void averagesFastTracesDownToTheRatesThePipelineAccepts() throws Exception {
        RecordedDrive drive = new RecordedDrive(1000, 3, TimeStyle.EPOCH_MS, false, false, 0);
        TraceCsvReader.Trace trace = read(drive.csv, Options.defaults());
        assertThat(trace.recordedRateHz()).isEqualTo(1000);
        assertThat(trace.sampleRateHz()).isEqualTo(250).isLessThanOrEqualTo(TraceCsvReader.MAX_SAMPLE_RATE_HZ);
        assertThat(trace.samples()).isEqualTo(3000);
        assertThat(trace.envelopes()).hasSize(3).allSatisfy(e -> {
            assertThat(e.getImu().getSampleRateHz()).isEqualTo(250);
            assertThat(e.getImu().getAccZDeltaCount()).isEqualTo(250);
        });
        assertThat(trace.fixes()).isEqualTo(3);
        // each output sample is the mean of four recorded ones
        double[] acc = AccelerationCodec.accelerationMs2(trace.envelopes().get(1).getImu(), null);
        for (int i = 0; i < 250; i++) {
            int j = 1000 + 4 * i;
            double mean = (drive.accNoGravity[j] + drive.accNoGravity[j + 1] + drive.accNoGravity[j + 2] + drive.accNoGravity[j + 3]) / 4;
            assertThat(acc[i]).isCloseTo(mean, within(ACC_TOLERANCE));
        }
        assertThat(TraceCsvReader.decimationFactor(400)).isEqualTo(1);
        assertThat(TraceCsvReader.decimationFactor(800)).isEqualTo(2);
        assertThat(TraceCsvReader.decimationFactor(1024)).isEqualTo(4);
    }

    @Test
    void fixesWithNoAccelerationNearbyAreNotSent() throws Exception {
        StringBuilder csv = new StringBuilder("timestamp,lat,lon,speed,acc_z\n");
        long t0 = RecordedDrive.T0_MS;
        for (int i = 0; i < 200; i++) csv.append(t0 + 10L * i).append(i % 100 == 0 ? ",30.27,120.15,8," : ",,,,").append("9.8\n");
        for (int s = 3; s <= 5; s++) csv.append(t0 + 1000L * s).append(",30.27,120.16,8,\n"); // GPS logged, accelerometer off
        for (int i = 600; i < 700; i++) csv.append(t0 + 10L * i).append(i == 600 ? ",30.27,120.17,8," : ",,,,").append("9.8\n");
        TraceCsvReader.Trace trace = read(csv.toString(), Options.defaults());
        assertThat(trace.envelopes()).extracting(Envelope::getSequence).containsExactly(t0 / 1000, t0 / 1000 + 1, t0 / 1000 + 6);
        assertThat(trace.fixes()).isEqualTo(3);
        assertThat(trace.droppedFixes()).isEqualTo(3);
        assertThat(trace.envelopes()).allSatisfy(e -> assertThat(e.getImu().getFixesList())
                .allSatisfy(f -> assertThat(Math.abs(f.getOffsetMs())).isLessThanOrEqualTo(1000 + TraceCsvReader.MAX_FIX_DISTANCE_MS)));
    }

    @Test
    void aGapEndsTheBatchBecauseABatchClaimsEvenlySpacedSamples() throws Exception {
        RecordedDrive drive = new RecordedDrive(100, 3, TimeStyle.EPOCH_MS, false, false, 0);
        String[] lines = drive.csv.split("\n");
        // drop samples 150..159 (lines 151..160 after the header): a 100 ms logging gap
        String csv = Arrays.stream(lines).filter(l -> {
            int idx = Arrays.asList(lines).indexOf(l);
            return idx < 151 || idx > 160;
        }).collect(Collectors.joining("\n"));
        TraceCsvReader.Trace trace = read(csv, Options.defaults());
        assertThat(trace.envelopes()).extracting(e -> e.getImu().getAccZDeltaCount()).containsExactly(100, 50, 100, 40);
        assertThat(trace.envelopes()).extracting(e -> e.getImu().getFirstSampleTimeMs())
                .containsExactly(RecordedDrive.T0_MS, RecordedDrive.T0_MS + 1000, RecordedDrive.T0_MS + 1600, RecordedDrive.T0_MS + 2600);
        // whole seconds, kept strictly increasing where two batches start within one second
        long s0 = RecordedDrive.T0_MS / 1000;
        assertThat(trace.envelopes()).extracting(Envelope::getSequence).containsExactly(s0, s0 + 1, s0 + 2, s0 + 3);
    }

    @Test
    void theSameTraceGivesTheSameEnvelopes() throws Exception {
        RecordedDrive drive = new RecordedDrive(100, 4, TimeStyle.ISO, true, false, 90);
        assertThat(read(drive.csv, Options.parse("kmh", null, null, null, 10_000)).envelopes())
                .isEqualTo(read(drive.csv, Options.parse("kmh", null, null, null, 10_000)).envelopes());
    }

    @Test
    void badRowsAreCountedWithTheirLineAndReason() throws Exception {
        String csv = """
                timestamp,lat,lon,speed,acc_z
                1780300800000,30.27,120.15,10,9.9
                1780300800010,,,,9.7
                yesterday,,,,9.8
                1780300800020,30.27,,,9.8
                1780300800030,,,,NaN
                1780300800005,,,,9.8
                1780300800030,,,,9.81
                1780300800040,95,120.15,10,9.8
                1780300800040,30.27,120.15,-3,9.8
                1780300800050,,,,9.79
                """;
        TraceCsvReader.Trace t = read(csv, Options.defaults());
        assertThat(t.samples()).isEqualTo(4);
        assertThat(t.badRows()).isEqualTo(6);
        assertThat(t.firstBadRows()).extracting(TraceCsvReader.BadRow::line).containsExactly(4L, 5L, 6L, 7L, 9L, 10L);
        assertThat(t.firstBadRows().get(0).reason()).contains("yesterday");
        assertThat(t.firstBadRows().get(1).reason()).contains("both");
        assertThat(t.firstBadRows().get(3).reason()).contains("before the previous");
        assertThat(t.firstBadRows().get(4).reason()).contains("out of range");
        assertThat(t.firstBadRows().get(5).reason()).contains("negative");
        // good samples at 0, 10, 30, 50 ms: the median interval is 20 ms
        assertThat(t.sampleRateHz()).isEqualTo(50);
    }

    @Test
    void refusesUnusableTraces() {
        assertThatThrownBy(() -> read("time,accel\n1,2\n", Options.defaults()))
                .isInstanceOf(TraceCsvReader.TraceFormatException.class).hasMessageContaining("acc_z");
        assertThatThrownBy(() -> read("", Options.defaults()))
                .isInstanceOf(TraceCsvReader.TraceFormatException.class).hasMessageContaining("header");
        RecordedDrive drive = new RecordedDrive(100, 2, TimeStyle.EPOCH_MS, false, false, 0);
        assertThatThrownBy(() -> read(drive.csv, Options.parse(null, null, null, null, 150)))
                .isInstanceOf(TraceCsvReader.TooManyRowsException.class);
        // an accelerometer mounted upside down: the median is -1 g; AUTO refuses to guess
        String upsideDown = drive.csv.lines().map(l -> l.startsWith("timestamp") ? l : l.replaceFirst(",([0-9.]+)$", ",-$1"))
                .collect(Collectors.joining("\n"));
        assertThatThrownBy(() -> read(upsideDown, Options.defaults()))
                .isInstanceOf(TraceCsvReader.TraceFormatException.class).hasMessageContaining("gravity=");
    }

    @Test
    void unknownOptionValuesNameTheAcceptedOnes() {
        assertThatThrownBy(() -> Options.parse("mph", null, null, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unit=mph").hasMessageContaining("kmh");
    }
}
