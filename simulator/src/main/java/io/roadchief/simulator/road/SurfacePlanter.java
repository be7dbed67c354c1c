package io.roadchief.simulator.road;

import io.roadchief.schema.v1.DefectType;
import io.roadchief.simulator.Seeds;
import io.roadchief.simulator.network.Road;
import io.roadchief.simulator.network.RoadNetwork;
import io.roadchief.simulator.network.RoadSegment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Builds the true surface of a network: a roughness class per segment (persisting along a road, as
 * pavement condition does), the ISO 8608 profiles, registered features and the planted defects.
 * Defects lie in the right wheel path of one direction (where they form and where tyres find them),
 * never closer than {@link #MIN_GAP_M} to another shape in the same path.
 */
public final class SurfacePlanter {
    /** Class mix (share of segments, A..E) of a city's asphalt: mostly good, some worn, a few bad stretches. */
    public static final double[] CLASS_WEIGHTS = {0.35, 0.38, 0.19, 0.07, 0.01};
    /** Defect type mix: POTHOLE, CRACK, SUBSIDENCE, BUMP, RUTTING, MANHOLE. */
    public static final DefectType[] TYPES = {DefectType.POTHOLE, DefectType.CRACK, DefectType.SUBSIDENCE,
        DefectType.BUMP, DefectType.RUTTING, DefectType.MANHOLE};
    public static final double[] TYPE_WEIGHTS = {0.35, 0.15, 0.12, 0.12, 0.10, 0.16};
    /** Minimum clear distance between shapes in one wheel path, m: keeps truth unambiguous. */
    public static final double MIN_GAP_M = 15.0;
    /** Registered features per metre of road. */
    public static final double SPEED_BUMPS_PER_M = 1 / 1500.0;
    public static final double JOINTS_PER_M = 1 / 3000.0;
    public static final double COVERS_PER_M = 1 / 400.0;

    private SurfacePlanter() {}

    public static RoadSurface plant(RoadNetwork network, long seed, int defectCount) {
        List<Road> roads = network.roads();
        int nr = roads.size();
        float[][][] raw = new float[nr][2][];
        double[][] gd = new double[nr][];
        for (int r = 0; r < nr; r++) {
            Road road = roads.get(r);
            SplittableRandom rr = Seeds.random(seed, "roughness", r);
            List<RoadSegment> segs = road.segments();
            gd[r] = new double[segs.size()];
            RoughnessClass cls = pick(rr);
            for (int i = 0; i < segs.size(); i++) {
                if (i > 0 && rr.nextDouble() > 0.6) cls = pick(rr);
                double lo = cls == RoughnessClass.A ? cls.gd() / 4 : cls.lowerBound();
                gd[r][i] = Math.exp(Seeds.uniform(rr, Math.log(lo), Math.log(cls.upperBound())));
            }
            int n = (int) Math.ceil(road.lengthM() / ProfileSynthesizer.DX) + 2;
            double[] gdSample = new double[n];
            for (int i = 0; i < n; i++) {
                double s = i * ProfileSynthesizer.DX;
                gdSample[i] = gd[r][road.segmentAt(Math.min(s, road.lengthM())).seqOnRoad() - 1];
            }
            for (int d = 0; d < 2; d++) {
                raw[r][d] = new float[n];
                ProfileSynthesizer.synthesize(raw[r][d], gdSample, Seeds.of(seed, "profile", r * 2L + d));
            }
        }
        List<RegisteredFeature> features = new ArrayList<>();
        List<List<double[]>> occupied = new ArrayList<>(); // per road*2+dir: [start, end] of shapes
        for (int i = 0; i < nr * 2; i++) occupied.add(new ArrayList<>());
        double[] ll = new double[2];
        int fid = 0;
        for (int r = 0; r < nr; r++) {
            Road road = roads.get(r);
            SplittableRandom fr = Seeds.random(seed, "features", r);
            double len = road.lengthM();
            int bumps = Math.max(len > 800 ? 1 : 0, (int) Math.round(len * SPEED_BUMPS_PER_M));
            int joints = (int) Math.round(len * JOINTS_PER_M);
            int covers = (int) Math.round(len * COVERS_PER_M);
            for (int k = 0; k < bumps + joints + covers; k++) {
                ShapeKind kind = k < bumps ? ShapeKind.SPEED_BUMP : k < bumps + joints ? ShapeKind.EXPANSION_JOINT : ShapeKind.MANHOLE_COVER;
                for (int attempt = 0; attempt < 50; attempt++) {
                    double length, width, lateral, height;
                    int dir = fr.nextBoolean() ? 1 : -1;
                    switch (kind) {
                        case SPEED_BUMP -> { length = Seeds.uniform(fr, 0.3, 0.6); height = Seeds.uniform(fr, 0.07, 0.10); width = Double.POSITIVE_INFINITY; lateral = 0; }
                        case EXPANSION_JOINT -> { length = 0.1; height = -Seeds.uniform(fr, 0.008, 0.02); width = Double.POSITIVE_INFINITY; lateral = 0; }
                        default -> {
                            length = Seeds.uniform(fr, 0.6, 0.8); width = length; height = Seeds.uniform(fr, -0.005, 0.005);
                            // half the covers sit in the wheel path, the rest between the wheels
                            lateral = fr.nextBoolean() ? RoadSurface.wheelPath(dir) + Seeds.uniform(fr, -0.2, 0.2)
                                    : RoadSurface.laneCentre(dir) + Seeds.uniform(fr, -0.3, 0.3);
                        }
                    }
                    double start = Seeds.uniform(fr, 30, len - 30 - length);
                    if (start < 30 || start + length > len - 30) continue; // road too short
                    boolean full = Double.isInfinite(width);
                    if (!free(occupied, r, dir, full, start, start + length)) continue;
                    occupy(occupied, r, dir, full, start, start + length);
                    double centre = start + length / 2;
                    network.latLon(road, centre, lateral, ll);
                    SurfaceShape shape = new SurfaceShape(kind, start, length, lateral, width, height, Seeds.of(seed, "feature-shape", fid));
                    features.add(new RegisteredFeature(String.format(Locale.ROOT, "F%05d", ++fid), RegisteredFeature.kindOf(kind),
                            road.roadId(), road.segmentAt(centre).segmentId(), centre, lateral, length,
                            full ? 7.0 : width, height, ll[0], ll[1], shape));
                    break;
                }
            }
        }
        List<PlantedDefect> defects = new ArrayList<>();
        double total = network.totalLengthM();
        for (int k = 0; k < defectCount; k++) {
            // defect k draws from its own stream: more defects never move the earlier ones
            SplittableRandom r = Seeds.random(seed, "defect", k);
            for (int attempt = 0; attempt < 100; attempt++) {
                double at = r.nextDouble() * total;
                int ri = 0;
                while (ri < nr - 1 && at > roads.get(ri).lengthM()) at -= roads.get(ri++).lengthM();
                Road road = roads.get(ri);
                DefectType type = TYPES[pickIndex(r, TYPE_WEIGHTS)];
                double length, width, size;
                switch (type) {
                    case POTHOLE -> { length = Seeds.uniform(r, 0.2, 2.0); width = Seeds.uniform(r, 0.3, 1.5); size = -Seeds.uniform(r, 0.02, 0.12); }
                    case SUBSIDENCE -> { length = Seeds.uniform(r, 2, 8); width = Seeds.uniform(r, 1.5, 3); size = -Seeds.uniform(r, 0.02, 0.06); }
                    case BUMP -> { length = Seeds.uniform(r, 0.5, 3); width = Seeds.uniform(r, 0.5, 2); size = Seeds.uniform(r, 0.02, 0.06); }
                    case RUTTING -> { length = Seeds.uniform(r, 8, 40); width = Seeds.uniform(r, 0.3, 0.5); size = -Seeds.uniform(r, 0.01, 0.035); }
                    case MANHOLE -> { length = Seeds.uniform(r, 0.6, 0.8); width = length; size = (r.nextDouble() < 0.6 ? -1 : 1) * Seeds.uniform(r, 0.015, 0.05); }
                    default -> { length = Seeds.uniform(r, 2, 10); width = Seeds.uniform(r, 1, 3); size = Seeds.uniform(r, 0.003, 0.015); }
                }
                int dir = r.nextBoolean() ? 1 : -1;
                double start = Seeds.uniform(r, 20, road.lengthM() - 20 - length);
                if (start < 20 || start + length > road.lengthM() - 20) continue;
                if (!free(occupied, ri, dir, false, start, start + length)) continue;
                occupy(occupied, ri, dir, false, start, start + length);
                double lateral = RoadSurface.wheelPath(dir) + Seeds.uniform(r, -0.15, 0.15);
                double centre = start + length / 2;
                network.latLon(road, centre, lateral, ll);
                ShapeKind kind = ShapeKind.valueOf(type.name());
                SurfaceShape shape = new SurfaceShape(kind, start, length, lateral, width, size, Seeds.of(seed, "defect-shape", k));
                defects.add(new PlantedDefect(String.format(Locale.ROOT, "D%05d", k + 1), type, DefectSeverity.of(type, size),
                        road.roadId(), road.segmentAt(centre).segmentId(), dir, centre, lateral, length, width, size,
                        ll[0], ll[1], shape));
                break;
            }
        }
        return new RoadSurface(network, raw, gd, defects, features);
    }

    private static boolean free(List<List<double[]>> occ, int road, int dir, boolean fullWidth, double a, double b) {
        for (int d = 0; d < 2; d++) {
            if (!fullWidth && d != RoadSurface.dirIndex(dir)) continue;
            for (double[] iv : occ.get(road * 2 + d)) {
                if (a < iv[1] + MIN_GAP_M && b > iv[0] - MIN_GAP_M) return false;
            }
        }
        return true;
    }

    private static void occupy(List<List<double[]>> occ, int road, int dir, boolean fullWidth, double a, double b) {
        for (int d = 0; d < 2; d++) {
            if (!fullWidth && d != RoadSurface.dirIndex(dir)) continue;
            occ.get(road * 2 + d).add(new double[] {a, b});
        }
    }

    private static RoughnessClass pick(SplittableRandom r) {
        return RoughnessClass.values()[pickIndex(r, CLASS_WEIGHTS)];
    }

    private static int pickIndex(SplittableRandom r, double[] w) {
        double u = r.nextDouble(), acc = 0;
        for (int i = 0; i < w.length; i++) {
            acc += w[i];
            if (u < acc) return i;
        }
        return w.length - 1;
    }
}
