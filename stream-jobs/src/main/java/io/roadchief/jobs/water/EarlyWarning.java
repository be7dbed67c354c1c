package io.roadchief.jobs.water;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Decides when to warn of the next level before it is reached: when the predicted time to its
 * threshold is within the horizon, or within {@link WaterThresholds#HEAVY_RAIN_HORIZON_FACTOR} times
 * the horizon while rain is heavy. One warning per level and
 * episode: it is not repeated until the risk level has been lowered below it again.
 */
public final class EarlyWarning {
    /** Why a warning is issued. */
    public enum Reason { FORECAST, HEAVY_RAIN }

    /** A warning that {@code target} is expected within {@code etaS} seconds (null when rain-driven and not rising fast). */
    public record Warning(RiskLevel target, Integer etaS, Reason reason) {}

    private final long horizonMs;
    /** Highest level already warned of in this episode (NORMAL = none). */
    private RiskLevel warned = RiskLevel.NORMAL;

    public EarlyWarning(long horizonMs) {
        this.horizonMs = horizonMs;
    }

    public static EarlyWarning standard() {
        return new EarlyWarning(WaterThresholds.FORECAST_HORIZON.toMillis());
    }

    /**
     * @param level       current (hysteresis) risk level
     * @param smoothedMm  smoothed level
     * @param riseMmMin   rate of rise, NaN when unknown
     * @param heavyRain   whether the gauge's rain gauge shows heavy rain
     */
    public Warning decide(RiskLevel level, double smoothedMm, double riseMmMin, boolean heavyRain, GaugeConfig gauge) {
        RiskLevel target = level.next();
        if (target == null || !target.above(warned) || target.ordinal() < WaterThresholds.EARLY_WARNING_FROM.ordinal()) return null;
        int threshold = gauge.threshold(target);
        Integer eta = RateOfRise.secondsTo(smoothedMm, riseMmMin, threshold);
        int from = gauge.threshold(level);
        if (smoothedMm < from + WaterThresholds.EARLY_WARNING_MIN_SHARE * (threshold - from)) return null;
        Warning w = null;
        if (eta != null && eta * 1000L <= horizonMs) {
            w = new Warning(target, eta, Reason.FORECAST);
        } else if (heavyRain && eta != null && eta * 1000L <= horizonMs * WaterThresholds.HEAVY_RAIN_HORIZON_FACTOR) {
            w = new Warning(target, eta, Reason.HEAVY_RAIN);
        }
        if (w != null) warned = target;
        return w;
    }

    /** The risk level went down: warnings above it may be issued again. */
    public void lowered(RiskLevel newLevel) {
        if (warned.above(newLevel)) warned = newLevel;
    }

    public void write(DataOutput out) throws IOException {
        out.writeByte(warned.ordinal());
    }

    public void read(DataInput in) throws IOException {
        warned = RiskLevel.of(in.readByte());
    }
}
