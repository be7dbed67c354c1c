package io.roadchief.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The real services tests run against, found in this order:
 * <ol>
 *   <li>configured: ROADCHIEF_TEST_DB_URL (+ _USER, _PASSWORD) and ROADCHIEF_TEST_MQTT_URL;</li>
 *   <li>this machine's: PostgreSQL on 127.0.0.1:5432 (user postgres) and an MQTT broker on 127.0.0.1:1883;</li>
 *   <li>embedded: Zonky PostgreSQL and HiveMQ CE in this JVM, so a machine with nothing installed passes.</li>
 * </ol>
 * Every test gets a database of its own, so tests (and developers) never see each other's rows.
 */
public final class TestServices {
    private static final Logger log = LoggerFactory.getLogger(TestServices.class);
    private static Database admin;
    private static String brokerUrl;
    private static final List<String> created = new CopyOnWriteArrayList<>();

    private TestServices() {}

    /** A connection to the server's maintenance database; databases are created through it. */
    public static synchronized Database adminDatabase() {
        if (admin != null) return admin;
        String url = System.getenv("ROADCHIEF_TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            admin = new Database(url, env("ROADCHIEF_TEST_DB_USER", "postgres"), env("ROADCHIEF_TEST_DB_PASSWORD", ""), "configured");
        } else if (Ports.listening("127.0.0.1", 5432, 500)) {
            admin = new Database("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "", "local PostgreSQL on 5432");
        } else {
            try {
                EmbeddedDatabase db = EmbeddedDatabase.start(null, Ports.free());
                admin = db.database();
            } catch (Exception e) {
                throw new IllegalStateException("no PostgreSQL configured, none on 127.0.0.1:5432, and the embedded one failed", e);
            }
        }
        log.info("Tests use PostgreSQL at {}", admin);
        Runtime.getRuntime().addShutdownHook(new Thread(TestServices::dropCreatedDatabases, "drop-test-databases"));
        return admin;
    }

    /** A new, empty database on the test server (no schema; apply SchemaMigrations yourself). */
    public static Database freshDatabase(String purpose) {
        Database a = adminDatabase();
        String name = ("rc_" + purpose.replaceAll("[^A-Za-z0-9]", "_") + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL)).toLowerCase();
        try (Connection c = a.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        created.add(name);
        String url = a.jdbcUrl().replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
        return new Database(url, a.user(), a.password(), a.origin() + ", database " + name);
    }

    /** URL of the MQTT v5 broker tests publish to. */
    public static synchronized String brokerUrl() {
        if (brokerUrl != null) return brokerUrl;
        String url = System.getenv("ROADCHIEF_TEST_MQTT_URL");
        if (url != null && !url.isBlank()) {
            brokerUrl = url;
        } else if (Ports.listening("127.0.0.1", 1883, 500)) {
            brokerUrl = "tcp://127.0.0.1:1883";
        } else {
            try {
                EmbeddedBroker b = EmbeddedBroker.start(Files.createTempDirectory("roadchief-test-broker"), Ports.free());
                brokerUrl = b.url();
            } catch (Exception e) {
                throw new IllegalStateException("no broker configured, none on 127.0.0.1:1883, and the embedded one failed", e);
            }
        }
        log.info("Tests use the MQTT broker at {}", brokerUrl);
        return brokerUrl;
    }

    private static void dropCreatedDatabases() {
        if (System.getenv("ROADCHIEF_TEST_KEEP_DATABASES") != null) return;
        try (Connection c = admin.connect(); Statement s = c.createStatement()) {
            for (String name : created) {
                try {
                    s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                } catch (SQLException ignored) {
                    // best effort: the server may already be stopping
                }
            }
        } catch (SQLException ignored) {
            // embedded server already gone
        }
    }

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v;
    }
}
