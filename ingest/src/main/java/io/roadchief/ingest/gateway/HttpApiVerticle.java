package io.roadchief.ingest.gateway;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The gateway's HTTP API: its routes, read top to bottom, and the database pool they share. */
final class HttpApiVerticle extends VerticleBase {
    private static final Logger log = LoggerFactory.getLogger(HttpApiVerticle.class);
    private static final int DB_POOL_SIZE = 4;

    private final GatewayConfig config;
    private final BrokerPublisherVerticle broker;
    private final GatewayMetrics metrics;
    private Pool pool;

    HttpApiVerticle(GatewayConfig config, BrokerPublisherVerticle broker, GatewayMetrics metrics) {
        this.config = config;
        this.broker = broker;
        this.metrics = metrics;
    }

    @Override
    public Future<?> start() {
        pool = PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(DB_POOL_SIZE))
                .connectingTo(pgOptions(config))
                .using(vertx)
                .build();
        DeviceRegistry registry = new DeviceRegistry(pool);
        GatewayAuth auth = new GatewayAuth(config.adminToken(), registry, metrics);
        DeviceApi devices = new DeviceApi(registry);
        UploadApi uploads = new UploadApi(vertx, registry, broker, metrics, config.limits());
        HealthApi health = new HealthApi(registry, broker);

        // Vert.x wants the body handler before any asynchronous handler of a route (the device login looks
        // up the registry), so upload bodies are read, up to the limit, before the login is checked.
        BodyHandler body = BodyHandler.create(false).setBodyLimit(config.limits().maxBodyBytes());

        Router router = Router.router(vertx);
        router.get("/health").handler(health::check);
        router.get("/metrics").handler(PrometheusScrapingHandler.create((PrometheusMeterRegistry) metrics.registry()));

        router.route("/api/v1/devices/*").handler(auth.admin());
        router.post("/api/v1/devices").handler(body).handler(devices::register);
        router.get("/api/v1/devices").handler(devices::list);
        router.get("/api/v1/devices/mosquitto-passwd").handler(devices::passwordFile);
        router.get("/api/v1/devices/:deviceId").handler(devices::get);
        router.post("/api/v1/devices/:deviceId/disable").handler(devices::disable);
        router.post("/api/v1/devices/:deviceId/enable").handler(devices::enable);
        router.post("/api/v1/devices/:deviceId/password").handler(devices::resetPassword);

        router.post("/api/v1/upload/envelopes").handler(body).handler(auth.device(false)).handler(uploads::envelopes);
        router.post("/api/v1/upload/trace/:vehicleId").handler(body).handler(auth.device(true)).handler(uploads::trace);

        router.route().failureHandler(this::failure);

        return vertx.createHttpServer()
                .requestHandler(router)
                .listen(config.httpPort())
                .onSuccess(s -> log.info("Ingest gateway listening on port {} ({})", s.actualPort(), config));
    }

    @Override
    public Future<?> stop() {
        return pool == null ? Future.succeededFuture() : pool.close();
    }

    /** Turns failures into JSON replies; only the unexpected ones are logged as errors. */
    private void failure(RoutingContext ctx) {
        Throwable f = ctx.failure();
        if (f instanceof DeviceRegistry.RegistryException r) {
            HttpReplies.error(ctx, r.status, r.getMessage());
        } else if (ctx.statusCode() == 413) {
            metrics.rejected("body_too_large", 1);
            HttpReplies.error(ctx, 413, "request body larger than " + config.limits().maxBodyBytes() + " bytes; split the upload");
        } else if (ctx.statusCode() == 503) {
            HttpReplies.error(ctx, 503, "database unavailable: " + (f == null ? "" : f.getMessage()));
        } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            HttpReplies.error(ctx, ctx.statusCode(), f == null ? "bad request" : f.getMessage());
        } else {
            log.error("Unexpected failure on {} {}", ctx.request().method(), ctx.request().path(), f);
            HttpReplies.error(ctx, 500, "internal error: " + (f == null ? "" : f.getClass().getSimpleName()));
        }
    }

    /** The reactive client's options from the JDBC URL the rest of RoadChief uses. */
    static PgConnectOptions pgOptions(GatewayConfig c) {
        String url = c.dbJdbcUrl();
        if (url.startsWith("jdbc:")) url = url.substring(5);
        int q = url.indexOf('?');
        if (q >= 0) url = url.substring(0, q); // JDBC driver options mean nothing to the reactive client
        PgConnectOptions o = PgConnectOptions.fromUri(url);
        if (c.dbUser() != null) o.setUser(c.dbUser());
        if (c.dbPassword() != null) o.setPassword(c.dbPassword());
        return o;
    }
}
