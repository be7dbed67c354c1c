package io.roadchief.jobs.water;

import io.roadchief.ingest.telemetry.GaugeObservation;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-reading logic of the water job, free of Flink so it can be tested directly:
 * spike filter -> smoothed level and rate of rise -> risk level with hysteresis -> early warning
 * -> gauge health, producing the gauge_state update and the alerts.
 */
public final class WaterAssessor {
    private WaterAssessor() {}

    /** What one reading or timer produced. */
    public record Result(GaugeStateUpdate state, List<WaterAlert> alerts) {}

    /**
     * Applies a reading. Readings not newer than the last one of the same gauge are ignored (null):
     * they are stored by the landing sink anyway, and the risk logic must see time move forwards.
     */
    public static Result onReading(GaugeConfig g, GaugeMemory m, GaugeObservation o) {
        return onReading(g, m, o, 0);
    }

    /** @param risingNeighbours neighbours rising at the reading's time (for the stuck check) */
    public static Result onReading(GaugeConfig g, GaugeMemory m, GaugeObservation o, int risingNeighbours) {
        long t = o.deviceTimeMs();
        if (t <= m.lastTimeMs) return null;
        m.lastTimeMs = t;
        m.lastLevelMm = o.levelMm();
        SpikeFilter.Outcome f = m.spikes.offer(t, o.levelMm(), WaterThresholds.maxRateMmPerMin(g.kind()),
                m.health.noisy() ? WaterThresholds.NOISY_STEP_CONFIRMATIONS : WaterThresholds.STEP_CONFIRMATIONS);
        for (SpikeFilter.Point p : f.accepted()) m.rise.add(p.timeMs(), p.levelMm());
        m.rain.add(t, o.rainfallMm());
        List<GaugeHealth.Event> health = m.health.onReading(t, o.levelMm(), o.rainfallMm(), o.batteryMv(), o.intervalS(),
                f.spikesDropped(), risingNeighbours);

        double smoothed = m.rise.smoothedMm();
        double rate = m.rise.mmPerMin(t);
        List<WaterAlert> alerts = new ArrayList<>(2);
        if (!f.accepted().isEmpty()) {
            RiskLevelHysteresis.Change c = m.risk.update(t, smoothed, g);
            if (c != null) {
                if (!c.raised()) m.early.lowered(c.to());
                AlertKind kind = c.raised() ? (c.from() == RiskLevel.NORMAL ? AlertKind.WATER_RAISE : AlertKind.WATER_ESCALATE)
                        : (c.to() == RiskLevel.NORMAL ? AlertKind.WATER_CLEAR : AlertKind.WATER_LOWER);
                RiskLevel next = c.to().next();
                Integer eta = next == null ? null : RateOfRise.secondsTo(smoothed, rate, g.threshold(next));
                String[] text = AlertMessages.change(kind, g, c.to(), smoothed, rate, next, eta);
                alerts.add(WaterAlert.of(kind, g.gaugeId(), t, c.to(), text[0], text[1],
                        detail(smoothed, o.levelMm(), rate, eta, c.from(), null, m.rain.mmPerHour(), o.receivedAtMs()), o.receivedAtMs()));
            }
            EarlyWarning.Warning w = m.early.decide(m.risk.level(), smoothed, m.rise.forecastMmPerMin(t), m.rain.heavy(), g);
            if (w != null) {
                String[] text = AlertMessages.earlyWarning(g, w.target(), smoothed, rate, w.etaS(), w.reason(), m.rain.mmPerHour());
                alerts.add(WaterAlert.of(AlertKind.WATER_EARLY_WARNING, g.gaugeId(), t, w.target(), text[0], text[1],
                        detail(smoothed, o.levelMm(), rate, w.etaS(), m.risk.level(), w.reason().name().toLowerCase(),
                                m.rain.mmPerHour(), o.receivedAtMs()), o.receivedAtMs()));
            }
        }
        for (GaugeHealth.Event e : health) alerts.add(healthAlert(g, e, o.receivedAtMs()));

        RiskLevel next = m.risk.level().next();
        Integer etaNext = next == null ? null : RateOfRise.secondsTo(smoothed, rate, g.threshold(next));
        m.lastRiseMmMin = Double.isNaN(rate) ? 0f : (float) rate;
        m.lastEtaS = etaNext;
        return new Result(state(g, m, t, smoothed), alerts);
    }

    /**
     * Checks whether the gauge has gone silent by {@code nowMs}. The alert is stamped with the due
     * time (last reading + N intervals), whichever clock noticed, so replays give the same alert.
     */
    public static Result onOfflineCheck(GaugeConfig g, GaugeMemory m, long nowMs) {
        GaugeHealth.Event e = m.health.checkOffline(nowMs);
        if (e == null) return null;
        return new Result(state(g, m, e.atMs(), m.rise.smoothedMm()), List.of(healthAlert(g, e, 0)));
    }

    private static GaugeStateUpdate state(GaugeConfig g, GaugeMemory m, long atMs, double smoothed) {
        return new GaugeStateUpdate(g.gaugeId(), atMs, m.lastLevelMm, (float) smoothed, m.lastRiseMmMin,
                m.risk.level().sql(), m.lastEtaS, m.health.label());
    }

    private static WaterAlert healthAlert(GaugeConfig g, GaugeHealth.Event e, long receivedAtMs) {
        String[] text = AlertMessages.health(e.kind(), g, e.detail(), e.risingNeighbours());
        String detail = "{\"detail\":" + Json.str(e.detail()) + ",\"received_at_ms\":" + receivedAtMs + "}";
        return WaterAlert.of(e.kind(), g.gaugeId(), e.atMs(), null, text[0], text[1], detail, receivedAtMs);
    }

    private static String detail(double smoothed, int raw, double rate, Integer etaS, RiskLevel other, String reason,
                                 double rainMmH, long receivedAtMs) {
        return "{\"smoothed_mm\":" + Json.num(smoothed) + ",\"level_mm\":" + raw + ",\"rise_mm_min\":" + Json.num(rate)
                + ",\"eta_s\":" + (etaS == null ? "null" : etaS) + ",\"from_level\":" + Json.str(other == null ? null : other.sql())
                + ",\"predicted\":" + (reason != null) + ",\"reason\":" + Json.str(reason)
                + ",\"rain_mm_h\":" + Json.num(rainMmH) + ",\"received_at_ms\":" + receivedAtMs + "}";
    }
}
