package io.roadchief.jobs.pavement;

import io.roadchief.jobs.sink.JdbcTarget;
import io.roadchief.jobs.sink.PostgresBatchSink;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The pavement pipeline's database writes, all idempotent so at-least-once delivery (and replays) are
 * exact in effect. The defect and ticket statements are INSERT ... SELECT rather than INSERT ... VALUES on
 * purpose: the JDBC driver folds batched VALUES inserts into one multi-row insert, and one statement may
 * not upsert the same defect twice, which a batch holding two detections of one defect would.
 */
public final class PavementSinks {
    private PavementSinks() {}

    public static final String ACTOR = "roadchief-pavement";

    static final String PASS_SQL = """
            INSERT INTO segment_pass (segment_id, device_id, pass_start, pass_end, vehicle_class, mean_speed_kmh, iri_m_km, sample_count)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (segment_id, device_id, pass_start) DO UPDATE SET pass_end = EXCLUDED.pass_end,
                vehicle_class = EXCLUDED.vehicle_class, mean_speed_kmh = EXCLUDED.mean_speed_kmh,
                iri_m_km = EXCLUDED.iri_m_km, sample_count = EXCLUDED.sample_count""";

    static final String DETECTION_SQL = """
            INSERT INTO defect_detection (device_id, detected_at, segment_id, lat, lon, defect_type, severity, confidence,
                source, speed_kmh, peak_acc_g, depth_mm_est, length_m_est, defect_id)
            SELECT ?::text, ?::timestamptz, ?::text, ?::float8, ?::float8, ?::text, ?::text, ?::real, ?::text, ?::real,
                   ?::real, ?::int, ?::real, ?::text
            ON CONFLICT (device_id, detected_at) DO UPDATE SET segment_id = EXCLUDED.segment_id, lat = EXCLUDED.lat,
                lon = EXCLUDED.lon, defect_type = EXCLUDED.defect_type, severity = EXCLUDED.severity,
                confidence = EXCLUDED.confidence, source = EXCLUDED.source, speed_kmh = EXCLUDED.speed_kmh,
                peak_acc_g = EXCLUDED.peak_acc_g, depth_mm_est = EXCLUDED.depth_mm_est,
                length_m_est = EXCLUDED.length_m_est, defect_id = EXCLUDED.defect_id""";

    /** A repaired defect stays repaired here: verification decides what happens to it, not a stale replay. */
    static final String DEFECT_SQL = """
            INSERT INTO defect AS d (defect_id, segment_id, lat, lon, defect_type, severity, first_seen, last_seen,
                detection_count, vehicle_count, status, road_id, direction, chainage_m)
            SELECT ?::text, ?::text, ?::float8, ?::float8, ?::text, ?::text, ?::timestamptz, ?::timestamptz, ?::int, ?::int, ?::text,
                   ?::text, ?::smallint, ?::float8
            ON CONFLICT (defect_id) DO UPDATE SET segment_id = EXCLUDED.segment_id, lat = EXCLUDED.lat, lon = EXCLUDED.lon,
                road_id = EXCLUDED.road_id, direction = EXCLUDED.direction, chainage_m = EXCLUDED.chainage_m,
                defect_type = EXCLUDED.defect_type, severity = EXCLUDED.severity,
                first_seen = LEAST(d.first_seen, EXCLUDED.first_seen), last_seen = GREATEST(d.last_seen, EXCLUDED.last_seen),
                detection_count = GREATEST(d.detection_count, EXCLUDED.detection_count),
                vehicle_count = GREATEST(d.vehicle_count, EXCLUDED.vehicle_count),
                status = CASE WHEN d.status = 'repaired' THEN d.status ELSE EXCLUDED.status END""";

    /**
     * Opens the ticket (status 'open', deadlines from RepairSla) or, when it exists, updates only its evidence
     * (count, and the type/title/position that more evidence refines): status, severity, crew and deadlines
     * belong to crews and the SLA job once it is open. The 'opened' event is written
     * in the same statement (ticket_event references ticket) and de-duplicated by its key.
     */
    static final String TICKET_SQL = """
            WITH t AS (
              INSERT INTO ticket AS k (ticket_id, defect_id, segment_id, road_name_zh, road_name_en, district_code, lat, lon,
                  defect_type, severity, title_zh, title_en, status, confirmed_at, due_at, warn_at, evidence_count, updated_at)
              SELECT ?::text, ?::text, ?::text, ?::text, ?::text, ?::text, ?::float8, ?::float8, ?::text, ?::text, ?::text, ?::text,
                     'open', ?::timestamptz, ?::timestamptz, ?::timestamptz, ?::int, now()
              ON CONFLICT (ticket_id) DO UPDATE SET evidence_count = GREATEST(k.evidence_count, EXCLUDED.evidence_count),
                  defect_type = EXCLUDED.defect_type, title_zh = EXCLUDED.title_zh, title_en = EXCLUDED.title_en,
                  lat = EXCLUDED.lat, lon = EXCLUDED.lon, updated_at = now()
              RETURNING ticket_id)
            INSERT INTO ticket_event (ticket_id, at, kind, actor, from_status, to_status, reason, detail, dedup_key)
            SELECT t.ticket_id, ?::timestamptz, 'opened', ?::text, NULL, 'open', ?::text, ?::text, ?::text FROM t WHERE ?::boolean
            ON CONFLICT (dedup_key) DO NOTHING""";

