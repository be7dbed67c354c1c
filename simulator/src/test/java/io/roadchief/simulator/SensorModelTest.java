package io.roadchief.simulator;

import io.roadchief.schema.AccelerationCodec;
import io.roadchief.schema.v1.DetectionCandidate;
import io.roadchief.schema.v1.Envelope;
import io.roadchief.schema.v1.GpsFix;
import io.roadchief.schema.v1.ImuBatch;
import io.roadchief.simulator.network.LocalProjection;
import io.roadchief.simulator.truth.DefectTruth;
import io.roadchief.simulator.truth.DeviceTruth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SensorModelTest {
    private static final Scenario SCENARIO = Scenario.builder().seed(21).km(6).defects(30).vehicles(6).durationS(1500)
            .dropRate(0).duplicateRate(0).build();

    /** Standing at a light, the accelerometer shows its mounting bias; its clock shows its skew. */
    @Test
    void standingStillRevealsBiasAndEveryClockIsSkewed() throws Exception {
        FleetSimulator f = SCENARIO.messages();
        Map<String, double[]> still = new HashMap<>();
        Map<String, List<Long>> skew = new HashMap<>();
        double[] acc = new double[256];
        while (f.hasNext()) {
            SimMessage m = f.next();
            Envelope e = Envelope.parseFrom(m.payload());
            skew.computeIfAbsent(m.deviceId(), k -> new ArrayList<>()).add(m.deviceTimeMs() - m.publishAtMs());
            if (!e.hasImu()) continue;
            ImuBatch b = e.getImu();
            if (b.getFixesCount() == 0 || b.getAccZDeltaCount() < b.getSampleRateHz()) continue;
            boolean standing = true;
            for (GpsFix fx : b.getFixesList()) standing &= fx.getSpeedCmS() < 30;
            if (!standing) continue;
            acc = AccelerationCodec.accelerationMs2(b, acc);
            double[] s = still.computeIfAbsent(m.deviceId(), k -> new double[2]);
            for (int i = 0; i < b.getAccZDeltaCount(); i++) { s[0] += acc[i]; s[1]++; }
        }
        for (DeviceTruth d : f.world().truth().devices()) {
            double[] s = still.get(d.deviceId());
            assertThat(s).as("%s never stood still", d.deviceId()).isNotNull();
            // noise averages out; the standing vehicle may still rock a little after braking
            assertThat(s[0] / s[1]).as("bias of %s", d.deviceId()).isCloseTo(d.accBiasMs2(), within(0.03));
            List<Long> k = skew.get(d.deviceId());
            k.sort(Long::compare);
            long median = k.get(k.size() / 2);
            // device time = true + skew; arrival = true + latency (30-400 ms) + jitter (< 50 ms)
            assertThat((double) median).isBetween(d.clockOffsetMs() - 460, d.clockOffsetMs() + 1);
            assertThat(Math.abs(d.clockOffsetMs())).isBetween(200.0, 2000.0);
        }
    }

    @Test
    void cameraCandidatesMostlyPointAtRealDefects() throws Exception {
        FleetSimulator f = SCENARIO.messages();
        LocalProjection proj = f.world().network().projection();
        List<DefectTruth> defects = f.world().truth().defects();
        int candidates = 0, near = 0, rightType = 0;
        while (f.hasNext()) {
            SimMessage m = f.next();
            Envelope e = Envelope.parseFrom(m.payload());
            if (!e.hasDetections()) continue;
            assertThat(m.deviceId()).startsWith("patrol-");
            for (DetectionCandidate c : e.getDetections().getCandidatesList()) {
                candidates++;
                double x = proj.eastM(c.getLonE7() / 1e7), y = proj.northM(c.getLatE7() / 1e7);
                DefectTruth best = null;
                double bestD = Double.MAX_VALUE;
                for (DefectTruth d : defects) {
                    double dd = Math.hypot(proj.eastM(d.lon()) - x, proj.northM(d.lat()) - y);
                    if (dd < bestD) { bestD = dd; best = d; }
                }
                if (bestD < 15) {
                    near++;
                    if (best.type().equals(c.getType().name())) rightType++;
                }
                assertThat(c.getConfidencePermille()).isBetween(1, 1000);
                assertThat(c.getOffsetMs()).isBetween(-1000, 0);
            }
        }
        assertThat(candidates).isGreaterThan(20);
        assertThat((double) near / candidates).isGreaterThan(0.6);   // the rest: false positives, features
        assertThat((double) rightType / near).isGreaterThan(0.7);
    }

    @Test
    void traceCsvHasOneRowPerSampleAndFixesWhereTaken(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("patrol.csv");
        long rows = TraceCsvWriter.write(Scenario.builder().seed(21).km(3).defects(3).vehicles(3).durationS(120).build().messages(),
                "patrol-0001", file);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo(TraceCsvWriter.HEADER);
        assertThat(lines).hasSize((int) rows + 1);
        assertThat(rows).isGreaterThan(100 * 50);
        long withFix = lines.stream().skip(1).filter(l -> !l.endsWith(",,,")).count();
        assertThat(withFix).isPositive().isLessThan(rows / 10);
        double t0 = Double.parseDouble(lines.get(1).split(",")[0]);
        double t1 = Double.parseDouble(lines.get(2).split(",")[0]);
        assertThat(t1 - t0).isBetween(4.9, 20.1); // 50-200 Hz
    }
}
