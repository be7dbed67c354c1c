package io.roadchief.schema;

import io.roadchief.local.Database;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.roadchief.schema.MigrationsTest.count;
import static io.roadchief.schema.MigrationsTest.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The time-series storage on whichever path the test server offers: with timescaledb preloaded,
 * the catalog must show hypertables, continuous aggregates and their policies; without it, the same
 * names must be plain tables and views. The query tests run unchanged on both paths.
 *
 * <p>Run against a TimescaleDB server with ROADCHIEF_TEST_DB_URL=jdbc:postgresql://host:port/postgres.
 */
class TimeSeriesStorageTest {
    private static final List<String> HYPERTABLES = List.of(
            "vehicle_batch", "camera_candidate", "gauge_reading", "segment_pass", "defect_detection", "alert");
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    private static Database db;
    private static MigratedDatabase.StoragePath path;
    /** Hypertables exist (any timescaledb build). */
    private static boolean hypertables;
    /** Continuous aggregates, compression and policies exist (community-licensed timescaledb). */
    private static boolean timescale;

    @BeforeAll
    static void migrate() {
        db = MigratedDatabase.create("time_series");
        path = MigratedDatabase.path(db);
        hypertables = path != MigratedDatabase.StoragePath.PLAIN;
        timescale = path == MigratedDatabase.StoragePath.TIMESCALE;
    }

