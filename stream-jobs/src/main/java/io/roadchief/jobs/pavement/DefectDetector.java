package io.roadchief.jobs.pavement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds defect-like events in one pass's band-passed vertical acceleration, after Pothole Patrol
 * (Eriksson et al., MobiSys 2008): a speed filter (no detection when crawling), a z-peak filter (an
 * excursion well above this pass's own background roughness), and a speed-vs-z filter (the threshold
 * grows with speed, because faster passes shake harder on the same road). Exceedances closer than
 * {@link #MERGE_GAP_S} are one event. Features for the classifier are measured over the event window.
 */
public final class DefectDetector {
    /** Threshold = max(Z_FLOOR, K_SIGMA x background sigma, SPEED_SLOPE x speed), m/s^2. */
    public static final double Z_FLOOR_MS2 = 3.0, K_SIGMA = 7.0, SPEED_SLOPE_S = 0.05;
    /** Events longer than this are rough road, not a defect (the longest planted dips are ~8 m), m. */
    public static final double MAX_EVENT_LENGTH_M = 12.0;
    /** Exceedances closer than this belong to one event, s. */
    public static final double MERGE_GAP_S = 0.35;
    /** Features are measured from this long before the first to this long after the last exceedance, s. */
    public static final double PRE_S = 0.15, POST_S = 0.3;
    /** Length of the stretches before and after an event whose RMS is its local background, s. */
    public static final double LOCAL_S = 2.0;
    /** An event must exceed this many times its local background RMS (rough road shakes everywhere, a defect once). */
    public static final double MIN_PROMINENCE = 5.0;
    /** Split frequency of the low/high energy share, Hz. */
    public static final double LOW_FREQ_HZ = 3.0;
    /** The band-passed response starts about this long after the wheel meets the defect, s (filter + suspension lag). */
    public static final double RESPONSE_LAG_S = 0.02;

    private DefectDetector() {}

    /** Background sigma of a signal: 1.4826 x median |a| (robust against the events themselves). */
    public static double backgroundSigma(float[] a, int n) {
        if (n == 0) return 0;
        double[] abs = new double[n];
        for (int i = 0; i < n; i++) abs[i] = Math.abs(a[i]);
        Arrays.sort(abs);
        return 1.4826 * abs[n / 2];
    }

    private static double rms(float[] a, int from, int to) {
        double s = 0;
        for (int k = from; k < to; k++) s += a[k] * a[k];
        return to > from ? Math.sqrt(s / (to - from)) : 0;
    }

    public static double threshold(double sigma, double speedMs) {
        return Math.max(Z_FLOOR_MS2, Math.max(K_SIGMA * sigma, SPEED_SLOPE_S * speedMs));
    }

    /** Events in a pass; none when the pass is slower than the speed filter. */
    public static List<AccEvent> detect(PassSamples p, PavementConfig cfg) {
        return detect(p.acc, p.n, p.sampleRateHz, p.timeMs, p.speedMs, p.chainageM, p.direction, cfg.minDetectSpeedKmh);
    }

    public static List<AccEvent> detect(float[] a, int n, double fs, long[] timeMs, float[] speedMs, double[] chainageM,
                                        int direction, double minSpeedKmh) {
        List<AccEvent> out = new ArrayList<>();
        if (n < fs / 2) return out;
        double sigma = backgroundSigma(a, n);
        int gap = (int) Math.round(MERGE_GAP_S * fs);
        int i = 0;
        while (i < n) {
            double v = speedMs[i];
            double thr = threshold(sigma, v);
            if (Math.abs(a[i]) <= thr) { i++; continue; }
            int start = i, end = i, quiet = 0;
            for (int j = i + 1; j < n && quiet <= gap; j++) {
                if (Math.abs(a[j]) > threshold(sigma, speedMs[j])) { end = j; quiet = 0; } else quiet++;
            }
            i = end + gap + 1;
            if (v * 3.6 < minSpeedKmh) continue;
            AccEvent e = features(a, n, fs, timeMs, speedMs, chainageM, direction, start, end, thr);
            if (e.lengthM() <= MAX_EVENT_LENGTH_M && e.prominence() >= MIN_PROMINENCE) out.add(e);
        }
        return out;
    }

    static AccEvent features(float[] a, int n, double fs, long[] timeMs, float[] speedMs, double[] chainageM,
                             int direction, int start, int end, double thr) {
        int w0 = Math.max(0, start - (int) Math.round(PRE_S * fs));
        int w1 = Math.min(n - 1, end + (int) Math.round(POST_S * fs));
        double pos = 0, neg = 0, energy = 0;
        for (int k = w0; k <= w1; k++) {
            pos = Math.max(pos, a[k]);
            neg = Math.max(neg, -a[k]);
            energy += a[k] * a[k] / fs;
        }
        // First strong excursion: the first sample beyond half the threshold.
        boolean dipFirst = false;
        for (int k = w0; k <= w1; k++) {
            if (Math.abs(a[k]) > 0.5 * thr) { dipFirst = a[k] < 0; break; }
        }
        // Low-frequency share: energy of a 2nd-order low-pass run over the window (from rest).
        Biquad lp = Biquad.lowPass(LOW_FREQ_HZ, fs);
        double[] st = new double[2];
        double low = 0;
        for (int k = w0; k <= w1; k++) {
            double y = lp.step(a[k], st, 0);
            low += y * y / fs;
        }
        // Alternating excursions above threshold.
        int peaks = 0, lastSign = 0;
        for (int k = start; k <= end; k++) {
            if (Math.abs(a[k]) > thr) {
                int s = a[k] > 0 ? 1 : -1;
                if (s != lastSign) { peaks++; lastSign = s; }
            }
        }
        // Local background: the louder of the stretches before and after the event, so the start of a rough
        // stretch (quiet before, loud after) does not stand out as a defect.
        int span = (int) Math.round(LOCAL_S * fs), minSide = (int) Math.round(0.5 * fs);
        double before = rms(a, Math.max(0, w0 - span), w0), after = rms(a, w1 + 1, Math.min(n, w1 + 1 + span));
        int nb = w0 - Math.max(0, w0 - span), na = Math.min(n, w1 + 1 + span) - (w1 + 1);
        double localRms = nb >= minSide && na >= minSide ? Math.max(before, after)
                : nb >= minSide ? before : na >= minSide ? after : backgroundSigma(a, n);
        double v = speedMs[start];
        double duration = (end - start) / fs;
        double chainage = chainageM[start] - direction * v * RESPONSE_LAG_S;
        return new AccEvent(start, end, timeMs[start], chainage, v, pos, neg, dipFirst, duration, duration * v,
                energy, energy > 0 ? Math.min(1, low / energy) : 0, peaks, thr, localRms);
    }
}
