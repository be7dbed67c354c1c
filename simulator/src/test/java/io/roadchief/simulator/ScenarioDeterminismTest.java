package io.roadchief.simulator;

import io.roadchief.schema.Topics;
import io.roadchief.schema.v1.Envelope;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScenarioDeterminismTest {
    private static Scenario.Builder small() {
        return Scenario.builder().seed(11).km(4).defects(12).vehicles(3).durationS(240);
    }

    @Test
    void sameSeedGivesIdenticalBytesAndOtherSeedsDiffer() throws Exception {
        String a = digest(small().build().messages());
        String b = digest(small().build().messages());
        String c = digest(small().seed(12).build().messages());
        assertThat(a).isEqualTo(b);
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void addingAVehicleLeavesTheOthersStreamsAlone() throws Exception {
        List<SimMessage> three = deviceMessages(small().build().messages(), "san-0001");
        List<SimMessage> four = deviceMessages(small().vehicles(4).build().messages(), "san-0001");
        assertThat(three).isNotEmpty();
        assertThat(four).hasSameSizeAs(three);
        for (int i = 0; i < three.size(); i++) {
            assertThat(four.get(i).payload()).isEqualTo(three.get(i).payload());
            assertThat(four.get(i).publishAtMs()).isEqualTo(three.get(i).publishAtMs());
        }
    }

    @Test
    void messagesAreWellFormedAndOrderedByArrival() throws Exception {
        FleetSimulator f = small().build().messages();
        long last = Long.MIN_VALUE;
        int imu = 0;
        while (f.hasNext()) {
            SimMessage m = f.next();
            assertThat(m.publishAtMs()).isGreaterThanOrEqualTo(last);
            last = m.publishAtMs();
            Envelope e = Envelope.parseFrom(m.payload());
            assertThat(e.getDeviceId()).isEqualTo(m.deviceId());
            assertThat(e.getSequence()).isEqualTo(m.sequence());
            Topics.Parsed t = Topics.parse(m.topic());
            assertThat(t).isNotNull();
            assertThat(t.deviceId()).isEqualTo(e.getDeviceId());
            if (e.hasImu()) {
                imu++;
                assertThat(t.kind()).isEqualTo(Topics.Kind.VEHICLE_IMU);
                int n = e.getImu().getAccZDeltaCount();
                assertThat(n).isBetween(1, (int) e.getImu().getSampleRateHz());
                assertThat(e.getImu().getSampleRateHz()).isIn(50, 100, 200);
                // device time: batch end, about one batch after its first sample
                assertThat(e.getDeviceTimeMs() - e.getImu().getFirstSampleTimeMs()).isBetween(0L, 1001L);
            } else {
                assertThat(t.kind()).isEqualTo(Topics.Kind.VEHICLE_DETECTIONS);
                assertThat(e.getDetections().getCandidatesCount()).isPositive();
            }
        }
        assertThat(imu).isGreaterThan(3 * 200);
    }

    private static List<SimMessage> deviceMessages(FleetSimulator f, String deviceId) {
        List<SimMessage> out = new ArrayList<>();
        while (f.hasNext()) {
            SimMessage m = f.next();
            if (m.deviceId().equals(deviceId)) out.add(m);
        }
        return out;
    }

    private static String digest(FleetSimulator f) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        while (f.hasNext()) {
            SimMessage m = f.next();
            md.update(m.topic().getBytes());
            md.update(m.payload());
            md.update(Long.toString(m.publishAtMs()).getBytes());
        }
        return java.util.HexFormat.of().formatHex(md.digest());
    }
}
