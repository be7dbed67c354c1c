package io.roadchief.schema;

import io.roadchief.local.Database;
import io.roadchief.local.TestServices;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A fresh database on the test server with the RoadChief migrations applied. */
final class MigratedDatabase {
    /** Which of V6's paths the migrations took on the test server. */
    enum StoragePath {
        /** No timescaledb: plain tables and views. */
        PLAIN,
        /** An Apache-2-only timescaledb build: hypertables, plain views for the aggregates. */
        TIMESCALE_APACHE,
        /** Full (community-licensed) timescaledb: hypertables, compression, policies, continuous aggregates. */
        TIMESCALE
    }

    private MigratedDatabase() {}

    static Database create(String purpose) {
        Database db = TestServices.freshDatabase(purpose);
        SchemaMigrations.migrate(db.jdbcUrl(), db.user(), db.password());
        return db;
    }

    static StoragePath path(Database db) {
        try {
            if (!SchemaMigrations.timescaleInstalled(db.jdbcUrl(), db.user(), db.password())) return StoragePath.PLAIN;
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT current_setting('timescaledb.license', true)")) {
                rs.next();
                return "timescale".equals(rs.getString(1)) ? StoragePath.TIMESCALE : StoragePath.TIMESCALE_APACHE;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
