package io.roadchief.bench;

import io.roadchief.schema.Topics;
import io.roadchief.schema.v1.Envelope;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many IoT backends begin, for comparison: one Paho MQTT v5 subscriber whose callback decodes each
 * message and INSERTs it as one row with autocommit (one transaction, one WAL flush per message). It
 * writes into a table of its own, {@value #TABLE}, in the same database, with the same idempotency key
 * the landing tables use.
 */
public final class NaiveBaseline implements AutoCloseable {
    public static final String TABLE = "bench_naive_message";

    private final MqttClient client;
    private final Connection db;
    private final PreparedStatement insert;
    private final AtomicLong errors = new AtomicLong();

    public static void createTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE IF NOT EXISTS %s (
                        device_id   text        NOT NULL,
                        seq         bigint      NOT NULL,
                        device_time timestamptz NOT NULL,
                        kind        text        NOT NULL,
                        payload     bytea       NOT NULL,
                        landed_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
                        PRIMARY KEY (device_id, seq))""".formatted(TABLE));
        }
    }

    public NaiveBaseline(String brokerUrl, String jdbcUrl, String user, String password) throws MqttException, SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) p.setProperty("password", password);
        p.setProperty("ApplicationName", "roadchief-bench-naive");
        db = DriverManager.getConnection(jdbcUrl, p);
        db.setAutoCommit(true);
        insert = db.prepareStatement("INSERT INTO " + TABLE
                + " (device_id, seq, device_time, kind, payload) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
        client = new MqttClient(brokerUrl, "naive-subscriber", new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                try {
                    Envelope e = Envelope.parseFrom(message.getPayload());
                    insert.setString(1, e.getDeviceId());
                    insert.setLong(2, e.getSequence());
                    insert.setTimestamp(3, new Timestamp(e.getDeviceTimeMs()));
                    insert.setString(4, e.getBodyCase().name().toLowerCase());
                    insert.setBytes(5, message.getPayload());
                    insert.executeUpdate();
                } catch (Exception ex) {
                    errors.incrementAndGet();
                }
            }

            @Override public void disconnected(MqttDisconnectResponse r) {}
            @Override public void mqttErrorOccurred(MqttException e) {}
            @Override public void deliveryComplete(IMqttToken token) {}
            @Override public void connectComplete(boolean reconnect, String serverURI) {}
            @Override public void authPacketArrived(int reasonCode, MqttProperties properties) {}
        });
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        client.connect(o);
        String[] filters = Topics.DEVICE_TOPIC_FILTERS;
        int[] qos = new int[filters.length];
        java.util.Arrays.fill(qos, 1);
        client.subscribe(filters, qos);
    }

    public long errors() {
        return errors.get();
    }

    @Override
    public void close() {
        try {
            client.disconnect(5000);
            client.close();
        } catch (MqttException ignored) {
            // closing anyway
        }
        try {
            db.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
    }
}
