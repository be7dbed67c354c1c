package io.roadchief.jobs.landing;

import io.roadchief.ingest.telemetry.CameraCandidate;
import io.roadchief.ingest.telemetry.GaugeObservation;
import io.roadchief.ingest.telemetry.VehicleLanding;
import io.roadchief.ingest.validation.QuarantineRecord;
import io.roadchief.jobs.sink.JdbcTarget;
import io.roadchief.jobs.sink.PostgresBatchSink;

import java.sql.Timestamp;
import java.sql.Types;

/**
 * Sinks for what devices sent: accepted telemetry into the landing tables, refused messages into
 * quarantine. Every statement is idempotent on the table's key, (device, sequence[, device time]),
 * so replays after a crash or a broker redelivery add nothing.
 */
public final class LandingSinks {
    private LandingSinks() {}

    public static PostgresBatchSink<VehicleLanding> vehicleBatches(JdbcTarget db) {
        return PostgresBatchSink.<VehicleLanding>builder("vehicle_batch", db, """
                INSERT INTO vehicle_batch (device_id, seq, device_time, received_at, sample_rate_hz, sample_count,
                                           fix_count, lat, lon, speed_kmh, payload)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""", (ps, r) -> {
            ps.setString(1, r.deviceId());
            ps.setLong(2, r.seq());
            ps.setTimestamp(3, new Timestamp(r.deviceTimeMs()));
            ps.setTimestamp(4, new Timestamp(r.receivedAtMs()));
            ps.setInt(5, r.sampleRateHz());
            ps.setInt(6, r.sampleCount());
            ps.setInt(7, r.fixCount());
            if (r.lat() == null) {
                ps.setNull(8, Types.DOUBLE);
                ps.setNull(9, Types.DOUBLE);
                ps.setNull(10, Types.REAL);
            } else {
                ps.setDouble(8, r.lat());
                ps.setDouble(9, r.lon());
                ps.setFloat(10, r.speedKmh());
            }
            ps.setBytes(11, r.payload());
        }).build();
    }

    public static PostgresBatchSink<GaugeObservation> gaugeReadings(JdbcTarget db) {
        return PostgresBatchSink.<GaugeObservation>builder("gauge_reading", db, """
                INSERT INTO gauge_reading (gauge_id, seq, device_time, received_at, level_mm, rainfall_mm, battery_mv, interval_s)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""", (ps, r) -> {
            ps.setString(1, r.gaugeId());
            ps.setLong(2, r.seq());
            ps.setTimestamp(3, new Timestamp(r.deviceTimeMs()));
            ps.setTimestamp(4, new Timestamp(r.receivedAtMs()));
            ps.setInt(5, r.levelMm());
            if (r.rainfallMm() == null) ps.setNull(6, Types.REAL); else ps.setFloat(6, r.rainfallMm());
            if (r.batteryMv() == null) ps.setNull(7, Types.INTEGER); else ps.setInt(7, r.batteryMv());
            ps.setInt(8, r.intervalS());
        }).build();
    }

    public static PostgresBatchSink<CameraCandidate> cameraCandidates(JdbcTarget db) {
        return PostgresBatchSink.<CameraCandidate>builder("camera_candidate", db, """
                INSERT INTO camera_candidate (device_id, seq, idx, device_time, received_at, lat, lon, defect_type,
                                              confidence, length_mm, width_mm, depth_mm)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""", (ps, r) -> {
            ps.setString(1, r.deviceId());
            ps.setLong(2, r.seq());
            ps.setInt(3, r.index());
            ps.setTimestamp(4, new Timestamp(r.timeMs()));
            ps.setTimestamp(5, new Timestamp(r.receivedAtMs()));
            ps.setDouble(6, r.lat());
            ps.setDouble(7, r.lon());
            ps.setString(8, r.defectType());
            ps.setFloat(9, r.confidence());
            ps.setInt(10, r.lengthMm());
            ps.setInt(11, r.widthMm());
            ps.setInt(12, r.depthMm());
        }).build();
    }

    public static PostgresBatchSink<QuarantineRecord> quarantine(JdbcTarget db) {
        return PostgresBatchSink.<QuarantineRecord>builder("quarantine", db, """
                INSERT INTO quarantine (quarantine_id, received_at, topic, device_id, seq, reason, detail, raw, raw_size)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""", (ps, r) -> {
            ps.setString(1, r.quarantineId());
            ps.setTimestamp(2, new Timestamp(r.receivedAtMs()));
            ps.setString(3, r.topic());
            ps.setString(4, r.deviceId());
            if (r.seq() == null) ps.setNull(5, Types.BIGINT); else ps.setLong(5, r.seq());
            ps.setString(6, r.reason());
            ps.setString(7, r.detail());
            ps.setBytes(8, r.raw());
            ps.setInt(9, r.rawSize());
        }).build();
    }
}
