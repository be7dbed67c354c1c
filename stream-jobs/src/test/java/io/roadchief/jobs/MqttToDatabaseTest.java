package io.roadchief.jobs;

import io.roadchief.ingest.mqtt.MqttSource;
import io.roadchief.ingest.testing.SampleEnvelopes;
import io.roadchief.jobs.sink.JdbcTarget;
import io.roadchief.local.Database;
import io.roadchief.local.EmbeddedBroker;
import io.roadchief.local.TestServices;
import io.roadchief.schema.SchemaMigrations;
import io.roadchief.schema.v1.Envelope;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The walking skeleton's whole path on the real things: a Paho publish (QoS 1) to this machine's
 * MQTT broker (Mosquitto on 127.0.0.1:1883 when present), the MQTT source and ingest operators on a
 * Flink MiniCluster, and rows in a real PostgreSQL.
 */
class MqttToDatabaseTest {

    @Test
    void publishedTelemetryBecomesDatabaseRows() throws Exception {
        Database db = TestServices.freshDatabase("mqtt_to_db");
        SchemaMigrations.migrate(db.jdbcUrl(), db.user(), db.password());
        String run = UUID.randomUUID().toString().substring(0, 8);
        String vehicle = "it-bus-" + run, gauge = "it-gauge-" + run;
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO device (device_id, kind, vehicle_class) VALUES ('" + vehicle + "', 'vehicle', 'bus'), ('" + gauge + "', 'gauge', null)");
        }
        String broker = TestServices.brokerUrl();

        StreamExecutionEnvironment env = LocalFlinkRunner.environment(Files.createTempDirectory("chk"), Duration.ofMillis(300), 2);
        MqttSource source = MqttSource.builder().brokerUrl(broker)
                .sharedGroup(EmbeddedBroker.serves(broker) ? null : "it-" + run).clientIdPrefix("it-ingest-" + run)
                .sessionExpiry(Duration.ofSeconds(60)) // do not leave sessions behind on a shared broker
                .build();
        TelemetryJob.build(env, source, JobSettings.defaults(new JdbcTarget(db.jdbcUrl(), db.user(), db.password()), broker));
        JobClient job = env.executeAsync("mqtt-to-db-test");
        try {
            Thread.sleep(3000); // let the readers subscribe: QoS 1 messages published before that are not theirs
            long now = System.currentTimeMillis();
            int imu = 30, gauges = 10;
            MqttClient pub = new MqttClient(broker, "it-pub-" + run, new MemoryPersistence());
            try {
                MqttConnectionOptions o = new MqttConnectionOptions();
                o.setCleanStart(true);
                pub.connect(o);
                for (int i = 1; i <= imu; i++) publish(pub, SampleEnvelopes.imu(vehicle, i, now - 40_000 + i * 1000L));
                for (int i = 1; i <= gauges; i++) publish(pub, SampleEnvelopes.gauge(gauge, i, now - 20_000 + i * 1000L, 30 + i));
                publish(pub, SampleEnvelopes.imu(vehicle, 5, now - 35_000)); // a duplicate
                pub.disconnect();
            } finally {
                pub.close();
            }
            long deadline = System.currentTimeMillis() + 60_000;
            int[] counts;
            do {
                Thread.sleep(300);
                counts = counts(db, vehicle, gauge);
            } while ((counts[0] < imu || counts[1] < gauges || counts[2] < 1) && System.currentTimeMillis() < deadline);
            assertThat(counts[0]).as("vehicle_batch rows").isEqualTo(imu);
            assertThat(counts[1]).as("gauge_reading rows").isEqualTo(gauges);
            assertThat(counts[2]).as("duplicates quarantined").isEqualTo(1);
        } finally {
            job.cancel().get();
        }
    }

    private static void publish(MqttClient c, Envelope e) throws Exception {
        MqttMessage m = new MqttMessage(e.toByteArray());
        m.setQos(1);
        c.publish(SampleEnvelopes.topicFor(e), m);
    }

    private static int[] counts(Database db, String vehicle, String gauge) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM vehicle_batch WHERE device_id = '" + vehicle + "'),"
                     + " (SELECT count(*) FROM gauge_reading WHERE gauge_id = '" + gauge + "'),"
                     + " (SELECT count(*) FROM quarantine WHERE device_id = '" + vehicle + "' AND reason = 'duplicate')")) {
            rs.next();
            return new int[] {rs.getInt(1), rs.getInt(2), rs.getInt(3)};
        }
    }
}
