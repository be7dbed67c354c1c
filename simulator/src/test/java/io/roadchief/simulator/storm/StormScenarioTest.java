package io.roadchief.simulator.storm;

import io.roadchief.schema.v1.Envelope;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StormScenarioTest {

    @Test
    void chicagoHyetographHoldsTheFormulasDepthForEveryBurstAroundThePeak() {
        StormIntensityFormula f = StormIntensityFormula.HANGZHOU_TYPE;
        ChicagoHyetograph h = new ChicagoHyetograph(f, 10, 120, 0.4);
        assertThat(h.depthBetween(0, 120)).isCloseTo(f.depth(10, 120), within(0.5));
        // a 30-minute burst around the peak (48 min): 12 min before, 18 min after (ratio 0.4)
        assertThat(h.depthBetween(48 - 12, 48 + 18)).isCloseTo(f.depth(10, 30), within(0.3));
        assertThat(h.intensityAt(48)).isGreaterThan(h.intensityAt(30)).isGreaterThan(h.intensityAt(5));
        // plausible magnitudes: 1-year 1-hour around 40 mm, 10-year heavier
        assertThat(f.depth(1, 60)).isBetween(30.0, 50.0);
        assertThat(f.depth(10, 60)).isGreaterThan(f.depth(1, 60) * 1.5);
    }

    @Test
    void pondingStartsOnlyWhenInflowExceedsTheDrainAndRecedesAfter() {
        double cap = DrainagePoint.designCapacity(StormIntensityFormula.HANGZHOU_TYPE, 2, 15, 0.8, 10_000);
        DrainagePoint p = new DrainagePoint(DrainagePoint.Kind.ROAD_PONDING, 10_000, 0.8, 300, cap, 50, 8000, 0, 0, 0);
        for (int i = 0; i < 360; i++) p.step(5, 0.5); // light rain well under capacity, 30 min
        assertThat(p.levelMm()).isZero();
        double max = 0;
        for (int i = 0; i < 360; i++) { p.step(5, 4.0); max = Math.max(max, p.levelMm()); } // cloudburst
        assertThat(max).isGreaterThan(50);
        for (int i = 0; i < 2000; i++) p.step(5, 0);
        assertThat(p.levelMm()).isZero();
    }

    @Test
    void aRunIsDeterministicOrderedAndCarriesItsTruth() {
        StormScenario s = StormScenario.standard(42, 200);
        StormRun a = s.run();
        StormRun b = s.run();
        assertThat(a.envelopes()).isEqualTo(b.envelopes());
        assertThat(a.truth().crossings()).isEqualTo(b.truth().crossings());
        List<Envelope> env = a.envelopes();
        for (int i = 1; i < env.size(); i++) assertThat(env.get(i).getDeviceTimeMs()).isGreaterThanOrEqualTo(env.get(i - 1).getDeviceTimeMs());
        assertThat(a.gauges()).hasSize(200);
        assertThat(a.catalogCsv().lines().count()).isEqualTo(201);
        // Different points flood at different times and to different depths.
        Map<String, Long> perLevel = a.truth().crossings().stream().collect(Collectors.groupingBy(StormTruth.Crossing::level, Collectors.counting()));
        System.out.println("envelopes=" + env.size() + " crossings per level=" + perLevel
                + " deaths=" + a.truth().deaths().keySet() + " stuck=" + a.truth().stuck().keySet()
                + " noisy=" + a.truth().noisy() + " lowBattery=" + a.truth().lowBattery().keySet());
        assertThat(perLevel.getOrDefault("yellow", 0L)).isGreaterThan(20);
        assertThat(perLevel.getOrDefault("red", 0L)).isLessThan(perLevel.get("yellow"));
        long firstYellow = a.truth().crossings().stream().filter(c -> c.level().equals("yellow")).mapToLong(StormTruth.Crossing::timeMs).min().orElseThrow();
        long lastYellow = a.truth().crossings().stream().filter(c -> c.level().equals("yellow")).mapToLong(StormTruth.Crossing::timeMs).max().orElseThrow();
        assertThat(lastYellow - firstYellow).isGreaterThan(15 * 60_000L);
        // Faults as configured: the dead gauge stops sending.
        assertThat(a.truth().deaths()).hasSize(2);
        a.truth().deaths().forEach((id, d) -> {
            long last = env.stream().filter(e -> e.getDeviceId().equals(id)).mapToLong(Envelope::getDeviceTimeMs).max().orElseThrow();
            assertThat(last).isEqualTo(d.lastReadingMs()).isLessThan(d.diedAtMs());
        });
        assertThat(a.truth().stuck()).hasSize(2);
        // For the record: the fastest change between readings of healthy gauges (drain surcharge is the fastest).
        double fastest = 0;
        for (List<Envelope> g : StormScenario.byGauge(env).values()) {
            if (a.truth().noisy().contains(g.get(0).getDeviceId())) continue;
            for (int i = 1; i < g.size(); i++) {
                double dtMin = (g.get(i).getDeviceTimeMs() - g.get(i - 1).getDeviceTimeMs()) / 60_000.0;
                double d = Math.abs(g.get(i).getGauge().getLevelMm() - g.get(i - 1).getGauge().getLevelMm());
                if (d < 150) fastest = Math.max(fastest, d / Math.max(dtMin, 0.25));
            }
        }
        System.out.println("fastest plausible change " + fastest + " mm/min");
        assertThat(a.truth().lowBattery()).hasSize(2);
    }
}
