package io.roadchief.launcher;

import io.roadchief.service.DemoUsers;
import io.roadchief.simulator.Scenario;
import io.roadchief.simulator.SimulatedWorld;
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
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "demo", description = "Start everything on this machine with a simulated fleet and gauges; Ctrl-C stops it all.")
final class DemoCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(DemoCommand.class);

    @Mixin
    ConfigOptions options;

    @Option(names = "--speedup", description = "Play the simulation this many times faster than real time (default ${DEFAULT-VALUE}).")
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

        Scenario scenario = Scenario.builder().seed(c.getLong("sim.seed")).km(c.getDouble("sim.km"))
                .vehicles(c.getInt("sim.vehicles")).durationS(7 * 24 * 3600.0)
                .startEpochMs(System.currentTimeMillis()).build();
        SimulatedWorld world = scenario.world();
        seedDatabase(infra, world);

        RoadChiefRuntime runtime = RoadChiefRuntime.start(c, infra);
        open.add(runtime);
        List<DemoUsers.DemoUser> users = seedUsers(infra);

        open.add(new SimulatedFleet(infra.brokerUrl, "roadchief-sim-fleet", scenario.messages(), speedup).start());

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
        b.append(String.format("  Simulated                  %d vehicles on %d road segments%n", world.vehicles().size(),
                world.network().segments().size()));
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
