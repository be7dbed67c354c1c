package io.roadchief.schema;

import io.roadchief.local.Database;
import io.roadchief.local.TestServices;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The migrations on an empty database, twice: the second run must find nothing to do. */
class MigrationsTest {
    static final List<String> TABLES = List.of(
            "district", "road", "road_segment", "segment_feature", "device", "crew",
            "vehicle_batch", "camera_candidate", "gauge_reading", "quarantine",
            "segment_pass", "defect_detection", "defect", "ticket", "ticket_event",
            "gauge", "gauge_state", "alert");
    /** Relations that are continuous aggregates with timescaledb and plain views without it. */
    static final List<String> AGGREGATES = List.of(
            "segment_roughness_daily", "segment_roughness_weekly", "gauge_level_hourly", "gauge_level_daily");
    static final List<String> INDEX_VIEWS = List.of(
            "segment_index_daily", "segment_index_weekly", "segment_index_monthly", "road_index_daily", "district_index_daily");
    static final List<String> FUNCTIONS = List.of("rqi", "pci", "damage_ratio_pct", "tantu_index", "tantu_grade");

    @Test
    void migratesAnEmptyDatabaseAndTheSecondRunDoesNothing() throws Exception {
        Database db = TestServices.freshDatabase("migrations_twice");

        MigrateResult first = SchemaMigrations.migrate(db.jdbcUrl(), db.user(), db.password());
        assertThat(first.success).isTrue();
        // V1-V6 are the skeleton; later capabilities add their own versions after them.
        assertThat(first.migrationsExecuted).isGreaterThanOrEqualTo(6);
        assertThat(first.migrations).extracting(m -> m.version).startsWith("1", "2", "3", "4", "5", "6");

        MigrateResult second = SchemaMigrations.migrate(db.jdbcUrl(), db.user(), db.password());
        assertThat(second.success).isTrue();
        assertThat(second.migrationsExecuted).isZero();
        assertThat(second.initialSchemaVersion).isEqualTo(first.targetSchemaVersion);

        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            assertThat(tables(s)).containsAll(TABLES);
            // Every index view is an ordinary view on both paths.
            assertThat(views(s)).containsAll(INDEX_VIEWS);
            // The aggregates exist under the same names on both paths: a view, or a continuous
            // aggregate (which information_schema lists as a view too).
            assertThat(views(s)).containsAll(AGGREGATES);
            assertThat(functions(s)).containsAll(FUNCTIONS);
            assertThat(count(s, "SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL"))
                    .isEqualTo(first.migrationsExecuted);
            assertThat(count(s, "SELECT count(*) FROM flyway_schema_history WHERE NOT success")).isZero();
        }
    }

    @Test
    void everyViewAnswersASmokeQuery() throws Exception {
        Database db = MigratedDatabase.create("migrations_smoke");
        List<String> relations = new ArrayList<>(AGGREGATES);
        relations.addAll(INDEX_VIEWS);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String view : relations) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + view + " LIMIT 1")) {
                    assertThat(rs.next()).as("%s is empty on an empty database", view).isFalse();
                }
            }
            // Every table is readable too (and empty).
            for (String table : TABLES) {
                assertThat(count(s, "SELECT count(*) FROM " + table)).as(table).isZero();
            }
        }
    }

    @Test
    void sameColumnsOnBothPaths() throws Exception {
        // The columns every caller relies on, in order; identical for views and continuous aggregates.
        Database db = MigratedDatabase.create("migrations_columns");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            assertThat(columns(s, "segment_roughness_daily")).containsExactly("segment_id", "bucket", "pass_count", "iri_mean", "speed_mean");
            assertThat(columns(s, "segment_roughness_weekly")).containsExactly("segment_id", "bucket", "pass_count", "iri_mean", "speed_mean");
            List<String> gauge = List.of("gauge_id", "bucket", "reading_count", "level_mean_mm", "level_min_mm", "level_max_mm", "rainfall_mm");
            assertThat(columns(s, "gauge_level_hourly")).containsExactlyElementsOf(gauge);
            assertThat(columns(s, "gauge_level_daily")).containsExactlyElementsOf(gauge);
            assertThat(columns(s, "segment_index_daily")).containsExactly(
                    "segment_id", "day", "pass_count", "iri_mean", "severe_open", "other_open", "tantu_index", "grade");
            assertThat(columnTypes(s, "segment_roughness_daily")).containsExactly("text", "timestamp with time zone", "bigint", "double precision", "double precision");
            assertThat(columnTypes(s, "gauge_level_hourly")).containsExactly(
                    "text", "timestamp with time zone", "bigint", "double precision", "integer", "integer", "double precision");
        }
    }

    @Test
    void migratesAsAnOrdinaryApplicationRole() throws Exception {
        // Production runs migrations as the application's own role, not as a superuser; that role
        // may not read superuser-only settings such as shared_preload_libraries.
        Database owner = TestServices.freshDatabase("migrations_app_role");
        Database admin = TestServices.adminDatabase();
        String dbName = owner.jdbcUrl().replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1");
        String role = "rc_app_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
        String password = "pw-" + role;
        try (Connection c = admin.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + role + " LOGIN NOSUPERUSER PASSWORD '" + password + "'");
            s.execute("GRANT CREATE ON DATABASE " + dbName + " TO " + role);
        }
        try {
            try (Connection c = owner.connect(); Statement s = c.createStatement()) {
                s.execute("GRANT ALL ON SCHEMA public TO " + role);
            }
            MigrateResult result = SchemaMigrations.migrate(owner.jdbcUrl(), role, password);
            assertThat(result.success).isTrue();
            assertThat(result.migrationsExecuted).isGreaterThanOrEqualTo(6);
            try (Connection c = owner.connect(); Statement s = c.createStatement()) {
                boolean offered = count(s, "SELECT count(*) FROM pg_available_extensions WHERE name = 'timescaledb'") > 0
                        && strings(s, "SHOW shared_preload_libraries").get(0).contains("timescaledb");
                assertThat(SchemaMigrations.timescaleInstalled(owner.jdbcUrl(), owner.user(), owner.password()))
                        .as("the application role found timescaledb exactly when the server offers it").isEqualTo(offered);
            }
            try (Connection c = java.sql.DriverManager.getConnection(owner.jdbcUrl(), role, password);
                 Statement s = c.createStatement()) {
                for (String view : INDEX_VIEWS) {
                    assertThat(count(s, "SELECT count(*) FROM " + view)).as(view).isZero();
                }
            }
        } finally {
            try (Connection c = admin.connect(); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + dbName + " WITH (FORCE)");
                s.execute("DROP ROLE IF EXISTS " + role);
            }
        }
    }

    static List<String> tables(Statement s) throws SQLException {
        return strings(s, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
    }

    static List<String> views(Statement s) throws SQLException {
        return strings(s, "SELECT table_name FROM information_schema.views WHERE table_schema = 'public'");
    }

    static List<String> functions(Statement s) throws SQLException {
        return strings(s, "SELECT routine_name FROM information_schema.routines WHERE routine_schema = 'public'");
    }

    static List<String> columns(Statement s, String relation) throws SQLException {
        return strings(s, "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '"
                + relation + "' ORDER BY ordinal_position");
    }

    static List<String> columnTypes(Statement s, String relation) throws SQLException {
        return strings(s, "SELECT data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '"
                + relation + "' ORDER BY ordinal_position");
    }

    static List<String> strings(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
