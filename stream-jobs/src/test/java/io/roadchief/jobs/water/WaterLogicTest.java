package io.roadchief.jobs.water;

import io.roadchief.ingest.telemetry.GaugeObservation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WaterLogicTest {
    static final GaugeConfig PONDING = new GaugeConfig("WG-1", "文三路积水点01", "Wensan Rd ponding point 01", GaugeKind.ROAD_PONDING,
            30.28, 120.13, null, "330106", 60, 3000, null, null, 50, 150, 300, 500);
    static final long T0 = 1_782_000_000_000L;

    @Test
    void spikeFilterDropsASingleSpikeButBelievesAJumpThatHolds() {
        SpikeFilter f = SpikeFilter.standard();
        // Start-up: a spike as the very first reading is not believed either.
        assertThat(f.offer(T0 - 120_000, 1500, 100).held()).isTrue();
        assertThat(f.offer(T0 - 60_000, 98, 100).spikesDropped()).isEqualTo(1);
        assertThat(f.offer(T0, 100, 100).accepted()).extracting(SpikeFilter.Point::levelMm).containsExactly(98, 100);
        SpikeFilter.Outcome spike = f.offer(T0 + 60_000, 900, 100);
        assertThat(spike.held()).isTrue();
        SpikeFilter.Outcome back = f.offer(T0 + 120_000, 104, 100);
        assertThat(back.spikesDropped()).isEqualTo(1);
        assertThat(back.accepted()).extracting(SpikeFilter.Point::levelMm).containsExactly(104);
        // A step that holds for three readings is real.
        assertThat(f.offer(T0 + 180_000, 700, 100).held()).isTrue();
        assertThat(f.offer(T0 + 195_000, 702, 100).held()).isTrue();
        assertThat(f.offer(T0 + 210_000, 705, 100).accepted()).extracting(SpikeFilter.Point::levelMm).containsExactly(700, 702, 705);
        // Fast but physical rises pass straight through.
        assertThat(f.offer(T0 + 225_000, 725, 100).accepted()).hasSize(1);
    }

    @Test
    void rateOfRiseIsRobustToOneOutlierAndGivesTimeToThreshold() {
        RateOfRise r = RateOfRise.standard();
        for (int i = 0; i <= 10; i++) r.add(T0 + i * 15_000L, 100 + i * 5 + (i == 6 ? 40 : 0)); // 20 mm/min, one outlier
        assertThat(r.mmPerMin(T0 + 150_000)).isCloseTo(20.0, within(0.5));
        assertThat(r.smoothedMm()).isEqualTo(145);
        assertThat(RateOfRise.secondsTo(145, 20, 300)).isEqualTo(465);
        assertThat(RateOfRise.secondsTo(145, 0.1, 300)).isNull();
        assertThat(RateOfRise.secondsTo(310, 5, 300)).isNull();
    }

    @Test
    void hysteresisRaisesAtOnceAndLowersOnlyAfterTheDwellBelowTheMargin() {
        RiskLevelHysteresis h = RiskLevelHysteresis.standard();
        assertThat(h.update(T0, 40, PONDING)).isNull();
        assertThat(h.update(T0 + 60_000, 160, PONDING)).isEqualTo(new RiskLevelHysteresis.Change(RiskLevel.NORMAL, RiskLevel.YELLOW));
        // Hovering around the yellow threshold (within the 20 mm margin) never lowers.
        long t = T0 + 120_000;
        for (int i = 0; i < 60; i++, t += 60_000) assertThat(h.update(t, i % 2 == 0 ? 145 : 152, PONDING)).isNull();
        assertThat(h.level()).isEqualTo(RiskLevel.YELLOW);
        // Below 130 mm: lowered only after 10 minutes.
        long below = t;
        RiskLevelHysteresis.Change c = null;
        while (c == null) {
            c = h.update(t, 100, PONDING);
            t += 60_000;
        }
        assertThat(t - 60_000 - below).isGreaterThanOrEqualTo(WaterThresholds.DWELL.toMillis());
        assertThat(c).isEqualTo(new RiskLevelHysteresis.Change(RiskLevel.YELLOW, RiskLevel.BLUE));
        // An excursion back above the margin restarts the dwell.
        h.update(t, 10, PONDING);
        h.update(t + 300_000, 40, PONDING);
        assertThat(h.update(t + 660_000, 10, PONDING)).isNull();
        assertThat(h.update(t + 1_300_000, 10, PONDING)).isEqualTo(new RiskLevelHysteresis.Change(RiskLevel.BLUE, RiskLevel.NORMAL));
    }

    @Test
    void earlyWarningOncePerLevelWhenTheThresholdIsWithinTheHorizon() {
        EarlyWarning w = EarlyWarning.standard();
        assertThat(w.decide(RiskLevel.NORMAL, 40, 5, false, PONDING)).isNull(); // blue is not forecast
        assertThat(w.decide(RiskLevel.BLUE, 100, 2, false, PONDING)).isNull(); // 25 min away
        EarlyWarning.Warning first = w.decide(RiskLevel.BLUE, 100, 5, false, PONDING); // 10 min away
        assertThat(first.target()).isEqualTo(RiskLevel.YELLOW);
        assertThat(first.etaS()).isEqualTo(600);
        assertThat(w.decide(RiskLevel.BLUE, 110, 5, false, PONDING)).isNull();
        // Heavy rain stretches the horizon: orange 23 min away is warned of only in heavy rain.
        assertThat(w.decide(RiskLevel.YELLOW, 160, 6, false, PONDING)).isNull();
        assertThat(w.decide(RiskLevel.YELLOW, 160, 6, true, PONDING).reason()).isEqualTo(EarlyWarning.Reason.HEAVY_RAIN);
        w.lowered(RiskLevel.BLUE);
        assertThat(w.decide(RiskLevel.BLUE, 100, 6, false, PONDING)).isNotNull();
    }

    @Test
    void drainDefaultsAreRelativeToTheRim() {
        GaugeConfig g = GaugeCatalog.fromFields(java.util.Map.of("gauge_id", "D-1", "kind", "drain", "lat", "30.2", "lon", "120.1", "rim_mm", "2000"));
        assertThat(List.of(g.blueMm(), g.yellowMm(), g.orangeMm(), g.redMm())).containsExactly(1400, 1700, 1900, 2000);
        assertThat(AlertMessages.level(g, 1750)[0]).isEqualTo("井内水位距井口 25 cm");
    }

    @Test
    void healthRaisesAndClearsEachConditionOnce() {
        GaugeHealth h = new GaugeHealth();
        List<AlertKind> kinds = new ArrayList<>();
        long t = T0;
        for (int i = 0; i < 20; i++, t += 60_000) h.onReading(t, 800 + i, 1.0f, 3600, 60, 0).forEach(e -> kinds.add(e.kind()));
        for (int i = 0; i < 15; i++, t += 60_000) h.onReading(t, 812, 1.0f, 3600, 60, 0).forEach(e -> kinds.add(e.kind()));
        assertThat(kinds).containsExactly(AlertKind.GAUGE_STUCK);
        h.onReading(t, 815, 1.0f, 3600, 60, 0).forEach(e -> kinds.add(e.kind()));
        assertThat(kinds).containsExactly(AlertKind.GAUGE_STUCK, AlertKind.GAUGE_STUCK_CLEARED);
        // No rain: flat is fine.
        kinds.clear();
        for (int i = 0; i < 30; i++, t += 60_000) h.onReading(t, 400, 0f, 3600, 60, 0).forEach(e -> kinds.add(e.kind()));
        assertThat(kinds).isEmpty();
        // Offline: due 3 intervals after the last reading, then back online.
        long last = t - 60_000;
        assertThat(h.checkOffline(last + 179_000)).isNull();
        GaugeHealth.Event off = h.checkOffline(last + 400_000);
        assertThat(off.kind()).isEqualTo(AlertKind.GAUGE_OFFLINE);
        assertThat(off.atMs()).isEqualTo(last + 180_000);
        assertThat(h.checkOffline(last + 500_000)).isNull();
        assertThat(h.onReading(last + 600_000, 400, 0f, 3600, 60, 0)).extracting(GaugeHealth.Event::kind).containsExactly(AlertKind.GAUGE_BACK_ONLINE);
        // Spikes and battery.
        t = last + 660_000;
        kinds.clear();
        for (int i = 0; i < 3; i++, t += 60_000) h.onReading(t, 400, 0f, 3250, 60, 1).forEach(e -> kinds.add(e.kind()));
        assertThat(kinds).containsExactly(AlertKind.GAUGE_LOW_BATTERY, AlertKind.GAUGE_SPIKE);
        assertThat(h.label()).isEqualTo("noisy");
        kinds.clear();
        for (int i = 0; i < 70; i++, t += 60_000) h.onReading(t, 400 + i % 2, 0f, 3600, 60, 0).forEach(e -> kinds.add(e.kind()));
        assertThat(kinds).containsExactly(AlertKind.GAUGE_LOW_BATTERY_CLEARED, AlertKind.GAUGE_SPIKE_CLEARED);
    }

    @Test
    void assessorTurnsARisingGaugeIntoAlertsAndSurvivesStateRoundTrips() {
        GaugeMemory m = new GaugeMemory();
        List<WaterAlert> alerts = new ArrayList<>();
        long t = T0;
        int level = 0;
        for (int i = 0; i < 80; i++, t += 15_000) {
            level = i < 40 ? i * 5 : Math.max(0, 200 - (i - 40) * 10); // rise at 20 mm/min to 195, then fall
            m = GaugeMemory.fromBytes(m.toBytes());
            WaterAssessor.Result r = WaterAssessor.onReading(PONDING, m, new GaugeObservation("WG-1", i, t, t + 100, level, 0.5f, 3600, 15));
            alerts.addAll(r.alerts());
        }
        for (int i = 0; i < 60; i++, t += 60_000) {
            alerts.addAll(WaterAssessor.onReading(PONDING, m, new GaugeObservation("WG-1", 100 + i, t, t, 0, 0f, 3600, 60)).alerts());
        }
        assertThat(alerts).extracting(WaterAlert::kind).containsExactly(
                "water_raise", "water_early_warning", "water_escalate", "water_early_warning", "water_clear");
        // (no early warning of blue; the orange forecast at 195 mm and 20 mm/min was right to warn, the rain then stopped)
        assertThat(alerts).extracting(WaterAlert::level).containsExactly("blue", "yellow", "yellow", "orange", "normal");
        WaterAlert yellow = alerts.get(2);
        assertThat(yellow.messageZh()).startsWith("【黄色预警】文三路积水点01 水深 15 cm，上涨 2.0 cm/分钟，预计");
        assertThat(yellow.alertId()).isEqualTo("water_escalate:WG-1:" + yellow.raisedAtMs());
        assertThat(yellow.toJson()).contains("\"kind\":\"water_escalate\"", "\"received_at_ms\":");
        // A stale reading changes nothing.
        assertThat(WaterAssessor.onReading(PONDING, m, new GaugeObservation("WG-1", 1, T0, T0, 999, 0f, 3600, 15))).isNull();
    }
}