    @Test
    void migrationTookTheTimescalePathExactlyWhenTheServerOffersIt() throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            boolean available = count(s, "SELECT count(*) FROM pg_available_extensions WHERE name = 'timescaledb'") > 0;
            String preload = strings(s, "SHOW shared_preload_libraries").get(0);
            assertThat(hypertables).as("timescaledb available=%s, shared_preload_libraries='%s'", available, preload)
                    .isEqualTo(available && preload.contains("timescaledb"));
            if (hypertables) {
                String license = strings(s, "SHOW timescaledb.license").get(0);
                assertThat(timescale).as("timescaledb.license=%s", license).isEqualTo(license.equals("timescale"));
            }
        }
    }

    @Test
    void catalogShowsHypertablesAndContinuousAggregatesOrPlainRelations() throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            Map<String, String> kinds = relationKinds(s);
            if (hypertables) {
                assertThat(strings(s, "SELECT hypertable_name FROM timescaledb_information.hypertables WHERE hypertable_schema = 'public'"))
                        .containsExactlyInAnyOrderElementsOf(HYPERTABLES);
                assertThat(strings(s, "SELECT hypertable_name || ':' || column_name FROM timescaledb_information.dimensions"
                        + " WHERE hypertable_schema = 'public' AND dimension_type = 'Time'"))
                        .containsExactlyInAnyOrder("vehicle_batch:device_time", "camera_candidate:device_time",
                                "gauge_reading:device_time", "segment_pass:pass_start", "defect_detection:detected_at",
                                "alert:raised_at");
            } else {
                for (String t : HYPERTABLES) {
                    assertThat(kinds.get(t)).as("%s is a plain table", t).isEqualTo("r");
                }
                assertThat(count(s, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE '_timescaledb%'")).isZero();
            }
            if (timescale) {
                assertThat(strings(s, "SELECT view_name || ':' || hypertable_name || ':' || materialized_only"
                        + " FROM timescaledb_information.continuous_aggregates WHERE view_schema = 'public'"))
                        .as("real-time aggregates over the right hypertables")
                        .containsExactlyInAnyOrder(
                                "segment_roughness_daily:segment_pass:false", "segment_roughness_weekly:segment_pass:false",
                                "gauge_level_hourly:gauge_reading:false", "gauge_level_daily:gauge_reading:false");
                assertThat(strings(s, "SELECT hypertable_name FROM timescaledb_information.hypertables"
                        + " WHERE hypertable_schema = 'public' AND compression_enabled"))
                        .containsExactlyInAnyOrder("vehicle_batch", "gauge_reading", "segment_pass");
                assertThat(strings(s, "SELECT hypertable_name || ':' || attname FROM timescaledb_information.compression_settings"
                        + " WHERE hypertable_schema = 'public' AND segmentby_column_index IS NOT NULL"))
                        .containsExactlyInAnyOrder("vehicle_batch:device_id", "gauge_reading:gauge_id", "segment_pass:segment_id");
                assertThat(strings(s, "SELECT hypertable_name FROM timescaledb_information.jobs"
                        + " WHERE proc_name = 'policy_compression' AND scheduled"))
                        .containsExactlyInAnyOrder("vehicle_batch", "gauge_reading", "segment_pass");
                assertThat(strings(s, "SELECT hypertable_name || ':' || (config->>'drop_after') FROM timescaledb_information.jobs"
                        + " WHERE proc_name = 'policy_retention' AND scheduled"))
                        .containsExactlyInAnyOrder("vehicle_batch:90 days", "camera_candidate:90 days");
                // Refresh policies: the jobs view names the aggregate (2.28) or, in older releases,
                // its materialization hypertable.
                assertThat(strings(s, "SELECT a.view_name FROM timescaledb_information.jobs j"
                        + " JOIN timescaledb_information.continuous_aggregates a"
                        + "   ON j.hypertable_name IN (a.view_name, a.materialization_hypertable_name)"
                        + " WHERE j.proc_name = 'policy_refresh_continuous_aggregate' AND j.scheduled"))
                        .containsExactlyInAnyOrderElementsOf(MigrationsTest.AGGREGATES);
            } else {
                for (String v : MigrationsTest.AGGREGATES) {
                    assertThat(kinds.get(v)).as("%s is a plain view", v).isEqualTo("v");
                }
                if (hypertables) {
                    assertThat(count(s, "SELECT count(*) FROM timescaledb_information.jobs WHERE hypertable_schema = 'public'"))
                            .as("no policies without the community-licensed build").isZero();
                }
            }
            // All paths: the index views are ordinary views.
            for (String v : MigrationsTest.INDEX_VIEWS) {
                assertThat(kinds.get(v)).as(v).isEqualTo("v");
            }
        }
    }

    @Test
    void segmentIndexViewsGiveTheTantuIndexOfTheirPassesAndOpenTickets() throws Exception {
        String seg = "XH-0401-003";
        double lengthM = 104.2;
        OffsetDateTime day1 = OffsetDateTime.of(2026, 3, 10, 0, 0, 0, 0, CHINA); // a Tuesday
        OffsetDateTime day2 = day1.plusDays(1);
        float[] day1Iri = {2.1f, 2.5f, 3.4f};
        float day2Iri = 5.2f;
        try (Connection c = db.connect()) {
            insertRoadSegment(c, "XH", "XH-0401", seg, lengthM);
            // Three measured passes on day 1, the last at 23:30 China time; one too slow to judge.
            insertPass(c, seg, "bus-1", day1.plusHours(8), day1Iri[0]);
            insertPass(c, seg, "bus-2", day1.plusHours(12), day1Iri[1]);
            insertPass(c, seg, "bus-1", day1.plusHours(23).plusMinutes(30), day1Iri[2]);
            insertPass(c, seg, "bus-3", day1.plusHours(17), null);
            // Day 2 starts at China midnight, i.e. 16:00 UTC on day 1.
            insertPass(c, seg, "bus-2", day2.plusMinutes(30), day2Iri);
            // A severe ticket open since noon of day 1, and a minor one closed on the morning of day 1.
            insertTicket(c, "T-1", seg, "severe", day1.plusHours(12), null);
            insertTicket(c, "T-2", seg, "moderate", day1.minusDays(2), day1.plusHours(9));
        }

        double mean1 = ((double) day1Iri[0] + day1Iri[1] + day1Iri[2]) / 3;
        double index1 = TantuIndex.index(mean1, TantuIndex.damageRatioPct(1, 1, lengthM));
        double index2 = TantuIndex.index(day2Iri, TantuIndex.damageRatioPct(1, 0, lengthM));

        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            assertDailyIndex(s, seg, day1, day2, mean1, index1, index2, day2Iri);

            if (timescale) {
                // Materialise the past; the same answers must come from the materialization now,
                // and a pass newer than the watermark must still show (real-time aggregation).
                s.execute("CALL refresh_continuous_aggregate('segment_roughness_daily', '2026-03-01', '2026-04-01')");
                s.execute("CALL refresh_continuous_aggregate('segment_roughness_weekly', '2026-02-23', '2026-04-06')");
                assertThat(count(s, "SELECT count(*) FROM " + materialization(s, "segment_roughness_daily")))
                        .as("daily rows materialised").isEqualTo(2);
                assertDailyIndex(s, seg, day1, day2, mean1, index1, index2, day2Iri);
            }

            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            try (Connection w = db.connect()) {
                insertPass(w, seg, "bus-9", now.atOffset(CHINA), 1.5f);
            }
            try (ResultSet rs = s.executeQuery("SELECT day, pass_count, iri_mean, tantu_index FROM segment_index_daily"
                    + " WHERE segment_id = '" + seg + "' AND day > '2026-04-01' ")) {
                assertThat(rs.next()).as("a fresh pass is visible at once").isTrue();
                OffsetDateTime today = now.atOffset(CHINA).truncatedTo(ChronoUnit.DAYS);
                assertThat(rs.getObject(1, OffsetDateTime.class).toInstant()).isEqualTo(today.toInstant());
                assertThat(rs.getLong(2)).isEqualTo(1);
                assertThat(rs.getDouble(3)).isCloseTo(1.5, within(1e-6));
                assertThat(rs.getDouble(4)).isCloseTo(TantuIndex.index((double) 1.5f, TantuIndex.damageRatioPct(1, 0, lengthM)), within(1e-9));
                assertThat(rs.next()).isFalse();
            }

            // Weekly buckets start on Monday, China time: day 1 and day 2 fall in the week of 2026-03-09.
            try (ResultSet rs = s.executeQuery("SELECT week, pass_count, iri_mean, severe_open, other_open, tantu_index"
                    + " FROM segment_index_weekly WHERE segment_id = '" + seg + "' AND week < '2026-04-01' ORDER BY week")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getObject(1, OffsetDateTime.class).toInstant()).isEqualTo(day1.minusDays(1).toInstant());
                assertThat(rs.getLong(2)).isEqualTo(4);
                double weekMean = ((double) day1Iri[0] + day1Iri[1] + day1Iri[2] + day2Iri) / 4;
                assertThat(rs.getDouble(3)).isCloseTo(weekMean, within(1e-9));
                assertThat(rs.getLong(4)).isEqualTo(1);
                assertThat(rs.getLong(5)).as("the minor ticket was open during the week").isEqualTo(1);
                assertThat(rs.getDouble(6)).isCloseTo(TantuIndex.index(weekMean, TantuIndex.damageRatioPct(1, 1, lengthM)), within(1e-9));
                assertThat(rs.next()).isFalse();
            }

            // Monthly: pass-weighted over the days of March.
            try (ResultSet rs = s.executeQuery("SELECT month, pass_count, tantu_index, grade FROM segment_index_monthly"
                    + " WHERE segment_id = '" + seg + "' AND month = DATE '2026-03-01'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(2)).isEqualTo(4);
                double monthly = (3 * index1 + index2) / 4;
                assertThat(rs.getDouble(3)).isCloseTo(monthly, within(1e-9));
                assertThat(rs.getString(4)).isEqualTo(TantuIndex.grade(monthly).code);
            }

            // Road and district of a single segment: its index, and all its length in its grade.
            for (String sql : List.of(
                    "SELECT tantu_index, grade, measured_length_m, share_" + TantuIndex.grade(index1).code
                            + " FROM road_index_daily WHERE road_id = 'XH-0401' AND day = '" + day1 + "'",
                    "SELECT tantu_index, grade, measured_length_m, share_" + TantuIndex.grade(index1).code
                            + " FROM district_index_daily WHERE district_code = 'XH' AND day = '" + day1 + "'")) {
                try (ResultSet rs = s.executeQuery(sql)) {
                    assertThat(rs.next()).as(sql).isTrue();
                    assertThat(rs.getDouble(1)).isCloseTo(index1, within(1e-9));
                    assertThat(rs.getString(2)).isEqualTo(TantuIndex.grade(index1).code);
                    assertThat(rs.getDouble(3)).isCloseTo(lengthM, within(1e-9));
                    assertThat(rs.getDouble(4)).isCloseTo(1.0, within(1e-12));
                }
            }
        }
    }

    private static void assertDailyIndex(Statement s, String seg, OffsetDateTime day1, OffsetDateTime day2,
                                         double mean1, double index1, double index2, float day2Iri) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT day, pass_count, iri_mean, severe_open, other_open, tantu_index, grade"
                + " FROM segment_index_daily WHERE segment_id = '" + seg + "' AND day < '2026-04-01' ORDER BY day")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject(1, OffsetDateTime.class).toInstant()).as("bucket starts at China midnight").isEqualTo(day1.toInstant());
            assertThat(rs.getLong(2)).as("passes without an IRI are not counted").isEqualTo(3);
            assertThat(rs.getDouble(3)).isCloseTo(mean1, within(1e-9));
            assertThat(rs.getLong(4)).isEqualTo(1);
            assertThat(rs.getLong(5)).isEqualTo(1);
            assertThat(rs.getDouble(6)).isCloseTo(index1, within(1e-9));
            assertThat(rs.getString(7)).isEqualTo(TantuIndex.grade(index1).code);

            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject(1, OffsetDateTime.class).toInstant()).isEqualTo(day2.toInstant());
            assertThat(rs.getLong(2)).isEqualTo(1);
            assertThat(rs.getDouble(3)).isCloseTo(day2Iri, within(1e-9));
            assertThat(rs.getLong(4)).isEqualTo(1);
            assertThat(rs.getLong(5)).as("the minor ticket closed before day 2").isZero();
            assertThat(rs.getDouble(6)).isCloseTo(index2, within(1e-9));
            assertThat(rs.getString(7)).isEqualTo(TantuIndex.grade(index2).code);
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void gaugeLevelAggregatesSummariseReadings() throws Exception {
        String gauge = "XH-G-07";
        // A storm hour: 10:00-10:59 China time, one reading a minute rising 3 mm/min, 0.2 mm of rain each.
        OffsetDateTime hour = OffsetDateTime.of(2026, 7, 14, 10, 0, 0, 0, CHINA);
        try (Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement("INSERT INTO gauge_reading (gauge_id, seq, device_time, received_at,"
                     + " level_mm, rainfall_mm, battery_mv, interval_s) VALUES (?, ?, ?, ?, ?, ?, 3600, 60) ON CONFLICT DO NOTHING")) {
            for (int i = 0; i < 60; i++) {
                Timestamp t = Timestamp.from(hour.plusMinutes(i).toInstant());
                ps.setString(1, gauge);
                ps.setLong(2, 1000 + i);
                ps.setTimestamp(3, t);
                ps.setTimestamp(4, t);
                ps.setInt(5, 40 + 3 * i);
                ps.setFloat(6, 0.2f);
                ps.addBatch();
            }
            ps.setTimestamp(3, Timestamp.from(hour.plusHours(1).toInstant()));
            ps.setTimestamp(4, Timestamp.from(hour.plusHours(1).toInstant()));
            ps.setLong(2, 1060);
            ps.setInt(5, 220);
            ps.addBatch();
            ps.executeBatch();
        }
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT bucket, reading_count, level_mean_mm, level_min_mm, level_max_mm, rainfall_mm"
                    + " FROM gauge_level_hourly WHERE gauge_id = '" + gauge + "' ORDER BY bucket")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getObject(1, OffsetDateTime.class).toInstant()).isEqualTo(hour.toInstant());
                assertThat(rs.getLong(2)).isEqualTo(60);
                assertThat(rs.getDouble(3)).isCloseTo(40 + 3 * 59 / 2.0, within(1e-9));
                assertThat(rs.getInt(4)).isEqualTo(40);
                assertThat(rs.getInt(5)).isEqualTo(217);
                assertThat(rs.getDouble(6)).isCloseTo(60 * 0.2, within(1e-4));
                assertThat(rs.next()).isTrue();
                assertThat(rs.getObject(1, OffsetDateTime.class).toInstant()).isEqualTo(hour.plusHours(1).toInstant());
                assertThat(rs.getLong(2)).isEqualTo(1);
                assertThat(rs.next()).isFalse();
            }
            try (ResultSet rs = s.executeQuery("SELECT bucket, reading_count, level_max_mm FROM gauge_level_daily"
                    + " WHERE gauge_id = '" + gauge + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getObject(1, OffsetDateTime.class).toInstant()).isEqualTo(hour.truncatedTo(ChronoUnit.DAYS).toInstant());
                assertThat(rs.getLong(2)).isEqualTo(61);
                assertThat(rs.getInt(3)).isEqualTo(220);
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void duplicateAndLateReadingsStillInsertIdempotentlyIntoOldCompressedData() throws Exception {
        String gauge = "XH-G-late";
        Instant old = Instant.now().minus(60, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String insert = "INSERT INTO gauge_reading (gauge_id, seq, device_time, received_at, level_mm, interval_s)"
                + " VALUES (?, ?, ?, now(), ?, 60) ON CONFLICT DO NOTHING";
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(insert)) {
            for (int i = 0; i < 10; i++) {
                assertThat(insertReading(ps, gauge, i, old.plusSeconds(60L * i), 10 + i)).isEqualTo(1);
            }
        }
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            if (timescale) {
                // What the compression policy will do to these chunks; compress them now.
                s.execute("SELECT compress_chunk(ch) FROM show_chunks('gauge_reading', older_than => INTERVAL '30 days') ch");
                assertThat(count(s, "SELECT count(*) FROM timescaledb_information.chunks WHERE hypertable_name = 'gauge_reading'"
                        + " AND is_compressed")).isGreaterThanOrEqualTo(1);
            }
            try (PreparedStatement ps = c.prepareStatement(insert)) {
                // Re-sent copies (same device, sequence and time) are dropped...
                for (int i = 0; i < 10; i++) {
                    assertThat(insertReading(ps, gauge, i, old.plusSeconds(60L * i), 999)).as("duplicate %d", i).isZero();
                }
                // ...and a reading uploaded late over HTTP still lands.
                assertThat(insertReading(ps, gauge, 10, old.plusSeconds(600), 20)).isEqualTo(1);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO gauge_reading (gauge_id, seq, device_time, received_at,"
                    + " level_mm, interval_s) VALUES (?, ?, ?, now(), ?, 60) ON CONFLICT (gauge_id, seq, device_time) DO NOTHING")) {
                assertThat(insertReading(ps, gauge, 3, old.plusSeconds(180), 999)).as("explicit conflict target").isZero();
            }
            assertThat(count(s, "SELECT count(*) FROM gauge_reading WHERE gauge_id = '" + gauge + "'")).isEqualTo(11);
            assertThat(count(s, "SELECT count(*) FROM gauge_reading WHERE gauge_id = '" + gauge + "' AND level_mm = 999")).isZero();
            assertThat(count(s, "SELECT sum(level_mm) FROM gauge_reading WHERE gauge_id = '" + gauge + "'"))
                    .isEqualTo(10 + 11 + 12 + 13 + 14 + 15 + 16 + 17 + 18 + 19 + 20);
        }
    }

    @Test
    void policiesRunAndHistoryReplayedLaterStillShowsInTheAggregates() throws Exception {
        Database own = MigratedDatabase.create("time_series_policies");
        String seg = "XH-0401-009";
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (Connection c = own.connect(); Statement s = c.createStatement()) {
            if (timescale) {
                // The test runs the policies itself; the scheduler must not race it.
                s.execute("SELECT alter_job(job_id, scheduled => false) FROM timescaledb_information.jobs"
                        + " WHERE hypertable_schema = 'public'");
            }
            insertRoadSegment(c, "XH", "XH-0401", seg, 100.0);
            insertPass(c, seg, "bus-1", now.minus(2, ChronoUnit.DAYS).atOffset(CHINA), 2.0f);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO vehicle_batch (device_id, seq, device_time, received_at,"
                    + " sample_rate_hz, sample_count, fix_count, payload) VALUES ('bus-1', ?, ?, now(), 100, 100, 1, '\\x00')"
                    + " ON CONFLICT DO NOTHING")) {
                long seq = 1;
                for (int daysAgo : new int[] {100, 8, 0}) {
                    ps.setLong(1, seq++);
                    ps.setTimestamp(2, Timestamp.from(now.minus(daysAgo, ChronoUnit.DAYS).minus(1, ChronoUnit.HOURS)));
                    assertThat(ps.executeUpdate()).isEqualTo(1);
                }
            }
            runPolicies(s);
            if (timescale) {
                assertThat(count(s, "SELECT count(*) FROM vehicle_batch")).as("retention dropped the 100-day-old batch").isEqualTo(2);
                assertThat(count(s, "SELECT count(*) FROM timescaledb_information.chunks WHERE hypertable_name = 'vehicle_batch'"
                        + " AND is_compressed")).as("the 8-day-old chunk is compressed").isEqualTo(1);
                assertThat(count(s, "SELECT count(*) FROM " + materialization(s, "segment_roughness_daily")))
                        .as("the refresh policy materialised the pass of 2 days ago").isEqualTo(1);
            } else {
                assertThat(count(s, "SELECT count(*) FROM vehicle_batch")).as("without retention policies raw batches stay").isEqualTo(3);
            }

            // A replay of history (or a unit back-filling over HTTP) arrives after the refresh.
            Instant old = now.minus(60, ChronoUnit.DAYS);
            insertPass(c, seg, "bus-2", old.atOffset(CHINA), 3.0f);
            runPolicies(s);
            try (ResultSet rs = s.executeQuery("SELECT bucket, pass_count, iri_mean FROM segment_roughness_daily"
                    + " WHERE segment_id = '" + seg + "' ORDER BY bucket")) {
                assertThat(rs.next()).as("the replayed day is in the daily aggregate").isTrue();
                assertThat(rs.getObject(1, OffsetDateTime.class).toInstant())
                        .isEqualTo(old.atOffset(CHINA).truncatedTo(ChronoUnit.DAYS).toInstant());
                assertThat(rs.getDouble(3)).isCloseTo(3.0, within(1e-6));
                assertThat(rs.next()).isTrue();
                assertThat(rs.getDouble(3)).isCloseTo(2.0, within(1e-6));
                assertThat(rs.next()).isFalse();
            }
            assertThat(count(s, "SELECT count(*) FROM segment_index_daily WHERE segment_id = '" + seg + "'")).isEqualTo(2);
        }
    }

    @Test
    void replayedPassUpsertsIntoCompressedHistory() throws Exception {
        // The pavement job's upsert (PavementSinks.PASS_SQL) must work on a chunk the compression
        // policy has already compressed, e.g. when history is replayed after a formula change.
        Database own = MigratedDatabase.create("time_series_upsert");
        String upsert = """
                INSERT INTO segment_pass (segment_id, device_id, pass_start, pass_end, vehicle_class, mean_speed_kmh, iri_m_km, sample_count)
                VALUES (?, ?, ?, ?, 'bus', ?, ?, ?)
                ON CONFLICT (segment_id, device_id, pass_start) DO UPDATE SET pass_end = EXCLUDED.pass_end,
                    vehicle_class = EXCLUDED.vehicle_class, mean_speed_kmh = EXCLUDED.mean_speed_kmh,
                    iri_m_km = EXCLUDED.iri_m_km, sample_count = EXCLUDED.sample_count""";
        String seg = "XH-0401-011";
        OffsetDateTime start = Instant.now().minus(45, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).atOffset(CHINA);
        try (Connection c = own.connect(); Statement s = c.createStatement(); PreparedStatement ps = c.prepareStatement(upsert)) {
            insertRoadSegment(c, "XH", "XH-0401", seg, 100.0);
            for (int i = 0; i < 5; i++) {
                assertThat(upsertPass(ps, seg, "bus-" + i, start.plusMinutes(i), 4.0f)).isEqualTo(1);
            }
            if (timescale) {
                s.execute("SELECT compress_chunk(ch) FROM show_chunks('segment_pass', older_than => INTERVAL '30 days') ch");
                assertThat(count(s, "SELECT count(*) FROM timescaledb_information.chunks WHERE hypertable_name = 'segment_pass'"
                        + " AND is_compressed")).isEqualTo(1);
            }
            // The replay recomputes IRI 2.5 for two of the passes and finds one pass it had missed.
            assertThat(upsertPass(ps, seg, "bus-1", start.plusMinutes(1), 2.5f)).isEqualTo(1);
            assertThat(upsertPass(ps, seg, "bus-3", start.plusMinutes(3), 2.5f)).isEqualTo(1);
            assertThat(upsertPass(ps, seg, "bus-9", start.plusMinutes(9), 2.5f)).isEqualTo(1);
            assertThat(count(s, "SELECT count(*) FROM segment_pass WHERE segment_id = '" + seg + "'")).isEqualTo(6);
            assertThat(count(s, "SELECT count(*) FROM segment_pass WHERE segment_id = '" + seg + "' AND iri_m_km = 2.5")).isEqualTo(3);
            runPolicies(s);
            try (ResultSet rs = s.executeQuery("SELECT pass_count, iri_mean FROM segment_roughness_daily WHERE segment_id = '" + seg + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(6);
                assertThat(rs.getDouble(2)).isCloseTo((3 * 4.0 + 3 * 2.5) / 6, within(1e-6));
                assertThat(rs.next()).isFalse();
            }
        }
    }

    private static int upsertPass(PreparedStatement ps, String seg, String device, OffsetDateTime start, float iri) throws SQLException {
        ps.setString(1, seg);
        ps.setString(2, device);
        ps.setObject(3, start);
        ps.setObject(4, start.plusSeconds(9));
        ps.setFloat(5, 36.0f);
        ps.setFloat(6, iri);
        ps.setInt(7, 900);
        return ps.executeUpdate();
    }

    /** Runs every policy of this database's hypertables and aggregates, as the scheduler would. */
    private static void runPolicies(Statement s) throws SQLException {
        if (!timescale) return;
        List<String> jobs = strings(s, "SELECT job_id::text FROM timescaledb_information.jobs WHERE hypertable_schema = 'public'"
                + " OR proc_name = 'policy_refresh_continuous_aggregate' ORDER BY job_id");
        assertThat(jobs).hasSize(3 + 2 + 4);
        for (String job : jobs) {
            s.execute("CALL run_job(" + job + ")");
        }
    }

    private static int insertReading(PreparedStatement ps, String gauge, long seq, Instant at, int levelMm) throws SQLException {
        ps.setString(1, gauge);
        ps.setLong(2, seq);
        ps.setTimestamp(3, Timestamp.from(at));
        ps.setInt(4, levelMm);
        return ps.executeUpdate();
    }

    private static Map<String, String> relationKinds(Statement s) throws SQLException {
        Map<String, String> kinds = new TreeMap<>();
        try (ResultSet rs = s.executeQuery("SELECT c.relname, c.relkind::text FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'")) {
            while (rs.next()) kinds.put(rs.getString(1), rs.getString(2));
        }
        return kinds;
    }

    private static String materialization(Statement s, String view) throws SQLException {
        return strings(s, "SELECT format('%I.%I', materialization_hypertable_schema, materialization_hypertable_name)"
                + " FROM timescaledb_information.continuous_aggregates WHERE view_name = '" + view + "'").get(0);
    }

    private static void insertRoadSegment(Connection c, String district, String road, String seg, double lengthM) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO district (district_code, name_zh, name_en) VALUES ('" + district + "', '西湖区', 'Xihu')");
            s.execute("INSERT INTO road (road_id, name_zh, name_en, district_code) VALUES ('" + road + "', '文三路', 'Wensan Rd', '" + district + "')");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO road_segment (segment_id, road_id, seq_on_road, district_code,"
                + " length_m, geometry_wkt, min_lat, min_lon, max_lat, max_lon) VALUES (?, ?, 3, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, seg);
            ps.setString(2, road);
            ps.setString(3, district);
            ps.setDouble(4, lengthM);
            ps.setString(5, "LINESTRING(120.1540 30.2760, 120.1551 30.2760)");
            ps.setDouble(6, 30.2760);
            ps.setDouble(7, 120.1540);
            ps.setDouble(8, 30.2760);
            ps.setDouble(9, 120.1551);
            ps.executeUpdate();
        }
    }

    private static void insertPass(Connection c, String seg, String device, OffsetDateTime start, Float iri) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO segment_pass (segment_id, device_id, pass_start, pass_end,"
                + " vehicle_class, mean_speed_kmh, iri_m_km, sample_count) VALUES (?, ?, ?, ?, 'bus', 36.5, ?, 1000)"
                + " ON CONFLICT DO NOTHING")) {
            ps.setString(1, seg);
            ps.setString(2, device);
            ps.setObject(3, start);
            ps.setObject(4, start.plusSeconds(10));
            if (iri == null) ps.setNull(5, java.sql.Types.REAL);
            else ps.setFloat(5, iri);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    private static void insertTicket(Connection c, String id, String seg, String severity,
                                     OffsetDateTime confirmed, OffsetDateTime closed) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ticket (ticket_id, defect_id, segment_id, lat, lon, defect_type,"
                + " severity, title_zh, title_en, status, confirmed_at, due_at, warn_at, closed_at)"
                + " VALUES (?, ?, ?, 30.276, 120.1545, 'pothole', ?, '坑槽', 'Pothole', ?, ?, ?, ?, ?)")) {
            boolean severe = severity.equals("severe");
            ps.setString(1, id);
            ps.setString(2, "D-" + id);
            ps.setString(3, seg);
            ps.setString(4, severity);
            ps.setString(5, closed == null ? "open" : "verified");
            ps.setObject(6, confirmed);
            ps.setObject(7, RepairSla.dueAt(confirmed.toInstant(), severe).atOffset(CHINA));
            ps.setObject(8, RepairSla.warnAt(confirmed.toInstant(), severe).atOffset(CHINA));
            ps.setObject(9, closed);
            ps.executeUpdate();
        }
    }
}
