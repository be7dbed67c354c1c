package io.roadchief.jobs.pavement;

import io.roadchief.jobs.sink.JdbcTarget;
import io.roadchief.local.Database;
import io.roadchief.local.TestServices;
import io.roadchief.schema.SchemaMigrations;
import io.roadchief.schema.TantuIndex;
import io.roadchief.simulator.FleetSimulator;
import io.roadchief.simulator.Scenario;
import io.roadchief.simulator.SimMessage;
import io.roadchief.simulator.SimulatedWorld;
import io.roadchief.simulator.network.NetworkLoader;
import io.roadchief.simulator.truth.DefectTruth;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real pavement pipeline on a Flink MiniCluster, simulator traffic in, PostgreSQL out: the same input
 * twice gives identical tickets, defects, passes and 坦途指数 rows; tickets follow the SLA and the views
 * compute the index from the rows with the same formula as io.roadchief.schema.TantuIndex.
 */
class PavementPipelineTest {
    static final Scenario SCENARIO = Scenario.builder().seed(11).km(4).defects(16).vehicles(6).passes(48).build();
    static SimulatedWorld world;
    static Path replay;
    static long records;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void simulate() throws Exception {
        world = SCENARIO.world();
        replay = tmp.resolve("replay.bin");
        FleetSimulator sim = new FleetSimulator(SCENARIO, world);
        Iterator<EnvelopeReplay.Recorded> it = new Iterator<>() {
            @Override public boolean hasNext() { return sim.hasNext(); }

            @Override public EnvelopeReplay.Recorded next() {
                SimMessage m = sim.next();
                return new EnvelopeReplay.Recorded(m.payload(), m.publishAtMs());
            }
        };
        records = EnvelopeReplay.write(replay, it);
    }

    static Database databaseWithNetwork(String purpose) throws Exception {
        Database db = TestServices.freshDatabase(purpose);
        SchemaMigrations.migrate(db.jdbcUrl(), db.user(), db.password());
        try (Connection c = db.connect()) {
            NetworkLoader.load(c, world.network(), world.surface().features(), world.deviceRows());
        }
        return db;
    }

