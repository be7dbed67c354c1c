package io.roadchief.simulator.road;

/**
 * ISO 8608 road roughness classes by displacement PSD at the reference spatial frequency
 * n0 = 0.1 cycles/m, with waviness w = 2: Gd(n) = Gd(n0) (n / n0)^-2. The class bounds are the
 * geometric means times / divided by 2 (ISO 8608:2016, Table 1 values in 10^-6 m^3).
 */
public enum RoughnessClass {
    A(16e-6), B(64e-6), C(256e-6), D(1024e-6), E(4096e-6);

    /** Reference spatial frequency, cycles/m. */
    public static final double N0 = 0.1;
    /** Waviness exponent. */
    public static final double WAVINESS = 2.0;

    private final double gdGeometricMean;

    RoughnessClass(double gd) {
        this.gdGeometricMean = gd;
    }

    /** Geometric mean Gd(n0), m^3. */
    public double gd() { return gdGeometricMean; }

    public double lowerBound() { return this == A ? 0 : gdGeometricMean / 2; }

    public double upperBound() { return gdGeometricMean * 2; }

    public static RoughnessClass of(double gd) {
        for (RoughnessClass c : values()) if (gd < c.upperBound()) return c;
        return E;
    }
}
