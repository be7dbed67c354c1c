package io.roadchief.jobs.pavement;

/**
 * The band of vertical acceleration the pavement analytics read: high-pass removes gravity residue,
 * mounting bias and slow pitch from braking; low-pass removes engine vibration and sensor noise above the
 * wheel-hop band. One filter for roughness and defects, so both see the same signal.
 */
public final class RideBand {
    /** Corner frequencies, Hz. Sprung-mass resonance is ~1-1.5 Hz and wheel hop ~10-12 Hz for all our vehicle classes. */
    public static final double HIGH_PASS_HZ = 0.5, LOW_PASS_HZ = 20.0;
    /** Filter state size, doubles. */
    public static final int STATE_SIZE = 4;

    private final Biquad hp, lp;

    public RideBand(double sampleRateHz) {
        this.hp = Biquad.highPass(HIGH_PASS_HZ, sampleRateHz);
        this.lp = Biquad.lowPass(LOW_PASS_HZ, sampleRateHz);
    }

    public double step(double accZ, double[] state) {
        return lp.step(hp.step(accZ, state, 0), state, 2);
    }

    /** Filters a whole signal from rest (tests and offline classification). */
    public static double[] filter(double[] acc, double sampleRateHz) {
        RideBand f = new RideBand(sampleRateHz);
        double[] st = new double[STATE_SIZE], out = new double[acc.length];
        for (int i = 0; i < acc.length; i++) out[i] = f.step(acc[i], st);
        return out;
    }
}
