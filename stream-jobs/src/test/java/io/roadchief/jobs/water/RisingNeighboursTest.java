package io.roadchief.jobs.water;

import io.roadchief.ingest.telemetry.GaugeObservation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** "Flat while its neighbours rise": neighbour geometry, the rise rule, the stuck rule and the operator. */
class RisingNeighboursTest {
    static final long T0 = WaterLogicTest.T0;

    /** A drain gauge at (lat, lon); drains rise in every storm, so they make good neighbours. */
    static GaugeConfig drain(String id, double lat, double lon) {
        return new GaugeConfig(id, id + "雨水井", id + " drain", GaugeKind.DRAIN, lat, lon, null, "330106", 60, 3000,
                2000, 800, 1400, 1700, 1900, 2000);
    }

    @Test
    void neighboursAreTheNearestWithinTheRadius() {
        Map<String, GaugeConfig> c = new LinkedHashMap<>();
        c.put("A", drain("A", 30.2800, 120.1300));
        c.put("B", drain("B", 30.2890, 120.1300)); // ~1.0 km north
        c.put("C", drain("C", 30.2800, 120.1500)); // ~1.9 km east
        c.put("D", drain("D", 30.3200, 120.1300)); // ~4.4 km: too far
        assertThat(Neighbours.distanceM(30.28, 120.13, 30.289, 120.13)).isBetween(990.0, 1010.0);
        assertThat(new Neighbours(c).of("A")).containsExactly("B", "C");
        assertThat(new Neighbours(c).of("unknown")).isEmpty();
    }

    @Test
    void aRiseNeedsFiveCentimetresInTheWindowAndIgnoresASingleSpike() {
        LevelHistory h = new LevelHistory();
        for (int i = 0; i < 20; i++) h.add(T0 + i * 15_000L, 600 + (i == 10 ? 900 : 0)); // flat, one spike
        assertThat(h.risingAt(T0 + 19 * 15_000L)).isFalse();
        LevelHistory r = new LevelHistory();
        for (int i = 0; i < 20; i++) r.add(T0 + i * 15_000L, 600 + i * 5); // 20 mm/min
        assertThat(r.risingAt(T0 + 19 * 15_000L)).isTrue();
        assertThat(r.risingAt(T0 + 19 * 15_000L + 16 * 60_000L)).as("silent for the whole window").isFalse();
        LevelHistory slow = new LevelHistory();
        for (int i = 0; i < 60; i++) slow.add(T0 + i * 15_000L, 600 + i / 2); // 2 mm/min: 30 mm in 15 min
        assertThat(slow.risingAt(T0 + 59 * 15_000L)).isFalse();
    }

    @Test
    void aFlatNonZeroLineIsStuckWhenNeighboursRiseAndOnlyThen() {
        GaugeHealth alone = new GaugeHealth();
        GaugeHealth oneNeighbour = new GaugeHealth();
        GaugeHealth area = new GaugeHealth();
        GaugeHealth dryRoad = new GaugeHealth();
        List<GaugeHealth.Event> a = new ArrayList<>(), one = new ArrayList<>(), ar = new ArrayList<>(), dry = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            long t = T0 + i * 15_000L;
            a.addAll(alone.onReading(t, 830, null, 3600, 15, 0, 0));
            one.addAll(oneNeighbour.onReading(t, 830, null, 3600, 15, 0, 1));
            ar.addAll(area.onReading(t, 830, null, 3600, 15, 0, 3));
            dry.addAll(dryRoad.onReading(t, 0, null, 3600, 15, 0, 3)); // a point that does not pond stays at 0
        }
        assertThat(a).isEmpty();
        assertThat(one).isEmpty();
        assertThat(dry).isEmpty();
        assertThat(ar).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(AlertKind.GAUGE_STUCK);
            assertThat(e.risingNeighbours()).isEqualTo(3);
            // As soon as both the duration and the reading count are met: 10 min after the first flat reading.
            assertThat(e.atMs()).isEqualTo(T0 + 40 * 15_000L);
        });
        String[] text = AlertMessages.health(AlertKind.GAUGE_STUCK, drain("WG-9", 30.28, 120.13), "", 3);
        assertThat(text[0]).isEqualTo("【数据异常·读数卡滞】WG-9雨水井 周边 3 个测点水位上涨，本点读数持续不变，请核查设备");
        assertThat(text[1]).contains("3 nearby gauges rise");
    }

    @Test
    void theOperatorCountsRisingNeighboursAndItsStateSurvivesARestore() throws Exception {
        Map<String, GaugeConfig> c = new LinkedHashMap<>();
        c.put("S", drain("S", 30.2800, 120.1300));
        c.put("N1", drain("N1", 30.2890, 120.1300));
        c.put("N2", drain("N2", 30.2800, 120.1450));
        c.put("FAR", drain("FAR", 30.4000, 120.1300));
        List<ReadingInArea> out = new ArrayList<>();
        org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot;
        int seq = 0;
        try (var h = harness(c)) {
            h.open();
            for (int i = 0; i < 20; i++) {
                long t = T0 + i * 15_000L;
                for (String id : List.of("N1", "N2", "FAR")) h.processElement(reading(id, ++seq, t, 600 + i * 10), t);
                h.processElement(reading("S", ++seq, t, 830), t);
            }
            snapshot = h.snapshot(1, 1);
            out.addAll(outputs(h));
        }
        assertThat(out.get(out.size() - 1).risingNeighbours()).as("N1 and N2 rise; FAR is no neighbour").isEqualTo(2);
        assertThat(out.get(3).risingNeighbours()).as("too few readings to tell at the start").isZero();
        try (var h = harness(c)) {
            h.initializeState(snapshot);
            h.open();
            long t = T0 + 20 * 15_000L;
            h.processElement(reading("S", ++seq, t, 830), t);
            assertThat(outputs(h)).singleElement().extracting(ReadingInArea::risingNeighbours).isEqualTo(2);
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<Integer, GaugeObservation, ReadingInArea> harness(Map<String, GaugeConfig> c) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new RisingNeighboursFunction(c)),
                RisingNeighboursFunction.CITY, Types.INT);
    }

    private static List<ReadingInArea> outputs(KeyedOneInputStreamOperatorTestHarness<Integer, GaugeObservation, ReadingInArea> h) {
        List<ReadingInArea> r = new ArrayList<>();
        for (Object o : h.getOutput()) if (o instanceof StreamRecord<?> s) r.add((ReadingInArea) s.getValue());
        return r;
    }

    private static GaugeObservation reading(String id, long seq, long t, int levelMm) {
        return new GaugeObservation(id, seq, t, t, levelMm, null, 3600, 15);
    }
}
