package io.roadchief.simulator.storm;

/**
 * Runoff and drainage at one gauged point, stepped in time.
 *
 * <ul>
 *   <li>Inflow: rational method, Q = φ · i · A (runoff coefficient, rain intensity, catchment
 *       area), routed through a linear reservoir with the catchment's lag k (time of concentration),
 *       so that points respond at different speeds.</li>
 *   <li>Outflow: the drain's capacity Q_d, itself sized by the rational method for a design return
 *       period (GB 50014: 2-5 years for ordinary roads; old districts are worse) and scaled by a
 *       blockage/condition factor.</li>
 *   <li>Whatever exceeds the capacity is stored. Road ponding points store it on the carriageway, a
 *       depression whose wetted area grows with depth, A(h) = A0 + s·h, so V(h) = A0 h + s h²/2.
 *       Drain points first surcharge the pipe (level rises from the crown to the manhole rim while
 *       a small network volume Vs fills) and then pond on the surface above the rim.</li>
 *   <li>In-drain level while the pipe is not full: crown · (Q/Q_d)^0.6 (part-full pipe flow).</li>
 * </ul>
 * Levels are in millimetres above the gauge datum: water depth on the road for ponding gauges,
 * height above the pipe invert for drain gauges.
 */
public final class DrainagePoint {
    public enum Kind { ROAD_PONDING, DRAIN }

    private static final double DRY_WEATHER_SHARE = 0.05;
    private final Kind kind;
    private final double areaM2;
    private final double runoffCoefficient;
    private final double lagS;
    private final double capacityM3s;
    private final double pondBaseAreaM2;
    private final double pondAreaSlopeM2PerM;
    private final int crownMm;
    private final int rimMm;
    private final double surchargeVolumeM3;

    private double routedInflowM3s;
    private double storedM3;

    public DrainagePoint(Kind kind, double areaM2, double runoffCoefficient, double lagS, double capacityM3s,
                         double pondBaseAreaM2, double pondAreaSlopeM2PerM, int crownMm, int rimMm, double surchargeVolumeM3) {
        this.kind = kind;
        this.areaM2 = areaM2;
        this.runoffCoefficient = runoffCoefficient;
        this.lagS = lagS;
        this.capacityM3s = capacityM3s;
        this.pondBaseAreaM2 = pondBaseAreaM2;
        this.pondAreaSlopeM2PerM = pondAreaSlopeM2PerM;
        this.crownMm = crownMm;
        this.rimMm = rimMm;
        this.surchargeVolumeM3 = surchargeVolumeM3;
    }

    /** Drain capacity, m³/s, of a drain sized by the rational method for the design storm. */
    public static double designCapacity(StormIntensityFormula f, double designReturnPeriodYears, double concentrationMin,
                                        double runoffCoefficient, double areaM2) {
        double iMs = f.meanIntensity(designReturnPeriodYears, concentrationMin) / 1000.0 / 60.0;
        return runoffCoefficient * iMs * areaM2;
    }

    /** Advances the point by dtS seconds under a rain intensity in mm/min. */
    public void step(double dtS, double rainMmPerMin) {
        double rawInflow = runoffCoefficient * rainMmPerMin / 1000.0 / 60.0 * areaM2;
        // Linear reservoir, exact for a constant input over the step.
        double alpha = 1 - Math.exp(-dtS / lagS);
        routedInflowM3s += (rawInflow - routedInflowM3s) * alpha;
        storedM3 = Math.max(0, storedM3 + (routedInflowM3s - capacityM3s) * dtS);
    }

    /** The true level now, mm above the gauge datum. */
    public double levelMm() {
        if (kind == Kind.ROAD_PONDING) return pondDepthM(storedM3) * 1000;
        if (storedM3 <= 0) {
            // Dry-weather flow keeps a few per cent of the pipe running, so the level never starts at 0.
            double u = Math.min(1, DRY_WEATHER_SHARE + routedInflowM3s / capacityM3s);
            return crownMm * Math.pow(Math.max(0, u), 0.6);
        }
        if (storedM3 <= surchargeVolumeM3) return crownMm + (rimMm - crownMm) * storedM3 / surchargeVolumeM3;
        return rimMm + pondDepthM(storedM3 - surchargeVolumeM3) * 1000;
    }

    private double pondDepthM(double volumeM3) {
        if (volumeM3 <= 0) return 0;
        double a0 = pondBaseAreaM2;
        double s = pondAreaSlopeM2PerM;
        return (-a0 + Math.sqrt(a0 * a0 + 2 * s * volumeM3)) / s;
    }

    public Kind kind() { return kind; }

    public double capacityM3s() { return capacityM3s; }
}
