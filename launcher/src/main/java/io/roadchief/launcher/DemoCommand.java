package io.roadchief.launcher;

import io.roadchief.service.DemoUsers;
import io.roadchief.simulator.Scenario;
import io.roadchief.jobs.water.GaugeCatalog;
import io.roadchief.schema.v1.Envelope;
import io.roadchief.simulator.SimMessage;
import io.roadchief.simulator.SimulatedWorld;
import io.roadchief.simulator.network.DeviceRow;
import io.roadchief.simulator.storm.StormRun;
import io.roadchief.simulator.storm.StormScenario;
import io.roadchief.simulator.network.NetworkLoader;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "demo", description = "Start everything on this machine with a simulated fleet and gauges; Ctrl-C stops it all.")
final class DemoCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(DemoCommand.class);

    @Mixin
    ConfigOptions options;

    @Option(names = "--speedup", description = "Play the simulation N times faster than real time (default ${DEFAULT-VALUE}). "
            + "With N > 1 the demo replays the last N-1 hours plus one, so device clocks never run ahead of the wall clock "
            + "(ingest would rightly refuse that); it then ends after one hour.")
    double speedup = 1.0;

    @Override
    public Integer call() throws Exception {
        long t0 = System.currentTimeMillis();
        RoadChiefConfig c = options.load();
        List<AutoCloseable> open = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping RoadChief ...");
            for (int i = open.size() - 1; i >= 0; i--) {
                try {
                    open.get(i).close();
                } catch (Exception e) {
                    log.warn("stopping: {}", e.toString());
                }
            }
            System.out.println("RoadChief stopped.");
            stopped.countDown();
        }, "roadchief-shutdown"));

        Infrastructure infra = Infrastructure.start(c);
        open.add(infra);

        if (speedup < 1) throw new IllegalArgumentException("--speedup must be >= 1");
        long now = System.currentTimeMillis();
        long simStart = now - (long) ((speedup - 1) * 3_600_000);
        double simSeconds = speedup == 1 ? 7 * 24 * 3600.0 : speedup * 3600;
        Scenario scenario = Scenario.builder().seed(c.getLong("sim.seed")).km(c.getDouble("sim.km"))
                .vehicles(c.getInt("sim.vehicles")).durationS(simSeconds).startEpochMs(simStart).build();
        SimulatedWorld world = scenario.world();
        seedDatabase(infra, world);
        // The storm begins about a minute of wall-clock time into the demo.
        StormRun storm = storm(c, simStart + (long) (speedup * 60_000));
        seedGauges(infra, storm);

        RoadChiefRuntime runtime = RoadChiefRuntime.start(c, infra);
        open.add(runtime);
        List<DemoUsers.DemoUser> users = seedUsers(infra);

        open.add(new SimulatedFleet(infra.brokerUrl, "roadchief-sim-fleet", scenario.messages(), speedup).start());
        open.add(new SimulatedFleet(infra.brokerUrl, "roadchief-sim-gauges", gaugeMessages(storm), speedup).start());

        printBanner(c, infra, runtime, world, users, System.currentTimeMillis() - t0);
        stopped.await();
        return 0;
    }

    private static void seedDatabase(Infrastructure infra, SimulatedWorld world) throws Exception {
        try (Connection conn = infra.database.connect()) {
            var counts = NetworkLoader.load(conn, world.network(), world.surface().features(), world.deviceRows());
            log.info("Road network loaded: {}", counts);
        }
    }

    /** The standard design storm over the configured number of gauges, starting at {@code startMs} (rain after its lead-in). */
    private static StormRun storm(RoadChiefConfig c, long startMs) {
        StormScenario s = StormScenario.standard(c.getLong("sim.seed"), c.getInt("sim.gauges"));
        return new StormScenario(s.seed(), s.gaugeCount(), s.returnPeriodYears(), s.durationMin(), s.peakRatio(),
                startMs, s.tailMin(), s.drainShare(), s.deadGauges(), s.stuckGauges(), s.noisyGauges(),
                s.lowBatteryGauges()).run();
    }

    private static void seedGauges(Infrastructure infra, StormRun storm) throws Exception {
        try (Connection conn = infra.database.connect()) {
            List<DeviceRow> devices = storm.gauges().stream().map(g -> DeviceRow.gauge(g.gaugeId())).toList();
            NetworkLoader.loadDevices(conn, devices);
            GaugeCatalog.upsert(conn, GaugeCatalog.parseCsv(storm.catalogCsv()));
            if (!conn.getAutoCommit()) conn.commit();
        }
    }

    private static Iterator<SimMessage> gaugeMessages(StormRun storm) {
        List<Envelope> sorted = new ArrayList<>(storm.envelopes());
        sorted.sort(Comparator.comparingLong(Envelope::getDeviceTimeMs));
        return sorted.stream().map(e -> new SimMessage(StormScenario.topicOf(e), e.toByteArray(), e.getDeviceId(),
                e.getSequence(), e.getDeviceTimeMs(), e.getDeviceTimeMs(), false)).iterator();
    }

    private static List<DemoUsers.DemoUser> seedUsers(Infrastructure infra) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            java.net.URI uri = java.net.URI.create(infra.database.jdbcUrl().substring("jdbc:".length()));
            PgConnectOptions o = new PgConnectOptions().setHost(uri.getHost()).setPort(uri.getPort())
                    .setDatabase(uri.getPath().substring(1)).setUser(infra.database.user()).setPassword(infra.database.password());
            Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(o).using(vertx).build();
            try {
                return RoadChiefRuntime.await(DemoUsers.seed(pool));
            } finally {
                pool.close();
            }
        } finally {
            vertx.close();
        }
    }

    private static void printBanner(RoadChiefConfig c, Infrastructure infra, RoadChiefRuntime runtime, SimulatedWorld world,
                                    List<DemoUsers.DemoUser> users, long startMs) {
        StringBuilder b = new StringBuilder();
        b.append("\n================ RoadChief 道路卫士 is running (started in ").append(startMs / 1000).append(" s) ================\n");
        b.append(String.format("  Crew page (养护班组)        http://localhost:%d/crew.html%n", runtime.servicePort));
        b.append(String.format("  Duty page (防汛值班)        http://localhost:%d/duty.html%n", runtime.servicePort));
        b.append(String.format("  REST API + OpenAPI         http://localhost:%d/api/openapi.yaml%n", runtime.servicePort));
        b.append(String.format("  Service health             http://localhost:%d/health%n", runtime.servicePort));
        b.append(String.format("  Ingest gateway health      http://localhost:%d/health   metrics: /metrics%n", runtime.gatewayPort));
        b.append(String.format("  Database                   %s  (user %s)%s%n", infra.database.jdbcUrl(), infra.database.user(),
                infra.embeddedDatabase ? " embedded" : ""));
        b.append(String.format("  MQTT broker                %s%s%n", infra.brokerUrl, infra.embeddedBroker ? " embedded" : ""));
        b.append(String.format("  Simulated                  %d vehicles on %d road segments; %d water gauges in a design storm%n",
                world.vehicles().size(), world.network().segments().size(), c.getInt("sim.gauges")));
        b.append("  Sign-in tokens:\n");
        for (DemoUsers.DemoUser u : users) {
            b.append(String.format("    %-13s %-26s %s%n", u.role().code(), u.crewId() == null ? u.userId() : u.crewId(), u.token()));
        }
        b.append("  Try: psql ").append(infra.database.jdbcUrl().replace("jdbc:", "")).append(" -U ").append(infra.database.user())
                .append(" -c 'SELECT count(*) FROM vehicle_batch'\n");
        b.append("  Press Ctrl-C to stop.\n");
        b.append("=====================================================================================\n");
        System.out.println(b);
    }
}
