package io.roadchief.simulator.storm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores the alerts a water job raised for a storm run against the run's ground truth.
 *
 * <ul>
 *   <li>A true crossing of level L is <b>alerted</b> when the job's risk level (from its raise, escalate,
 *       lower and clear alerts) is at L or above within {@code toleranceMs} after the crossing.
 *       Crossings the gauge could not show (dead or frozen) and marginal ones (true peak within the
 *       sensor tolerance of the threshold) are counted apart.</li>
 *   <li><b>Flapping</b>: a level lowered and raised again within the hysteresis dwell.</li>
 *   <li><b>Lead time</b>: true yellow crossing minus the first yellow early warning of that episode.</li>
 *   <li><b>Dead gauges</b>: flagged within 3 reporting intervals of the last reading they sent.</li>
 *   <li><b>False alerts</b>: raises/escalations to a level the gauge's truth did not reach (within the
 *       tolerance) in the hour before or the minutes after; health alerts on gauges without that fault.</li>
 * </ul>
 */
public final class StormScorecard {
    /** An alert as the job raised it (from the alert table or the job's output). */
    public record ObservedAlert(String kind, String gaugeId, String level, long raisedAtMs) {}

    /** Per level: how many true crossings were required, alerted, missed, and the alert delays. */
    public record LevelScore(String level, int required, int alerted, int missed, int marginal, int unobservable,
                             long delayP50Ms, long delayMaxMs, List<String> missedExamples) {}

    /** A dead gauge and whether it was flagged in time. */
    public record DeadGauge(String gaugeId, int intervalS, long lastReadingMs, long diedAtMs, Long flaggedAtMs, boolean withinThreeIntervals) {}

