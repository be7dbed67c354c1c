package io.roadchief.launcher.evaluate.water;

import io.roadchief.ingest.telemetry.GaugeObservation;
import io.roadchief.jobs.sink.JdbcTarget;
import io.roadchief.jobs.water.GaugeCatalog;
import io.roadchief.jobs.water.WaterAlert;
import io.roadchief.jobs.water.WaterConfig;
import io.roadchief.jobs.water.WaterReplay;
import io.roadchief.jobs.water.WaterThresholds;
import io.roadchief.local.Database;
import io.roadchief.local.PrivateBroker;
import io.roadchief.local.TestServices;
import io.roadchief.schema.SchemaMigrations;
import io.roadchief.simulator.storm.StormRun;
import io.roadchief.simulator.storm.StormScenario;
import io.roadchief.simulator.storm.StormScorecard;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Evaluates the waterlogging job on a simulated storm: the real water pipeline (WaterPipeline on a
 * Flink MiniCluster, the real PostgreSQL and, unless --no-mqtt, a real Mosquitto for the alert push),
 * scored against the simulator's ground truth; then a second, paced run for reading-to-alert-row latency.
 */
@Command(name = "water", mixinStandardHelpOptions = true,
        description = "Storm scenario through the real water pipeline: crossings alerted/missed, flapping, "
                + "early-warning lead time, dead gauges, false alerts, reading-to-alert latency.")
public final class WaterEvaluation implements Callable<Integer> {
    @Option(names = "--gauges", defaultValue = "200", description = "gauges in the scenario (default ${DEFAULT-VALUE})")
    int gauges;
    @Option(names = "--seed", defaultValue = "42", description = "scenario seed (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--return-period", defaultValue = "50", description = "design storm return period, years (default ${DEFAULT-VALUE})")
    double returnPeriod;
    @Option(names = "--duration", defaultValue = "120", description = "storm duration, minutes (default ${DEFAULT-VALUE})")
    double durationMin;
    @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism (default ${DEFAULT-VALUE})")
    int parallelism;
    @Option(names = "--pace", defaultValue = "1000", description = "readings/s of the latency run; 0 skips it (default ${DEFAULT-VALUE})")
    double pace;
    @Option(names = "--buffer-timeout-ms", defaultValue = "10",
            description = "Flink network buffer timeout of the latency run, ms; -1 = Flink's default 100 ms (default ${DEFAULT-VALUE})")
    long bufferTimeoutMs;
    @Option(names = "--no-mqtt", description = "do not publish alerts to a (private) Mosquitto")
    boolean noMqtt;
    @Option(names = "--db-url", description = "JDBC URL of an empty database to use (default: a fresh database on the local/embedded PostgreSQL)")
    String dbUrl;
    @Option(names = "--db-user", defaultValue = "postgres")
    String dbUser;
    @Option(names = "--db-password", defaultValue = "")
    String dbPassword;
    @Option(names = "--out", description = "write the Markdown report here (e.g. docs/results/water-evaluation.md)")
    Path out;

    /** How to run it from a checkout. */
    static final String REPRODUCE = """
            Needs only a JDK and Maven: it uses the local PostgreSQL and Mosquitto when installed, else embedded
            ones. The gauge readings enter the job directly (reading -> alert row below); the same path through
            the MQTT broker under load is measured by `./roadchief bench` (gauge -> alert, BENCHMARKS.md).

            """;

    /** What one evaluation found. */
    public record Report(StormRun run, StormScorecard.Result score, int alerts, double replaySeconds,
                         long[] latenciesMs, double pacedReadingsPerSecond, String markdown) {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new WaterEvaluation()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Report r = run();
        System.out.println(r.markdown());
        if (out != null) {
            if (out.getParent() != null) Files.createDirectories(out.getParent());
            Files.writeString(out, r.markdown(), StandardCharsets.UTF_8);
            System.out.println("written to " + out);
        }
        boolean ok = r.score().missedTotal() == 0 && r.score().flapping() == 0 && r.score().deadAllFlagged();
        return ok ? 0 : 1;
    }

