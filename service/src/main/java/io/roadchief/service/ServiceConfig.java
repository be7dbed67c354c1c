package io.roadchief.service;

import java.net.URI;
import java.time.Duration;

/**
 * Everything the service needs to run.
 *
 * @param httpPort      port of the API and pages; 0 picks a free port (tests)
 * @param jdbcUrl       the PostgreSQL database, as a JDBC URL (jdbc:postgresql://host:port/db)
 * @param dbUser        database user
 * @param dbPassword    database password ("" for trust authentication)
 * @param brokerUrl     MQTT broker for crew-ticket and alert push (tcp://host:port); null disables push
 * @param tickInterval  how often the SLA clock looks for due warnings, breaches and verification timeouts
 * @param livePollInterval how often the live hub polls the alert table for alerts written by other jobs
 */
public record ServiceConfig(int httpPort, String jdbcUrl, String dbUser, String dbPassword,
                            String brokerUrl, Duration tickInterval, Duration livePollInterval) {

    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final Duration DEFAULT_TICK = Duration.ofSeconds(5);
    public static final Duration DEFAULT_LIVE_POLL = Duration.ofSeconds(1);

    public ServiceConfig {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("jdbcUrl must be jdbc:postgresql://host[:port]/database, got " + jdbcUrl);
        }
        if (tickInterval == null) tickInterval = DEFAULT_TICK;
        if (livePollInterval == null) livePollInterval = DEFAULT_LIVE_POLL;
        if (dbPassword == null) dbPassword = "";
    }

    /** Defaults for everything but the database. */
    public static ServiceConfig of(String jdbcUrl, String dbUser, String dbPassword, String brokerUrl) {
        return new ServiceConfig(DEFAULT_HTTP_PORT, jdbcUrl, dbUser, dbPassword, brokerUrl, DEFAULT_TICK, DEFAULT_LIVE_POLL);
    }

    public ServiceConfig withHttpPort(int port) {
        return new ServiceConfig(port, jdbcUrl, dbUser, dbPassword, brokerUrl, tickInterval, livePollInterval);
    }

    public ServiceConfig withTickInterval(Duration tick) {
        return new ServiceConfig(httpPort, jdbcUrl, dbUser, dbPassword, brokerUrl, tick, livePollInterval);
    }

    /** Reads ROADCHIEF_HTTP_PORT, ROADCHIEF_DB_URL/USER/PASSWORD, ROADCHIEF_MQTT_URL, ROADCHIEF_TICK_SECONDS. */
    public static ServiceConfig fromEnvironment() {
        String port = System.getenv().getOrDefault("ROADCHIEF_HTTP_PORT", String.valueOf(DEFAULT_HTTP_PORT));
        String tick = System.getenv().getOrDefault("ROADCHIEF_TICK_SECONDS", String.valueOf(DEFAULT_TICK.toSeconds()));
        return new ServiceConfig(Integer.parseInt(port),
            System.getenv().getOrDefault("ROADCHIEF_DB_URL", "jdbc:postgresql://127.0.0.1:5432/roadchief"),
            System.getenv().getOrDefault("ROADCHIEF_DB_USER", "postgres"),
            System.getenv().getOrDefault("ROADCHIEF_DB_PASSWORD", ""),
            System.getenv().getOrDefault("ROADCHIEF_MQTT_URL", "tcp://127.0.0.1:1883"),
            Duration.ofSeconds(Long.parseLong(tick)), DEFAULT_LIVE_POLL);
    }

    /** The database location as host, port and name, for the reactive client. */
    URI databaseUri() {
        String rest = jdbcUrl.substring("jdbc:".length());
        int q = rest.indexOf('?');
        return URI.create(q < 0 ? rest : rest.substring(0, q));
    }
}
