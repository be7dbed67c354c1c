package io.roadchief.simulator.network;

import io.roadchief.simulator.road.RegisteredFeature;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Locale;

/**
 * Writes a simulated network into the registry tables (district, road, road_segment, segment_feature,
 * device) with JDBC batches. Idempotent: loading the same world twice changes nothing (primary keys
 * with ON CONFLICT DO NOTHING; features, whose key is a serial, are matched on segment, kind and the
 * simulator's feature id kept in the note).
 */
public final class NetworkLoader {
    private static final int BATCH = 500;

    private NetworkLoader() {}

    /** What was inserted (rows already present are not counted). */
    public record Counts(int districts, int roads, int segments, int features, int devices) {}

    public static Counts load(Connection c, RoadNetwork network, Collection<RegisteredFeature> features,
                              Collection<DeviceRow> devices) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            int d = 0, r = 0, s = 0, f = 0, dev = 0;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO district (district_code, name_zh, name_en) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (District x : network.districts()) {
                    ps.setString(1, x.code());
                    ps.setString(2, x.nameZh());
                    ps.setString(3, x.nameEn());
                    ps.addBatch();
                }
                d = sum(ps.executeBatch());
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO road (road_id, name_zh, name_en, district_code, road_class) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (Road x : network.roads()) {
                    ps.setString(1, x.roadId());
                    ps.setString(2, x.nameZh());
                    ps.setString(3, x.nameEn());
                    ps.setString(4, x.districtCode());
                    ps.setString(5, x.roadClass());
                    ps.addBatch();
                }
                r = sum(ps.executeBatch());
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO road_segment (segment_id, road_id, seq_on_road, district_code, length_m, geometry_wkt,"
                            + " min_lat, min_lon, max_lat, max_lon) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                int n = 0;
                for (Road road : network.roads()) {
                    for (RoadSegment x : road.segments()) {
                        ps.setString(1, x.segmentId());
                        ps.setString(2, x.roadId());
                        ps.setInt(3, x.seqOnRoad());
                        ps.setString(4, x.districtCode());
                        ps.setDouble(5, x.lengthM());
                        ps.setString(6, x.geometryWkt());
                        ps.setDouble(7, x.minLat());
                        ps.setDouble(8, x.minLon());
                        ps.setDouble(9, x.maxLat());
                        ps.setDouble(10, x.maxLon());
                        ps.addBatch();
                        if (++n % BATCH == 0) s += sum(ps.executeBatch());
                    }
                }
                s += sum(ps.executeBatch());
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO segment_feature (segment_id, kind, lat, lon, note) SELECT ?, ?, ?, ?, ?"
                            + " WHERE NOT EXISTS (SELECT 1 FROM segment_feature WHERE segment_id = ? AND kind = ? AND note = ?)")) {
                int n = 0;
                for (RegisteredFeature x : features) {
                    String note = noteOf(x);
                    ps.setString(1, x.segmentId());
                    ps.setString(2, x.kind());
                    ps.setDouble(3, x.lat());
                    ps.setDouble(4, x.lon());
                    ps.setString(5, note);
                    ps.setString(6, x.segmentId());
                    ps.setString(7, x.kind());
                    ps.setString(8, note);
                    ps.addBatch();
                    if (++n % BATCH == 0) f += sum(ps.executeBatch());
                }
                f += sum(ps.executeBatch());
            }
            dev = loadDevices(c, devices);
            c.commit();
            return new Counts(d, r, s, f, dev);
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** Registers devices (ON CONFLICT DO NOTHING); returns how many were new. Does not commit. */
    public static int loadDevices(Connection c, Collection<DeviceRow> devices) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO device (device_id, kind, vehicle_class, note) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (DeviceRow x : devices) {
                ps.setString(1, x.deviceId());
                ps.setString(2, x.kind());
                ps.setString(3, x.vehicleClass());
                ps.setString(4, x.note());
                ps.addBatch();
            }
            return sum(ps.executeBatch());
        }
    }

    /** The note that identifies a simulated feature, e.g. "sim F00012: speed bump 8.5 cm / 减速带". */
    static String noteOf(RegisteredFeature f) {
        String zh = switch (f.kind()) {
            case "speed_bump" -> "减速带";
            case "expansion_joint" -> "伸缩缝";
            default -> "井盖";
        };
        return String.format(Locale.ROOT, "sim %s: %s %.1f cm / %s", f.featureId(), f.kind().replace('_', ' '),
                f.heightM() * 100, zh);
    }

    private static int sum(int[] counts) {
        int t = 0;
        for (int x : counts) if (x > 0) t += x;
        return t;
    }
}