    public record Result(List<LevelScore> levels, int flapping, List<String> flapExamples, int yellowRequired,
                         int yellowWarned, long leadP10Ms, long leadP50Ms, long leadP90Ms, List<DeadGauge> dead,
                         int falseRaises, List<String> falseRaiseExamples, int earlyWarnings, int unfulfilledWarnings,
                         long unfulfilledShortfallP50Mm, int unfulfilledWithin20Percent,
                         Map<String, int[]> healthFlagged, Map<String, Integer> alertsByKind) {

        public int missedTotal() { return levels.stream().mapToInt(LevelScore::missed).sum(); }

        public boolean deadAllFlagged() { return dead.stream().allMatch(DeadGauge::withinThreeIntervals); }

        public String toMarkdown() {
            StringBuilder b = new StringBuilder();
            b.append("| level | true crossings (required) | alerted | missed | alert delay p50 / max | marginal (either ok) | not observable (dead/stuck gauge) |\n");
            b.append("|---|---|---|---|---|---|---|\n");
            for (LevelScore l : levels) {
                b.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.0f s / %.0f s | %d | %d |%n", l.level(), l.required(), l.alerted(),
                        l.missed(), l.delayP50Ms() / 1000.0, l.delayMaxMs() / 1000.0, l.marginal(), l.unobservable()));
            }
            b.append(String.format(Locale.ROOT, "%nFlapping (level lowered then raised again within the hysteresis dwell): **%d**%n", flapping));
            b.append(String.format(Locale.ROOT, "%nEarly warning before the true yellow crossing: %d of %d crossings warned; "
                    + "lead time p10 / **median** / p90 = %.1f / **%.1f** / %.1f min%n", yellowWarned, yellowRequired,
                    leadP10Ms / 60_000.0, leadP50Ms / 60_000.0, leadP90Ms / 60_000.0));
            b.append(String.format(Locale.ROOT, "Early warnings issued: %d, of which %d were not followed by the predicted level within "
                    + "horizon + 10 min; for those the true peak stayed a median %d mm short of the predicted threshold, and %d of them "
                    + "peaked within 20 %% of it (near misses of a linear forecast on a slowing rise)%n",
                    earlyWarnings, unfulfilledWarnings, unfulfilledShortfallP50Mm, unfulfilledWithin20Percent));
            b.append("\n| dead gauge | interval | last reading -> offline alert | death -> offline alert | within 3 intervals |\n|---|---|---|---|---|\n");
            for (DeadGauge d : dead) {
                b.append(String.format(Locale.ROOT, "| %s | %d s | %s | %s | %s |%n", d.gaugeId(), d.intervalS(),
                        d.flaggedAtMs() == null ? "-" : (d.flaggedAtMs() - d.lastReadingMs()) / 1000 + " s",
                        d.flaggedAtMs() == null ? "-" : (d.flaggedAtMs() - d.diedAtMs()) / 1000 + " s",
                        d.withinThreeIntervals() ? "yes" : "NO"));
            }
            b.append(String.format(Locale.ROOT, "%nFalse raises/escalations (level the truth did not reach): **%d**%n", falseRaises));
            b.append("\n| health alert | faulty gauges flagged | false alerts on healthy gauges |\n|---|---|---|\n");
            healthFlagged.forEach((k, v) -> b.append(String.format(Locale.ROOT, "| %s | %d of %d | %d |%n", k, v[0], v[1], v[2])));
            b.append("\nAlerts by kind: ").append(alertsByKind).append('\n');
            return b.toString();
        }
    }

    private StormScorecard() {}

    public static Result score(StormRun run, List<ObservedAlert> alerts, long dwellMs, long toleranceMs, double sensorToleranceMm) {
        Map<String, StormGauge> gauges = new HashMap<>();
        for (StormGauge g : run.gauges()) gauges.put(g.gaugeId(), g);
        Map<String, List<ObservedAlert>> byGauge = new HashMap<>();
        List<ObservedAlert> sorted = new ArrayList<>(alerts);
        sorted.sort(Comparator.comparingLong(ObservedAlert::raisedAtMs).thenComparing(ObservedAlert::kind));
        Map<String, Integer> byKind = new java.util.TreeMap<>();
        for (ObservedAlert a : sorted) {
            byGauge.computeIfAbsent(a.gaugeId(), k -> new ArrayList<>()).add(a);
            byKind.merge(a.kind(), 1, Integer::sum);
        }
        // Level timelines: [time, level index -1..3] from the level-changing alerts.
        Map<String, List<long[]>> timeline = new HashMap<>();
        for (var e : byGauge.entrySet()) {
            List<long[]> tl = new ArrayList<>();
            for (ObservedAlert a : e.getValue()) {
                if (isLevelChange(a.kind())) tl.add(new long[] {a.raisedAtMs(), levelIndex(a.level())});
            }
            timeline.put(e.getKey(), tl);
        }

        List<LevelScore> levels = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            int required = 0, alerted = 0, marginal = 0, unobservable = 0;
            List<Long> delays = new ArrayList<>();
            List<String> missed = new ArrayList<>();
            for (StormTruth.Crossing c : run.truth().crossings()) {
                if (c.levelIndex() != k) continue;
                if (!c.observable()) { unobservable++; continue; }
                if (c.marginal(sensorToleranceMm)) { marginal++; continue; }
                required++;
                List<long[]> tl = timeline.getOrDefault(c.gaugeId(), List.of());
                long at = c.timeMs() + toleranceMs;
                int lvl = -1;
                long since = Long.MIN_VALUE;
                for (long[] p : tl) {
                    if (p[0] > at) break;
                    if (p[1] >= k && lvl < k) since = p[0];
                    lvl = (int) p[1];
                }
                if (lvl >= k) {
                    alerted++;
                    delays.add(Math.max(0, since - c.timeMs()));
                } else if (missed.size() < 10) {
                    missed.add(c.gaugeId() + "@" + c.timeMs());
                }
            }
            delays.sort(null);
            levels.add(new LevelScore(StormGauge.LEVELS.get(k), required, alerted, required - alerted, marginal, unobservable,
                    pct(delays, 0.5), delays.isEmpty() ? 0 : delays.get(delays.size() - 1), missed));
        }

        int flapping = 0;
        List<String> flapExamples = new ArrayList<>();
        for (var e : timeline.entrySet()) {
            List<long[]> tl = e.getValue();
            long prevLevel = -1;
            long lastLowerAt = Long.MIN_VALUE;
            for (long[] p : tl) {
                if (p[1] < prevLevel) lastLowerAt = p[0];
                else if (p[1] > prevLevel && lastLowerAt != Long.MIN_VALUE && p[0] - lastLowerAt < dwellMs) {
                    flapping++;
                    if (flapExamples.size() < 10) flapExamples.add(e.getKey() + "@" + p[0]);
                }
                prevLevel = p[1];
            }
        }

        // Lead time of the yellow early warning.
        List<Long> leads = new ArrayList<>();
        int yellowRequired = 0;
        for (StormTruth.Crossing c : run.truth().crossings()) {
            if (c.levelIndex() != 1 || !c.observable() || c.marginal(sensorToleranceMm)) continue;
            yellowRequired++;
            Long first = null;
            for (ObservedAlert a : byGauge.getOrDefault(c.gaugeId(), List.of())) {
                if (a.raisedAtMs() > c.timeMs()) break;
                if (a.kind().equals("water_early_warning") && "yellow".equals(a.level()) && a.raisedAtMs() >= c.timeMs() - 3_600_000L) {
                    if (first == null) first = a.raisedAtMs();
                }
                if (isLevelChange(a.kind()) && levelIndex(a.level()) < 1 && first != null && a.kind().equals("water_clear")) first = null;
            }
            if (first != null) leads.add(c.timeMs() - first);
        }
        leads.sort(null);

        // Dead gauges.
        List<DeadGauge> dead = new ArrayList<>();
        run.truth().deaths().forEach((id, d) -> {
            Long flagged = null;
            for (ObservedAlert a : byGauge.getOrDefault(id, List.of())) {
                if (a.kind().equals("gauge_offline") && a.raisedAtMs() > d.lastReadingMs()) { flagged = a.raisedAtMs(); break; }
            }
            boolean ok = flagged != null && flagged - d.lastReadingMs() <= 3L * d.intervalS() * 1000;
            dead.add(new DeadGauge(id, d.intervalS(), d.lastReadingMs(), d.diedAtMs(), flagged, ok));
        });

        // False raises, and early warnings that did not come true.
        int falseRaises = 0;
        List<String> falseExamples = new ArrayList<>();
        int warnings = 0, unfulfilled = 0, near = 0;
        List<Long> shortfalls = new ArrayList<>();
        long horizonPlus = 25 * 60_000L;
        for (ObservedAlert a : sorted) {
            boolean raise = a.kind().equals("water_raise") || a.kind().equals("water_escalate");
            boolean warn = a.kind().equals("water_early_warning");
            if (!raise && !warn) continue;
            int k = levelIndex(a.level());
            StormGauge g = gauges.get(a.gaugeId());
            if (g == null || k < 0) continue;
            double threshold = g.threshold(k) - sensorToleranceMm;
            boolean reached = false;
            for (StormTruth.Crossing c : run.truth().crossings()) {
                if (!c.gaugeId().equals(a.gaugeId()) || c.levelIndex() != k) continue;
                if (raise && c.timeMs() <= a.raisedAtMs() + toleranceMs && c.timeMs() >= a.raisedAtMs() - 3_600_000L) reached = true;
                if (warn && c.timeMs() <= a.raisedAtMs() + horizonPlus && c.timeMs() >= a.raisedAtMs() - toleranceMs) reached = true;
            }
            if (!reached && run.truth().peakMm().getOrDefault(a.gaugeId(), 0.0) >= threshold && raise) {
                reached = true; // within the sensor tolerance of the threshold: marginal, not false
            }
            if (raise && !reached) {
                falseRaises++;
                if (falseExamples.size() < 10) falseExamples.add(a.gaugeId() + ":" + a.level() + "@" + a.raisedAtMs());
            }
            if (warn) {
                warnings++;
                if (!reached) {
                    unfulfilled++;
                    double peak = run.truth().peakMm().getOrDefault(a.gaugeId(), 0.0);
                    int thr = g.threshold(k);
                    shortfalls.add(Math.max(0, Math.round(thr - peak)));
                    // relative to the step from the level below (the rim-relative drain levels sit high above the invert)
                    int below = k == 0 ? 0 : g.threshold(k - 1);
                    if (thr - peak <= 0.2 * (thr - below)) near++;
                }
            }
        }

        Map<String, int[]> health = new LinkedHashMap<>();
        health.put("gauge_offline", healthScore(byGauge, "gauge_offline", run.truth().deaths().keySet()));
        health.put("gauge_stuck", healthScore(byGauge, "gauge_stuck", run.truth().stuck().keySet()));
        health.put("gauge_spike", healthScore(byGauge, "gauge_spike", new java.util.HashSet<>(run.truth().noisy())));
        health.put("gauge_low_battery", healthScore(byGauge, "gauge_low_battery", run.truth().lowBattery().keySet()));

        return new Result(levels, flapping, flapExamples, yellowRequired, leads.size(), pct(leads, 0.1), pct(leads, 0.5),
                pct(leads, 0.9), dead, falseRaises, falseExamples, warnings, unfulfilled, pct(sortedCopy(shortfalls), 0.5), near,
                health, byKind);
    }

    private static int[] healthScore(Map<String, List<ObservedAlert>> byGauge, String kind, java.util.Set<String> faulty) {
        int flagged = 0, falseAlerts = 0;
        for (var e : byGauge.entrySet()) {
            boolean has = e.getValue().stream().anyMatch(a -> a.kind().equals(kind));
            if (!has) continue;
            if (faulty.contains(e.getKey())) flagged++;
            else falseAlerts++;
        }
        return new int[] {flagged, faulty.size(), falseAlerts};
    }

    private static boolean isLevelChange(String kind) {
        return kind.equals("water_raise") || kind.equals("water_escalate") || kind.equals("water_lower") || kind.equals("water_clear");
    }

    private static int levelIndex(String level) {
        if (level == null) return -1;
        return StormGauge.LEVELS.indexOf(level);
    }

    private static List<Long> sortedCopy(List<Long> v) {
        List<Long> c = new ArrayList<>(v);
        c.sort(null);
        return c;
    }

    private static long pct(List<Long> sorted, double q) {
        if (sorted.isEmpty()) return 0;
        int i = (int) Math.min(sorted.size() - 1, Math.max(0, Math.round(q * (sorted.size() - 1))));
        return sorted.get(i);
    }
}
