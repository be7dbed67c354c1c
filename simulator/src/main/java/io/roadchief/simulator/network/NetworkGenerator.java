package io.roadchief.simulator.network;

import io.roadchief.simulator.Seeds;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Generates a plausible street grid around a centre (default: Hangzhou, Xihu district): east-west and
 * north-south roads with real local names, gently curved, crossing each other, plus a service road
 * 35 m beside 文三路 so that map-matching has a parallel pair to get wrong. Total length is
 * configurable; roads beyond the named ones become numbered branch roads.
 */
public final class NetworkGenerator {
    public static final double HANGZHOU_XIHU_LAT = 30.26;
    public static final double HANGZHOU_XIHU_LON = 120.13;
    /** Distance between 文三路 and its service road, m: closer than GPS error, the hard case. */
    public static final double PARALLEL_OFFSET_M = 35.0;

    public static final District XIHU = new District("XH", "西湖区", "Xihu District");
    public static final District GONGSHU = new District("GS", "拱墅区", "Gongshu District");

    /** A template: code, names, orientation and its offset from the centre (m). */
    private record Template(String code, String zh, String en, boolean eastWest, double offsetM, String roadClass) {}

    // Order = order of inclusion as the requested length grows. Offsets keep the real relative layout
    // roughly (文一/文二/文三 路 run east-west north of 天目山路; 教工路/学院路 run north-south).
    private static final Template[] TEMPLATES = {
        new Template("WS", "文三路", "Wensan Road", true, 0, "secondary"),
        new Template("JG", "教工路", "Jiaogong Road", false, 0, "arterial"),
        new Template("WSF", "文三路辅路", "Wensan Road Service Road", true, PARALLEL_OFFSET_M, "branch"),
        new Template("TMS", "天目山路", "Tianmushan Road", true, -450, "arterial"),
        new Template("XY", "学院路", "Xueyuan Road", false, -600, "secondary"),
        new Template("WE", "文二路", "Wen'er Road", true, 450, "secondary"),
        new Template("GC", "古翠路", "Gucui Road", false, -1200, "secondary"),
        new Template("MGS", "莫干山路", "Moganshan Road", false, 1200, "arterial"),
        new Template("WY", "文一路", "Wenyi Road", true, 900, "secondary"),
        new Template("BC", "保俶路", "Baochu Road", false, 600, "secondary"),
        new Template("XX", "西溪路", "Xixi Road", true, -900, "secondary"),
        new Template("DS", "德胜路", "Desheng Road", true, 1800, "arterial"),
        new Template("FT", "丰潭路", "Fengtan Road", false, -1800, "secondary"),
        new Template("DG", "大关路", "Daguan Road", true, 1350, "secondary"),
        new Template("HSN", "湖墅南路", "Hushu South Road", false, 1800, "arterial"),
        new Template("GD", "古墩路", "Gudun Road", false, -2400, "arterial"),
    };

    private NetworkGenerator() {}

    /** Gongshu lies north and east of Xihu; a simple boundary is enough for the simulation. */
    public static String districtAt(double x, double y) {
        return (y > 1100 || x > 1000) ? GONGSHU.code() : XIHU.code();
    }

    public static RoadNetwork generate(long seed, double totalKm) {
        return generate(seed, totalKm, HANGZHOU_XIHU_LAT, HANGZHOU_XIHU_LON);
    }

    public static RoadNetwork generate(long seed, double totalKm, double centreLat, double centreLon) {
        if (totalKm <= 0) throw new IllegalArgumentException("totalKm must be positive");
        double totalM = totalKm * 1000;
        // 3 roads at least (a crossing pair and the parallel service road), about 4 km per road.
        int n = (int) Math.max(3, Math.ceil(totalKm / 4.0));
        double perRoad = totalM / n;
        LocalProjection proj = new LocalProjection(centreLat, centreLon);
        List<Road> roads = new ArrayList<>();
        double[] wiggle = null;
        for (int i = 0; i < n; i++) {
            Template t;
            if (i < TEMPLATES.length) {
                t = TEMPLATES[i];
            } else {
                int k = i - TEMPLATES.length + 1;
                boolean ew = k % 2 == 0;
                double off = (ew ? 1 : -1) * (2300 + 450 * ((k + 1) / 2));
                t = new Template("ZL" + k, "支路" + k + "号", "Branch Road " + k, ew, off, "branch");
            }
            SplittableRandom r = Seeds.random(seed, "road", i);
            // shape: a gentle sinusoidal curve plus a small rotation; the service road copies 文三路's
            double[] shape = {Seeds.uniform(r, 5, 25), Seeds.uniform(r, 800, 2000), Seeds.uniform(r, 0, 2 * Math.PI),
                Math.toRadians(Seeds.uniform(r, -5, 5)), Seeds.uniform(r, -150, 150)};
            if (t.code().equals("WS")) wiggle = shape;
            double len = perRoad;
            if (t.code().equals("WSF") && wiggle != null) shape = wiggle;
            int vertices = Math.max(2, (int) Math.ceil(len / 10.0) + 1);
            double[] xs = new double[vertices];
            double[] ys = new double[vertices];
            double along0 = -len / 2 + shape[4];
            for (int v = 0; v < vertices; v++) {
                double a = along0 + len * v / (vertices - 1);
                double across = t.offsetM() + shape[0] * Math.sin(2 * Math.PI * a / shape[1] + shape[2]);
                double ax = t.eastWest() ? a : across;
                double ay = t.eastWest() ? across : a;
                double c = Math.cos(shape[3]), sn = Math.sin(shape[3]);
                // rotate around the road's own crossing line so parallel roads stay parallel
                double ox = t.eastWest() ? 0 : t.offsetM();
                double oy = t.eastWest() ? t.offsetM() - (t.code().equals("WSF") ? PARALLEL_OFFSET_M : 0) : 0;
                double rx = ax - ox, ry = ay - oy;
                xs[v] = ox + c * rx - sn * ry;
                ys[v] = oy + sn * rx + c * ry;
            }
            // the curve makes the polyline slightly longer than len; rescale along its own length is
            // unnecessary for a simulation, the segments adapt.
            String roadId = String.format(Locale.ROOT, "%s-%04d", t.code(), 1);
            String district = districtAt(xs[vertices / 2], ys[vertices / 2]);
            roads.add(new Road(roadId, t.zh(), t.en(), district, t.roadClass(), xs, ys));
        }
        return RoadNetwork.of(proj, List.of(XIHU, GONGSHU), roads, NetworkGenerator::districtAt);
    }
}
