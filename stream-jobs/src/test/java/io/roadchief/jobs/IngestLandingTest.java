package io.roadchief.jobs;

import io.roadchief.ingest.RawMessage;
import io.roadchief.ingest.testing.SampleEnvelopes;
import io.roadchief.jobs.sink.JdbcTarget;
import io.roadchief.local.Database;
import io.roadchief.local.TestServices;
import io.roadchief.schema.SchemaMigrations;
import io.roadchief.schema.Topics;
import io.roadchief.schema.v1.Envelope;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ingest operators and landing sinks on a Flink MiniCluster against a real PostgreSQL: good
 * telemetry lands once, every bad message lands in quarantine with its reason, and replaying the
 * same input (as after a crash) changes nothing.
 */
class IngestLandingTest {
    private static Database db;
    private static final int VEHICLES = 5, GAUGES = 3;

    @BeforeAll
    static void database() throws Exception {
        db = TestServices.freshDatabase("ingest_landing");
        SchemaMigrations.migrate(db.jdbcUrl(), db.user(), db.password());
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(SampleEnvelopes.registerSql(VEHICLES, GAUGES));
        }
    }

    @Test
    void validTelemetryLandsOnceAndEveryRejectIsQuarantinedWithItsReason() throws Exception {
        long now = System.currentTimeMillis();
        List<RawMessage> input = new ArrayList<>();
        int goodImu = 0, goodGauge = 0;
        Map<String, Integer> expectedRejects = new TreeMap<>();
        Random rnd = new Random(7);
        for (int v = 0; v < VEHICLES; v++) {
            for (int s = 1; s <= 40; s++) {
                Envelope e = SampleEnvelopes.imu(SampleEnvelopes.vehicleId(v), s, now - 60_000 + s * 1000L);
                input.add(new RawMessage(SampleEnvelopes.topicFor(e), e.toByteArray(), now));
                goodImu++;
                if (s % 10 == 0) { // duplicate copy, as a unit re-sending after a reconnect
                    input.add(new RawMessage(SampleEnvelopes.topicFor(e), e.toByteArray(), now + 5));
                    expectedRejects.merge("duplicate", 1, Integer::sum);
                }
            }
        }
        for (int g = 0; g < GAUGES; g++) {
            for (int s = 1; s <= 20; s++) {
                Envelope e = SampleEnvelopes.gauge(SampleEnvelopes.gaugeId(g), s, now - 30_000 + s * 1000L, 40 + s);
                input.add(new RawMessage(SampleEnvelopes.topicFor(e), e.toByteArray(), now));
                goodGauge++;
            }
        }
        for (int i = 0; i < 25; i++) { // random junk on a valid topic
            byte[] junk = new byte[20 + i];
            rnd.nextBytes(junk);
            junk[0] = (byte) 0xff; // guarantees an invalid tag
            input.add(new RawMessage(Topics.vehicleImu("bus-0001"), junk, now));
            expectedRejects.merge("malformed", 1, Integer::sum);
        }
        for (int i = 0; i < 4; i++) { // negative and impossible levels
            Envelope e = SampleEnvelopes.gauge("gauge-0000", 1000 + i, now, i % 2 == 0 ? -10 - i : 50_000 + i);
            input.add(new RawMessage(SampleEnvelopes.topicFor(e), e.toByteArray(), now));
            expectedRejects.merge("impossible_value", 1, Integer::sum);
        }
        Envelope ahead = SampleEnvelopes.gauge("gauge-0001", 5000, now + 3_600_000, 10);
        input.add(new RawMessage(SampleEnvelopes.topicFor(ahead), ahead.toByteArray(), now));
        expectedRejects.merge("clock_ahead", 1, Integer::sum);
        Envelope stranger = SampleEnvelopes.imu("bus-0999", 1, now);
        input.add(new RawMessage(SampleEnvelopes.topicFor(stranger), stranger.toByteArray(), now));
        expectedRejects.merge("unknown_device", 1, Integer::sum);
        input.add(new RawMessage("roadchief/v1/vehicle/x'); DROP TABLE vehicle_batch; --/imu",
                "'; DROP TABLE quarantine; --".getBytes(StandardCharsets.UTF_8), now));
        expectedRejects.merge("unknown_topic", 1, Integer::sum);

        runOnce(input);
        assertLanded(goodImu, goodGauge, expectedRejects);

        // Replay everything in another order, as a broker redelivers after a crash: nothing changes.
        List<RawMessage> replay = new ArrayList<>(input);
        Collections.shuffle(replay, new Random(3));
        runOnce(replay);
        assertLanded(goodImu, goodGauge, expectedRejects);
    }

    private void runOnce(List<RawMessage> input) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
        JobSettings settings = JobSettings.defaults(new JdbcTarget(db.jdbcUrl(), db.user(), db.password()), null);
        TelemetryJob.build(env.fromData(input).setParallelism(1), settings);
        env.execute("ingest-landing-test");
    }

    private void assertLanded(int imu, int gauge, Map<String, Integer> rejects) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            assertThat(count(s, "SELECT count(*) FROM vehicle_batch")).isEqualTo(imu);
            assertThat(count(s, "SELECT count(DISTINCT (device_id, seq)) FROM vehicle_batch")).isEqualTo(imu);
            assertThat(count(s, "SELECT count(*) FROM gauge_reading")).isEqualTo(gauge);
            Map<String, Integer> actual = new TreeMap<>();
            try (ResultSet rs = s.executeQuery("SELECT reason, count(*) FROM quarantine GROUP BY reason")) {
                while (rs.next()) actual.put(rs.getString(1), rs.getInt(2));
            }
            assertThat(actual).isEqualTo(rejects);
            assertThat(count(s, "SELECT count(*) FROM quarantine WHERE raw_size > 0 AND length(raw) > 0")).isEqualTo(
                    rejects.values().stream().mapToInt(Integer::intValue).sum());
            // the tables the SQL-looking input named are intact
            assertThat(count(s, "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('vehicle_batch','quarantine','device')")).isEqualTo(3);
        }
    }

    private static int count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