    static void run(Database db) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
        env.enableCheckpointing(Duration.ofSeconds(2).toMillis());
        env.getCheckpointConfig().setTolerableCheckpointFailureNumber(Integer.MAX_VALUE);
        PavementConfig cfg = PavementConfig.defaults().withDatabase(new JdbcTarget(db.jdbcUrl(), db.user(), db.password()));
        EnvelopeReplay.Telemetry t = EnvelopeReplay.read(env, replay, records);
        PavementPipeline.attach(t.batches(), t.cameras(), cfg);
        env.execute("pavement-test");
    }

    static List<String> rows(Database db, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) b.append(i > 1 ? " | " : "").append(rs.getString(i));
                out.add(b.toString());
            }
        }
        return out;
    }

    static final String TICKETS = "SELECT ticket_id, defect_id, segment_id, road_name_zh, district_code, defect_type, severity, title_zh,"
            + " title_en, status, confirmed_at, due_at, warn_at, evidence_count, round(lat::numeric, 7), round(lon::numeric, 7)"
            + " FROM ticket ORDER BY ticket_id";
    static final String DEFECTS = "SELECT defect_id, segment_id, defect_type, severity, first_seen, last_seen, detection_count,"
            + " vehicle_count, status FROM defect ORDER BY defect_id";
    static final String PASSES = "SELECT segment_id, device_id, pass_start, pass_end, mean_speed_kmh, iri_m_km, sample_count"
            + " FROM segment_pass ORDER BY 1, 2, 3";
    static final String INDEX = "SELECT segment_id, day, pass_count, round(iri_mean::numeric, 6), severe_open, other_open,"
            + " round(tantu_index::numeric, 6), grade FROM segment_index_daily ORDER BY 1, 2";
    static final String EVENTS = "SELECT ticket_id, at, kind, to_status, dedup_key FROM ticket_event ORDER BY ticket_id, kind";

    @Test
    void sameInputTwiceGivesIdenticalTicketsAndIndices() throws Exception {
        Database a = databaseWithNetwork("pavement_a"), b = databaseWithNetwork("pavement_b");
        run(a);
        run(b);
        List<String> ticketsA = rows(a, TICKETS);
        assertThat(ticketsA).isNotEmpty();
        assertThat(rows(b, TICKETS)).isEqualTo(ticketsA);
        assertThat(rows(b, DEFECTS)).isEqualTo(rows(a, DEFECTS));
        assertThat(rows(b, EVENTS)).isEqualTo(rows(a, EVENTS));
        List<String> passes = rows(a, PASSES);
        assertThat(passes).hasSizeGreaterThan(100);
        assertThat(rows(b, PASSES)).isEqualTo(passes);
        List<String> index = rows(a, INDEX);
        assertThat(index).isNotEmpty();
        assertThat(rows(b, INDEX)).isEqualTo(index);

        // Replaying into a database that already has the rows changes nothing (idempotent writes).
        run(a);
        assertThat(rows(a, TICKETS)).isEqualTo(ticketsA);
        assertThat(rows(a, EVENTS)).isEqualTo(rows(b, EVENTS));
        assertThat(rows(a, PASSES)).isEqualTo(passes);
    }

    @Test
    void ticketsFollowTheSlaAndTheIndexFollowsTheFormula() throws Exception {
        Database db = databaseWithNetwork("pavement_sla");
        run(db);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            int tickets = 0, matched = 0;
            try (ResultSet rs = s.executeQuery("SELECT t.ticket_id, t.severity, t.confirmed_at, t.due_at, t.warn_at, t.road_name_zh, t.title_zh,"
                    + " (SELECT count(*) FROM ticket_event e WHERE e.ticket_id = t.ticket_id AND e.kind = 'opened'), d.vehicle_count, t.lat, t.lon"
                    + " FROM ticket t JOIN defect d USING (defect_id)")) {
                while (rs.next()) {
                    tickets++;
                    OffsetDateTime confirmed = rs.getObject(3, OffsetDateTime.class), due = rs.getObject(4, OffsetDateTime.class);
                    boolean severe = rs.getString(2).equals("severe");
                    assertThat(Duration.between(confirmed, due)).isEqualTo(Duration.ofHours(severe ? 24 : 48));
                    assertThat(Duration.between(confirmed, rs.getObject(5, OffsetDateTime.class))).isEqualTo(Duration.ofHours(severe ? 18 : 36));
                    assertThat(rs.getString(7)).startsWith("【").contains(rs.getString(6)).containsPattern("\\(K\\d+\\+\\d{3}\\)");
                    assertThat(rs.getInt(8)).isEqualTo(1);
                    assertThat(rs.getInt(9)).isGreaterThanOrEqualTo(severe ? 1 : 2);
                    if (nearPlanted(rs.getDouble(10), rs.getDouble(11))) matched++;
                }
            }
            assertThat(tickets).isGreaterThan(0);
            // Most tickets are at planted defects (the evaluation measures precision properly).
            assertThat(matched).isGreaterThanOrEqualTo((int) Math.ceil(0.7 * tickets));
            // Never a ticket at a registered speed bump.
            try (ResultSet rs = s.executeQuery("SELECT t.ticket_id, t.lat, t.lon, f.lat, f.lon FROM ticket t JOIN segment_feature f"
                    + " ON f.kind = 'speed_bump' AND f.segment_id = t.segment_id")) {
                while (rs.next()) assertThat(metres(rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5))).isGreaterThan(15);
            }
            // The view's index is TantuIndex's formula of the view's own inputs.
            int checked = 0;
            try (ResultSet rs = s.executeQuery("SELECT i.iri_mean, i.severe_open, i.other_open, r.length_m, i.tantu_index, i.grade"
                    + " FROM segment_index_daily i JOIN road_segment r USING (segment_id)")) {
                while (rs.next()) {
                    double expected = TantuIndex.index(rs.getDouble(1), TantuIndex.damageRatioPct(rs.getLong(2), rs.getLong(3), rs.getDouble(4)));
                    assertThat(rs.getDouble(5)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6));
                    assertThat(rs.getString(6)).isEqualTo(TantuIndex.grade(expected).code);
                    checked++;
                }
            }
            assertThat(checked).isGreaterThan(10);
            // Segments with open tickets score lower on the PCI side than the same roughness without.
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM segment_index_daily WHERE severe_open + other_open > 0")) {
                rs.next();
                assertThat(rs.getInt(1)).isGreaterThan(0);
            }
        }
    }

    static boolean nearPlanted(double lat, double lon) {
        for (DefectTruth d : world.truth().defects()) if (metres(lat, lon, d.lat(), d.lon()) < 20) return true;
        return false;
    }

    static double metres(double lat1, double lon1, double lat2, double lon2) {
        double dy = (lat1 - lat2) * 111_195, dx = (lon1 - lon2) * 111_195 * Math.cos(Math.toRadians(lat1));
        return Math.hypot(dx, dy);
    }
}
