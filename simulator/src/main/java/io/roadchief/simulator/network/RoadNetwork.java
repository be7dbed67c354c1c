package io.roadchief.simulator.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Districts, roads and their segments, with the projection between local metres and WGS-84. */
public final class RoadNetwork {
    private final LocalProjection projection;
    private final List<District> districts;
    private final List<Road> roads;
    private final Map<String, Road> byId = new LinkedHashMap<>();
    private final Map<String, RoadSegment> segmentsById = new LinkedHashMap<>();

    public RoadNetwork(LocalProjection projection, List<District> districts, List<Road> roads) {
        this.projection = projection;
        this.districts = List.copyOf(districts);
        this.roads = List.copyOf(roads);
        for (Road r : roads) {
            if (r.segments().isEmpty()) split(r);
            byId.put(r.roadId(), r);
            for (RoadSegment s : r.segments()) segmentsById.put(s.segmentId(), s);
        }
    }

    public LocalProjection projection() { return projection; }
    public List<District> districts() { return districts; }
    public List<Road> roads() { return roads; }
    public Road road(String roadId) { return byId.get(roadId); }
    public RoadSegment segment(String segmentId) { return segmentsById.get(segmentId); }

    public List<RoadSegment> segments() {
        return List.copyOf(segmentsById.values());
    }

    public double totalLengthM() {
        double t = 0;
        for (Road r : roads) t += r.lengthM();
        return t;
    }

    /** Which district a local point belongs to; set by the generator or importer. */
    public interface DistrictRule {
        String districtAt(double x, double y);
    }

    private DistrictRule districtRule = (x, y) -> null;

    public void districtRule(DistrictRule rule) {
        this.districtRule = rule;
    }

    /** Segment length aimed at: ~100 m pieces, the unit of the index. */
    public static final double SEGMENT_LENGTH_M = 100.0;

    /** Splits a road into ~100 m segments of equal length, with WKT geometry and bounding boxes. */
    static void split(Road r, DistrictRule rule, LocalProjection proj) {
        double len = r.lengthM();
        int n = Math.max(1, (int) Math.round(len / SEGMENT_LENGTH_M));
        double step = len / n;
        List<RoadSegment> segs = new ArrayList<>(n);
        double[] p = new double[2];
        for (int i = 0; i < n; i++) {
            double s0 = i * step;
            double s1 = i == n - 1 ? len : (i + 1) * step;
            List<double[]> pts = new ArrayList<>();
            r.pointAt(s0, 0, p);
            pts.add(new double[] {p[0], p[1]});
            for (int v = 0; v < r.vertexCount(); v++) {
                double sv = r.vertexS(v);
                if (sv > s0 + 1e-6 && sv < s1 - 1e-6) pts.add(new double[] {r.vertexX(v), r.vertexY(v)});
            }
            r.pointAt(s1, 0, p);
            pts.add(new double[] {p[0], p[1]});
            StringBuilder wkt = new StringBuilder("LINESTRING(");
            double minLat = 90, maxLat = -90, minLon = 180, maxLon = -180;
            for (int k = 0; k < pts.size(); k++) {
                double lat = proj.lat(pts.get(k)[1]);
                double lon = proj.lon(pts.get(k)[0]);
                if (k > 0) wkt.append(", ");
                wkt.append(String.format(Locale.ROOT, "%.7f %.7f", lon, lat));
                minLat = Math.min(minLat, lat); maxLat = Math.max(maxLat, lat);
                minLon = Math.min(minLon, lon); maxLon = Math.max(maxLon, lon);
            }
            wkt.append(')');
            r.pointAt((s0 + s1) / 2, 0, p);
            String d = rule.districtAt(p[0], p[1]);
            if (d == null) d = r.districtCode();
            segs.add(new RoadSegment(String.format(Locale.ROOT, "%s.%03d", r.roadId(), i + 1), r.roadId(), i + 1, d,
                    s0, s1, wkt.toString(), minLat, minLon, maxLat, maxLon));
        }
        r.segments(segs);
    }

    private void split(Road r) {
        split(r, districtRule, projection);
    }

    /** Builds a network whose segment districts follow {@code rule}. */
    public static RoadNetwork of(LocalProjection projection, List<District> districts, List<Road> roads, DistrictRule rule) {
        for (Road r : roads) split(r, rule, projection);
        RoadNetwork n = new RoadNetwork(projection, districts, roads);
        n.districtRule(rule);
        return n;
    }

    /** WGS-84 latitude/longitude of a point on a road, written into out[0] (lat), out[1] (lon). */
    public void latLon(Road road, double s, double lateral, double[] out) {
        road.pointAt(s, lateral, out);
        double x = out[0];
        out[0] = projection.lat(out[1]);
        out[1] = projection.lon(x);
    }
}
