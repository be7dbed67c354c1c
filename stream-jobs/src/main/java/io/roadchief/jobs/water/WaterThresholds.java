package io.roadchief.jobs.water;

import java.time.Duration;

/**
 * Every waterlogging rule and constant, in one place. Per-gauge thresholds live in the {@code gauge}
 * table; the values here are the defaults the catalog importer fills in and the rules the job applies.
 *
 * <h2>Risk thresholds</h2>
 * Road ponding gauges (depth over the carriageway) build on GB 50014-2021 (室外排水设计标准), whose
 * waterlogging-prevention design target allows at most 15 cm of water in one traffic lane:
 * <ul>
 *   <li>blue 50 mm: water is standing, kerbside lane affected;</li>
 *   <li>yellow 150 mm: the GB 50014 limit for one lane is reached;</li>
 *   <li>orange 300 mm: exhaust pipes of cars and the sill of buses are reached, close the lane;</li>
 *   <li>red 500 mm: impassable for cars, close the road.</li>
 * </ul>
 * In-drain gauges measure height above the pipe invert; their thresholds are set relative to the
 * manhole rim (the level at which water leaves the drain onto the road):
 * blue rim - 600 mm (surcharged well above the crown), yellow rim - 300 mm, orange rim - 100 mm
 * (overflow imminent), red at the rim (water is coming out of the manhole).
 *
 * <h2>Hysteresis</h2>
 * A level is raised at once. It is lowered only after the smoothed level has stayed below
 * (threshold - margin) for the dwell time, so a level sitting at a threshold never flaps.
 *
 * <h2>Early warning</h2>
 * An early warning for the next level is issued, flagged as predicted, when the predicted time to
 * its threshold at the current rate of rise is within the forecast horizon, or within twice the
 * horizon while rainfall is heavy (the rise will go on, and may speed up). Early warnings start at
 * yellow: blue (standing water) is itself the first notice, and forecasting it from a wet road's
 * noise would only add alarms. Heavy rain follows the China
 * Meteorological Administration's short-duration heavy precipitation (短时强降水): 1-hour rainfall
 * of 20 mm or more; the job estimates the hourly rate from the last 15 minutes of the gauge's rain gauge.
 *
 * <h2>Gauge health</h2>
 * Spikes (after FloodNet NYC's flood-filters): a reading that departs from the last accepted reading
 * faster than water physically moves (road: 100 mm/min, about twice the fastest real rise FloodNet
 * saw in Ida; drain: 300 mm/min, a surcharging manhole; plus a noise allowance) is held; if the next reading comes back it was a spike and is dropped;
 * it is accepted only once {@link #STEP_CONFIRMATIONS} consecutive readings agree on the new level.
 * Noisy: {@link #NOISY_SPIKES} spikes within {@link #NOISY_WINDOW}. Offline: no reading for
 * {@link #OFFLINE_INTERVALS} of its reporting intervals. Stuck: the exact same non-zero value for
 * at least {@link #STUCK_MIN_READINGS} readings and {@link #STUCK_MIN_DURATION} while its own rain
 * gauge measured at least {@link #STUCK_MIN_RAIN_MM} mm, or while at
 * {@link #STUCK_MIN_NEIGHBOUR_READINGS} of those readings at least {@link #STUCK_MIN_RISING_NEIGHBOURS}
 * neighbours rose (a real water surface in rain is never exactly flat; 0 is excluded because a dry
 * road stays at 0 in light rain, and a point that does not pond stays at 0 while its neighbours flood). Low battery: median of the
 * last 3 readings below {@link #LOW_BATTERY_MV} (lithium thionyl chloride 3.6 V cells, the usual
 * gauge battery, collapse soon after 3.3 V under transmit load); cleared at {@link #BATTERY_OK_MV}.
 */
public final class WaterThresholds {
    private WaterThresholds() {}

    // Road ponding defaults, mm (GB 50014: 15 cm in one lane).
    public static final int PONDING_BLUE_MM = 50;
    public static final int PONDING_YELLOW_MM = 150;
    public static final int PONDING_ORANGE_MM = 300;
    public static final int PONDING_RED_MM = 500;
    // Drain defaults, mm below the manhole rim.
    public static final int DRAIN_BLUE_BELOW_RIM_MM = 600;
    public static final int DRAIN_YELLOW_BELOW_RIM_MM = 300;
    public static final int DRAIN_ORANGE_BELOW_RIM_MM = 100;
    public static final int DRAIN_RED_BELOW_RIM_MM = 0;

    public static final int DEFAULT_INTERVAL_S = 60;
    public static final int DEFAULT_RANGE_MM = 3000;

    /** Lowering needs the level below threshold - margin. Ponding: 2 cm (sensor ±1 cm, ripples). */
    public static final int PONDING_MARGIN_MM = 20;
    /** Drains are turbulent when surcharged: 5 cm. */
    public static final int DRAIN_MARGIN_MM = 50;
    /** How long the level must stay below threshold - margin before it is lowered. */
    public static final Duration DWELL = Duration.ofMinutes(10);

