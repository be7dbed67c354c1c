package io.roadchief.launcher;

import io.roadchief.local.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `roadchief demo` as a user runs it, in a process of its own on free ports: within 90 s simulated
 * telemetry rows are in the database and the health endpoints answer; a stop signal (as Ctrl-C) ends
 * it cleanly with the embedded database and broker gone.
 */
class DemoCommandTest {

    @Test
    void demoStartsEverythingAndStopsCleanly(@TempDir Path dir) throws Exception {
        int db = Ports.free(), mqtt = Ports.free(), service = Ports.free(), gateway = Ports.free();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("demo.log");
        Process demo = new ProcessBuilder(List.of(java, "-Xmx2g", "-cp", System.getProperty("java.class.path"),
                RoadChief.class.getName(), "demo", "--config", dir.resolve("none.properties").toString(),
                "-D", "data.dir=" + dir.resolve("data"), "-D", "embedded.db.port=" + db, "-D", "embedded.mqtt.port=" + mqtt,
                "-D", "service.http.port=" + service, "-D", "gateway.http.port=" + gateway, "-D", "sim.vehicles=4", "-D", "sim.km=5"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long started = System.currentTimeMillis();
            long deadline = started + 90_000;
            boolean rows = false, serviceUp = false, gatewayUp = false, banner = false;
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            while (System.currentTimeMillis() < deadline && !(rows && serviceUp && gatewayUp && banner)) {
                assertThat(demo.isAlive()).as("demo still running; log:\n" + tail(log)).isTrue();
                Thread.sleep(1000);
                serviceUp = serviceUp || status(http, "http://127.0.0.1:" + service + "/health") == 200;
                gatewayUp = gatewayUp || status(http, "http://127.0.0.1:" + gateway + "/health") == 200;
                rows = rows || telemetryRows(db) > 0;
                banner = banner || Files.readString(log).contains("RoadChief 道路卫士 is running");
            }
            assertThat(serviceUp).as("service health answered within 90 s; log:\n" + tail(log)).isTrue();
            assertThat(gatewayUp).as("gateway health answered within 90 s").isTrue();
            assertThat(rows).as("telemetry rows in the database within 90 s; log:\n" + tail(log)).isTrue();
            // The banner comes once the simulated fleet and gauges are publishing, possibly after the first rows.
            assertThat(Files.readString(log)).as("where to look is printed within 90 s").contains("RoadChief 道路卫士 is running", "crew.html", "demo-duty-token");

            demo.destroy(); // SIGTERM: the same shutdown path as Ctrl-C's SIGINT
            assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("demo exits after the stop signal; log:\n" + tail(log)).isTrue();
            assertThat(Files.readString(log)).contains("RoadChief stopped.");
            assertThat(Ports.listening("127.0.0.1", db, 300)).as("embedded PostgreSQL stopped").isFalse();
            assertThat(Ports.listening("127.0.0.1", mqtt, 300)).as("embedded broker stopped").isFalse();
            assertThat(Ports.listening("127.0.0.1", service, 300)).as("service stopped").isFalse();
        } finally {
            demo.destroyForcibly();
        }
    }

    private static int status(HttpClient http, String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static long telemetryRows(int port) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM vehicle_batch) + (SELECT count(*) FROM gauge_reading)")) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            return 0;
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (Exception e) {
            return "(no log)";
        }
    }
}
