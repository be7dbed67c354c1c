package io.roadchief.local;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Where a PostgreSQL database is and how to log in. */
public record Database(String jdbcUrl, String user, String password, String origin) {
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    @Override
    public String toString() {
        return jdbcUrl + " (" + origin + ")";
    }
}
