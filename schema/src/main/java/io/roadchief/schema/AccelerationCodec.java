package io.roadchief.schema;

import io.roadchief.schema.v1.ImuBatch;

/**
 * Delta coding of ImuBatch.acc_z_delta, and conversion of counts to physical units.
 * Decoding works on the protobuf's primitive list without boxing.
 */
public final class AccelerationCodec {
    public static final double STANDARD_GRAVITY = 9.80665;
    public static final int DEFAULT_LSB_UG = 1000;

    private AccelerationCodec() {}

    /** Size of one count in micro-g, with the wire default applied. */
    public static int lsbMicroG(ImuBatch batch) {
        int lsb = batch.getAccLsbUg();
        return lsb == 0 ? DEFAULT_LSB_UG : lsb;
    }

    /** Encodes absolute counts as deltas (element 0 absolute). */
    public static int[] toDeltas(int[] counts) {
        int[] d = new int[counts.length];
        int prev = 0;
        for (int i = 0; i < counts.length; i++) {
            d[i] = counts[i] - prev;
            prev = counts[i];
        }
        return d;
    }

    /** Decodes the batch's vertical acceleration into m/s^2, written into {@code out} (resized when too small). */
    public static double[] accelerationMs2(ImuBatch batch, double[] out) {
        int n = batch.getAccZDeltaCount();
        double[] a = (out != null && out.length >= n) ? out : new double[n];
        double scale = lsbMicroG(batch) * 1e-6 * STANDARD_GRAVITY;
        int v = 0;
        for (int i = 0; i < n; i++) {
            v += batch.getAccZDelta(i);
            a[i] = v * scale;
        }
        return a;
    }

    /** Converts m/s^2 to counts of {@code lsbMicroG}, rounding to nearest. */
    public static int toCounts(double accMs2, int lsbMicroG) {
        return (int) Math.round(accMs2 / STANDARD_GRAVITY * 1e6 / lsbMicroG);
    }
}
