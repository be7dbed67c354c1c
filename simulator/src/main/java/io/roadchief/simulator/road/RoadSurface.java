package io.roadchief.simulator.road;

import io.roadchief.simulator.network.Road;
import io.roadchief.simulator.network.RoadNetwork;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The true surface of every road: one random ISO 8608 profile per wheel path (direction +1 and -1),
 * sampled every {@link ProfileSynthesizer#DX}, plus the planted defects and registered features as
 * shapes. Reading is allocation-free so vehicles can query it thousands of times per simulated second.
 */
public final class RoadSurface {
    /** Lane centre offset from the road centreline, m (3.5 m lanes, one per direction modelled). */
    public static final double LANE_CENTRE_M = 1.75;
    /** Right wheel path offset from the centreline, m: lane centre + half a track width. */
    public static final double WHEEL_PATH_M = 2.6;
    /** Tyre contact length the vehicle input is averaged over (tyre enveloping), m. */
    public static final double TYRE_FOOTPRINT_M = 0.2;

    private final RoadNetwork network;
    private final float[][][] raw;      // [road][dirIndex][sample]
    private final float[][][] smooth;   // tyre-enveloped (footprint moving average) base profile
    private final double[][] gdPerSegment;
    private final SurfaceShape[][] shapes; // [road], sorted by start
    private final double[] maxShapeLength;
    private final boolean[][] shapeMetres; // [road][metre]: some shape within reach of this metre
    private final List<PlantedDefect> defects;
    private final List<RegisteredFeature> features;

    RoadSurface(RoadNetwork network, float[][][] raw, double[][] gdPerSegment,
                List<PlantedDefect> defects, List<RegisteredFeature> features) {
        this.network = network;
        this.raw = raw;
        this.gdPerSegment = gdPerSegment;
        this.defects = List.copyOf(defects);
        this.features = List.copyOf(features);
        int nr = network.roads().size();
        this.smooth = new float[nr][2][];
        int half = (int) Math.round(TYRE_FOOTPRINT_M / ProfileSynthesizer.DX / 2);
        for (int r = 0; r < nr; r++) for (int d = 0; d < 2; d++) smooth[r][d] = movingAverage(raw[r][d], half);
        this.shapes = new SurfaceShape[nr][];
        this.maxShapeLength = new double[nr];
        List<List<SurfaceShape>> per = new ArrayList<>();
        for (int r = 0; r < nr; r++) per.add(new ArrayList<>());
        for (PlantedDefect d : defects) per.get(roadIndex(d.roadId())).add(d.shape());
        for (RegisteredFeature f : features) per.get(roadIndex(f.roadId())).add(f.shape());
        for (int r = 0; r < nr; r++) {
            List<SurfaceShape> l = per.get(r);
            l.sort(Comparator.comparingDouble(SurfaceShape::startM));
            shapes[r] = l.toArray(new SurfaceShape[0]);
            for (SurfaceShape s : l) maxShapeLength[r] = Math.max(maxShapeLength[r], s.lengthM());
        }
        // a per-metre index, so that the common case (no shape near) costs one array read
        this.shapeMetres = new boolean[nr][];
        for (int r = 0; r < nr; r++) {
            boolean[] m = new boolean[(int) Math.ceil(network.roads().get(r).lengthM()) + 2];
            for (SurfaceShape sh : shapes[r]) {
                int a = Math.max(0, (int) Math.floor(sh.startM() - TYRE_FOOTPRINT_M) - 1);
                int b = Math.min(m.length - 1, (int) Math.ceil(sh.endM() + TYRE_FOOTPRINT_M) + 1);
                for (int i = a; i <= b; i++) m[i] = true;
            }
            shapeMetres[r] = m;
        }
    }

    private static float[] movingAverage(float[] z, int half) {
        float[] out = new float[z.length];
        double sum = 0;
        int n = z.length;
        // running sum over [i-half, i+half], clamped at the ends
        int lo = 0, hi = -1;
        for (int i = 0; i < n; i++) {
            int wantLo = Math.max(0, i - half), wantHi = Math.min(n - 1, i + half);
            while (hi < wantHi) sum += z[++hi];
            while (lo < wantLo) sum -= z[lo++];
            out[i] = (float) (sum / (hi - lo + 1));
        }
        return out;
    }

    public RoadNetwork network() { return network; }
    public List<PlantedDefect> defects() { return defects; }
    public List<RegisteredFeature> features() { return features; }

    public int roadIndex(String roadId) {
        List<Road> roads = network.roads();
        for (int i = 0; i < roads.size(); i++) if (roads.get(i).roadId().equals(roadId)) return i;
        throw new IllegalArgumentException("unknown road " + roadId);
    }

    /** Gd(n0), m^3, of segment {@code seqOnRoad} (1-based) of road {@code roadIndex}. */
    public double gd(int roadIndex, int seqOnRoad) {
        return gdPerSegment[roadIndex][seqOnRoad - 1];
    }

    public static int dirIndex(int direction) {
        return direction > 0 ? 0 : 1;
    }

    /** Offset of the right wheel path of a travel direction from the centreline, m. */
    public static double wheelPath(int direction) {
        return direction > 0 ? -WHEEL_PATH_M : WHEEL_PATH_M;
    }

    public static double laneCentre(int direction) {
        return direction > 0 ? -LANE_CENTRE_M : LANE_CENTRE_M;
    }

    /** The raw random profile of a wheel path (no defects or features). Do not modify. */
    public float[] baseProfile(int roadIndex, int direction) {
        return raw[roadIndex][dirIndex(direction)];
    }

    private static double interp(float[] z, double s) {
        double x = s / ProfileSynthesizer.DX;
        if (x <= 0) return z[0];
        int i = (int) x;
        if (i >= z.length - 1) return z[z.length - 1];
        double f = x - i;
        return z[i] + (z[i + 1] - z[i]) * f;
    }

    /**
     * What a tyre at distance s and lateral offset feels: the footprint-averaged base profile of the
     * direction's wheel path plus the shapes it touches, averaged over the footprint too.
     */
    public double wheelInput(int roadIndex, int direction, double s, double lateral) {
        double z = interp(smooth[roadIndex][dirIndex(direction)], s);
        boolean[] near = shapeMetres[roadIndex];
        int metre = (int) s;
        if (metre < 0 || metre >= near.length || !near[metre]) return z;
        double h = TYRE_FOOTPRINT_M / 2;
        return z + shapesAt(roadIndex, s - h, s + h, lateral, true);
    }

    /** The true profile without tyre enveloping: base plus shapes touched, at distance s. */
    public double trueElevation(int roadIndex, int direction, double s, double lateral) {
        return interp(raw[roadIndex][dirIndex(direction)], s) + shapesAt(roadIndex, s, s, lateral, false);
    }

    private double shapesAt(int roadIndex, double from, double to, double lateral, boolean average) {
        SurfaceShape[] arr = shapes[roadIndex];
        if (arr.length == 0) return 0;
        // last shape starting before 'to'
        int lo = 0, hi = arr.length - 1, idx = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (arr[mid].startM() < to) { idx = mid; lo = mid + 1; } else hi = mid - 1;
        }
        double total = 0;
        double limit = from - maxShapeLength[roadIndex];
        for (int i = idx; i >= 0 && arr[i].startM() > limit; i--) {
            SurfaceShape sh = arr[i];
            if (sh.endM() <= from || !sh.touches(lateral)) continue;
            if (average) {
                // 5-point footprint average: a tyre bridges a short, sharp hole
                double sum = 0;
                for (int k = 0; k < 5; k++) sum += sh.height(from + (to - from) * k / 4.0);
                total += sum / 5;
            } else {
                total += sh.height(from);
            }
        }
        return total;
    }

    /** Fills {@code out} with the true profile (base + shapes touched at {@code lateral}) of a wheel path. */
    public float[] trueProfile(int roadIndex, int direction, double lateral) {
        float[] base = raw[roadIndex][dirIndex(direction)];
        float[] out = base.clone();
        for (SurfaceShape sh : shapes[roadIndex]) {
            if (!sh.touches(lateral)) continue;
            int i0 = Math.max(0, (int) Math.floor(sh.startM() / ProfileSynthesizer.DX));
            int i1 = Math.min(out.length - 1, (int) Math.ceil(sh.endM() / ProfileSynthesizer.DX));
            for (int i = i0; i <= i1; i++) out[i] += (float) sh.height(i * ProfileSynthesizer.DX);
        }
        return out;
    }
}
