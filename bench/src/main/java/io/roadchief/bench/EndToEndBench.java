package io.roadchief.bench;

import io.roadchief.ingest.mqtt.MqttSource;
import io.roadchief.jobs.Analytics;
import io.roadchief.jobs.JobSettings;
import io.roadchief.jobs.LocalFlinkRunner;
import io.roadchief.jobs.TelemetryJob;
import io.roadchief.jobs.sink.JdbcTarget;
import io.roadchief.jobs.pavement.PavementConfig;
import io.roadchief.jobs.pavement.PavementPipeline;
import io.roadchief.jobs.water.WaterConfig;
import io.roadchief.jobs.water.WaterPipeline;
import io.roadchief.local.Database;
import io.roadchief.local.PrivateBroker;
import io.roadchief.local.TempDirs;
import io.roadchief.local.TestServices;
import io.roadchief.schema.SchemaMigrations;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Drives RoadChief's real path (Mosquitto -> Flink -> PostgreSQL, in this process as the embedded
 * deployment runs it) and then the naive baseline with the same traffic at a rising series of offered
 * rates, and measures each step from the database: what landed when.
 *
 * <p>How latency is measured: every envelope's device time is its publish time (wall clock, this
 * machine); the bench adds a column {@code bench_landed_at DEFAULT clock_timestamp()} to the landing
 * tables of its own database, so each row records when PostgreSQL inserted it. Publish-to-row latency =
 * landed_at - device_time, percentiles computed exactly by PostgreSQL (percentile_cont) over the step's
 * steady window. Gauge-to-alert = alert.created_at (now() of the sink's transaction) - raised_at (the
 * reading's device time, i.e. its publish time). Defect-to-ticket = ticket.bench_landed_at - confirmed_at
 * (the confirming detection's sample time, which is at most one batch before its publish).
 */
public final class EndToEndBench {
    private final BenchSettings s;
    private final PrintWriter out;

    public EndToEndBench(BenchSettings settings, PrintWriter out) {
        this.s = settings;
        this.out = out;
    }

    /** Where a system's rows land, for the step queries. */
    record Landing(String system, String vehicleTable, String vehicleFilter, String gaugeTable, String gaugeFilter,
                   String landedColumn) {}

    static final Landing ROADCHIEF = new Landing("roadchief", "vehicle_batch", "device_id LIKE 'bench-v-%'",
            "gauge_reading", "gauge_id LIKE 'bench-g-%'", "bench_landed_at");
    static final Landing NAIVE = new Landing("naive", NaiveBaseline.TABLE, "kind = 'imu'", NaiveBaseline.TABLE,
            "kind = 'gauge'", "landed_at");

    /** The whole run's results. */
    public record Results(BenchSettings settings, List<StepResult> roadchief, List<StepResult> naive, String database,
                          String conditions, Profile profile, String analytics) {}

    /** The CPU profile of RoadChief's heaviest step: its rate, the JFR file and the summary. */
    public record Profile(int rate, Path jfr, String summary) {}

    private Profile profile;
    private String analytics = "none";

    public Results run() throws Exception {
        Database db = database();
        int maxGauges = s.gaugesFor(s.maxRate());
        try (Connection c = db.connect()) {
            prepare(c);
            new BenchTraffic(s.maxRate(), maxGauges).register(c);
        }
        out.printf("bench: database %s, %d vehicles and %d gauges registered%n", db.jdbcUrl(), s.maxRate(), maxGauges);
        out.flush();
        List<StepResult> rc = runRoadChief(db, maxGauges);
        List<StepResult> naive = s.baseline() ? runNaive(db, maxGauges) : List.of();
        return new Results(s, rc, naive, db.jdbcUrl(), conditions(), profile, analytics);
    }

    private Database database() {
        Database db = s.dbUrl() != null ? new Database(s.dbUrl(), s.dbUser(), s.dbPassword(), "configured")
                : TestServices.freshDatabase("bench");
        SchemaMigrations.migrate(db.jdbcUrl(), db.user(), db.password());
        return db;
    }

    /** Landing-time columns on the tables the bench measures (the bench's own database only), and the naive table. */
    private static void prepare(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String t : List.of("vehicle_batch", "gauge_reading", "ticket")) {
                st.execute("ALTER TABLE " + t + " ADD COLUMN IF NOT EXISTS bench_landed_at timestamptz DEFAULT clock_timestamp()");
            }
        }
        NaiveBaseline.createTable(c);
    }

    private List<StepResult> runRoadChief(Database db, int maxGauges) throws Exception {
        out.println("bench: RoadChief (Mosquitto -> Flink -> PostgreSQL)");
        out.flush();
        BenchTraffic traffic = new BenchTraffic(s.maxRate(), maxGauges);
        DefectProbeFleet probes = null;
        if (s.probeVehicles() > 0 && !s.landingOnly()) {
            probes = new DefectProbeFleet(s.probeVehicles(), 2.0, 12, 900, 7);
            try (Connection c = db.connect()) {
                probes.register(c);
            }
            out.printf("  defect probes: %d simulated vehicles on a registered 2 km network with %d planted defects%n",
                    probes.vehicles(), probes.defects());
        }
        try (PrivateBroker broker = PrivateBroker.start()) {
            Path checkpoints = Files.createTempDirectory("roadchief-bench-chk");
            StreamExecutionEnvironment env = LocalFlinkRunner.environment(checkpoints, Duration.ofMillis(s.checkpointMs()), s.parallelism());
            JobSettings settings = JobSettings.defaults(new JdbcTarget(db.jdbcUrl(), db.user(), db.password()), broker.url());
            TelemetryJob.Streams streams = TelemetryJob.build(env, MqttSource.builder().brokerUrl(broker.url()).build(), settings);
            if (s.landingOnly()) {
                analytics = "none (--landing-only: decode, validate, de-duplicate, land)";
            } else {
                int before = env.getTransformations().size();
                Analytics.attach(streams, settings);
                if (env.getTransformations().size() == before) {
                    // Analytics.attach does not attach the pipelines yet: attach them as it will, so that
                    // gauge-to-alert and defect-to-ticket latency are measured.
                    WaterPipeline.attach(streams.gauges(), WaterConfig.defaults(settings.database(), broker.url()));
                    PavementPipeline.attach(streams.vehicles(), streams.cameras(), PavementConfig.defaults().withDatabase(settings.database()));
                    analytics = "Analytics.attach added nothing yet (pipelines not wired); the bench attached WaterPipeline and PavementPipeline"
                            + " itself, with their default configurations";
                } else {
                    analytics = "Analytics.attach (" + (env.getTransformations().size() - before) + " transformations)";
                }
            }
            JobClient job = env.executeAsync("roadchief-bench");
            try (PacedPublisher publisher = new PacedPublisher(broker.url(), "bench-rc", s.publishers(), traffic)) {
                if (probes != null) probes.start(broker.url());
                return steps(db, ROADCHIEF, publisher, traffic);
            } finally {
                if (probes != null) probes.close();
                job.cancel().get(30, TimeUnit.SECONDS);
                TempDirs.deleteQuietly(checkpoints);
            }
        }
    }

    private List<StepResult> runNaive(Database db, int maxGauges) throws Exception {
        out.println("bench: naive baseline (Paho subscriber, one autocommitted INSERT per message)");
        out.flush();
        BenchTraffic traffic = new BenchTraffic(s.maxRate(), maxGauges); // the same envelopes again
        try (PrivateBroker broker = PrivateBroker.start();
             NaiveBaseline naive = new NaiveBaseline(broker.url(), db.jdbcUrl(), db.user(), db.password());
             PacedPublisher publisher = new PacedPublisher(broker.url(), "bench-naive", s.publishers(), traffic)) {
            return steps(db, NAIVE, publisher, traffic);
        }
    }

    private List<StepResult> steps(Database db, Landing landing, PacedPublisher publisher, BenchTraffic traffic) throws Exception {
        waitConsuming(db, landing, publisher, traffic);
        if (s.warmupSeconds() > 0) {
            int rate = s.rates().get(0);
            out.printf("  warm-up: %d s at %d batches/s%n", s.warmupSeconds(), rate);
            out.flush();
            PacedPublisher.Published p = publisher.run(rate, s.warmupSeconds(), s.gaugeShare(), s.gaugesFor(rate));
            drain(db, landing, p);
        }
        List<StepResult> results = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        for (int rate : s.rates()) {
            starts.add(System.currentTimeMillis());
            StepResult r;
            if (s.profile() && landing == ROADCHIEF) {
                Path jfr = Files.createTempFile("roadchief-bench-" + rate + "-", ".jfr");
                try (CpuProfile ignored = new CpuProfile(jfr)) {
                    r = step(db, landing, publisher, rate);
                }
                if (profile != null) Files.deleteIfExists(profile.jfr());
                profile = new Profile(rate, jfr, CpuProfile.summarise(jfr, 25));
            } else {
                r = step(db, landing, publisher, rate);
            }
            results.add(r);
            out.println("  " + BenchReport.progressLine(r));
            out.flush();
            if (!r.keepingUp() && s.stopAfterSaturation()) {
                out.printf("  %s stops keeping up at %d batches/s; higher steps skipped%n", landing.system(), rate);
                out.flush();
                break;
            }
        }
        return landing == ROADCHIEF ? withAnalyticsLatency(db, results, starts) : results;
    }

    /**
     * Defect-to-ticket and gauge-to-alert latencies per step. Measured after the steps and a settle time,
     * because the analytics wait for event-time watermarks (bounded out-of-orderness) before they act: a
     * ticket may land well after its step ended. Each ticket or alert counts for the step during which its
     * triggering data was published (from the step's start to the next step's start).
     */
    private List<StepResult> withAnalyticsLatency(Database db, List<StepResult> steps, List<Long> starts) throws Exception {
        if (s.settleSeconds() > 0 && !s.landingOnly()) {
            out.printf("  settling %d s for the analytics' watermarks (tickets and alerts of the last steps)%n", s.settleSeconds());
            out.flush();
            Thread.sleep(s.settleSeconds() * 1000L);
        }
        List<StepResult> res = new ArrayList<>();
        try (Connection c = db.connect()) {
            for (int i = 0; i < steps.size(); i++) {
                long from = starts.get(i), to = i + 1 < starts.size() ? starts.get(i + 1) : System.currentTimeMillis();
                double[] ticket = percentiles(c, "SELECT extract(epoch FROM (bench_landed_at - confirmed_at)) * 1000 AS ms FROM ticket"
                        + " WHERE confirmed_at >= ? AND confirmed_at < ?", from, to);
                double[] alert = percentiles(c, "SELECT extract(epoch FROM (created_at - raised_at)) * 1000 AS ms FROM alert"
                        + " WHERE source_id LIKE 'bench-g-%' AND kind LIKE 'water\\_%' AND raised_at >= ? AND raised_at < ?", from, to);
                StepResult r = steps.get(i);
                res.add(new StepResult(r.system(), r.targetRate(), r.offeredVehicles(), r.offeredGauges(), r.sustainedVehicles(),
                        r.sustainedGauges(), r.dbRowsPerS(), r.landedShare(), r.backlogMid(), r.backlogEnd(),
                        r.landingP50(), r.landingP95(), r.landingP99(),
                        val(ticket, 0), val(ticket, 1), val(ticket, 2), (long) ticket[3],
                        val(alert, 0), val(alert, 1), val(alert, 2), (long) alert[3],
                        r.usage(), r.publisherCores(), r.keepingUp(), r.verdict()));
            }
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM ticket")) {
                rs.next();
                out.printf("  analytics: %d tickets, gauge->alert and defect->ticket latencies per step in the report%n", rs.getLong(1));
            }
        }
        return res;
    }

    private StepResult step(Database db, Landing l, PacedPublisher publisher, int rate) throws Exception {
        int gauges = s.gaugesFor(rate);
        out.printf("  step %,d vehicle batches/s (%,d samples/s) + %,.0f gauge readings/s from %d gauges, %d s%n",
                rate, rate * BenchSettings.SAMPLES_PER_BATCH, rate * s.gaugeShare(), gauges, s.stepSeconds());
        out.flush();
        String dbName;
        try (Connection c = db.connect()) {
            dbName = scalarString(c, "SELECT current_database()");
        }
        ResourceSampler sampler = new ResourceSampler();
        long t0 = System.currentTimeMillis();
        CompletableFuture<PacedPublisher.Published> publishing = CompletableFuture.supplyAsync(() -> {
            try {
                return publisher.run(rate, s.stepSeconds(), s.gaugeShare(), gauges);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        long steadyFrom = t0 + Math.round(s.stepSeconds() * 1000 * s.steadyFraction());
        long insertedAtSteady = -1;
        long lastProgress = t0;
        while (!publishing.isDone()) {
            Thread.sleep(200);
            long now = System.currentTimeMillis();
            if (insertedAtSteady < 0 && now >= steadyFrom) {
                try (Connection c = db.connect()) {
                    insertedAtSteady = tupInserted(c, dbName);
                }
            }
            if (now - lastProgress >= 5000 && !publishing.isDone()) {
                lastProgress = now;
                try (Connection c = db.connect()) {
                    long landed = landedSince(c, l, t0);
                    out.printf("    %3d s: %,d landed so far%n", (now - t0) / 1000, landed);
                    out.flush();
                }
            }
        }
        PacedPublisher.Published p = publishing.get();
        ResourceSampler.Usage usage = sampler.usage();
        sampler.close();
        long insertedAtEnd;
        long steadyStart = Math.max(p.startMs() + Math.round((p.endMs() - p.startMs()) * s.steadyFraction()), steadyFrom);
        try (Connection c = db.connect()) {
            insertedAtEnd = tupInserted(c, dbName);
        }
        if (insertedAtSteady < 0) insertedAtSteady = insertedAtEnd;
        double landedShare = drain(db, l, p);
        double steadyS = (p.endMs() - steadyStart) / 1000.0;
        try (Connection c = db.connect()) {
            long vSteady = count(c, "SELECT count(*) FROM " + l.vehicleTable() + " WHERE " + l.vehicleFilter()
                    + " AND device_time >= ? AND " + l.landedColumn() + " >= ? AND " + l.landedColumn() + " < ?", p.startMs(), steadyStart, p.endMs());
            long gSteady = count(c, "SELECT count(*) FROM " + l.gaugeTable() + " WHERE " + l.gaugeFilter()
                    + " AND device_time >= ? AND " + l.landedColumn() + " >= ? AND " + l.landedColumn() + " < ?", p.startMs(), steadyStart, p.endMs());
            long landedByMid = landedBefore(c, l, p.startMs(), p.midMs());
            long landedByEnd = landedBefore(c, l, p.startMs(), p.endMs());
            long backlogMid = p.vehicleBatchesByMid() + p.gaugeReadingsByMid() - landedByMid;
            long backlogEnd = p.vehicleBatches() + p.gaugeReadings() - landedByEnd;
            double[] landing = percentiles(c, "SELECT extract(epoch FROM (" + l.landedColumn() + " - device_time)) * 1000 AS ms FROM "
                    + l.vehicleTable() + " WHERE " + l.vehicleFilter() + " AND device_time >= ? AND device_time < ?"
                    + " UNION ALL SELECT extract(epoch FROM (" + l.landedColumn() + " - device_time)) * 1000 FROM "
                    + l.gaugeTable() + " WHERE " + l.gaugeFilter() + " AND device_time >= ? AND device_time < ?",
                    steadyStart, p.endMs(), steadyStart, p.endMs());
            double offeredV = p.vehicleBatches() / p.seconds(), offeredG = p.gaugeReadings() / p.seconds();
            double sustV = vSteady / steadyS, sustG = gSteady / steadyS;
            double dbRows = (insertedAtEnd - insertedAtSteady) / Math.max(0.001, (p.endMs() - steadyFrom) / 1000.0);
            long growth = backlogEnd - backlogMid;
            boolean backlogGrowing = growth > Math.max(100, (long) rate); // more than one second of traffic
            boolean enough = sustV >= BenchSettings.KEEP_UP_SHARE * rate;
            boolean kept = enough && !backlogGrowing && landedShare >= 0.999;
            String verdict = kept ? "keeps up"
                    : !enough && offeredV < BenchSettings.KEEP_UP_SHARE * rate && sustV >= BenchSettings.KEEP_UP_SHARE * offeredV
                    ? "publisher short of target" : !enough ? "falls behind" : backlogGrowing ? "backlog grows" : "not drained";
            return new StepResult(l.system(), rate, offeredV, offeredG, sustV, sustG, dbRows, landedShare, backlogMid, backlogEnd,
                    val(landing, 0), val(landing, 1), val(landing, 2),
                    null, null, null, 0, null, null, null, 0,
                    usage, p.publisherCpuS() / p.seconds(), kept, verdict);
        }
    }

    /** Waits until everything the step published has landed (or progress stops); the share that landed. */
    private double drain(Database db, Landing l, PacedPublisher.Published p) throws Exception {
        long expected = p.vehicleBatches() + p.gaugeReadings();
        long deadline = System.currentTimeMillis() + Math.max(15_000, s.stepSeconds() * 1000L);
        long landed = 0;
        while (System.currentTimeMillis() < deadline) {
            try (Connection c = db.connect()) {
                landed = landedSince(c, l, p.startMs());
            }
            if (landed >= expected) break;
            Thread.sleep(250);
        }
        return expected == 0 ? 1.0 : Math.min(1.0, (double) landed / expected);
    }

    /** Publishes probe readings until one lands: from then on the subscriptions exist. */
    private void waitConsuming(Database db, Landing l, PacedPublisher publisher, BenchTraffic traffic) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        long since = System.currentTimeMillis() - 1000;
        while (System.currentTimeMillis() < deadline) {
            publisher.publishOne(traffic.gaugeReading(0, System.currentTimeMillis()));
            Thread.sleep(500);
            try (Connection c = db.connect()) {
                if (count(c, "SELECT count(*) FROM " + l.gaugeTable() + " WHERE " + l.gaugeFilter() + " AND device_time >= ?", since) > 0) return;
            }
        }
        throw new IllegalStateException(l.system() + " never consumed a probe message");
    }

    private static long landedSince(Connection c, Landing l, long fromMs) throws SQLException {
        return count(c, "SELECT (SELECT count(*) FROM " + l.vehicleTable() + " WHERE " + l.vehicleFilter() + " AND device_time >= ?)"
                + " + (SELECT count(*) FROM " + l.gaugeTable() + " WHERE " + l.gaugeFilter() + " AND device_time >= ?)", fromMs, fromMs);
    }

    private static long landedBefore(Connection c, Landing l, long fromMs, long beforeMs) throws SQLException {
        return count(c, "SELECT (SELECT count(*) FROM " + l.vehicleTable() + " WHERE " + l.vehicleFilter() + " AND device_time >= ? AND "
                + l.landedColumn() + " < ?) + (SELECT count(*) FROM " + l.gaugeTable() + " WHERE " + l.gaugeFilter()
                + " AND device_time >= ? AND " + l.landedColumn() + " < ?)", fromMs, beforeMs, fromMs, beforeMs);
    }

    private static long tupInserted(Connection c, String dbName) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_stat_clear_snapshot()");
            try (PreparedStatement ps = c.prepareStatement("SELECT tup_inserted FROM pg_stat_database WHERE datname = ?")) {
                ps.setString(1, dbName);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0;
                }
            }
        }
    }

    /** p50, p95, p99 and the row count of a one-column query of milliseconds; NaN percentiles when empty. */
    private static double[] percentiles(Connection c, String msQuery, long... timesMs) throws SQLException {
        String sql = "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms), percentile_cont(0.95) WITHIN GROUP (ORDER BY ms),"
                + " percentile_cont(0.99) WITHIN GROUP (ORDER BY ms), count(*) FROM (" + msQuery + ") q";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < timesMs.length; i++) ps.setTimestamp(i + 1, new Timestamp(timesMs[i]));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long n = rs.getLong(4);
                if (n == 0) return new double[] {Double.NaN, Double.NaN, Double.NaN, 0};
                return new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), n};
            }
        }
    }

    private static Double val(double[] p, int i) {
        return p == null || Double.isNaN(p[i]) ? null : p[i];
    }

    private static long count(Connection c, String sql, long... timesMs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < timesMs.length; i++) ps.setTimestamp(i + 1, new Timestamp(timesMs[i]));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String scalarString(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The machine and what else ran on it, for the report. */
    private static String conditions() {
        Runtime rt = Runtime.getRuntime();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return String.format("%d cores, %.1f GiB RAM, Java %s, max heap %.1f GiB, load average at the end %.2f",
                rt.availableProcessors(), os.getTotalMemorySize() / (1024.0 * 1024 * 1024), System.getProperty("java.version"),
                rt.maxMemory() / (1024.0 * 1024 * 1024), os.getSystemLoadAverage());
    }
}