    static OffsetDateTime ts(long ms) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(ms), ZoneOffset.UTC);
    }

    public static PostgresBatchSink<SegmentPass> passes(JdbcTarget db) {
        return PostgresBatchSink.<SegmentPass>builder("segment_pass", db, PASS_SQL, PavementSinks::bindPass).build();
    }

    public static PostgresBatchSink<DefectDetection> detections(JdbcTarget db) {
        return PostgresBatchSink.<DefectDetection>builder("defect_detection", db, DETECTION_SQL, PavementSinks::bindDetection).build();
    }

    public static PostgresBatchSink<DefectUpdate> defects(JdbcTarget db) {
        return PostgresBatchSink.<DefectUpdate>builder("defect", db, DEFECT_SQL, PavementSinks::bindDefect).build();
    }

    public static PostgresBatchSink<DefectUpdate> tickets(JdbcTarget db) {
        return PostgresBatchSink.<DefectUpdate>builder("ticket", db, TICKET_SQL, PavementSinks::bindTicket).build();
    }

    static void bindPass(PreparedStatement st, SegmentPass p) throws SQLException {
        st.setString(1, p.segmentId());
        st.setString(2, p.deviceId());
        st.setObject(3, ts(p.passStartMs()));
        st.setObject(4, ts(p.passEndMs()));
        st.setString(5, p.vehicleClass());
        st.setFloat(6, (float) p.meanSpeedKmh());
        if (p.iriMKm() == null) st.setNull(7, Types.REAL); else st.setFloat(7, p.iriMKm().floatValue());
        st.setInt(8, p.sampleCount());
    }

    static void bindDetection(PreparedStatement st, DefectDetection d) throws SQLException {
        st.setString(1, d.deviceId());
        st.setObject(2, ts(d.detectedAtMs()));
        st.setString(3, d.segmentId());
        st.setDouble(4, d.lat());
        st.setDouble(5, d.lon());
        st.setString(6, d.defectType());
        st.setString(7, d.severity());
        st.setFloat(8, (float) d.confidence());
        st.setString(9, d.source());
        st.setFloat(10, (float) d.speedKmh());
        st.setFloat(11, (float) d.peakAccG());
        st.setInt(12, d.depthMmEst());
        st.setFloat(13, (float) d.lengthMEst());
        st.setString(14, d.defectId());
    }

    static void bindDefect(PreparedStatement st, DefectUpdate u) throws SQLException {
        st.setString(1, u.defectId());
        st.setString(2, u.segmentId());
        st.setDouble(3, u.lat());
        st.setDouble(4, u.lon());
        st.setString(5, u.defectType());
        st.setString(6, u.severity());
        st.setObject(7, ts(u.firstSeenMs()));
        st.setObject(8, ts(u.lastSeenMs()));
        st.setInt(9, u.detectionCount());
        st.setInt(10, u.vehicleCount());
        st.setString(11, u.status());
        st.setString(12, u.roadId());
        st.setInt(13, u.direction());
        st.setDouble(14, u.chainageM());
    }

    static void bindTicket(PreparedStatement st, DefectUpdate u) throws SQLException {
        DefectUpdate.Ticket t = u.ticket();
        int i = 1;
        st.setString(i++, t.ticketId());
        st.setString(i++, u.defectId());
        st.setString(i++, t.segmentId());
        st.setString(i++, t.roadNameZh());
        st.setString(i++, t.roadNameEn());
        st.setString(i++, t.districtCode());
        st.setDouble(i++, t.lat());
        st.setDouble(i++, t.lon());
        st.setString(i++, t.defectType());
        st.setString(i++, t.severity());
        st.setString(i++, t.titleZh());
        st.setString(i++, t.titleEn());
        st.setObject(i++, ts(t.confirmedAtMs()));
        st.setObject(i++, ts(t.dueAtMs()));
        st.setObject(i++, ts(t.warnAtMs()));
        st.setInt(i++, t.evidenceCount());
        st.setObject(i++, ts(t.confirmedAtMs()));
        st.setString(i++, ACTOR);
        st.setString(i++, "confirmed by " + u.vehicleCount() + " vehicle(s) / " + u.vehicleCount() + " 辆车确认");
        st.setString(i++, t.titleEn());
        st.setString(i++, t.ticketId() + ":opened");
        st.setBoolean(i, u.ticketOpened());
    }
}
