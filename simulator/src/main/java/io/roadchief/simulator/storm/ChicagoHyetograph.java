package io.roadchief.simulator.storm;

/**
 * The Chicago design-storm hyetograph (Keifer and Chu, 1957) built from a storm-intensity formula:
 * every burst of duration t centred on the peak has the formula's mean intensity for t. With
 * a = A1 (1 + C lg P) and the peak at r·T (r = peak position ratio), the instantaneous intensity
 * at time t_b before the peak and t_a after it is
 * <pre>
 *   i(t_b) = a [ (1-n) t_b / r     + b ] / ( t_b / r     + b )^(1+n)
 *   i(t_a) = a [ (1-n) t_a / (1-r) + b ] / ( t_a / (1-r) + b )^(1+n)
 * </pre>
 * Intensities in mm/min, times in minutes from the storm start.
 */
public final class ChicagoHyetograph {
    private final StormIntensityFormula formula;
    private final double returnPeriodYears;
    private final double durationMin;
    private final double peakRatio;
    private final double a;

    public ChicagoHyetograph(StormIntensityFormula formula, double returnPeriodYears, double durationMin, double peakRatio) {
        if (durationMin <= 0) throw new IllegalArgumentException("duration must be > 0");
        if (peakRatio <= 0 || peakRatio >= 1) throw new IllegalArgumentException("peak ratio must be in (0, 1)");
        this.formula = formula;
        this.returnPeriodYears = returnPeriodYears;
        this.durationMin = durationMin;
        this.peakRatio = peakRatio;
        this.a = formula.numerator(returnPeriodYears);
    }

    public double durationMin() { return durationMin; }

    public double returnPeriodYears() { return returnPeriodYears; }

    public StormIntensityFormula formula() { return formula; }

    /** Instantaneous intensity at minute t of the storm, mm/min; 0 outside the storm. */
    public double intensityAt(double tMin) {
        if (tMin < 0 || tMin > durationMin) return 0;
        double peak = peakRatio * durationMin;
        double b = formula.b();
        double n = formula.n();
        double x = tMin < peak ? (peak - tMin) / peakRatio : (tMin - peak) / (1 - peakRatio);
        return a * ((1 - n) * x + b) / Math.pow(x + b, 1 + n);
    }

    /** Rainfall between two minutes of the storm, mm (Simpson's rule; the curve is smooth). */
    public double depthBetween(double fromMin, double toMin) {
        if (toMin <= fromMin) return 0;
        int steps = Math.max(2, (int) Math.ceil((toMin - fromMin) * 4));
        if (steps % 2 == 1) steps++;
        double h = (toMin - fromMin) / steps;
        double sum = intensityAt(fromMin) + intensityAt(toMin);
        for (int k = 1; k < steps; k++) sum += intensityAt(fromMin + k * h) * (k % 2 == 1 ? 4 : 2);
        return sum * h / 3;
    }
}
