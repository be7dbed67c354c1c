package io.roadchief.launcher;

import io.roadchief.local.Database;
import io.roadchief.local.EmbeddedBroker;
import io.roadchief.local.EmbeddedDatabase;
import io.roadchief.local.Ports;
import io.roadchief.schema.SchemaMigrations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The database and broker RoadChief runs on: the configured ones, or embedded ones started here
 * when none is configured. Migrations are applied on every start (Flyway skips what is applied).
 * Closing stops what this class started, in reverse order.
 */
final class Infrastructure implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);
    final Database database;
    final String brokerUrl;
    final boolean embeddedDatabase;
    final boolean embeddedBroker;
    final boolean timescale;
    private final Deque<AutoCloseable> started;

    private Infrastructure(Database database, String brokerUrl, boolean embeddedDatabase, boolean embeddedBroker,
                           boolean timescale, Deque<AutoCloseable> started) {
        this.database = database;
        this.brokerUrl = brokerUrl;
        this.embeddedDatabase = embeddedDatabase;
        this.embeddedBroker = embeddedBroker;
        this.timescale = timescale;
        this.started = started;
    }

    static Infrastructure start(RoadChiefConfig config) throws Exception {
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            Database db;
            boolean embeddedDb = config.isBlank("db.url");
            if (embeddedDb) {
                int port = config.getInt("embedded.db.port");
                if (Ports.listening("127.0.0.1", port, 300)) {
                    throw new IllegalStateException("embedded.db.port " + port + " is taken; is another RoadChief running? "
                            + "Set ROADCHIEF_EMBEDDED_DB_PORT or db.url.");
                }
                EmbeddedDatabase pg = EmbeddedDatabase.start(config.dataDir().resolve("postgres"), port, false);
                started.push(pg);
                db = pg.database();
            } else {
                db = new Database(config.get("db.url"), config.get("db.user"), config.get("db.password"), "configured");
            }
            var result = SchemaMigrations.migrate(db.jdbcUrl(), db.user(), db.password());
            boolean timescale = SchemaMigrations.timescaleInstalled(db.jdbcUrl(), db.user(), db.password());
            log.info("Database {}: schema version {}, {} migration(s) applied, TimescaleDB {}", db, result.targetSchemaVersion,
                    result.migrationsExecuted, timescale ? "in use" : "absent (plain PostgreSQL)");

            String broker;
            boolean embeddedMqtt = config.isBlank("mqtt.url");
            if (embeddedMqtt) {
                int port = config.getInt("embedded.mqtt.port");
                if (Ports.listening("127.0.0.1", port, 300)) {
                    throw new IllegalStateException("embedded.mqtt.port " + port + " is taken; set ROADCHIEF_EMBEDDED_MQTT_PORT or mqtt.url.");
                }
                EmbeddedBroker b = EmbeddedBroker.start(config.dataDir().resolve("broker"), port);
                started.push(b);
                broker = b.url();
            } else {
                broker = config.get("mqtt.url");
            }
            return new Infrastructure(db, broker, embeddedDb, embeddedMqtt, timescale, started);
        } catch (Exception e) {
            closeAll(started);
            throw e;
        }
    }

    @Override
    public void close() {
        closeAll(started);
    }

    private static void closeAll(Deque<AutoCloseable> started) {
        while (!started.isEmpty()) {
            AutoCloseable c = started.pop();
            try {
                c.close();
            } catch (Exception e) {
                log.warn("stopping {} failed: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
