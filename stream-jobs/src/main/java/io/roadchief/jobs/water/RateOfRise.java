package io.roadchief.jobs.water;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * The recent accepted readings of a gauge, giving the smoothed level (median of the last 3: one odd
 * reading never moves it) and the rate of rise (Theil-Sen slope over the window: the median of all
 * pairwise slopes, which ignores up to ~29 % outliers, unlike least squares).
 */
public final class RateOfRise {
    private static final int MAX_POINTS = 64;
    private final long windowMs;
    private final int minPoints;
    private final long minSpanMs;
    private final Deque<long[]> points = new ArrayDeque<>();

    public RateOfRise(long windowMs, int minPoints, long minSpanMs) {
        this.windowMs = windowMs;
        this.minPoints = minPoints;
        this.minSpanMs = minSpanMs;
    }

    public static RateOfRise standard() {
        return new RateOfRise(WaterThresholds.RISE_WINDOW.toMillis(), WaterThresholds.RISE_MIN_POINTS,
                WaterThresholds.RISE_MIN_SPAN.toMillis());
    }

    public void add(long timeMs, int levelMm) {
        points.addLast(new long[] {timeMs, levelMm});
        // Keep the window, but always the last 3 for the median.
        while (points.size() > 3 && (points.peekFirst()[0] < timeMs - windowMs || points.size() > MAX_POINTS)) {
            points.removeFirst();
        }
    }

    public boolean isEmpty() { return points.isEmpty(); }

    /** Median of the last three accepted readings (fewer at start-up), mm. */
    public double smoothedMm() {
        if (points.isEmpty()) return 0;
        long[][] arr = points.toArray(new long[0][]);
        int n = Math.min(3, arr.length);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = arr[arr.length - n + i][1];
        Arrays.sort(v);
        return n == 2 ? (v[0] + v[1]) / 2 : v[n / 2];
    }

    /** Theil-Sen slope over the window, mm/min; NaN with too few points or too short a span. */
    public double mmPerMin(long nowMs) {
        return mmPerMin(nowMs, windowMs);
    }

    /**
     * The rate to extrapolate with: the lower of the slopes over the whole window and over its last
     * {@link WaterThresholds#RECENT_RISE_WINDOW}, so that a rise that is slowing down (a peak coming)
     * is not extrapolated at its earlier speed. Falls back to the full-window slope.
     */
    public double forecastMmPerMin(long nowMs) {
        double full = mmPerMin(nowMs, windowMs);
        double recent = mmPerMin(nowMs, WaterThresholds.RECENT_RISE_WINDOW.toMillis());
        if (Double.isNaN(recent)) return full;
        if (Double.isNaN(full)) return recent;
        return Math.min(full, recent);
    }

    private double mmPerMin(long nowMs, long window) {
        long[][] arr = points.stream().filter(p -> p[0] >= nowMs - window).toArray(long[][]::new);
        if (arr.length < minPoints || arr[arr.length - 1][0] - arr[0][0] < minSpanMs) return Double.NaN;
        double[] slopes = new double[arr.length * (arr.length - 1) / 2];
        int k = 0;
        for (int i = 0; i < arr.length; i++) {
            for (int j = i + 1; j < arr.length; j++) {
                long dt = arr[j][0] - arr[i][0];
                if (dt > 0) slopes[k++] = (arr[j][1] - arr[i][1]) * 60_000.0 / dt;
            }
        }
        if (k == 0) return Double.NaN;
        double[] s = Arrays.copyOf(slopes, k);
        Arrays.sort(s);
        return k % 2 == 1 ? s[k / 2] : (s[k / 2 - 1] + s[k / 2]) / 2;
    }

    /**
     * Seconds until the level reaches a threshold at the current rate, or null when not rising
     * (slope below {@link WaterThresholds#MIN_RISE_MM_PER_MIN}) or already there.
     */
    public static Integer secondsTo(double levelMm, double mmPerMin, int thresholdMm) {
        if (Double.isNaN(mmPerMin) || mmPerMin < WaterThresholds.MIN_RISE_MM_PER_MIN || levelMm >= thresholdMm) return null;
        double s = (thresholdMm - levelMm) / mmPerMin * 60;
        return (int) Math.min(Integer.MAX_VALUE, Math.round(s));
    }

    public void write(DataOutput out) throws IOException {
        out.writeShort(points.size());
        for (long[] p : points) {
            out.writeLong(p[0]);
            out.writeInt((int) p[1]);
        }
    }

    public void read(DataInput in) throws IOException {
        points.clear();
        int n = in.readShort();
        for (int i = 0; i < n; i++) points.addLast(new long[] {in.readLong(), in.readInt()});
    }
}
