package io.roadchief.jobs.water;

import io.roadchief.jobs.sink.JdbcTarget;
import io.roadchief.schema.DeviceIds;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The gauge catalog: the {@code gauge} table is the one place gauges are configured; this imports it
 * from CSV or GeoJSON and loads it for the water job.
 *
 * <p>CSV: a header row naming the columns (any order): gauge_id, name_zh, name_en, kind
 * (road_ponding|drain), lat, lon, segment_id, district_code, interval_s, range_mm, rim_mm, crown_mm,
 * blue_mm, yellow_mm, orange_mm, red_mm. GeoJSON: a FeatureCollection of Points whose properties
 * carry the same names (lat/lon come from the geometry). Empty thresholds take the defaults of
 * {@link WaterThresholds}: GB 50014 depths for road ponding, rim-relative levels for drains (which
 * then need rim_mm). Empty interval_s is 60 s, empty range_mm 3000 mm.
 */
public final class GaugeCatalog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GaugeCatalog() {}

    /** Parses a CSV catalog. */
    public static List<GaugeConfig> parseCsv(Reader reader) throws IOException {
        BufferedReader in = new BufferedReader(reader);
        String header = in.readLine();
        if (header == null) return List.of();
        if (header.startsWith("\uFEFF")) header = header.substring(1);
        List<String> names = splitCsv(header).stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
        List<GaugeConfig> out = new ArrayList<>();
        String line;
        int lineNo = 1;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) continue;
            List<String> cells = splitCsv(line);
            Map<String, String> f = new HashMap<>();
            for (int i = 0; i < names.size() && i < cells.size(); i++) f.put(names.get(i), cells.get(i).trim());
            try {
                out.add(fromFields(f));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("gauge catalog line " + lineNo + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    public static List<GaugeConfig> parseCsv(String text) {
        try {
            return parseCsv(new StringReader(text));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a GeoJSON FeatureCollection of Point features. */
    public static List<GaugeConfig> parseGeoJson(String text) throws IOException {
        JsonNode root = JSON.readTree(text);
        JsonNode features = root.path("features");
        if (!features.isArray()) throw new IllegalArgumentException("GeoJSON catalog must be a FeatureCollection");
        List<GaugeConfig> out = new ArrayList<>();
        int i = 0;
        for (JsonNode feature : features) {
            Map<String, String> f = new HashMap<>();
            JsonNode props = feature.path("properties");
            for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isNull()) f.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().asText());
            }
            JsonNode geometry = feature.path("geometry");
            if (!"Point".equals(geometry.path("type").asText()))
                throw new IllegalArgumentException("feature " + i + ": geometry must be a Point");
            f.put("lon", geometry.path("coordinates").path(0).asText());
            f.put("lat", geometry.path("coordinates").path(1).asText());
            try {
                out.add(fromFields(f));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("feature " + i + ": " + e.getMessage(), e);
            }
            i++;
        }
        return out;
    }

    /** Reads a catalog file, CSV or GeoJSON by its extension (.csv, .geojson/.json). */
    public static List<GaugeConfig> read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (name.endsWith(".geojson") || name.endsWith(".json")) return parseGeoJson(text);
        return parseCsv(new StringReader(text));
    }

    /** One gauge from named fields, with the defaults filled in. */
    public static GaugeConfig fromFields(Map<String, String> f) {
        String id = req(f, "gauge_id");
        if (!DeviceIds.isValid(id)) throw new IllegalArgumentException("invalid gauge_id '" + id + "'");
        GaugeKind kind = GaugeKind.parse(req(f, "kind"));
        Integer rim = optInt(f, "rim_mm");
        Integer crown = optInt(f, "crown_mm");
        int[] defaults;
        if (kind == GaugeKind.DRAIN) {
            if (rim == null) throw new IllegalArgumentException(id + ": a drain gauge needs rim_mm");
            defaults = WaterThresholds.drainDefaults(rim);
        } else {
            defaults = WaterThresholds.pondingDefaults();
        }
        Integer interval = optInt(f, "interval_s");
        Integer range = optInt(f, "range_mm");
        String nameZh = opt(f, "name_zh");
        String nameEn = opt(f, "name_en");
        return new GaugeConfig(id, nameZh == null ? id : nameZh, nameEn == null ? id : nameEn, kind,
                Double.parseDouble(req(f, "lat")), Double.parseDouble(req(f, "lon")),
                opt(f, "segment_id"), opt(f, "district_code"),
                interval == null ? WaterThresholds.DEFAULT_INTERVAL_S : interval,
                range == null ? WaterThresholds.DEFAULT_RANGE_MM : range, rim, crown,
                or(optInt(f, "blue_mm"), defaults[0]), or(optInt(f, "yellow_mm"), defaults[1]),
                or(optInt(f, "orange_mm"), defaults[2]), or(optInt(f, "red_mm"), defaults[3]));
    }

    /** Inserts or updates the gauges; returns how many rows were written. */
    public static int upsert(Connection c, List<GaugeConfig> gauges) throws SQLException {
        String sql = """
                INSERT INTO gauge (gauge_id, name_zh, name_en, kind, lat, lon, segment_id, district_code, interval_s,
                                   range_mm, rim_mm, crown_mm, blue_mm, yellow_mm, orange_mm, red_mm)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (gauge_id) DO UPDATE SET name_zh = EXCLUDED.name_zh, name_en = EXCLUDED.name_en,
                    kind = EXCLUDED.kind, lat = EXCLUDED.lat, lon = EXCLUDED.lon, segment_id = EXCLUDED.segment_id,
                    district_code = EXCLUDED.district_code, interval_s = EXCLUDED.interval_s, range_mm = EXCLUDED.range_mm,
                    rim_mm = EXCLUDED.rim_mm, crown_mm = EXCLUDED.crown_mm, blue_mm = EXCLUDED.blue_mm,
                    yellow_mm = EXCLUDED.yellow_mm, orange_mm = EXCLUDED.orange_mm, red_mm = EXCLUDED.red_mm""";
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (GaugeConfig g : gauges) {
                ps.setString(1, g.gaugeId());
                ps.setString(2, g.nameZh());
                ps.setString(3, g.nameEn());
                ps.setString(4, g.kind().sql());
                ps.setDouble(5, g.lat());
                ps.setDouble(6, g.lon());
                ps.setString(7, g.segmentId());
                ps.setString(8, g.districtCode());
                ps.setInt(9, g.intervalS());
                ps.setInt(10, g.rangeMm());
                setInt(ps, 11, g.rimMm());
                setInt(ps, 12, g.crownMm());
                ps.setInt(13, g.blueMm());
                ps.setInt(14, g.yellowMm());
                ps.setInt(15, g.orangeMm());
                ps.setInt(16, g.redMm());
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
            return gauges.size();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** Imports a catalog file into the database. */
    public static int importFile(Path file, JdbcTarget db) throws IOException, SQLException {
        List<GaugeConfig> gauges = read(file);
        try (Connection c = db.open()) {
            return upsert(c, gauges);
        }
    }

    /** The whole catalog, by gauge id. */
    public static Map<String, GaugeConfig> load(Connection c) throws SQLException {
        Map<String, GaugeConfig> m = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT gauge_id, name_zh, name_en, kind, lat, lon, segment_id, district_code, "
                     + "interval_s, range_mm, rim_mm, crown_mm, blue_mm, yellow_mm, orange_mm, red_mm FROM gauge ORDER BY gauge_id")) {
            while (rs.next()) {
                GaugeConfig g = new GaugeConfig(rs.getString(1), rs.getString(2), rs.getString(3), GaugeKind.parse(rs.getString(4)),
                        rs.getDouble(5), rs.getDouble(6), rs.getString(7), rs.getString(8), rs.getInt(9), rs.getInt(10),
                        (Integer) rs.getObject(11), (Integer) rs.getObject(12), rs.getInt(13), rs.getInt(14), rs.getInt(15), rs.getInt(16));
                m.put(g.gaugeId(), g);
            }
        }
        return m;
    }

    public static Map<String, GaugeConfig> load(JdbcTarget db) throws SQLException {
        try (Connection c = db.open()) {
            return load(c);
        }
    }

    private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) ps.setNull(i, Types.INTEGER);
        else ps.setInt(i, v);
    }

    private static String req(Map<String, String> f, String k) {
        String v = opt(f, k);
        if (v == null) throw new IllegalArgumentException("missing " + k);
        return v;
    }

    private static String opt(Map<String, String> f, String k) {
        String v = f.get(k);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static Integer optInt(Map<String, String> f, String k) {
        String v = opt(f, k);
        return v == null ? null : (int) Math.round(Double.parseDouble(v));
    }

    private static int or(Integer v, int d) {
        return v == null ? d : v;
    }

    /** Splits one CSV line (RFC 4180 quotes, no embedded newlines). */
    static List<String> splitCsv(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') { cur.append('"'); i++; }
                    else quoted = false;
                } else cur.append(ch);
            } else if (ch == '"') quoted = true;
            else if (ch == ',') { cells.add(cur.toString()); cur.setLength(0); }
            else cur.append(ch);
        }
        cells.add(cur.toString());
        return cells;
    }
}
