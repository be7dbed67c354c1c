package io.roadchief.ingest.gateway;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.Map;
import java.util.Objects;

/**
 * Everything the ingest gateway needs to run. {@link #fromEnvironment()} reads the ROADCHIEF_* variables
 * documented on each component; the launcher may also build one directly.
 *
 * @param httpPort          HTTP port (default 8081; 0 = any free port, see the deployed server)
 * @param dbJdbcUrl         PostgreSQL, as a JDBC URL (jdbc:postgresql://host:port/db); query parameters are ignored
 * @param dbUser            database user
 * @param dbPassword        database password
 * @param brokerUrl         MQTT broker, e.g. tcp://127.0.0.1:1883
 * @param brokerUsername    the gateway's own MQTT account (null = anonymous, for brokers that allow it)
 * @param brokerPassword    its password (null when anonymous)
 * @param adminToken        bearer token for /api/v1/devices
 * @param limits            request size limits
 * @param meterRegistry     where metrics go and /metrics reads from; null = a registry of the gateway's own.
 *                          Pass the registry the Vertx was built with (see {@link IngestGateway#vertxWithMetrics})
 *                          to get Vert.x's HTTP/pool metrics on the same page.
 */
public record GatewayConfig(
        int httpPort,
        String dbJdbcUrl, String dbUser, String dbPassword,
        String brokerUrl, String brokerUsername, String brokerPassword,
        String adminToken,
        Limits limits,
        PrometheusMeterRegistry meterRegistry) {

    public static final int DEFAULT_HTTP_PORT = 8081;
    /** Demo-only admin token; every real deployment sets ROADCHIEF_GATEWAY_ADMIN_TOKEN. */
    public static final String DEMO_ADMIN_TOKEN = "roadchief-demo-admin-token";
    public static final String DEFAULT_DB_URL = "jdbc:postgresql://127.0.0.1:5432/roadchief";
    public static final String DEFAULT_BROKER_URL = "tcp://127.0.0.1:1883";
    /** The gateway's MQTT user name; docker/mosquitto/acl grants it write on the device topics. */
    public static final String DEFAULT_BROKER_USERNAME = "roadchief-gateway";

    /**
     * @param maxBodyBytes     largest accepted request body (413 above)
     * @param maxTraceRows     largest CSV trace, data rows (413 above)
     * @param maxEnvelopes     most envelopes in one batch upload (413 above)
     * @param publishWindow    QoS 1 publishes in flight at once; keep below the broker's receive maximum
     *                         (Mosquitto's max_inflight_messages, default 20) or Paho refuses the publish
     */
    public record Limits(long maxBodyBytes, int maxTraceRows, int maxEnvelopes, int publishWindow) {
        public static Limits defaults() {
            // 64 MB holds ~1.5 M CSV rows (4 h at 100 Hz) or ~10 h of offline envelopes from one unit.
            return new Limits(64L << 20, 2_000_000, 100_000, 16);
        }
    }

    public GatewayConfig {
        Objects.requireNonNull(dbJdbcUrl, "dbJdbcUrl");
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        if (adminToken == null || adminToken.isBlank()) throw new IllegalArgumentException("admin token must not be empty");
        if (limits == null) limits = Limits.defaults();
    }

    /** A config for the given database and broker with the defaults for everything else. */
    public static GatewayConfig of(String dbJdbcUrl, String dbUser, String dbPassword, String brokerUrl) {
        return new GatewayConfig(DEFAULT_HTTP_PORT, dbJdbcUrl, dbUser, dbPassword, brokerUrl, null, null,
                DEMO_ADMIN_TOKEN, Limits.defaults(), null);
    }

    /**
     * Reads ROADCHIEF_GATEWAY_PORT (8081), ROADCHIEF_DB_URL / _USER / _PASSWORD, ROADCHIEF_MQTT_URL,
     * ROADCHIEF_GATEWAY_MQTT_USERNAME (roadchief-gateway when a password is set, else anonymous) / _PASSWORD,
     * ROADCHIEF_GATEWAY_ADMIN_TOKEN (the demo token when unset), ROADCHIEF_GATEWAY_MAX_BODY_BYTES,
     * ROADCHIEF_GATEWAY_MAX_TRACE_ROWS, ROADCHIEF_GATEWAY_MAX_ENVELOPES.
     */
    public static GatewayConfig fromEnvironment() {
        return fromMap(System.getenv());
    }

    static GatewayConfig fromMap(Map<String, String> env) {
        Limits d = Limits.defaults();
        String mqttPassword = get(env, "ROADCHIEF_GATEWAY_MQTT_PASSWORD", null);
        // with a password the account defaults to the one docker/mosquitto/acl grants the device topics
        String mqttUser = get(env, "ROADCHIEF_GATEWAY_MQTT_USERNAME", mqttPassword == null ? null : DEFAULT_BROKER_USERNAME);
        return new GatewayConfig(
                Integer.parseInt(get(env, "ROADCHIEF_GATEWAY_PORT", String.valueOf(DEFAULT_HTTP_PORT))),
                get(env, "ROADCHIEF_DB_URL", DEFAULT_DB_URL),
                get(env, "ROADCHIEF_DB_USER", "postgres"),
                get(env, "ROADCHIEF_DB_PASSWORD", ""),
                get(env, "ROADCHIEF_MQTT_URL", DEFAULT_BROKER_URL),
                mqttUser,
                mqttPassword,
                get(env, "ROADCHIEF_GATEWAY_ADMIN_TOKEN", DEMO_ADMIN_TOKEN),
                new Limits(
                        Long.parseLong(get(env, "ROADCHIEF_GATEWAY_MAX_BODY_BYTES", String.valueOf(d.maxBodyBytes()))),
                        Integer.parseInt(get(env, "ROADCHIEF_GATEWAY_MAX_TRACE_ROWS", String.valueOf(d.maxTraceRows()))),
                        Integer.parseInt(get(env, "ROADCHIEF_GATEWAY_MAX_ENVELOPES", String.valueOf(d.maxEnvelopes()))),
                        d.publishWindow()),
                null);
    }

    public GatewayConfig withHttpPort(int port) {
        return new GatewayConfig(port, dbJdbcUrl, dbUser, dbPassword, brokerUrl, brokerUsername, brokerPassword, adminToken, limits, meterRegistry);
    }

    public GatewayConfig withBrokerCredentials(String username, String password) {
        return new GatewayConfig(httpPort, dbJdbcUrl, dbUser, dbPassword, brokerUrl, username, password, adminToken, limits, meterRegistry);
    }

    public GatewayConfig withAdminToken(String token) {
        return new GatewayConfig(httpPort, dbJdbcUrl, dbUser, dbPassword, brokerUrl, brokerUsername, brokerPassword, token, limits, meterRegistry);
    }

    public GatewayConfig withLimits(Limits l) {
        return new GatewayConfig(httpPort, dbJdbcUrl, dbUser, dbPassword, brokerUrl, brokerUsername, brokerPassword, adminToken, l, meterRegistry);
    }

    public GatewayConfig withMeterRegistry(PrometheusMeterRegistry r) {
        return new GatewayConfig(httpPort, dbJdbcUrl, dbUser, dbPassword, brokerUrl, brokerUsername, brokerPassword, adminToken, limits, r);
    }

    @Override
    public String toString() {
        // never print secrets
        return "GatewayConfig[httpPort=" + httpPort + ", db=" + dbJdbcUrl + " as " + dbUser + ", broker=" + brokerUrl
                + (brokerUsername == null ? " (anonymous)" : " as " + brokerUsername) + ", limits=" + limits + "]";
    }

    private static String get(Map<String, String> env, String name, String dflt) {
        String v = env.get(name);
        return v == null || v.isBlank() ? dflt : v;
    }
}
