package io.roadchief.simulator.network;

import java.util.List;

/**
 * A named road: a polyline in local metres (east x, north y) with cumulative distances, split into
 * segments. Distance s runs from the first vertex; lateral offset is positive to the left of the
 * direction of increasing s. Traffic keeps right, so direction +1 uses the lanes at negative offsets.
 */
public final class Road {
    private final String roadId;
    private final String nameZh;
    private final String nameEn;
    private final String districtCode;
    private final String roadClass;
    private final double[] xs;
    private final double[] ys;
    private final double[] cum;
    private List<RoadSegment> segments = List.of();

    public Road(String roadId, String nameZh, String nameEn, String districtCode, String roadClass, double[] xs, double[] ys) {
        this.roadId = roadId;
        this.nameZh = nameZh;
        this.nameEn = nameEn;
        this.districtCode = districtCode;
        this.roadClass = roadClass;
        this.xs = xs;
        this.ys = ys;
        this.cum = new double[xs.length];
        for (int i = 1; i < xs.length; i++) cum[i] = cum[i - 1] + Math.hypot(xs[i] - xs[i - 1], ys[i] - ys[i - 1]);
    }

    public String roadId() { return roadId; }
    public String nameZh() { return nameZh; }
    public String nameEn() { return nameEn; }
    public String districtCode() { return districtCode; }
    public String roadClass() { return roadClass; }
    public double lengthM() { return cum[cum.length - 1]; }
    public List<RoadSegment> segments() { return segments; }
    public int vertexCount() { return xs.length; }
    public double vertexX(int i) { return xs[i]; }
    public double vertexY(int i) { return ys[i]; }
    public double vertexS(int i) { return cum[i]; }

    void segments(List<RoadSegment> segs) { this.segments = List.copyOf(segs); }

    /** Index of the polyline edge containing distance s (clamped). */
    public int edgeAt(double s) {
        if (s <= 0) return 0;
        if (s >= cum[cum.length - 1]) return cum.length - 2;
        int lo = 0, hi = cum.length - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (cum[mid] <= s) lo = mid; else hi = mid;
        }
        return lo;
    }

    /** Writes the local (x, y) of the point at distance s and lateral offset into out[0], out[1]. */
    public void pointAt(double s, double lateral, double[] out) {
        int e = edgeAt(s);
        double len = cum[e + 1] - cum[e];
        double t = len > 0 ? (s - cum[e]) / len : 0;
        double dx = (xs[e + 1] - xs[e]) / len;
        double dy = (ys[e + 1] - ys[e]) / len;
        // left normal of (dx, dy) is (-dy, dx)
        out[0] = xs[e] + t * (xs[e + 1] - xs[e]) - dy * lateral;
        out[1] = ys[e] + t * (ys[e + 1] - ys[e]) + dx * lateral;
    }

    /** Compass heading (degrees clockwise from north, 0-360) of travel in direction +1 at s. */
    public double headingDeg(double s) {
        int e = edgeAt(s);
        double h = Math.toDegrees(Math.atan2(xs[e + 1] - xs[e], ys[e + 1] - ys[e]));
        return h < 0 ? h + 360 : h;
    }

    /** The segment containing distance s (the last one for s at the very end). */
    public RoadSegment segmentAt(double s) {
        int lo = 0, hi = segments.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (segments.get(mid).startM() <= s) lo = mid; else hi = mid - 1;
        }
        return segments.get(lo);
    }
}
