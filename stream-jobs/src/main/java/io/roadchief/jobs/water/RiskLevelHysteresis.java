package io.roadchief.jobs.water;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The risk level of one gauge, with hysteresis: raised at once when the smoothed level reaches a
 * higher threshold; lowered only after the level has stayed below (threshold - margin) for the whole
 * dwell time, and then straight to the level it supports with the margin. So a level sitting on a
 * threshold, or noise around it, never makes the level flap.
 */
public final class RiskLevelHysteresis {
    /** A change of level. */
    public record Change(RiskLevel from, RiskLevel to) {
        public boolean raised() { return to.above(from); }
    }

    private final long dwellMs;
    private RiskLevel level = RiskLevel.NORMAL;
    private long belowSinceMs = Long.MIN_VALUE;

    public RiskLevelHysteresis(long dwellMs) {
        this.dwellMs = dwellMs;
    }

    public static RiskLevelHysteresis standard() {
        return new RiskLevelHysteresis(WaterThresholds.DWELL.toMillis());
    }

    public RiskLevel level() { return level; }

    /** Applies one smoothed reading; returns the change, or null when the level stays. */
    public Change update(long timeMs, double smoothedMm, GaugeConfig gauge) {
        RiskLevel observed = gauge.levelOf(smoothedMm);
        if (observed.above(level)) {
            Change c = new Change(level, observed);
            level = observed;
            belowSinceMs = Long.MIN_VALUE;
            return c;
        }
        RiskLevel supported = gauge.levelOf(smoothedMm + gauge.marginMm());
        if (!level.above(supported)) {
            belowSinceMs = Long.MIN_VALUE;
            return null;
        }
        if (belowSinceMs == Long.MIN_VALUE) {
            belowSinceMs = timeMs;
            return null;
        }
        if (timeMs - belowSinceMs < dwellMs) return null;
        Change c = new Change(level, supported);
        level = supported;
        // A further step down needs a dwell of its own.
        belowSinceMs = Long.MIN_VALUE;
        return c;
    }

    public void write(DataOutput out) throws IOException {
        out.writeByte(level.ordinal());
        out.writeLong(belowSinceMs);
    }

    public void read(DataInput in) throws IOException {
        level = RiskLevel.of(in.readByte());
        belowSinceMs = in.readLong();
    }
}
