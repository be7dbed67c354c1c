package io.roadchief.simulator.storm;

import io.roadchief.schema.Topics;
import io.roadchief.schema.v1.Envelope;
import io.roadchief.schema.v1.GaugeReading;
import io.roadchief.simulator.Seeds;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A storm night over a city's water gauges: a Chicago design storm moving across the city, a
 * runoff and drain-capacity model per gauged point (so different points flood at different times
 * and depths), sensors with faults, and the ground truth to score alerts against.
 *
 * <p>Deterministic by seed. Gauges report every {@link #DRY_INTERVAL_S} s and every
 * {@link #WET_INTERVAL_S} s while wet (as commercial ponding gauges do, to save battery).
 * Faults: Gaussian noise on every reading, rare single spikes on every gauge, noisy gauges that
 * spike often, drain gauges that freeze (stuck) during the rain (every other one without a rain gauge
 * of its own), gauges whose battery sags below
 * {@link #LOW_BATTERY_MV}, and gauges that die mid-storm.
 *
 * @param seed               scenario seed
 * @param gaugeCount         number of gauges
 * @param returnPeriodYears  return period of the design storm
 * @param durationMin        storm duration, minutes
 * @param peakRatio          Chicago peak position, 0..1 (0.4 is typical for eastern China)
 * @param startMs            scenario start, epoch ms (the storm starts {@link #LEAD_MIN} minutes later)
 * @param tailMin            minutes simulated after the storm (recession, lowering and clearing)
 * @param drainShare         share of in-drain gauges, the rest are road ponding gauges
 * @param deadGauges         gauges that die mid-storm
 * @param stuckGauges        drain gauges that freeze during the rain
 * @param noisyGauges        gauges that spike often
 * @param lowBatteryGauges   gauges whose battery sags below the low level
 */
public record StormScenario(long seed, int gaugeCount, double returnPeriodYears, double durationMin, double peakRatio,
                            long startMs, double tailMin, double drainShare,
                            int deadGauges, int stuckGauges, int noisyGauges, int lowBatteryGauges) {

    public static final int DRY_INTERVAL_S = 60;
    public static final int WET_INTERVAL_S = 15;
    public static final double LEAD_MIN = 10;
    /** The storm front crosses the city west to east in this many minutes. */
    public static final double FRONT_CROSSING_MIN = 20;
    public static final double STEP_S = 5;
    public static final double NOISE_SIGMA_MM = 2.0;
    public static final double SINGLE_SPIKE_PROBABILITY = 0.001;
    public static final double NOISY_SPIKE_PROBABILITY = 0.08;
    public static final int LOW_BATTERY_MV = 3300;
    /** Design return period of the drains, years, drawn per point (GB 50014: 2-5 a for ordinary roads). */
    private static final double[] DESIGN_RETURN_PERIODS = {1, 2, 3, 5};
    private static final String[][] ROADS = {
        {"文三路", "Wensan Rd"}, {"天目山路", "Tianmushan Rd"}, {"莫干山路", "Moganshan Rd"}, {"体育场路", "Tiyuchang Rd"},
        {"延安路", "Yan'an Rd"}, {"凤起路", "Fengqi Rd"}, {"庆春路", "Qingchun Rd"}, {"解放路", "Jiefang Rd"},
        {"西湖大道", "Xihu Ave"}, {"中河路", "Zhonghe Rd"}, {"环城北路", "Huancheng N Rd"}, {"秋涛路", "Qiutao Rd"},
        {"文一路", "Wenyi Rd"}, {"教工路", "Jiaogong Rd"}, {"古墩路", "Gudun Rd"}, {"紫金港路", "Zijingang Rd"},
        {"留和路", "Liuhe Rd"}, {"余杭塘路", "Yuhangtang Rd"}, {"石祥路", "Shixiang Rd"}, {"德胜路", "Desheng Rd"}};
    private static final String[] DISTRICTS = {"330102", "330105", "330106", "330108"};

    public StormScenario {
        if (gaugeCount < 1) throw new IllegalArgumentException("gaugeCount must be >= 1");
        if (deadGauges + stuckGauges + noisyGauges + lowBatteryGauges > gaugeCount)
            throw new IllegalArgumentException("more faulty gauges than gauges");
    }

    /** A 50-year, 120-minute storm (a cloudburst of the kind that floods Hangzhou every few summers) with about one faulty gauge of each kind per 100 gauges. */
    public static StormScenario standard(long seed, int gaugeCount) {
        int faults = Math.max(1, gaugeCount / 100);
        return new StormScenario(seed, gaugeCount, 50, 120, 0.4, 1_782_000_000_000L, 120, 0.3,
                faults, faults, faults, faults);
    }

    /** The same scenario with another gauge count (faults rescaled). */
    public StormScenario withGauges(int n) {
        int faults = Math.max(1, n / 100);
        return new StormScenario(seed, n, returnPeriodYears, durationMin, peakRatio, startMs, tailMin, drainShare,
                faults, faults, faults, faults);
    }

    /** Runs the scenario. */
    public StormRun run() {
        ChicagoHyetograph storm = new ChicagoHyetograph(StormIntensityFormula.HANGZHOU_TYPE, returnPeriodYears, durationMin, peakRatio);
        SplittableRandom pick = Seeds.random(seed, "storm-faults", 0);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < gaugeCount; i++) order.add(i);
        // Deterministic shuffle.
        for (int i = order.size() - 1; i > 0; i--) {
            int j = pick.nextInt(i + 1);
            Integer t = order.get(i);
            order.set(i, order.get(j));
            order.set(j, t);
        }
        List<SimGauge> gauges = new ArrayList<>();
        for (int i = 0; i < gaugeCount; i++) gauges.add(new SimGauge(i, Seeds.random(seed, "storm-gauge", i)));
        // Faults: stuck ones must be drain gauges (a drain level is never exactly flat in rain). Every
        // other one has no rain gauge of its own, so only its rising neighbours can give it away.
        Set<Integer> taken = new HashSet<>();
        int stuckLeft = stuckGauges;
        for (int i : order) {
            if (stuckLeft == 0) break;
            SimGauge g = gauges.get(i);
            if (g.drain) {
                g.stuck = true;
                g.hasRainGauge = (stuckGauges - stuckLeft) % 2 == 1;
                taken.add(i);
                stuckLeft--;
            }
        }
        int dead = deadGauges, noisy = noisyGauges, battery = lowBatteryGauges;
        for (int i : order) {
            if (taken.contains(i)) continue;
            SimGauge g = gauges.get(i);
            if (dead > 0) { g.dies = true; dead--; }
            else if (noisy > 0) { g.noisy = true; noisy--; }
            else if (battery > 0) { g.lowBattery = true; battery--; }
            else break;
            taken.add(i);
        }

        long stormStartMs = startMs + (long) (LEAD_MIN * 60_000);
        long endMs = stormStartMs + (long) ((FRONT_CROSSING_MIN + durationMin + tailMin) * 60_000);
        List<Envelope> envelopes = new ArrayList<>();
        List<StormTruth.Crossing> crossings = new ArrayList<>();
        Map<String, Double> peaks = new LinkedHashMap<>();
        Map<String, StormTruth.Death> deaths = new LinkedHashMap<>();
        Map<String, long[]> stuck = new LinkedHashMap<>();
        List<String> noisyIds = new ArrayList<>();
        Map<String, Long> lowBattery = new LinkedHashMap<>();
        long stepMs = (long) (STEP_S * 1000);
        for (SimGauge g : gauges) {
            g.simulate(storm, stormStartMs, endMs, stepMs, envelopes, crossings);
            peaks.put(g.row.gaugeId(), g.peak);
            if (g.dies) deaths.put(g.row.gaugeId(), new StormTruth.Death(g.lastSentMs, g.lastIntervalS, g.diedAtMs));
            if (g.stuck) stuck.put(g.row.gaugeId(), new long[] {g.stuckFromMs, g.stuckToMs});
            if (g.noisy) noisyIds.add(g.row.gaugeId());
            if (g.lowBatteryAtMs > 0) lowBattery.put(g.row.gaugeId(), g.lowBatteryAtMs);
        }
        // Event-time order across gauges; ties by gauge id then sequence, so the order is total.
        envelopes.sort(Comparator.comparingLong(Envelope::getDeviceTimeMs)
                .thenComparing(Envelope::getDeviceId).thenComparingLong(Envelope::getSequence));
        crossings.sort(Comparator.comparingLong(StormTruth.Crossing::timeMs).thenComparing(StormTruth.Crossing::gaugeId));
        List<StormGauge> rows = gauges.stream().map(g -> g.row).toList();
        return new StormRun(this, rows, envelopes,
                new StormTruth(crossings, peaks, deaths, stuck, noisyIds, lowBattery, LOW_BATTERY_MV));
    }

    /** The MQTT topic an envelope of this run is published on. */
    public static String topicOf(Envelope e) {
        return Topics.gaugeLevel(e.getDeviceId());
    }

    /** One simulated gauge: the point's hydraulics, the device's reporting and its faults. */
    private final class SimGauge {
        final SplittableRandom rnd;
        final boolean drain;
        final StormGauge row;
        final DrainagePoint point;
        final double rainFactor;
        final double onsetShiftMin;
        final double batteryBaseMv;
        boolean dies, stuck, noisy, lowBattery;
        boolean hasRainGauge = true;
        long diedAtMs, stuckFromMs, stuckToMs, lastSentMs, lowBatteryAtMs;
        int lastIntervalS;
        double peak;

        SimGauge(int index, SplittableRandom rnd) {
            this.rnd = rnd;
            this.drain = rnd.nextDouble() < drainShare;
            String id = String.format("WG-%04d", index + 1);
            String[] road = ROADS[index % ROADS.length];
            int no = index / ROADS.length + 1;
            double lat = Seeds.uniform(rnd, 30.22, 30.34);
            double lon = Seeds.uniform(rnd, 120.08, 120.24);
            String district = DISTRICTS[(int) ((lon - 120.08) / 0.16 * DISTRICTS.length) % DISTRICTS.length];
            double area = Seeds.uniform(rnd, 3_000, 20_000);
            double phi = Seeds.uniform(rnd, 0.6, 0.9);
            double lag = Seeds.uniform(rnd, 4, 15) * 60;
            double designP = DESIGN_RETURN_PERIODS[rnd.nextInt(DESIGN_RETURN_PERIODS.length)];
            double condition = Seeds.uniform(rnd, 0.5, 1.3);
            double capacity = DrainagePoint.designCapacity(StormIntensityFormula.HANGZHOU_TYPE, designP, 15, phi, area) * condition;
            double pondBase = Seeds.uniform(rnd, 200, 800);
            double pondSlope = Seeds.uniform(rnd, 1_500, 6_000);
            this.rainFactor = Seeds.uniform(rnd, 0.85, 1.15);
            this.onsetShiftMin = (lon - 120.08) / 0.16 * FRONT_CROSSING_MIN;
            this.batteryBaseMv = Seeds.uniform(rnd, 3_520, 3_650);
            if (drain) {
                int crown = 100 * (int) Math.round(Seeds.uniform(rnd, 6, 12));
                int rim = 100 * (int) Math.round(Seeds.uniform(rnd, 17, 25));
                double surcharge = Seeds.uniform(rnd, 250, 600);
                point = new DrainagePoint(DrainagePoint.Kind.DRAIN, area, phi, lag, capacity, pondBase, pondSlope, crown, rim, surcharge);
                // Drain thresholds relative to the manhole rim (see WaterThresholds in stream-jobs).
                row = new StormGauge(id, road[0] + "雨水井" + String.format("%02d", no), road[1] + " drain " + String.format("%02d", no),
                        StormGauge.DRAIN, lat, lon, null, district, DRY_INTERVAL_S, 3000, rim, crown,
                        rim - 600, rim - 300, rim - 100, rim);
            } else {
                point = new DrainagePoint(DrainagePoint.Kind.ROAD_PONDING, area, phi, lag, capacity, pondBase, pondSlope, 0, 0, 0);
                // GB 50014 ponding defaults: 5 / 15 / 30 / 50 cm.
                row = new StormGauge(id, road[0] + "积水点" + String.format("%02d", no), road[1] + " ponding point " + String.format("%02d", no),
                        StormGauge.ROAD_PONDING, lat, lon, null, district, DRY_INTERVAL_S, 3000, null, null,
                        50, 150, 300, 500);
            }
        }

        void simulate(ChicagoHyetograph storm, long stormStartMs, long endMs, long stepMs,
                      List<Envelope> out, List<StormTruth.Crossing> crossings) {
            long localStart = stormStartMs + (long) (onsetShiftMin * 60_000);
            long localEnd = localStart + (long) (storm.durationMin() * 60_000);
            if (stuck) {
                stuckFromMs = localStart + (long) (0.3 * storm.durationMin() * 60_000);
                stuckToMs = localStart + (long) (0.7 * storm.durationMin() * 60_000);
            }
            if (dies) diedAtMs = localStart + (long) (0.5 * storm.durationMin() * 60_000) + rnd.nextLong(60_000);
            long t = startMs;
            long nextReport = startMs + rnd.nextLong(DRY_INTERVAL_S * 1000L);
            long seq = 1;
            double rainSinceReport01 = 0;
            int frozenMm = -1;
            double prevLevel = 0;
            StormTruth.Crossing[] open = new StormTruth.Crossing[4];
            double[] openPeak = new double[4];
            boolean[] above = new boolean[4];
            while (t <= endMs) {
                double tMin = (t - localStart) / 60_000.0;
                double rain = storm.intensityAt(tMin) * rainFactor;
                point.step(STEP_S, rain);
                rainSinceReport01 += rain * STEP_S / 60.0 * 10;
                double level = point.levelMm();
                peak = Math.max(peak, level);
                boolean alive = !dies || t < diedAtMs;
                boolean frozen = stuck && t >= stuckFromMs && t < stuckToMs;
                for (int k = 0; k < 4; k++) {
                    int thr = row.threshold(k);
                    if (!above[k] && level >= thr) {
                        double frac = level == prevLevel ? 1 : (thr - prevLevel) / (level - prevLevel);
                        long at = t - stepMs + Math.round(Math.max(0, Math.min(1, frac)) * stepMs);
                        open[k] = new StormTruth.Crossing(row.gaugeId(), StormGauge.LEVELS.get(k), k, thr, at, level, alive && !frozen);
                        openPeak[k] = level;
                        above[k] = true;
                    } else if (above[k]) {
                        openPeak[k] = Math.max(openPeak[k], level);
                        if (level < thr) {
                            crossings.add(withPeak(open[k], openPeak[k]));
                            above[k] = false;
                        }
                    }
                }
                prevLevel = level;
                if (t >= nextReport && alive) {
                    int measured = (int) Math.round(level + NOISE_SIGMA_MM * Seeds.gaussian(rnd));
                    if (rnd.nextDouble() < (noisy ? NOISY_SPIKE_PROBABILITY : SINGLE_SPIKE_PROBABILITY)) {
                        double jump = Seeds.uniform(rnd, 200, 1200);
                        measured += (int) (rnd.nextBoolean() || measured < jump ? jump : -jump);
                    }
                    if (frozen) {
                        if (frozenMm < 0) frozenMm = Math.max(0, (int) Math.round(level));
                        measured = frozenMm;
                    }
                    measured = Math.max(0, Math.min(row.rangeMm(), measured));
                    boolean wet = drain ? level >= row.crownMm() : level >= row.blueMm() / 2.0;
                    int interval = wet ? WET_INTERVAL_S : DRY_INTERVAL_S;
                    int battery = (int) Math.round(batteryMv(t, localStart, localEnd) + 5 * Seeds.gaussian(rnd));
                    if (battery < LOW_BATTERY_MV && lowBatteryAtMs == 0 && lowBattery) lowBatteryAtMs = t;
                    long rain01 = (long) Math.floor(rainSinceReport01);
                    rainSinceReport01 -= rain01;
                    GaugeReading.Builder reading = GaugeReading.newBuilder()
                            .setLevelMm(measured)
                            .setBatteryMv(battery)
                            .setIntervalS(interval);
                    if (hasRainGauge) reading.setRainfall0P1Mm((int) rain01);
                    out.add(Envelope.newBuilder().setDeviceId(row.gaugeId()).setSequence(seq++).setDeviceTimeMs(t)
                            .setGauge(reading).build());
                    lastSentMs = t;
                    lastIntervalS = interval;
                    nextReport = t + interval * 1000L;
                }
                t += stepMs;
            }
            for (int k = 0; k < 4; k++) if (above[k]) crossings.add(withPeak(open[k], openPeak[k]));
        }

        private double batteryMv(long t, long localStart, long localEnd) {
            if (!lowBattery) return batteryBaseMv;
            // A worn cell sags under the faster wet reporting: 3450 mV down to 3150 mV over the storm.
            double f = Math.max(0, Math.min(1, (t - localStart) / (double) (localEnd - localStart)));
            return 3450 - 300 * f;
        }
    }

    private static StormTruth.Crossing withPeak(StormTruth.Crossing c, double peak) {
        return new StormTruth.Crossing(c.gaugeId(), c.level(), c.levelIndex(), c.thresholdMm(), c.timeMs(), peak, c.observable());
    }

    /** Re-keys envelopes by gauge, in order; handy for per-gauge checks. */
    public static Map<String, List<Envelope>> byGauge(List<Envelope> envelopes) {
        Map<String, List<Envelope>> m = new HashMap<>();
        for (Envelope e : envelopes) m.computeIfAbsent(e.getDeviceId(), k -> new ArrayList<>()).add(e);
        return m;
    }
}
