package io.roadchief.jobs.sink;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Where Flink operators write: a PostgreSQL JDBC URL and login. Serializable so it ships with the job graph. */
public record JdbcTarget(String url, String user, String password) implements Serializable {

    /** Opens a connection tuned for batched writes (multi-row INSERTs from JDBC batches). */
    public Connection open() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) p.setProperty("password", password);
        p.setProperty("reWriteBatchedInserts", "true");
        p.setProperty("ApplicationName", "roadchief-stream-jobs");
        p.setProperty("connectTimeout", "5");
        p.setProperty("socketTimeout", "60");
        p.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(url, p);
    }
}
