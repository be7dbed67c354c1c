package io.roadchief.jobs.testing;

import io.roadchief.ingest.mqtt.MqttSource;
import io.roadchief.ingest.mqtt.MqttSourceOptions;
import io.roadchief.ingest.testing.SampleEnvelopes;
import io.roadchief.jobs.Analytics;
import io.roadchief.jobs.JobSettings;
import io.roadchief.jobs.LocalFlinkRunner;
import io.roadchief.jobs.TelemetryJob;
import io.roadchief.jobs.sink.JdbcTarget;
import io.roadchief.local.Database;
import io.roadchief.local.EmbeddedBroker;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/** Runs the real job graph against a test's broker and database, and knows when it is listening. */
public final class JobHarness {
    public static final String PROBE_GAUGE = "probe-gauge";

    private JobHarness() {}

    public static JobClient startInProcess(Database db, String broker, Path checkpoints) throws Exception {
        StreamExecutionEnvironment env = LocalFlinkRunner.environment(checkpoints, Duration.ofMillis(500), 2);
        MqttSource source = MqttSource.builder().brokerUrl(broker)
                .sharedGroup(EmbeddedBroker.serves(broker) ? null : MqttSourceOptions.DEFAULT_SHARED_GROUP).build();
        JobSettings settings = JobSettings.defaults(new JdbcTarget(db.jdbcUrl(), db.user(), db.password()), broker);
        Analytics.attach(TelemetryJob.build(env, source, settings), settings);
        return env.executeAsync("test-job");
    }

    /** Registers the probe gauge {@link #waitSubscribed} publishes as. */
    public static void registerProbe(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO device (device_id, kind) VALUES ('" + PROBE_GAUGE + "', 'gauge') ON CONFLICT DO NOTHING");
        }
    }

    /** Publishes probe readings until one lands: from then on the readers' subscriptions exist. */
    public static void waitSubscribed(Database db, String broker) throws Exception {
        long deadline = System.currentTimeMillis() + 90_000;
        int seq = 0;
        while (System.currentTimeMillis() < deadline) {
            var e = SampleEnvelopes.gauge(PROBE_GAUGE, ++seq, System.currentTimeMillis(), 1);
            BulkPublisher.publishAll(broker, "probe-publisher", List.of(new BulkPublisher.Message(SampleEnvelopes.topicFor(e), e.toByteArray())));
            Thread.sleep(500);
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM gauge_reading WHERE gauge_id = '" + PROBE_GAUGE + "'")) {
                rs.next();
                if (rs.getInt(1) > 0) return;
            } catch (SQLException ignored) {
                // database not up yet
            }
        }
        throw new IllegalStateException("the job never consumed a probe message");
    }
}
