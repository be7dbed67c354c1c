package io.roadchief.schema;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Applies the versioned migrations in db/migration with Flyway. Safe to run on every start. */
public final class SchemaMigrations {
    private SchemaMigrations() {}

    public static MigrateResult migrate(String jdbcUrl, String user, String password) {
        Flyway flyway = Flyway.configure()
                .dataSource(jdbcUrl, user, password)
                .locations("classpath:db/migration")
                .load();
        return flyway.migrate();
    }

    /** True when the database has the timescaledb extension installed (the migrations then used it). */
    public static boolean timescaleInstalled(String jdbcUrl, String user, String password) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_extension WHERE extname = 'timescaledb'")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }
}