    public Report run() throws Exception {
        StormScenario base = StormScenario.standard(seed, gauges);
        StormScenario scenario = new StormScenario(base.seed(), base.gaugeCount(), returnPeriod, durationMin, base.peakRatio(),
                base.startMs(), base.tailMin(), base.drainShare(), base.deadGauges(), base.stuckGauges(), base.noisyGauges(),
                base.lowBatteryGauges());
        StormRun run = scenario.run();
        List<GaugeObservation> input = WaterReplay.observations(run.envelopes());
        System.out.printf(Locale.ROOT, "storm: %d gauges, %d readings, %d true crossings%n", gauges, input.size(),
                run.truth().crossings().size());

        // 1. Accuracy: the whole storm as fast as the pipeline goes.
        JdbcTarget db = database("water_eval");
        importCatalog(db, run);
        long t0 = System.nanoTime();
        PrivateBroker broker = noMqtt ? null : PrivateBroker.start();
        try {
            WaterReplay.run(input, WaterConfig.defaults(db, broker == null ? null : broker.url()), parallelism, 0, Duration.ofSeconds(5));
        } finally {
            if (broker != null) broker.close();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<WaterAlert> alerts = WaterReplay.alertsInDatabase(db);
        StormScorecard.Result score = StormScorecard.score(run, alerts.stream()
                        .map(a -> new StormScorecard.ObservedAlert(a.kind(), a.gaugeId(), a.level(), a.raisedAtMs())).toList(),
                WaterThresholds.DWELL.toMillis(), Duration.ofMinutes(3).toMillis(), 10);

        // 2. Latency: the same storm paced (no queue in front of the job), into a fresh database.
        long[] lat = new long[0];
        long[] latDefault = new long[0];
        if (pace > 0) {
            lat = latencies(run, input, bufferTimeoutMs < 0 ? null : Duration.ofMillis(bufferTimeoutMs));
            if (bufferTimeoutMs >= 0) latDefault = latencies(run, input, null);
        }
        List<WaterAlert> stuck = alerts.stream().filter(a -> a.kind().equals("gauge_stuck")).toList();
        String md = markdown(run, score, alerts.size(), seconds, input.size(), lat, latDefault, stuck);
        return new Report(run, score, alerts.size(), seconds, lat, pace, md);
    }

    private long[] latencies(StormRun run, List<GaugeObservation> input, Duration bufferTimeout) throws Exception {
        JdbcTarget db2 = database("water_latency");
        importCatalog(db2, run);
        WaterReplay.run(input, WaterConfig.defaults(db2, null), parallelism, pace, Duration.ofSeconds(5), bufferTimeout);
        return WaterReplay.alertRowLatenciesMs(db2);
    }

    private JdbcTarget database(String purpose) {
        JdbcTarget t;
        if (dbUrl != null) {
            t = new JdbcTarget(dbUrl, dbUser, dbPassword);
        } else {
            Database d = TestServices.freshDatabase(purpose);
            t = new JdbcTarget(d.jdbcUrl(), d.user(), d.password());
        }
        SchemaMigrations.migrate(t.url(), t.user(), t.password());
        return t;
    }

    private static void importCatalog(JdbcTarget db, StormRun run) throws Exception {
        try (Connection c = db.open()) {
            GaugeCatalog.upsert(c, GaugeCatalog.parseCsv(run.catalogCsv()));
        }
    }

    private String markdown(StormRun run, StormScorecard.Result s, int alertCount, double seconds, int readings, long[] lat,
                            long[] latDefault, List<WaterAlert> stuckAlerts) {
        StringBuilder b = new StringBuilder();
        b.append("# Waterlogging alerts: storm evaluation\n\n");
        b.append("Generated ").append(Instant.now()).append(" by\n\n```\n")
                .append(String.format(Locale.ROOT, "./roadchief evaluate water --gauges %d --seed %d "
                        + "--return-period %s --duration %s --parallelism %d --pace %s --buffer-timeout-ms %d%s --out docs/results/water-evaluation.md",
                        gauges, seed, fmt(returnPeriod), fmt(durationMin), parallelism, fmt(pace), bufferTimeoutMs, noMqtt ? " --no-mqtt" : ""))
                .append("\n```\n\n").append(REPRODUCE);
        b.append("## Scenario\n\n");
        b.append(String.format(Locale.ROOT, "- %d gauges (%d road ponding, %d in-drain), Chicago design storm (Keifer & Chu) from a "
                        + "Hangzhou-type intensity formula, return period %s a, %s min, peak at 0.4, moving across the city in %s min; "
                        + "rational-method runoff, drain capacity per point (design return period 1-5 a, condition 0.5-1.3), "
                        + "ponding storage with a stage-area relation.%n",
                run.gauges().size(), run.gauges().stream().filter(g -> g.kind().equals("road_ponding")).count(),
                run.gauges().stream().filter(g -> g.kind().equals("drain")).count(), fmt(returnPeriod), fmt(durationMin),
                fmt(StormScenario.FRONT_CROSSING_MIN)));
        java.util.Set<String> withRainGauge = new java.util.HashSet<>();
        run.envelopes().forEach(e -> { if (e.getGauge().hasRainfall0P1Mm()) withRainGauge.add(e.getDeviceId()); });
        b.append(String.format(Locale.ROOT, "- %d readings (60 s dry, 15 s wet), noise sigma %.0f mm, single spikes p=%.3f; faults: "
                        + "dead %s, stuck %s (without a rain gauge of their own: %s), noisy %s, low battery %s.%n", readings,
                StormScenario.NOISE_SIGMA_MM, StormScenario.SINGLE_SPIKE_PROBABILITY, run.truth().deaths().keySet(),
                run.truth().stuck().keySet(), run.truth().stuck().keySet().stream().filter(g -> !withRainGauge.contains(g)).toList(),
                run.truth().noisy(), run.truth().lowBattery().keySet()));
        b.append(String.format(Locale.ROOT, "- Pipeline: WaterPipeline.attach on a Flink 2.3 MiniCluster, parallelism %d, event time with "
                        + "5 s bounded out-of-orderness, sinks to PostgreSQL (alert, gauge_state)%s. Replay of the storm took %.1f s wall "
                        + "(%.0f readings/s); %d alerts.%n", parallelism, noMqtt ? "" : " and MQTT (private Mosquitto)", seconds,
                readings / seconds, alertCount));
        b.append("- Scoring: a crossing is alerted when the job's level is at or above it within 3 min of the true crossing; "
                + "marginal = true peak within 10 mm of the threshold (sensor tolerance).\n\n");
        b.append("## How the job decides (io.roadchief.jobs.water, constants in WaterThresholds)\n\n");
        b.append("- Spike filter (FloodNet-style): a reading further from the last accepted one than the physical rate allows "
                + "(road 100 mm/min, drain 300 mm/min, + 30 mm) is held; dropped if the next reading disagrees with it, accepted if "
                + "the next agrees and the change is physical over the longer span, or after 3 agreeing readings (6 on a gauge "
                + "flagged noisy). Smoothed level = median of the last 3 accepted readings.\n");
        b.append("- Rate of rise: Theil-Sen slope over 5 min (>= 3 points, >= 90 s); forecasts use the lower of the 5-min and "
                + "2-min slopes; time to the next threshold = distance / rate when rising >= 0.5 mm/min.\n");
        b.append("- Risk level: raised at once; lowered after 10 min below threshold - margin (20 mm road, 50 mm drain). "
                + "Early warning (flagged predicted) of yellow and above when the next threshold is <= 15 min away, or <= 30 min "
                + "under heavy rain (CMA short-duration heavy rain, >= 20 mm/h from the gauge's own rain gauge); once per level "
                + "and episode.\n");
        b.append("- Health: offline after 3 intervals of silence (event-time timer on replay, wall-clock timer live, same alert id); "
                + "stuck = identical non-zero readings for >= 10 readings and >= 10 min, with >= 5 mm from its own rain gauge or, "
                + "at >= 3 of those readings, >= 2 of its neighbours (the 8 nearest within 3 km) up >= 50 mm in 15 min; noisy = 3 spikes in "
                + "30 min; low battery = median of 3 < 3300 mV (cleared >= 3400 mV).\n\n");
        b.append("## Results\n\n").append(s.toMarkdown());
        if (!stuckAlerts.isEmpty()) {
            b.append("\nStuck alerts (the frozen span is in the scenario's ground truth):\n\n");
            for (WaterAlert a : stuckAlerts) {
                long[] frozen = run.truth().stuck().get(a.gaugeId());
                String since = frozen == null ? "not a stuck gauge" : String.format(Locale.ROOT, "%.1f min after it froze",
                        (a.raisedAtMs() - frozen[0]) / 60_000.0);
                b.append("- ").append(a.gaugeId()).append(", ").append(since).append(": ").append(a.messageZh())
                        .append(" / ").append(a.messageEn()).append('\n');
            }
        }
        b.append("\n## Latency: gauge reading -> alert row\n\n");
        if (lat.length == 0) {
            b.append("not measured (--pace 0)\n");
        } else {
            b.append(String.format(Locale.ROOT, "Same storm replayed at %s readings/s (the receive time is stamped as each reading enters "
                            + "the job; latency = alert.created_at - receive time of the reading that raised the alert; timer-raised "
                            + "offline alerts excluded), %d alerts: **p50 %d ms, p99 %d ms**, max %d ms. "
                            + "Alert sink batches flush after at most %d ms; Flink network buffer timeout %s. MiniCluster and "
                            + "PostgreSQL 15 on the same 2-core machine, shared with other work. The MQTT-in path is measured separately.%n",
                    fmt(pace), lat.length, pctl(lat, 0.5), pctl(lat, 0.99), lat[lat.length - 1],
                    WaterConfig.defaults(null, null).alertMaxDelay().toMillis(),
                    bufferTimeoutMs < 0 ? "100 ms (Flink default)" : bufferTimeoutMs + " ms"));
            if (latDefault.length > 0) {
                b.append(String.format(Locale.ROOT, "%nWith Flink's default network buffer timeout (100 ms) instead: p50 %d ms, p99 %d ms, "
                                + "max %d ms. The buffer timeout of the operator in front of the keyBy by gauge bounds what each "
                                + "record may wait; RoadChief's job therefore runs with a 10 ms buffer timeout (LocalFlinkRunner).%n",
                        pctl(latDefault, 0.5), pctl(latDefault, 0.99), latDefault[latDefault.length - 1]));
            }
        }
        return b.toString();
    }

    private static long pctl(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
