package io.roadchief.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real PostgreSQL server started from Zonky's packaged binaries: the default when no database is
 * configured, so a machine with only a JDK and Maven runs RoadChief. Plain PostgreSQL, no timescaledb.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private final EmbeddedPostgres pg;
    private final Database database;

    private EmbeddedDatabase(EmbeddedPostgres pg) {
        this.pg = pg;
        this.database = new Database(pg.getJdbcUrl("postgres", "postgres"), "postgres", "", "embedded PostgreSQL");
    }

    /**
     * Starts a server. With a data directory the data is kept between runs (the demo); with null a
     * throw-away directory is used (tests).
     */
    public static EmbeddedDatabase start(Path dataDirectory, int port) throws IOException {
        return start(dataDirectory, port, true);
    }

    /**
     * @param ownShutdownHook false when the caller stops the server itself (the demo stops it after
     *                        the job has flushed its last rows; a hook of its own could run first)
     */
    public static EmbeddedDatabase start(Path dataDirectory, int port, boolean ownShutdownHook) throws IOException {
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                .setPort(port)
                .setServerConfig("max_connections", "200")
                .setServerConfig("fsync", "on")
                .setRegisterShutdownHook(ownShutdownHook);
        if (dataDirectory != null) {
            Files.createDirectories(dataDirectory);
            b.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
        }
        long t0 = System.nanoTime();
        EmbeddedPostgres pg = b.start();
        log.info("Embedded PostgreSQL {} started on port {} in {} ms", pg.getJdbcUrl("postgres", "postgres"),
                pg.getPort(), (System.nanoTime() - t0) / 1_000_000);
        return new EmbeddedDatabase(pg);
    }

    public Database database() {
        return database;
    }

    public int port() {
        return pg.getPort();
    }

    @Override
    public void close() throws IOException {
        try {
            pg.close();
        } catch (IOException e) {
            // Ctrl-C in a terminal signals the whole process group, so PostgreSQL may already be
            // shutting down on its own; that is only a problem if it is still accepting connections.
            if (Ports.listening("127.0.0.1", pg.getPort(), 300)) throw e;
            log.info("Embedded PostgreSQL on port {} was already stopping", pg.getPort());
        }
    }
}
