package io.roadchief.jobs.water;

import java.io.Serializable;

/**
 * One row of the {@code gauge} table: where a gauge is, what it measures and its thresholds (mm on the
 * gauge's own datum: depth over the road, or height above the drain invert).
 */
public record GaugeConfig(String gaugeId, String nameZh, String nameEn, GaugeKind kind, double lat, double lon,
                          String segmentId, String districtCode, int intervalS, int rangeMm,
                          Integer rimMm, Integer crownMm, int blueMm, int yellowMm, int orangeMm, int redMm)
        implements Serializable {

    public GaugeConfig {
        if (!(blueMm < yellowMm && yellowMm < orangeMm && orangeMm < redMm))
            throw new IllegalArgumentException(gaugeId + ": thresholds must rise blue < yellow < orange < red");
        if (intervalS <= 0) throw new IllegalArgumentException(gaugeId + ": interval_s must be > 0");
    }

    /** Threshold of a level; NORMAL has none (0). */
    public int threshold(RiskLevel level) {
        return switch (level) {
            case NORMAL -> Integer.MIN_VALUE;
            case BLUE -> blueMm;
            case YELLOW -> yellowMm;
            case ORANGE -> orangeMm;
            case RED -> redMm;
        };
    }

    /** The highest level whose threshold the value reaches. */
    public RiskLevel levelOf(double mm) {
        if (mm >= redMm) return RiskLevel.RED;
        if (mm >= orangeMm) return RiskLevel.ORANGE;
        if (mm >= yellowMm) return RiskLevel.YELLOW;
        if (mm >= blueMm) return RiskLevel.BLUE;
        return RiskLevel.NORMAL;
    }

    /** Hysteresis margin for this gauge's kind. */
    public int marginMm() {
        return WaterThresholds.hysteresisMarginMm(kind);
    }

    /** A gauge that reports but is not in the catalog: road ponding defaults, named by its id. */
    public static GaugeConfig unknown(String gaugeId, int intervalS) {
        int[] t = WaterThresholds.pondingDefaults();
        return new GaugeConfig(gaugeId, "未登记水位计 " + gaugeId, "unregistered gauge " + gaugeId, GaugeKind.ROAD_PONDING,
                0, 0, null, null, intervalS > 0 ? intervalS : WaterThresholds.DEFAULT_INTERVAL_S,
                WaterThresholds.DEFAULT_RANGE_MM, null, null, t[0], t[1], t[2], t[3]);
    }
}
