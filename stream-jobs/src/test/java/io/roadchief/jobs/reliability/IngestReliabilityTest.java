package io.roadchief.jobs.reliability;

import io.roadchief.ingest.testing.SampleEnvelopes;
import io.roadchief.jobs.TelemetryJobMain;
import io.roadchief.jobs.testing.BulkPublisher;
import io.roadchief.jobs.testing.JobHarness;
import io.roadchief.local.Database;
import io.roadchief.local.Ports;
import io.roadchief.local.EmbeddedBroker;
import io.roadchief.local.PrivateBroker;
import io.roadchief.local.TempDirs;
import io.roadchief.local.TestServices;
import io.roadchief.schema.SchemaMigrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.AfterEach;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3's guarantees on the real things (a Mosquitto of the test's own, PostgreSQL, Flink):
 * 100 000 messages with malformed, duplicated and out-of-range ones published at full speed land
 * exactly — also when the job's process is killed with SIGKILL mid-stream and restarted, and when
 * the database is away for 30 s.
 */
class IngestReliabilityTest {
    /** Checkpoints and the outage test's database: over 100 MB per run, removed (best effort) afterwards. */
    private final List<Path> scratch = new ArrayList<>();

    private Path scratch(String prefix) throws java.io.IOException {
        Path d = Files.createTempDirectory(prefix);
        scratch.add(d);
        return d;
    }

    @AfterEach
    void removeScratch() {
        scratch.forEach(TempDirs::deleteQuietly);
    }

    private static final Logger log = LoggerFactory.getLogger(IngestReliabilityTest.class);
    private static final int TOTAL = 100_000, VEHICLES = 100, GAUGES = 100;

    @Test
    void hundredThousandMixedMessagesLandExactly() throws Exception {
        MixedTraffic traffic = new MixedTraffic(TOTAL, VEHICLES, GAUGES, 11);
        Database db = freshDatabase("reliability_full_speed");
        try (PrivateBroker broker = PrivateBroker.start()) {
            JobClient job = JobHarness.startInProcess(db, broker.url(), scratch("chk"));
            try {
                JobHarness.waitSubscribed(db, broker.url());
                long t0 = System.nanoTime();
                BulkPublisher.publishAll(broker.url(), "bulk-publisher", traffic.messages);
                log.info("published {} messages in {} ms", TOTAL, (System.nanoTime() - t0) / 1_000_000);
                assertExactlyLanded(db, traffic, Duration.ofMinutes(4));
            } finally {
                job.cancel().get();
            }
        }
    }

