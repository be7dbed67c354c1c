package io.roadchief.launcher.evaluate.pavement;

import io.roadchief.jobs.pavement.EnvelopeReplay;
import io.roadchief.jobs.pavement.PavementConfig;
import io.roadchief.jobs.pavement.PavementPipeline;
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
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Evaluates the pavement analytics on a simulated city: the simulator's traffic (de-duplicated as ingest
 * does) is replayed through the REAL pavement pipeline (PavementPipeline on a Flink MiniCluster, writing
 * to a real PostgreSQL), then the rows are scored against the simulator's ground truth
 * ({@link PavementScorecard}).
 */
@Command(name = "pavement", mixinStandardHelpOptions = true,
        description = "Simulated fleet through the real pavement pipeline: per-type precision/recall/F1, type accuracy, "
                + "ticket precision, false tickets, tickets on speed bumps, IRI R^2 and MAE per 100 m segment.")
public final class PavementEvaluation implements Callable<Integer> {
    @Option(names = "--km", defaultValue = "50", description = "road length, km (default ${DEFAULT-VALUE})")
    double km;
    @Option(names = "--defects", defaultValue = "200", description = "planted defects (default ${DEFAULT-VALUE})")
    int defects;
    @Option(names = "--passes", defaultValue = "2000", description = "vehicle passes over the fleet (default ${DEFAULT-VALUE})")
    int passes;
    @Option(names = "--vehicles", defaultValue = "30", description = "vehicles: buses, sanitation trucks, patrol cars in turn (default ${DEFAULT-VALUE})")
    int vehicles;
    @Option(names = "--seed", defaultValue = "42", description = "scenario seed (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism (default ${DEFAULT-VALUE})")
    int parallelism;
    @Option(names = "--db-url", description = "JDBC URL of an empty database (default: a fresh database on the local/embedded PostgreSQL)")
    String dbUrl;
    @Option(names = "--db-user", defaultValue = "postgres")
    String dbUser;
    @Option(names = "--db-password", defaultValue = "")
    String dbPassword;
    @Option(names = "--out", description = "also write the Markdown report here")
    Path out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PavementEvaluation()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Scenario scenario = Scenario.builder().seed(seed).km(km).defects(defects).vehicles(vehicles).passes(passes).build();
        long t0 = System.nanoTime();
        SimulatedWorld world = scenario.world();
        Database db = dbUrl != null ? new Database(dbUrl, dbUser, dbPassword, "given") : TestServices.freshDatabase("pavement_eval");
        SchemaMigrations.migrate(db.jdbcUrl(), db.user(), db.password());
        try (Connection c = db.connect()) {
            NetworkLoader.load(c, world.network(), world.surface().features(), world.deviceRows());
        }
        Path replay = Files.createTempFile("roadchief-pavement-replay", ".bin");
        long records;
        try {
            FleetSimulator sim = new FleetSimulator(scenario, world);
            records = EnvelopeReplay.write(replay, new Iterator<>() {
                @Override public boolean hasNext() { return sim.hasNext(); }

                @Override public EnvelopeReplay.Recorded next() {
                    SimMessage m = sim.next();
                    return new EnvelopeReplay.Recorded(m.payload(), m.publishAtMs());
                }
            });
            long t1 = System.nanoTime();
            System.err.printf(Locale.ROOT, "simulated %d messages in %.0f s; running the pipeline...%n", records, (t1 - t0) / 1e9);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism);
            env.enableCheckpointing(Duration.ofSeconds(10).toMillis());
            // A checkpoint that races the finished replay source is declined; that must not fail the run.
            env.getCheckpointConfig().setTolerableCheckpointFailureNumber(Integer.MAX_VALUE);
            PavementConfig cfg = PavementConfig.defaults().withDatabase(new JdbcTarget(db.jdbcUrl(), db.user(), db.password()));
            EnvelopeReplay.Telemetry t = EnvelopeReplay.read(env, replay, records);
            PavementPipeline.attach(t.batches(), t.cameras(), cfg);
            env.execute("pavement-evaluation");
            long t2 = System.nanoTime();
            PavementScorecard s;
            try (Connection c = db.connect()) {
                s = PavementScorecard.score(c, world.truth());
            }
            String report = String.format(Locale.ROOT,
                    "Scenario: seed %d, %.0f km of road (%d segments), %d planted defects, %d vehicles, %d passes; "
                            + "%d messages after de-duplication; pipeline %.0f s (simulation %.0f s), parallelism %d.%n%n",
                    seed, km, world.network().segments().size(), world.truth().defects().size(), vehicles, passes, records,
                    (t2 - t1) / 1e9, (t1 - t0) / 1e9, parallelism)
                    + s.report()
                    + (s.falseTicketNotes.isEmpty() ? "" : "\nFalse tickets:\n" + String.join("\n", s.falseTicketNotes.stream().map(n -> "- " + n).toList()) + "\n");
            System.out.println(report);
            System.out.println("database: " + db);
            if (out != null) Files.writeString(out, report, StandardCharsets.UTF_8);
            return 0;
        } finally {
            Files.deleteIfExists(replay);
            Files.deleteIfExists(replay.resolveSibling(replay.getFileName() + ".idx"));
        }
    }
}
