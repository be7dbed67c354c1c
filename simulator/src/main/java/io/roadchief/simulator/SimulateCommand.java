package io.roadchief.simulator;

import io.roadchief.simulator.network.NetworkLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.concurrent.Callable;

/**
 * {@code simulate}: generates a scenario, optionally registers its network and fleet in the database,
 * writes the ground truth, and publishes the fleet's telemetry to an MQTT broker.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Drive a simulated fleet over a simulated road network and publish its telemetry (MQTT v5, QoS 1).",
            "模拟车队在模拟路网上行驶并发布遥测数据。"})
public final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--broker", description = "MQTT broker URL (default: ${DEFAULT-VALUE})")
    String broker = "tcp://127.0.0.1:1883";

    @Option(names = "--db", description = "JDBC URL of the RoadChief database; when set, the network and devices are registered first")
    String db;

    @Option(names = "--db-user", description = "database user (default: ${DEFAULT-VALUE})")
    String dbUser = "postgres";

    @Option(names = "--db-password", description = "database password", defaultValue = "")
    String dbPassword = "";

    @Option(names = "--seed", description = "scenario seed (default: ${DEFAULT-VALUE})")
    long seed = 42;

    @Option(names = "--km", description = "total road length, km (default: ${DEFAULT-VALUE})")
    double km = 50;

    @Option(names = "--defects", description = "planted defects (default: ${DEFAULT-VALUE})")
    int defects = 200;

    @Option(names = "--vehicles", description = "fleet size (default: ${DEFAULT-VALUE})")
    int vehicles = 30;

    @Option(names = "--passes", description = "total passes over the fleet; 0 = drive for --duration (default: ${DEFAULT-VALUE})")
    int passes = 0;

    @Option(names = "--duration", description = "driving time per vehicle when --passes is 0, s (default: ${DEFAULT-VALUE})")
    double durationS = 3600;

    @Option(names = "--drop-rate", description = "share of messages lost (default: ${DEFAULT-VALUE})")
    double dropRate = 0.005;

    @Option(names = "--dup-rate", description = "share of messages delivered twice (default: ${DEFAULT-VALUE})")
    double dupRate = 0.005;

    @Option(names = "--rate", description = "cap on messages per second; 0 = as fast as possible (default: ${DEFAULT-VALUE})")
    double rate = 0;

    @Option(names = "--realtime", description = "follow the scenario clock, this many times faster than real time (1 = real time); 0 = off (default: ${DEFAULT-VALUE})")
    double realtime = 0;

    @Option(names = "--max-inflight", description = "unacknowledged publishes allowed (default: ${DEFAULT-VALUE})")
    int maxInFlight = 1000;

    @Option(names = "--truth-dir", description = "directory for the ground truth CSV/JSON files")
    Path truthDir;

    @Option(names = "--client-id", description = "MQTT client id (default: ${DEFAULT-VALUE})")
    String clientId = "roadchief-simulator";

    @Option(names = "--geojson", description = "read the road network from this GeoJSON file instead of generating it")
    Path geoJson;

    @Option(names = "--dry-run", description = "generate and count the messages without publishing")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = new PrintWriter(System.out, true);
        Scenario scenario = Scenario.builder().seed(seed).km(km).defects(defects).vehicles(vehicles).passes(passes)
                .durationS(durationS).dropRate(dropRate).duplicateRate(dupRate).geoJson(geoJson).build();
        long t0 = System.nanoTime();
        SimulatedWorld world = scenario.world();
        out.printf("World: %d roads, %.1f km, %d segments, %d defects, %d features, %d vehicles (%.1f s)%n",
                world.network().roads().size(), world.network().totalLengthM() / 1000, world.network().segments().size(),
                world.truth().defects().size(), world.truth().features().size(), world.vehicles().size(), (System.nanoTime() - t0) / 1e9);
        if (truthDir != null) {
            scenario.writeTruth(world, truthDir);
            out.printf("Ground truth written to %s%n", truthDir.toAbsolutePath());
        }
        if (db != null) {
            try (Connection c = DriverManager.getConnection(db, dbUser, dbPassword)) {
                NetworkLoader.Counts n = world.loadInto(c);
                out.printf("Registered in %s: %s%n", db, n);
            }
        }
        FleetSimulator stream = new FleetSimulator(scenario, world);
        if (dryRun) {
            long n = 0, bytes = 0;
            long s = System.nanoTime();
            while (stream.hasNext()) { bytes += stream.next().payload().length; n++; }
            double secs = (System.nanoTime() - s) / 1e9;
            out.printf("Generated %d messages, %d bytes in %.2f s (%.0f msg/s)%n", n, bytes, secs, n / secs);
            return 0;
        }
        try (MqttPublisher p = new MqttPublisher(broker, clientId, maxInFlight)) {
            MqttPublisher.Stats st = p.publish(stream, rate, realtime);
            out.printf("Published %d messages (%d acknowledged, %d re-sent, %d reconnects) to %s in %.1f s (%.0f msg/s)%n",
                    st.published(), st.acknowledged(), st.retries(), st.reconnects(), broker, st.seconds(), st.messagesPerSecond());
        }
        return 0;
    }
}