    @Test
    void sigkillOfTheJobProcessMidStreamLosesAndDuplicatesNothing() throws Exception {
        MixedTraffic traffic = new MixedTraffic(TOTAL, VEHICLES, GAUGES, 12);
        Database db = freshDatabase("reliability_sigkill");
        Path checkpoints = scratch("chk-kill");
        try (PrivateBroker broker = PrivateBroker.start()) {
            Process first = startProcess(db, broker.url(), checkpoints, "first");
            Process second = null;
            try {
                JobHarness.waitSubscribed(db, broker.url());
                CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
                    try {
                        BulkPublisher.publishAll(broker.url(), "bulk-publisher", traffic.messages);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                int expected = traffic.validImu + traffic.validGauge;
                long deadline = System.currentTimeMillis() + 120_000;
                while (landed(db) < expected * 3 / 10 && System.currentTimeMillis() < deadline) Thread.sleep(100);
                int atKill = landed(db);
                first.destroyForcibly(); // SIGKILL: no shutdown hooks, no final checkpoint, no acks
                first.waitFor();
                log.info("killed the job process with {} of {} rows landed", atKill, expected);
                assertThat(atKill).as("rows landed before the kill").isLessThan(expected);
                second = startProcess(db, broker.url(), checkpoints, "second");
                publishing.get();
                assertExactlyLanded(db, traffic, Duration.ofMinutes(4));
            } finally {
                first.destroyForcibly();
                if (second != null) second.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void databaseAwayForThirtySecondsLosesAndDuplicatesNothing() throws Exception {
        MixedTraffic traffic = new MixedTraffic(TOTAL / 2, VEHICLES, GAUGES, 13);
        Path dataDir = scratch("pg-outage");
        int port = Ports.free();
        EmbeddedPostgres pg = startPostgres(dataDir, port);
        Database db = new Database(pg.getJdbcUrl("postgres", "postgres"), "postgres", "", "embedded, for the outage test");
        SchemaMigrations.migrate(db.jdbcUrl(), db.user(), db.password());
        register(db);
        try (PrivateBroker broker = PrivateBroker.start()) {
            JobClient job = JobHarness.startInProcess(db, broker.url(), scratch("chk"));
            try {
                JobHarness.waitSubscribed(db, broker.url());
                CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
                    try {
                        BulkPublisher.publishAll(broker.url(), "bulk-publisher", traffic.messages);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                int expected = traffic.validImu + traffic.validGauge;
                long deadline = System.currentTimeMillis() + 120_000;
                while (landed(db) < expected / 5 && System.currentTimeMillis() < deadline) Thread.sleep(100);
                pg.close(); // the database goes away mid-stream...
                log.info("PostgreSQL stopped");
                Thread.sleep(30_000);
                pg = startPostgres(dataDir, port); // ...and comes back on the same address with its data
                log.info("PostgreSQL back");
                publishing.get();
                assertExactlyLanded(db, traffic, Duration.ofMinutes(4));
            } finally {
                job.cancel().get();
                pg.close();
            }
        }
    }

    private static EmbeddedPostgres startPostgres(Path dataDir, int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port).start();
    }

    private static Database freshDatabase(String purpose) throws Exception {
        Database db = TestServices.freshDatabase(purpose);
        SchemaMigrations.migrate(db.jdbcUrl(), db.user(), db.password());
        register(db);
        return db;
    }

    private static void register(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(SampleEnvelopes.registerSql(VEHICLES, GAUGES));
        }
        JobHarness.registerProbe(db);
    }

    private static Process startProcess(Database db, String broker, Path checkpoints, String name) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                TelemetryJobMain.class.getName(), "--db-url", db.jdbcUrl(), "--db-user", db.user(), "--db-password", db.password(),
                "--broker", broker, "--checkpoint-dir", checkpoints.toString(), "--checkpoint-ms", "500"));
        // As RoadChief runs on the embedded HiveMQ CE: one plain session. With a shared subscription HiveMQ
        // hands a dead member's unacknowledged messages to the other member as new deliveries, which no
        // reader can tell from a device repeating itself (they would be quarantined as duplicates).
        if (EmbeddedBroker.serves(broker)) cmd.addAll(List.of("--group", "none"));
        File out = Files.createTempFile("job-" + name, ".log").toFile();
        log.info("job process {} logs to {}", name, out);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out).start();
    }

    private static int landed(Database db) {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM vehicle_batch) + (SELECT count(*) FROM gauge_reading WHERE gauge_id <> 'probe-gauge')")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            return -1; // the database is away
        }
    }

    private static void assertExactlyLanded(Database db, MixedTraffic t, Duration timeout) throws Exception {
        int expectedRows = t.validImu + t.validGauge;
        int expectedQuarantine = t.quarantined.values().stream().mapToInt(Integer::intValue).sum();
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (System.currentTimeMillis() < deadline) {
            if (landed(db) >= expectedRows && quarantined(db).values().stream().mapToInt(Integer::intValue).sum() >= expectedQuarantine) break;
            Thread.sleep(500);
        }
        Thread.sleep(3000); // anything still arriving would be a duplicate: give it the chance to show
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            assertThat(count(s, "SELECT count(*) FROM vehicle_batch")).as("vehicle batches").isEqualTo(t.validImu);
            assertThat(count(s, "SELECT count(*) FROM gauge_reading WHERE gauge_id <> 'probe-gauge'")).as("gauge readings").isEqualTo(t.validGauge);
        }
        assertThat(quarantined(db)).as("quarantine by reason").isEqualTo(t.quarantined);
    }

    private static Map<String, Integer> quarantined(Database db) throws SQLException {
        Map<String, Integer> m = new TreeMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT reason, count(*) FROM quarantine WHERE coalesce(device_id, '') <> 'probe-gauge' GROUP BY reason")) {
            while (rs.next()) m.put(rs.getString(1), rs.getInt(2));
        } catch (SQLException e) {
            return Map.of();
        }
        return m;
    }

    private static int count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
