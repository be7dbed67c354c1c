package io.roadchief.simulator.truth;

/**
 * Exact discretisation of a linear system x' = A x + B u with the input held constant over each step
 * (zero-order hold), as ASTM E1926 does for the golden car: x[k+1] = Ad x[k] + Bd u[k] with
 * [[Ad, Bd], [0, 1]] = exp([[A, B], [0, 0]] dt). The exponential uses scaling and squaring.
 */
public final class StateSpace {
    private StateSpace() {}

    /** @return {Ad (n x n) rows..., Bd as the last column}: an n x (n+1) matrix */
    public static double[][] zeroOrderHold(double[][] a, double[] b, double dt) {
        int n = a.length;
        int m = n + 1;
        double[][] aug = new double[m][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) aug[i][j] = a[i][j] * dt;
            aug[i][n] = b[i] * dt;
        }
        double[][] e = expm(aug);
        double[][] out = new double[n][m];
        for (int i = 0; i < n; i++) System.arraycopy(e[i], 0, out[i], 0, m);
        return out;
    }

    static double[][] expm(double[][] x) {
        int m = x.length;
        double norm = 0;
        for (double[] row : x) {
            double s = 0;
            for (double v : row) s += Math.abs(v);
            norm = Math.max(norm, s);
        }
        int squarings = Math.max(0, (int) Math.ceil(Math.log(norm / 0.25) / Math.log(2)));
        double scale = Math.pow(2, -squarings);
        double[][] a = new double[m][m];
        for (int i = 0; i < m; i++) for (int j = 0; j < m; j++) a[i][j] = x[i][j] * scale;
        double[][] result = identity(m);
        double[][] term = identity(m);
        for (int k = 1; k <= 16; k++) {
            term = multiply(term, a);
            for (int i = 0; i < m; i++) for (int j = 0; j < m; j++) term[i][j] /= k;
            for (int i = 0; i < m; i++) for (int j = 0; j < m; j++) result[i][j] += term[i][j];
        }
        for (int s = 0; s < squarings; s++) result = multiply(result, result);
        return result;
    }

    private static double[][] identity(int m) {
        double[][] r = new double[m][m];
        for (int i = 0; i < m; i++) r[i][i] = 1;
        return r;
    }

    private static double[][] multiply(double[][] p, double[][] q) {
        int m = p.length;
        double[][] r = new double[m][m];
        for (int i = 0; i < m; i++)
            for (int k = 0; k < m; k++) {
                double v = p[i][k];
                if (v == 0) continue;
                for (int j = 0; j < m; j++) r[i][j] += v * q[k][j];
            }
        return r;
    }
}
