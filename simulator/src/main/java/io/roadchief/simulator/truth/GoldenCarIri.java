package io.roadchief.simulator.truth;

/**
 * The International Roughness Index exactly as ASTM E1926 computes it from a longitudinal profile:
 * the golden quarter car (k1 = 653, k2 = 63.3, mu = 0.15, c = 6.0, all per unit sprung mass) driven at
 * 80 km/h; the profile is first smoothed with a 250 mm moving average (when sampled finer than that);
 * the car starts with both masses following the average slope of the first 11 m; the input is the
 * profile slope, held constant over each sample interval (exact state-transition solution); IRI is
 * the mean absolute suspension stroke rate |Z1 - Z3| over the length, in m/km.
 *
 * <p>This class is the reference the pipeline's IRI estimates are judged against; it has no
 * dependencies beyond the JDK so any test can use it.
 */
public final class GoldenCarIri {
    public static final double K1 = 653.0;
    public static final double K2 = 63.3;
    public static final double MU = 0.15;
    public static final double C = 6.0;
    public static final double SPEED_M_S = 80.0 / 3.6;
    public static final double BASE_LENGTH_M = 0.25;
    public static final double INIT_LENGTH_M = 11.0;

    private final double dx;
    private final double[][] st = new double[4][4];
    private final double[] pr = new double[4];

    /** @param dx profile sample interval, m */
    public GoldenCarIri(double dx) {
        this.dx = dx;
        double[][] a = {
            {0, 1, 0, 0},
            {-K2, -C, K2, C},
            {0, 0, 0, 1},
            {K2 / MU, C / MU, -(K1 + K2) / MU, -C / MU}};
        double[] b = {0, 0, 0, K1 / MU};
        double[][] zoh = StateSpace.zeroOrderHold(a, b, dx / SPEED_M_S);
        for (int i = 0; i < 4; i++) {
            System.arraycopy(zoh[i], 0, st[i], 0, 4);
            pr[i] = zoh[i][4];
        }
    }

    public double dx() { return dx; }

    /** IRI (m/km) of profile samples [from, to) (metres of elevation), smoothed as E1926 requires. */
    public double iri(float[] profile, int from, int to) {
        int n = to - from;
        if (n < 2) return Double.NaN;
        double[] y = smooth(profile, from, to);
        int nInit = Math.min(n - 1, Math.max(1, (int) Math.round(INIT_LENGTH_M / dx)));
        double initSlope = (y[nInit] - y[0]) / (nInit * dx);
        double z1 = initSlope, z2 = 0, z3 = initSlope, z4 = 0;
        double sum = 0;
        for (int i = 1; i < n; i++) {
            double slope = (y[i] - y[i - 1]) / dx;
            double n1 = st[0][0] * z1 + st[0][1] * z2 + st[0][2] * z3 + st[0][3] * z4 + pr[0] * slope;
            double n2 = st[1][0] * z1 + st[1][1] * z2 + st[1][2] * z3 + st[1][3] * z4 + pr[1] * slope;
            double n3 = st[2][0] * z1 + st[2][1] * z2 + st[2][2] * z3 + st[2][3] * z4 + pr[2] * slope;
            double n4 = st[3][0] * z1 + st[3][1] * z2 + st[3][2] * z3 + st[3][3] * z4 + pr[3] * slope;
            z1 = n1; z2 = n2; z3 = n3; z4 = n4;
            sum += Math.abs(z1 - z3);
        }
        // slopes are m/m; the mean rectified slope times 1000 is m/km
        return sum / (n - 1) * 1000.0;
    }

    public double iri(float[] profile) {
        return iri(profile, 0, profile.length);
    }

    /** The 250 mm moving average of E1926 (no smoothing when samples are already that far apart). */
    private double[] smooth(float[] p, int from, int to) {
        int n = to - from;
        double[] y = new double[n];
        int k = (int) Math.round(BASE_LENGTH_M / dx);
        if (k <= 1) {
            for (int i = 0; i < n; i++) y[i] = p[from + i];
            return y;
        }
        // centred window of k samples; at the ends use the samples available within the profile array
        double sum = 0;
        int half = k / 2;
        int lo = from - half, hi = lo + k - 1;
        lo = Math.max(0, lo);
        int hiC = Math.min(p.length - 1, hi);
        for (int j = lo; j <= hiC; j++) sum += p[j];
        int curLo = lo, curHi = hiC;
        for (int i = 0; i < n; i++) {
            int c = from + i;
            int wantLo = Math.max(0, c - half), wantHi = Math.min(p.length - 1, c - half + k - 1);
            while (curHi < wantHi) sum += p[++curHi];
            while (curLo < wantLo) sum -= p[curLo++];
            y[i] = sum / (curHi - curLo + 1);
        }
        return y;
    }
}
