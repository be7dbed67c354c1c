package io.roadchief.simulator.storm;

/**
 * A Chinese storm-intensity formula (暴雨强度公式) in the form GB 50014 prescribes:
 * <pre>  i = A1 (1 + C lg P) / (t + b)^n      [mm/min]</pre>
 * with P the return period in years and t the rainfall duration in minutes
 * (q = 167 i in L/(s·ha) is the same formula in drainage-design units).
 *
 * <p>{@link #HANGZHOU_TYPE} has the form of Hangzhou's formula; its constants were chosen so that
 * the depths match the order of Hangzhou's published design rainfall (1-year 1-hour about 39 mm,
 * 5-year 1-hour about 61 mm, 2-year 5-minute peak about 2.6 mm/min). They are simulator inputs, not
 * design values: substitute the city's published constants when they matter.
 */
public record StormIntensityFormula(String name, double a1, double c, double b, double n) {

    public static final StormIntensityFormula HANGZHOU_TYPE =
            new StormIntensityFormula("hangzhou-type", 15.7, 0.80, 10.0, 0.75);

    public StormIntensityFormula {
        if (a1 <= 0 || b < 0 || n <= 0 || n >= 1) throw new IllegalArgumentException("bad storm formula constants");
    }

    /** A1 (1 + C lg P): the numerator, mm/min·min^n. */
    public double numerator(double returnPeriodYears) {
        if (returnPeriodYears <= 0) throw new IllegalArgumentException("return period must be > 0");
        return a1 * (1 + c * Math.log10(returnPeriodYears));
    }

    /** Mean intensity over a burst of the given duration, mm/min. */
    public double meanIntensity(double returnPeriodYears, double durationMin) {
        return numerator(returnPeriodYears) / Math.pow(durationMin + b, n);
    }

    /** Total depth of the design burst of the given duration, mm. */
    public double depth(double returnPeriodYears, double durationMin) {
        return meanIntensity(returnPeriodYears, durationMin) * durationMin;
    }
}
