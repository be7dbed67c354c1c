package io.roadchief.jobs.pavement;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The road network in memory: ~100 m segments with their geometry in a local metric plane, an STRtree
 * over them, each road's segments in order with their chainage (distance from the road's start), and the
 * registered features that are not defects. Loaded from road_segment / road / segment_feature in an
 * operator's open(), or built from objects in tests.
 */
public final class RoadNetwork {

    /** One segment. Coordinates are WGS-84 (lon, lat) pairs of its centre line, in road direction. */
    public record SegmentDef(String segmentId, String roadId, int seqOnRoad, String districtCode, double lengthM,
                             double[][] lonLat) implements java.io.Serializable {}

    /** Road names, for ticket titles. */
    public record RoadDef(String roadId, String nameZh, String nameEn, String districtCode) implements java.io.Serializable {}

    /** A registered feature (kind: speed_bump, expansion_joint, manhole_cover, rumble_strip). */
    public record FeatureDef(String segmentId, String kind, double lat, double lon) implements java.io.Serializable {}

    /** A segment as the matcher sees it. */
    public static final class Segment {
        public final SegmentDef def;
        public final LineString line;       // local plane, metres
        public final double startChainageM; // distance from the road's start to this segment's start
        public final double geomLengthM;
        final Road road;

        Segment(SegmentDef def, LineString line, double startChainageM, Road road) {
            this.def = def;
            this.line = line;
            this.startChainageM = startChainageM;
            this.geomLengthM = line.getLength();
            this.road = road;
        }

        public String id() { return def.segmentId(); }
        public String roadId() { return def.roadId(); }
        public double endChainageM() { return startChainageM + geomLengthM; }
    }

    /** A road: its segments in order and the chainages of its registered features. */
    public static final class Road {
        public final RoadDef def;
        public final List<Segment> segments = new ArrayList<>();
        public final List<double[]> features = new ArrayList<>(); // {chainage m}
        public final List<String> featureKinds = new ArrayList<>();
        double lengthM;

        Road(RoadDef def) { this.def = def; }

        public double lengthM() { return lengthM; }

        /** The segment containing this chainage (clamped to the road's ends). */
        public Segment segmentAt(double chainageM) {
            int lo = 0, hi = segments.size() - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (segments.get(mid).startChainageM <= chainageM) lo = mid; else hi = mid - 1;
            }
            return segments.get(lo);
        }

        /**
         * Whether a chainage is within the suppression distance of a registered feature: speed bumps get
         * {@link PavementConfig#speedBumpSuppressM} (they are violent, and a pass's along-road GPS error can
         * be several metres), the others {@link PavementConfig#featureSuppressM}.
         */
        public boolean isNearFeature(double chainageM, PavementConfig cfg) {
            for (int i = 0; i < features.size(); i++) {
                double r = "speed_bump".equals(featureKinds.get(i)) ? cfg.speedBumpSuppressM : cfg.featureSuppressM;
                if (Math.abs(features.get(i)[0] - chainageM) < r) return true;
            }
            return false;
        }

