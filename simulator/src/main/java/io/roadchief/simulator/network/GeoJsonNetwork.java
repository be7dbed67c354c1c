package io.roadchief.simulator.network;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Imports a road network from a GeoJSON FeatureCollection of LineString (or MultiLineString, first
 * part) features, WGS-84 [lon, lat]. Properties used: {@code name_zh}, {@code name_en},
 * {@code district} (code, e.g. "XH"), optional {@code district_name_zh}, {@code district_name_en},
 * {@code road_id}, {@code road_class}. Roads are split into ~100 m segments like generated ones; a
 * segment's district is its road's. The JSON reader is a small one of its own (no extra dependency).
 */
public final class GeoJsonNetwork {
    private GeoJsonNetwork() {}

    public static RoadNetwork read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    public static RoadNetwork parse(String json) {
        Object root = new Json(json).value();
        if (!(root instanceof Map<?, ?> fc) || !(fc.get("features") instanceof List<?> features)) {
            throw new IllegalArgumentException("not a GeoJSON FeatureCollection");
        }
        List<double[][]> lines = new ArrayList<>();
        List<Map<String, Object>> props = new ArrayList<>();
        double sumLat = 0, sumLon = 0;
        int n = 0;
        for (Object fo : features) {
            Map<String, Object> f = (Map<String, Object>) fo;
            Map<String, Object> g = (Map<String, Object>) f.get("geometry");
            if (g == null) continue;
            List<Object> coords = (List<Object>) g.get("coordinates");
            if ("MultiLineString".equals(g.get("type"))) coords = (List<Object>) coords.get(0);
            else if (!"LineString".equals(g.get("type"))) continue;
            double[][] pts = new double[coords.size()][];
            for (int i = 0; i < pts.length; i++) {
                List<Object> c = (List<Object>) coords.get(i);
                pts[i] = new double[] {((Number) c.get(0)).doubleValue(), ((Number) c.get(1)).doubleValue()};
                sumLon += pts[i][0];
                sumLat += pts[i][1];
                n++;
            }
            if (pts.length < 2) continue;
            lines.add(pts);
            Map<String, Object> p = (Map<String, Object>) f.get("properties");
            props.add(p == null ? Map.of() : p);
        }
        if (lines.isEmpty()) throw new IllegalArgumentException("no LineString features");
        LocalProjection proj = new LocalProjection(sumLat / n, sumLon / n);
        Map<String, District> districts = new LinkedHashMap<>();
        List<Road> roads = new ArrayList<>();
        for (int k = 0; k < lines.size(); k++) {
            Map<String, Object> p = props.get(k);
            String code = str(p, "district", "XX");
            districts.computeIfAbsent(code, c -> new District(c, str(p, "district_name_zh", c), str(p, "district_name_en", c)));
            double[][] pts = lines.get(k);
            double[] xs = new double[pts.length], ys = new double[pts.length];
            for (int i = 0; i < pts.length; i++) {
                xs[i] = proj.eastM(pts[i][0]);
                ys[i] = proj.northM(pts[i][1]);
            }
            String id = str(p, "road_id", String.format(Locale.ROOT, "R-%04d", k + 1));
            String zh = str(p, "name_zh", id);
            roads.add(new Road(id, zh, str(p, "name_en", zh), code, str(p, "road_class", "secondary"), xs, ys));
        }
        return RoadNetwork.of(proj, new ArrayList<>(districts.values()), roads, (x, y) -> null);
    }

    /** Writes the roads as a GeoJSON FeatureCollection that {@link #parse} reads back. */
    public static String toGeoJson(RoadNetwork network) {
        StringBuilder b = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        Map<String, District> byCode = new LinkedHashMap<>();
        for (District d : network.districts()) byCode.put(d.code(), d);
        LocalProjection proj = network.projection();
        boolean firstRoad = true;
        for (Road r : network.roads()) {
            if (!firstRoad) b.append(',');
            firstRoad = false;
            District d = byCode.get(r.districtCode());
            b.append("{\"type\":\"Feature\",\"properties\":{");
            b.append("\"road_id\":").append(quote(r.roadId()));
            b.append(",\"name_zh\":").append(quote(r.nameZh()));
            b.append(",\"name_en\":").append(quote(r.nameEn()));
            b.append(",\"district\":").append(quote(r.districtCode()));
            if (d != null) {
                b.append(",\"district_name_zh\":").append(quote(d.nameZh()));
                b.append(",\"district_name_en\":").append(quote(d.nameEn()));
            }
            b.append(",\"road_class\":").append(quote(r.roadClass()));
            b.append("},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[");
            for (int i = 0; i < r.vertexCount(); i++) {
                if (i > 0) b.append(',');
                b.append(String.format(Locale.ROOT, "[%.8f,%.8f]", proj.lon(r.vertexX(i)), proj.lat(r.vertexY(i))));
            }
            b.append("]}}");
        }
        return b.append("]}").toString();
    }

    private static String quote(String v) {
        return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String str(Map<String, Object> p, String key, String dflt) {
        Object v = p.get(key);
        return v == null ? dflt : v.toString();
    }

    /** Minimal JSON reader: objects, arrays, strings (with escapes), numbers, true/false/null. */
    private static final class Json {
        private final String s;
        private int i;

        Json(String s) {
            this.s = s;
        }

        Object value() {
            ws();
            if (i >= s.length()) throw error("unexpected end");
            char c = s.charAt(i);
            switch (c) {
                case '{': return object();
                case '[': return array();
                case '"': return string();
                case 't': expect("true"); return Boolean.TRUE;
                case 'f': expect("false"); return Boolean.FALSE;
                case 'n': expect("null"); return null;
                default: return number();
            }
        }

        private Map<String, Object> object() {
            Map<String, Object> m = new LinkedHashMap<>();
            i++;
            ws();
            if (peek() == '}') { i++; return m; }
            while (true) {
                ws();
                String k = string();
                ws();
                if (s.charAt(i++) != ':') throw error("':' expected");
                m.put(k, value());
                ws();
                char c = s.charAt(i++);
                if (c == '}') return m;
                if (c != ',') throw error("',' or '}' expected");
            }
        }

        private List<Object> array() {
            List<Object> l = new ArrayList<>();
            i++;
            ws();
            if (peek() == ']') { i++; return l; }
            while (true) {
                l.add(value());
                ws();
                char c = s.charAt(i++);
                if (c == ']') return l;
                if (c != ',') throw error("',' or ']' expected");
            }
        }

        private String string() {
            if (s.charAt(i) != '"') throw error("string expected");
            StringBuilder b = new StringBuilder();
            i++;
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') return b.toString();
                if (c != '\\') { b.append(c); continue; }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> { b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; }
                    default -> b.append(e);
                }
            }
        }

        private Double number() {
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
            if (start == i) throw error("value expected");
            return Double.parseDouble(s.substring(start, i));
        }

        private void expect(String word) {
            if (!s.startsWith(word, i)) throw error(word + " expected");
            i += word.length();
        }

        private char peek() {
            return i < s.length() ? s.charAt(i) : 0;
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("GeoJSON: " + what + " at offset " + i);
        }
    }
}
