package io.roadchief.jobs.pavement;

import io.roadchief.jobs.sink.JdbcTarget;
import io.roadchief.local.Database;
import io.roadchief.local.TestServices;
import io.roadchief.schema.SchemaMigrations;
import io.roadchief.simulator.FleetSimulator;
import io.roadchief.simulator.Scenario;
import io.roadchief.simulator.SimMessage;
import io.roadchief.simulator.SimulatedWorld;
import io.roadchief.simulator.network.NetworkLoader;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Iterator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Repair verification through the real pipeline: tickets opened on day 1 are marked repaired; on day 2 the
 * fleet drives the same roads again. Where the defects are gone (the city fixed them) the passes verify the
 * repair; where they are still there the tickets reopen with the new detection as evidence.
 */
class RepairVerificationTest {
    static final long DAY = 86_400_000L;

    @TempDir
    Path tmp;

    static Scenario day(long seed, int defects, long startMs) {
        return Scenario.builder().seed(seed).km(4).defects(defects).vehicles(6).passes(48).startEpochMs(startMs).build();
    }

    long replayInto(Database db, Scenario s, String name) throws Exception {
        FleetSimulator sim = s.messages();
        Path file = tmp.resolve(name);
        long n = EnvelopeReplay.write(file, new Iterator<>() {
            @Override public boolean hasNext() { return sim.hasNext(); }

            @Override public EnvelopeReplay.Recorded next() {
                SimMessage m = sim.next();
                return new EnvelopeReplay.Recorded(m.payload(), m.publishAtMs());
            }
        });
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
        PavementConfig cfg = PavementConfig.defaults().withDatabase(new JdbcTarget(db.jdbcUrl(), db.user(), db.password()));
        EnvelopeReplay.Telemetry t = EnvelopeReplay.read(env, file, n);
        PavementPipeline.attach(t.batches(), t.cameras(), cfg);
        env.execute("pavement-verification-test");
        return n;
    }

    Database dayOneThenRepairAll(String purpose) throws Exception {
        Database db = TestServices.freshDatabase(purpose);
        SchemaMigrations.migrate(db.jdbcUrl(), db.user(), db.password());
        SimulatedWorld w = day(11, 16, Scenario.DEFAULT_START_MS).world();
        try (Connection c = db.connect()) {
            NetworkLoader.load(c, w.network(), w.surface().features(), w.deviceRows());
        }
        replayInto(db, day(11, 16, Scenario.DEFAULT_START_MS), "day1.bin");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            // the crews repair everything in the evening of day 1 (as the service would record it)
            int n = s.executeUpdate("UPDATE ticket SET status = 'repaired', repaired_at = TIMESTAMPTZ '"
                    + java.time.Instant.ofEpochMilli(Scenario.DEFAULT_START_MS + DAY / 2) + "'");
            assertThat(n).isGreaterThan(3);
        }
        return db;
    }

    static int count(Database db, String sql) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void passesOverRepairedSpotsVerifyThem() throws Exception {
        Database db = dayOneThenRepairAll("pavement_verify");
        int repaired = count(db, "SELECT count(*) FROM ticket WHERE status = 'repaired'");
        // Day 2: same roads and fleet, no defects left.
        replayInto(db, day(11, 0, Scenario.DEFAULT_START_MS + DAY), "day2.bin");
        int verified = count(db, "SELECT count(*) FROM ticket WHERE status = 'verified' AND closed_at IS NOT NULL");
        assertThat(verified).isGreaterThanOrEqualTo((int) Math.ceil(0.6 * repaired));
        assertThat(count(db, "SELECT count(*) FROM ticket WHERE status = 'reopened'")).isZero();
        assertThat(count(db, "SELECT count(*) FROM ticket_event WHERE kind = 'verified' AND from_status = 'repaired'")).isEqualTo(verified);
        // Verification events are dated by the verifying pass, on day 2.
        assertThat(count(db, "SELECT count(*) FROM ticket_event WHERE kind = 'verified' AND at < TIMESTAMPTZ '"
                + java.time.Instant.ofEpochMilli(Scenario.DEFAULT_START_MS + DAY) + "'")).isZero();
    }

    @Test
    void detectionsAtRepairedSpotsReopenThem() throws Exception {
        Database db = dayOneThenRepairAll("pavement_reopen");
        int repaired = count(db, "SELECT count(*) FROM ticket WHERE status = 'repaired'");
        // Day 2: the same defects are still there (the repairs did not hold).
        replayInto(db, day(11, 16, Scenario.DEFAULT_START_MS + DAY), "day2.bin");
        int reopened = count(db, "SELECT count(*) FROM ticket WHERE status = 'reopened' AND repaired_at IS NULL");
        assertThat(reopened).isGreaterThanOrEqualTo((int) Math.ceil(0.6 * repaired));
        assertThat(count(db, "SELECT count(*) FROM ticket_event WHERE kind = 'reopened' AND detail LIKE '%felt a%'")).isEqualTo(reopened);
    }
}