        /** Distance to the nearest registered feature of any kind along this road, m (infinity if none). */
        public double distanceToFeature(double chainageM) {
            double best = Double.POSITIVE_INFINITY;
            for (double[] f : features) best = Math.min(best, Math.abs(f[0] - chainageM));
            return best;
        }
    }

    private final LocalPlane plane;
    private final GeometryFactory gf = new GeometryFactory();
    private final STRtree index = new STRtree();
    private final Map<String, Segment> segments = new HashMap<>();
    private final Map<String, Road> roads = new HashMap<>();

    private RoadNetwork(LocalPlane plane) {
        this.plane = plane;
    }

    /** Builds the network; the plane is centred on the mean of all segment vertices. */
    public static RoadNetwork of(List<RoadDef> roads, List<SegmentDef> segments, List<FeatureDef> features) {
        double sLat = 0, sLon = 0;
        int n = 0;
        for (SegmentDef s : segments) for (double[] p : s.lonLat()) { sLon += p[0]; sLat += p[1]; n++; }
        if (n == 0) {
            // A database without a network yet (a fresh `roadchief run`, the ingest tests): the job must
            // still run and land telemetry; pavement analytics match nothing until it restarts with one.
            LoggerFactory.getLogger(RoadNetwork.class).warn("No road segments in road_segment: pavement analytics stay idle; "
                    + "load the road network and restart the job");
            return new RoadNetwork(new LocalPlane(0, 0));
        }
        RoadNetwork net = new RoadNetwork(new LocalPlane(sLat / n, sLon / n));
        for (RoadDef r : roads) net.roads.put(r.roadId(), new Road(r));
        List<SegmentDef> sorted = new ArrayList<>(segments);
        sorted.sort(Comparator.comparing(SegmentDef::roadId).thenComparingInt(SegmentDef::seqOnRoad));
        for (SegmentDef s : sorted) {
            Road road = net.roads.computeIfAbsent(s.roadId(), id -> new Road(new RoadDef(id, id, id, s.districtCode())));
            Coordinate[] cs = new Coordinate[s.lonLat().length];
            for (int i = 0; i < cs.length; i++) {
                cs[i] = new Coordinate(net.plane.x(s.lonLat()[i][0]), net.plane.y(s.lonLat()[i][1]));
            }
            LineString line = net.gf.createLineString(cs);
            Segment seg = new Segment(s, line, road.lengthM, road);
            road.lengthM += seg.geomLengthM;
            road.segments.add(seg);
            net.segments.put(s.segmentId(), seg);
            net.index.insert(line.getEnvelopeInternal(), seg);
        }
        net.index.build();
        for (FeatureDef f : features) {
            Segment seg = net.segments.get(f.segmentId());
            if (seg == null) continue;
            double x = net.plane.x(f.lon()), y = net.plane.y(f.lat());
            double along = Geometry2d.project(seg.line, x, y).alongM();
            seg.road.features.add(new double[]{seg.startChainageM + along});
            seg.road.featureKinds.add(f.kind());
        }
        return net;
    }

    /** Loads the whole network from the database (road_segment, road, segment_feature). */
    public static RoadNetwork load(Connection c) throws SQLException {
        List<RoadDef> roads = new ArrayList<>();
        List<SegmentDef> segs = new ArrayList<>();
        List<FeatureDef> feats = new ArrayList<>();
        WKTReader wkt = new WKTReader();
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT road_id, name_zh, name_en, district_code FROM road")) {
                while (rs.next()) roads.add(new RoadDef(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
            try (ResultSet rs = st.executeQuery(
                    "SELECT segment_id, road_id, seq_on_road, district_code, length_m, geometry_wkt FROM road_segment")) {
                while (rs.next()) {
                    Coordinate[] cs;
                    try {
                        cs = wkt.read(rs.getString(6)).getCoordinates();
                    } catch (ParseException e) {
                        throw new SQLException("segment " + rs.getString(1) + " has unreadable geometry_wkt", e);
                    }
                    double[][] ll = new double[cs.length][];
                    for (int i = 0; i < cs.length; i++) ll[i] = new double[]{cs[i].x, cs[i].y};
                    segs.add(new SegmentDef(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getDouble(5), ll));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT segment_id, kind, lat, lon FROM segment_feature")) {
                while (rs.next()) feats.add(new FeatureDef(rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getDouble(4)));
            }
        }
        return of(roads, segs, feats);
    }

    public LocalPlane plane() { return plane; }
    public Segment segment(String id) { return segments.get(id); }
    public Road road(String id) { return roads.get(id); }
    public Road roadOf(Segment s) { return s.road; }
    public int segmentCount() { return segments.size(); }

    /** Segments whose bounding box lies within radius of the point (local metres). */
    @SuppressWarnings("unchecked")
    public List<Segment> near(double x, double y, double radiusM) {
        return index.query(new Envelope(x - radiusM, x + radiusM, y - radiusM, y + radiusM));
    }

    /** WGS-84 position of a chainage on a road: {lat, lon}. */
    public double[] latLonAt(Road road, double chainageM) {
        Segment s = road.segmentAt(chainageM);
        double along = Math.max(0, Math.min(s.geomLengthM, chainageM - s.startChainageM));
        double[] xy = Geometry2d.pointAt(s.line, along);
        return new double[]{plane.lat(xy[1]), plane.lon(xy[0])};
    }

    /** Projection of a point onto a road: {chainage m, distance m}; null when the road is not within radius. */
    public double[] projectOnRoad(Road road, double lat, double lon, double radiusM) {
        double x = plane.x(lon), y = plane.y(lat);
        double[] best = null;
        for (Segment s : near(x, y, radiusM)) {
            if (s.road != road) continue;
            Geometry2d.Projection p = Geometry2d.project(s.line, x, y);
            if (p.distanceM() <= radiusM && (best == null || p.distanceM() < best[1])) {
                best = new double[]{s.startChainageM + Math.max(0, Math.min(s.geomLengthM, p.alongM())), p.distanceM()};
            }
        }
        return best;
    }

    /** The nearest segment to a point within radius, or null. */
    public Segment nearest(double lat, double lon, double radiusM) {
        double x = plane.x(lon), y = plane.y(lat);
        Segment best = null;
        double bd = radiusM;
        for (Segment s : near(x, y, radiusM)) {
            double d = Geometry2d.project(s.line, x, y).distanceM();
            if (d <= bd) { bd = d; best = s; }
        }
        return best;
    }
}
