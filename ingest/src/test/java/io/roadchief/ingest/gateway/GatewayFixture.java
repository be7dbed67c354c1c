package io.roadchief.ingest.gateway;

import ch.qos.logback.classic.Level;
import io.roadchief.local.Database;
import io.roadchief.local.Ports;
import io.roadchief.local.PrivateBroker;
import io.roadchief.local.TestServices;
import io.roadchief.schema.SchemaMigrations;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A running gateway on a fresh database and a broker of the test's own, plus HTTP and MQTT helpers. */
final class GatewayFixture implements AutoCloseable {
    static final String ADMIN = "test-admin-" + Long.toHexString(System.nanoTime());

    final Database db;
    final PrivateBroker privateBroker; // null when the test brings its own broker
    final String brokerUrl;
    final Vertx vertx;
    final WebClient http;
    final int port;
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<MqttClient> clients = new ArrayList<>();

    static {
        // keep netty/vert.x debug chatter out of the test output
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.INFO);
    }

    /** Gateway publishing anonymously to a PrivateBroker. */
    static GatewayFixture withPrivateBroker(String purpose) throws Exception {
        return withPrivateBroker(purpose, GatewayConfig.Limits.defaults());
    }

    static GatewayFixture withPrivateBroker(String purpose, GatewayConfig.Limits limits) throws Exception {
        PrivateBroker b = PrivateBroker.start();
        try {
            return new GatewayFixture(purpose, b, b.url(), null, null, true, limits);
        } catch (Exception | Error e) {
            b.close(); // never leave a broker process behind
            throw e;
        }
    }

    /** Gateway publishing to {@code brokerUrl} (which may not be up yet) with the given account. */
    static GatewayFixture withBroker(String purpose, String brokerUrl, String user, String password) throws Exception {
        return new GatewayFixture(purpose, null, brokerUrl, user, password, false, GatewayConfig.Limits.defaults());
    }

    private GatewayFixture(String purpose, PrivateBroker privateBroker, String brokerUrl, String user, String password,
                           boolean waitHealthy, GatewayConfig.Limits limits) throws Exception {
        this.db = TestServices.freshDatabase(purpose);
        SchemaMigrations.migrate(db.jdbcUrl(), db.user(), db.password());
        this.privateBroker = privateBroker;
        this.brokerUrl = brokerUrl;
        this.vertx = IngestGateway.vertxWithMetrics(registry);
        this.http = WebClient.create(vertx);
        this.port = Ports.free();
        GatewayConfig config = GatewayConfig.of(db.jdbcUrl(), db.user(), db.password(), brokerUrl)
                .withHttpPort(port).withAdminToken(ADMIN).withBrokerCredentials(user, password).withMeterRegistry(registry).withLimits(limits);
        try {
            await(IngestGateway.deploy(vertx, config));
            if (waitHealthy) awaitHealthy();
        } catch (Exception | Error e) {
            await(vertx.close());
            throw e;
        }
    }

    void awaitHealthy() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (get("/health").statusCode() != 200) {
            if (System.nanoTime() > deadline) throw new AssertionError("gateway not healthy: " + get("/health").bodyAsString());
            Thread.sleep(100);
        }
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    HttpRequest<Buffer> request(io.vertx.core.http.HttpMethod method, String path) {
        return http.request(method, port, "127.0.0.1", path);
    }

    HttpResponse<Buffer> get(String path) throws Exception {
        return await(request(io.vertx.core.http.HttpMethod.GET, path).send());
    }

    HttpResponse<Buffer> admin(io.vertx.core.http.HttpMethod method, String path, JsonObject body) throws Exception {
        HttpRequest<Buffer> r = request(method, path).bearerTokenAuthentication(ADMIN);
        return await(body == null ? r.send() : r.sendJsonObject(body));
    }

    /** A sample's value on /metrics (0 when absent), e.g. {@code name{label="x"}}. */
    double counter(String sample) throws Exception {
        for (String line : get("/metrics").bodyAsString().split("\n")) {
            if (line.startsWith(sample + " ")) return Double.parseDouble(line.substring(sample.length() + 1).trim());
        }
        return 0;
    }

    /** Registers a device through the API and returns its one-time MQTT password. */
    String register(String deviceId, String kind, String vehicleClass) throws Exception {
        HttpResponse<Buffer> r = admin(io.vertx.core.http.HttpMethod.POST, "/api/v1/devices",
                new JsonObject().put("deviceId", deviceId).put("kind", kind).put("vehicleClass", vehicleClass));
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
        return r.bodyAsJsonObject().getString("mqttPassword");
    }

    /** POSTs a body with a device's Basic credentials. */
    HttpResponse<Buffer> upload(String path, String deviceId, String password, Buffer body) throws Exception {
        return await(request(io.vertx.core.http.HttpMethod.POST, path).basicAuthentication(deviceId, password).sendBuffer(body));
    }

    /** A subscriber on {@code url} collecting every message under the filter. */
    Subscriber subscribe(String url, String filter, String user, String password) throws Exception {
        MqttClient c = new MqttClient(url, "test-sub-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        if (user != null) {
            o.setUserName(user);
            o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        c.connect(o);
        Subscriber s = new Subscriber(c);
        c.subscribe(new org.eclipse.paho.mqttv5.common.MqttSubscription[] {new org.eclipse.paho.mqttv5.common.MqttSubscription(filter, 1)},
                new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(topic, msg) -> s.received.add(new Received(topic, msg.getPayload()))});
        clients.add(c);
        return s;
    }

    record Received(String topic, byte[] payload) {}

    static final class Subscriber {
        final MqttClient client;
        final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

        Subscriber(MqttClient client) {
            this.client = client;
        }

        /** Waits for exactly n messages, then checks for a quiet period so that extra ones would be seen. */
        List<Received> take(int n, Duration timeout) throws InterruptedException {
            List<Received> out = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (out.size() < n) {
                Received r = received.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (r == null) break;
                out.add(r);
            }
            Received extra = received.poll(300, TimeUnit.MILLISECONDS);
            if (extra != null) out.add(extra);
            return out;
        }
    }

    @Override
    public void close() throws Exception {
        for (MqttClient c : clients) {
            try {
                if (c.isConnected()) c.disconnect();
                c.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        try {
            await(vertx.close());
        } finally {
            if (privateBroker != null) privateBroker.close();
        }
    }
}
