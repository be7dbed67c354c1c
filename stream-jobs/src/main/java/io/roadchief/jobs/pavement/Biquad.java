package io.roadchief.jobs.pavement;

/**
 * Second-order IIR section (Butterworth low/high pass, RBJ cookbook), direct form II transposed. The
 * state lives in a caller-owned double[2] so that it can sit in Flink keyed state between batches.
 */
public final class Biquad {
    private final double b0, b1, b2, a1, a2;

    private Biquad(double b0, double b1, double b2, double a0, double a1, double a2) {
        this.b0 = b0 / a0;
        this.b1 = b1 / a0;
        this.b2 = b2 / a0;
        this.a1 = a1 / a0;
        this.a2 = a2 / a0;
    }

    public static Biquad highPass(double cutoffHz, double sampleRateHz) {
        double w = 2 * Math.PI * cutoffHz / sampleRateHz, cos = Math.cos(w), alpha = Math.sin(w) / (2 * Math.sqrt(0.5));
        return new Biquad((1 + cos) / 2, -(1 + cos), (1 + cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    public static Biquad lowPass(double cutoffHz, double sampleRateHz) {
        double w = 2 * Math.PI * Math.min(cutoffHz, 0.45 * sampleRateHz) / sampleRateHz;
        double cos = Math.cos(w), alpha = Math.sin(w) / (2 * Math.sqrt(0.5));
        return new Biquad((1 - cos) / 2, 1 - cos, (1 - cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    /** Filters one sample; state is {z1, z2}. */
    public double step(double x, double[] state, int offset) {
        double y = b0 * x + state[offset];
        state[offset] = b1 * x - a1 * y + state[offset + 1];
        state[offset + 1] = b2 * x - a2 * y;
        return y;
    }
}