    public static final Duration FORECAST_HORIZON = Duration.ofMinutes(15);
    /** CMA 短时强降水: >= 20 mm in one hour. */
    public static final double HEAVY_RAIN_MM_PER_H = 20.0;
    public static final Duration RAIN_RATE_WINDOW = Duration.ofMinutes(15);
    /** Blue (standing water) is itself the first notice: early warnings are issued from yellow up. */
    public static final RiskLevel EARLY_WARNING_FROM = RiskLevel.YELLOW;
    /**
     * Early warnings only once the level has covered this share of the step to the next threshold:
     * the knob between lead time and forecasts that do not come true. On the 200-gauge evaluation storm
     * (seed 42): 0 -> median yellow lead 4.9 min, 52 % of warnings not followed by the level;
     * 0.3 -> 3.5 min, 43 %; 0.5 -> 2.5 min, 33 %. Lead time matters most to duty officers: 0.
     */
    public static final double EARLY_WARNING_MIN_SHARE = 0.0;
    /** Under heavy rain the forecast horizon is stretched by this factor (the rise will go on). */
    public static final double HEAVY_RAIN_HORIZON_FACTOR = 2.0;

    /** Rate of rise: robust (Theil-Sen) slope over this window of accepted readings. */
    public static final Duration RISE_WINDOW = Duration.ofMinutes(5);
    public static final int RISE_MIN_POINTS = 3;
    /** Forecasts use the lower of the full-window slope and the slope over this recent part. */
    public static final Duration RECENT_RISE_WINDOW = Duration.ofMinutes(2);
    public static final Duration RISE_MIN_SPAN = Duration.ofSeconds(90);
    /** Below this the level is not considered rising (no time-to-threshold). */
    public static final double MIN_RISE_MM_PER_MIN = 0.5;

    /** Spikes: the fastest physical change of surface water, mm/min (FloodNet saw ~45 in Ida). */
    public static final double PONDING_MAX_RATE_MM_PER_MIN = 100.0;
    /** A surcharging manhole fills much faster than a road floods: several decimetres per minute. */
    public static final double DRAIN_MAX_RATE_MM_PER_MIN = 300.0;
    /** Noise allowance per reading on top of the rate limit. */
    public static final int SPIKE_TOLERANCE_MM = 30;
    /** Readings that must agree before a jump faster than physics is believed. */
    public static final int STEP_CONFIRMATIONS = 3;
    /** ...and on a gauge already flagged noisy, whose spikes come in runs. */
    public static final int NOISY_STEP_CONFIRMATIONS = 6;
    public static final int NOISY_SPIKES = 3;
    public static final Duration NOISY_WINDOW = Duration.ofMinutes(30);
    public static final Duration NOISY_CLEAR_AFTER = Duration.ofMinutes(60);

    /** Offline after this many reporting intervals without a reading. */
    public static final int OFFLINE_INTERVALS = 3;

    public static final int STUCK_MIN_READINGS = 10;
    public static final Duration STUCK_MIN_DURATION = Duration.ofMinutes(10);
    public static final double STUCK_MIN_RAIN_MM = 5.0;

    // Neighbours: most gauges have no rain gauge of their own, so a flat line also counts as stuck
    // when the gauges around it rise.
    /** Gauges within this distance are neighbours (a storm cell and a drainage catchment span a few km). */
    public static final double NEIGHBOUR_RADIUS_M = 3_000;
    /** At most this many nearest gauges count as neighbours. */
    public static final int NEIGHBOURS_MAX = 8;
    /** A neighbour rises when its level (median of its last 3 readings) gained this much... */
    public static final int NEIGHBOUR_RISE_MM = 50;
    /** ...within this window, and reported within it. */
    public static final Duration NEIGHBOUR_RISE_WINDOW = Duration.ofMinutes(15);
    /** Rising neighbours needed at a reading for it to count as "while neighbours rise" (one could be a local effect). */
    public static final int STUCK_MIN_RISING_NEIGHBOURS = 2;
    /** Readings of the flat run that must have seen that many rising neighbours. */
    public static final int STUCK_MIN_NEIGHBOUR_READINGS = 3;

    public static final int LOW_BATTERY_MV = 3300;
    public static final int BATTERY_OK_MV = 3400;

    /** [blue, yellow, orange, red] for a road ponding gauge. */
    public static int[] pondingDefaults() {
        return new int[] {PONDING_BLUE_MM, PONDING_YELLOW_MM, PONDING_ORANGE_MM, PONDING_RED_MM};
    }

    /** [blue, yellow, orange, red] for a drain gauge with the rim at rimMm above the invert. */
    public static int[] drainDefaults(int rimMm) {
        return new int[] {rimMm - DRAIN_BLUE_BELOW_RIM_MM, rimMm - DRAIN_YELLOW_BELOW_RIM_MM,
                rimMm - DRAIN_ORANGE_BELOW_RIM_MM, rimMm - DRAIN_RED_BELOW_RIM_MM};
    }

    public static double maxRateMmPerMin(GaugeKind kind) {
        return kind == GaugeKind.DRAIN ? DRAIN_MAX_RATE_MM_PER_MIN : PONDING_MAX_RATE_MM_PER_MIN;
    }

    public static int hysteresisMarginMm(GaugeKind kind) {
        return kind == GaugeKind.DRAIN ? DRAIN_MARGIN_MM : PONDING_MARGIN_MM;
    }
}
