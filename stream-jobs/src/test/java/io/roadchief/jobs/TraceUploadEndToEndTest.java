package io.roadchief.jobs;

import io.roadchief.ingest.gateway.GatewayConfig;
import io.roadchief.ingest.gateway.IngestGateway;
import io.roadchief.ingest.gateway.TraceCsvReader;
import io.roadchief.jobs.testing.BulkPublisher;
import io.roadchief.jobs.testing.JobHarness;
import io.roadchief.local.Database;
import io.roadchief.local.Ports;
import io.roadchief.local.PrivateBroker;
import io.roadchief.local.TestServices;
import io.roadchief.schema.SchemaMigrations;
import io.roadchief.schema.Topics;
import io.roadchief.schema.v1.Envelope;
import io.roadchief.schema.v1.VehicleClass;
import io.vertx.core.Vertx;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A recorded CSV drive uploaded through the ingest gateway lands exactly like the same drive sent
 * live over MQTT, and uploading it again adds nothing (every copy is a quarantined duplicate).
 */
class TraceUploadEndToEndTest {
    private static final String TOKEN = "trace-test-admin-token";

    @Test
    void uploadedTraceLandsLikeLiveTelemetryAndReuploadAddsNothing() throws Exception {
        Database db = TestServices.freshDatabase("trace_upload");
        SchemaMigrations.migrate(db.jdbcUrl(), db.user(), db.password());
        JobHarness.registerProbe(db);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO device (device_id, kind, vehicle_class) VALUES ('trace-up', 'vehicle', 'bus'), ('trace-mq', 'vehicle', 'bus')");
        }
        String csv = recordedDrive(100, 40);
        Vertx vertx = Vertx.vertx();
        try (PrivateBroker broker = PrivateBroker.start()) {
            JobClient job = JobHarness.startInProcess(db, broker.url(), Files.createTempDirectory("chk"));
            try {
                JobHarness.waitSubscribed(db, broker.url());
                int port = Ports.free();
                IngestGateway.deploy(vertx, GatewayConfig.of(db.jdbcUrl(), db.user(), db.password(), broker.url())
                        .withHttpPort(port).withAdminToken(TOKEN)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

                // The same drive, as a live unit sends it: envelopes straight onto MQTT.
                TraceCsvReader.Trace live = new TraceCsvReader(TraceCsvReader.Options.defaults())
                        .read(new StringReader(csv), "trace-mq", VehicleClass.BUS);
                List<BulkPublisher.Message> messages = new ArrayList<>();
                for (Envelope e : live.envelopes()) messages.add(new BulkPublisher.Message(Topics.vehicleImu("trace-mq"), e.toByteArray()));
                BulkPublisher.publishAll(broker.url(), "live-unit", messages);
                int expected = live.envelopes().size();
                assertThat(expected).isBetween(39, 41);

                assertThat(upload(port, csv)).isEqualTo(200);
                waitRows(db, "trace-up", expected);
                waitRows(db, "trace-mq", expected);
                assertThat(rows(db, "trace-up")).as("uploaded rows equal live rows").isEqualTo(rows(db, "trace-mq"));

                assertThat(upload(port, csv)).isEqualTo(200);
                long deadline = System.currentTimeMillis() + 30_000;
                while (duplicates(db, "trace-up") < expected && System.currentTimeMillis() < deadline) Thread.sleep(300);
                assertThat(duplicates(db, "trace-up")).as("re-uploaded copies quarantined as duplicates").isEqualTo(expected);
                assertThat(count(db, "trace-up")).as("no new rows from the re-upload").isEqualTo(expected);
            } finally {
                job.cancel().get();
            }
        } finally {
            vertx.close();
        }
    }

    /** A bus at 36 km/h heading east in Hangzhou two hours ago; raw acc_z with gravity; GPS at 1 Hz. */
    private static String recordedDrive(int rateHz, int seconds) {
        long t0 = (System.currentTimeMillis() / 1000) * 1000 - 2 * 3600_000L;
        Random noise = new Random(5);
        StringBuilder sb = new StringBuilder("timestamp,lat,lon,speed,acc_z\n");
        for (int i = 0; i < rateHz * seconds; i++) {
            double t = (double) i / rateHz;
            double acc = 9.80665 + 0.35 * Math.sin(2 * Math.PI * 1.4 * t) + 0.05 * noise.nextGaussian();
            sb.append(t0 + Math.round(t * 1000)).append(',');
            if (i % rateHz == 0) {
                sb.append(String.format(Locale.ROOT, "%.7f,%.7f,%.2f", 30.2741, 120.1551 + 10.0 * t / 96_000.0, 10.0));
            } else {
                sb.append(",,");
            }
            sb.append(String.format(Locale.ROOT, ",%.5f%n", acc));
        }
        return sb.toString();
    }

    private static int upload(int port, String csv) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/upload/trace/trace-up"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build();
        HttpResponse<String> resp = HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString());
        assertThat(resp.statusCode()).as(resp.body()).isEqualTo(200);
        return resp.statusCode();
    }

    private static void waitRows(Database db, String device, int expected) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (count(db, device) < expected && System.currentTimeMillis() < deadline) Thread.sleep(300);
        assertThat(count(db, device)).as(device + " rows").isEqualTo(expected);
    }

    private static int count(Database db, String device) throws Exception {
        return queryInt(db, "SELECT count(*) FROM vehicle_batch WHERE device_id = '" + device + "'");
    }

    private static int duplicates(Database db, String device) throws Exception {
        return queryInt(db, "SELECT count(*) FROM quarantine WHERE device_id = '" + device + "' AND reason = 'duplicate'");
    }

    private static int queryInt(Database db, String sql) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static List<String> rows(Database db, String device) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT seq, device_time, sample_rate_hz, sample_count, fix_count, lat, lon, speed_kmh, length(payload)"
                     + " FROM vehicle_batch WHERE device_id = '" + device + "' ORDER BY seq")) {
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= 9; i++) b.append(rs.getString(i)).append('|');
                out.add(b.toString());
            }
        }
        return out;
    }
}
