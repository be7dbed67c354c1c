package io.roadchief.simulator.vehicle;

import io.roadchief.simulator.truth.StateSpace;

/**
 * The 4-state quarter car (body height and velocity, wheel height and velocity) driven by the road
 * elevation under the tyre, advanced with its exact zero-order-hold transition matrix: stable and
 * exact at any step, and one 4x5 multiply per step with no allocation.
 */
public final class QuarterCar {
    private final QuarterCarParameters p;
    private final double[] m = new double[20]; // 4 x 5, row-major: [Ad | Bd]
    private double zs, vs, zu, vu;

    public QuarterCar(QuarterCarParameters p, double dt) {
        this.p = p;
        double ms = p.sprungKg(), mu = p.unsprungKg(), ks = p.suspensionNPerM(), cs = p.dampingNsPerM(), kt = p.tyreNPerM();
        double[][] a = {
            {0, 1, 0, 0},
            {-ks / ms, -cs / ms, ks / ms, cs / ms},
            {0, 0, 0, 1},
            {ks / mu, cs / mu, -(ks + kt) / mu, -cs / mu}};
        double[] b = {0, 0, 0, kt / mu};
        double[][] z = StateSpace.zeroOrderHold(a, b, dt);
        for (int i = 0; i < 4; i++) System.arraycopy(z[i], 0, m, i * 5, 5);
    }

    /** Puts the car at rest on a road at height {@code road}. */
    public void settle(double road) {
        zs = road; zu = road; vs = 0; vu = 0;
    }

    /** Advances one step with the road elevation under the tyre held at {@code road}. */
    public void step(double road) {
        double a = m[0] * zs + m[1] * vs + m[2] * zu + m[3] * vu + m[4] * road;
        double b = m[5] * zs + m[6] * vs + m[7] * zu + m[8] * vu + m[9] * road;
        double c = m[10] * zs + m[11] * vs + m[12] * zu + m[13] * vu + m[14] * road;
        double d = m[15] * zs + m[16] * vs + m[17] * zu + m[18] * vu + m[19] * road;
        zs = a; vs = b; zu = c; vu = d;
    }

    /** Vertical acceleration of the body (what a body-mounted accelerometer sees, gravity removed), m/s^2. */
    public double sprungAcceleration() {
        return (-p.suspensionNPerM() * (zs - zu) - p.dampingNsPerM() * (vs - vu)) / p.sprungKg();
    }

    public double sprungHeight() { return zs; }
    public double unsprungHeight() { return zu; }
}
