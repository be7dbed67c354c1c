package io.roadchief.service;

import io.roadchief.schema.SchemaMigrations;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry point of the crew / duty-officer / manager service. {@link #deploy} puts its verticles on a
 * Vert.x instance the caller owns (the launcher's, or a test's):
 * <ul>
 *   <li>{@link ApiVerticle}: REST API, /api/live (SSE), OpenAPI, /health, /metrics, pages;</li>
 *   <li>{@link TicketDeadlines}: the SLA clock (auto-assignment, warnings, breaches, verification timeouts);</li>
 *   <li>{@link LivePush}: the live hub feeding SSE;</li>
 *   <li>{@link MqttPush} (worker): crew tickets and ticket alerts to MQTT, when a broker is configured.</li>
 * </ul>
 * The database schema must already be migrated (SchemaMigrations); {@link #main} does that itself.
 */
public final class RoadChiefService {
    private static final Logger log = LoggerFactory.getLogger(RoadChiefService.class);

    private final Vertx vertx;
    private final Pool pool;
    private final ApiVerticle api;
    private final TicketDeadlines deadlines;
    private final ServiceMetrics metrics;
    private final List<String> deployments;

    private RoadChiefService(Vertx vertx, Pool pool, ApiVerticle api, TicketDeadlines deadlines, ServiceMetrics metrics, List<String> deployments) {
        this.vertx = vertx;
        this.pool = pool;
        this.api = api;
        this.deadlines = deadlines;
        this.metrics = metrics;
        this.deployments = deployments;
    }

    /** Deploys with the wall clock and a fresh Prometheus registry. */
    public static Future<RoadChiefService> deploy(Vertx vertx, ServiceConfig config) {
        return deploy(vertx, config, Clock.systemUTC(), ServiceMetrics.standalone());
    }

    /** Deploys with an injected clock (tests drive the SLA clock with it) and metrics registry. */
    public static Future<RoadChiefService> deploy(Vertx vertx, ServiceConfig config, Clock clock, ServiceMetrics metrics) {
        Pool pool = createPool(vertx, config);
        ApiVerticle api = new ApiVerticle(pool, clock, config.httpPort(), metrics);
        TicketDeadlines deadlines = new TicketDeadlines(pool, clock, config.tickInterval(), metrics);
        List<String> ids = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        if (config.brokerUrl() != null && !config.brokerUrl().isBlank()) {
            chain = vertx.deployVerticle(new MqttPush(config.brokerUrl(), metrics),
                new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)).map(ids::add).mapEmpty();
        }
        return chain
            .compose(v -> vertx.deployVerticle(new LivePush(pool, config.livePollInterval()))).map(ids::add)
            .compose(v -> vertx.deployVerticle(deadlines)).map(ids::add)
            .compose(v -> vertx.deployVerticle(api)).map(ids::add)
            .map(v -> new RoadChiefService(vertx, pool, api, deadlines, metrics, ids))
            .recover(err -> {
                List<Future<Void>> undeploys = ids.stream().map(vertx::undeploy).toList();
                return Future.join(undeploys).eventually(() -> pool.close()).transform(x -> Future.failedFuture(err));
            });
    }

    static Pool createPool(Vertx vertx, ServiceConfig config) {
        URI db = config.databaseUri();
        PgConnectOptions connect = new PgConnectOptions()
            .setHost(db.getHost())
            .setPort(db.getPort() > 0 ? db.getPort() : 5432)
            .setDatabase(db.getPath().substring(1))
            .setUser(config.dbUser())
            .setPassword(config.dbPassword());
        return PgBuilder.pool().with(new PoolOptions().setMaxSize(8)).connectingTo(connect).using(vertx).build();
    }

    /** The port the API listens on. */
    public int httpPort() { return api.actualPort(); }

    /** The SLA clock, for a tick on demand (tests, admin tools). */
    public TicketDeadlines deadlines() { return deadlines; }

    /** The reactive pool the service uses (e.g. for {@link DemoUsers#seed}). */
    public Pool pool() { return pool; }

    public ServiceMetrics metrics() { return metrics; }

    /** Undeploys the verticles (in reverse order) and closes the pool; the Vert.x instance stays up. */
    public Future<Void> close() {
        Future<Void> chain = Future.succeededFuture();
        for (int i = deployments.size() - 1; i >= 0; i--) {
            String id = deployments.get(i);
            chain = chain.compose(v -> vertx.undeploy(id));
        }
        return chain.eventually(pool::close);
    }

    /**
     * Standalone: migrates the database, deploys, and with {@code --seed-demo} creates the demo
     * users and prints their tokens. Configuration from the environment, see {@link ServiceConfig#fromEnvironment}.
     */
    public static void main(String[] args) {
        ServiceConfig config = ServiceConfig.fromEnvironment();
        SchemaMigrations.migrate(config.jdbcUrl(), config.dbUser(), config.dbPassword());
        boolean seed = List.of(args).contains("--seed-demo");
        // Vert.x's own HTTP, event-bus and pool meters go to the same registry as the service's.
        ServiceMetrics metrics = ServiceMetrics.standalone();
        Vertx vertx = Vertx.builder()
            .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
            .withMetrics(new MicrometerMetricsFactory(metrics.registry()))
            .build();
        deploy(vertx, config, Clock.systemUTC(), metrics)
            .compose(s -> !seed ? Future.succeededFuture(s) : DemoUsers.seed(s.pool()).map(users -> {
                users.forEach(u -> System.out.printf("demo %-13s %-28s token %s%n", u.role().code(),
                    u.crewId() == null ? u.userId() : u.userId() + " (" + u.crewId() + ")", u.token()));
                return s;
            }))
            .onSuccess(s -> log.info("RoadChief service up: http://localhost:{}/ (crew page /crew.html, duty page /duty.html)", s.httpPort()))
            .onFailure(e -> {
                log.error("RoadChief service failed to start", e);
                vertx.close();
                System.exit(1);
            });
    }
}
