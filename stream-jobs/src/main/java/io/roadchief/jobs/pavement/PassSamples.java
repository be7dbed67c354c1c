package io.roadchief.jobs.pavement;

import java.util.Arrays;

/**
 * The samples of one vehicle's pass over one segment, in time order: band-passed vertical acceleration,
 * speed and road chainage per sample. A Flink POJO (public fields, no-arg constructor) kept in keyed state
 * while the vehicle is on the segment.
 */
public final class PassSamples {
    public String segmentId;
    public String roadId;
    public String vehicleClass;
    public int direction;
    public double sampleRateHz;
    public int n;
    public long[] timeMs = new long[0];
    public float[] acc = new float[0];
    public float[] speedMs = new float[0];
    public double[] chainageM = new double[0];

    public PassSamples() {}

    public PassSamples(String segmentId, String roadId, String vehicleClass, int direction, double sampleRateHz) {
        this.segmentId = segmentId;
        this.vehicleClass = vehicleClass;
        this.roadId = roadId;
        this.direction = direction;
        this.sampleRateHz = sampleRateHz;
        this.timeMs = new long[256];
        this.acc = new float[256];
        this.speedMs = new float[256];
        this.chainageM = new double[256];
    }

    public void add(long t, double a, double v, double chainage) {
        if (n == timeMs.length) {
            int cap = Math.max(256, n * 2);
            timeMs = Arrays.copyOf(timeMs, cap);
            acc = Arrays.copyOf(acc, cap);
            speedMs = Arrays.copyOf(speedMs, cap);
            chainageM = Arrays.copyOf(chainageM, cap);
        }
        timeMs[n] = t;
        acc[n] = (float) a;
        speedMs[n] = (float) v;
        chainageM[n] = chainage;
        n++;
    }

    public double meanSpeedMs() {
        double s = 0;
        for (int i = 0; i < n; i++) s += speedMs[i];
        return n == 0 ? 0 : s / n;
    }

    /** Distance covered along the road, m. */
    public double coveredM() {
        return n < 2 ? 0 : Math.abs(chainageM[n - 1] - chainageM[0]);
    }

    /** The last seconds of a pass (a copy). */
    public static PassSamples tail(PassSamples p, double seconds) {
        int k = Math.min(p.n, (int) Math.ceil(seconds * p.sampleRateHz));
        return slice(p, p.n - k, p.n);
    }

    /** The first seconds of a pass (a copy). */
    public static PassSamples head(PassSamples p, double seconds) {
        int k = Math.min(p.n, (int) Math.ceil(seconds * p.sampleRateHz));
        return slice(p, 0, k);
    }

    static PassSamples slice(PassSamples p, int from, int to) {
        PassSamples q = new PassSamples(p.segmentId, p.roadId, p.vehicleClass, p.direction, p.sampleRateHz);
        for (int i = from; i < to; i++) q.add(p.timeMs[i], p.acc[i], p.speedMs[i], p.chainageM[i]);
        return q;
    }

    /** before + p + after (each may be null except p), as one signal; sample rates must agree (else no context). */
    public static PassSamples join(PassSamples before, PassSamples p, PassSamples after) {
        if (before != null && before.sampleRateHz != p.sampleRateHz) before = null;
        if (after != null && after.sampleRateHz != p.sampleRateHz) after = null;
        if (before == null && after == null) return p;
        PassSamples q = new PassSamples(p.segmentId, p.roadId, p.vehicleClass, p.direction, p.sampleRateHz);
        for (PassSamples part : new PassSamples[]{before, p, after}) {
            if (part == null) continue;
            for (int i = 0; i < part.n; i++) q.add(part.timeMs[i], part.acc[i], part.speedMs[i], part.chainageM[i]);
        }
        return q;
    }
}
