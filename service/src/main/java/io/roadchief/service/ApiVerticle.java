package io.roadchief.service;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The HTTP face of RoadChief: REST API, live events (SSE), OpenAPI, health, metrics and the pages.
 * Every /api route but the OpenAPI document needs a bearer token; writes are audited.
 */
public final class ApiVerticle extends VerticleBase {
    private static final Logger log = LoggerFactory.getLogger(ApiVerticle.class);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final String CALLER = "roadchief.caller";
    private static final Map<String, String> NEXT_LEVEL = Map.of("normal", "blue", "blue", "yellow", "yellow", "orange", "orange", "red");
    /** The 坦途指数 views per level: view, id column. */
    private static final Map<String, String[]> INDEX_VIEWS = Map.of(
        "segments", new String[] {"segment_index_daily", "segment_id"},
        "roads", new String[] {"road_index_daily", "road_id"},
        "districts", new String[] {"district_index_daily", "district_code"});

    private final Pool pool;
    private final Clock clock;
    private final int port;
    private final ServiceMetrics metrics;
    private TicketStore tickets;
    private ServiceUsers users;
    private AuditLog audit;
    private HttpServer server;
    private Buffer openApi;

    public ApiVerticle(Pool pool, Clock clock, int port, ServiceMetrics metrics) {
        this.pool = pool;
        this.clock = clock;
        this.port = port;
        this.metrics = metrics;
    }

    /** The port the server listens on (useful with port 0). */
    public int actualPort() { return server.actualPort(); }

    @Override
    public Future<?> start() {
        tickets = new TicketStore(pool);
        users = new ServiceUsers(pool);
        audit = new AuditLog(pool, clock);
        Router router = Router.router(vertx);

        router.get("/health").handler(this::health);
        router.get("/metrics").handler(ctx -> ctx.response()
            .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.registry.scrape()));
        router.get("/api/openapi.yaml").handler(ctx -> ctx.response()
            .putHeader("Content-Type", "application/yaml; charset=utf-8").end(openApi));

        // Everything below under /api needs a token. The body handler must come before the async auth.
        router.route("/api/*").handler(BodyHandler.create().setBodyLimit(64 * 1024));
        router.route("/api/*").handler(this::authenticate);

        router.get("/api/me").handler(ctx -> respond(ctx, () -> Future.succeededFuture(caller(ctx).toJson())));
        router.get("/api/tickets").handler(this::listTickets);
        router.get("/api/tickets/:id").handler(ctx -> respond(ctx, () -> tickets.get(ctx.pathParam("id"), clock.instant())));
        router.post("/api/tickets/:id/:action").handler(this::transition);
        router.get("/api/gauges").handler(this::gauges);
        router.get("/api/index/:level").handler(this::tantuIndex);
        router.get("/api/alerts").handler(this::alerts);
        router.get("/api/live").handler(this::live);

        router.route("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false).setIndexPage("index.html"));

        return vertx.fileSystem().readFile("openapi.yaml")
            .compose(yaml -> {
                openApi = yaml;
                return vertx.createHttpServer().requestHandler(router).listen(port);
            })
            .onSuccess(s -> {
                server = s;
                log.info("RoadChief service listening on port {}", s.actualPort());
            });
    }

    // ---- authentication -------------------------------------------------------------------

    private void authenticate(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        // EventSource cannot send headers, so /api/live also takes ?access_token=.
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
            ? header.substring(7).strip() : ctx.request().getParam("access_token");
        users.authenticate(token, clock.instant()).onComplete(ar -> {
            if (ar.failed()) {
                log.error("token check failed", ar.cause());
                send(ctx, 500, new JsonObject().put("error", "internal"));
            } else if (ar.result() == null) {
                ctx.response().putHeader("WWW-Authenticate", "Bearer");
                send(ctx, 401, new ApiError(401, "unauthenticated", "请先登录（令牌无效或已失效）",
                    "sign in first (token missing, unknown or revoked)").toJson());
            } else {
                ctx.put(CALLER, ar.result());
                ctx.next();
            }
        });
    }

    private static Caller caller(RoutingContext ctx) { return ctx.get(CALLER); }

    // ---- tickets ---------------------------------------------------------------------------

    private void listTickets(RoutingContext ctx) {
        respond(ctx, () -> {
            Caller c = caller(ctx);
            // A crew member sees their own crew's work, whatever they ask for.
            String crew = c.role() == Role.CREW ? c.crewId() : ctx.request().getParam("crew");
            String status = ctx.request().getParam("status");
            List<String> statuses = status == null ? TicketLifecycle.NOT_CLOSED
                : status.equals("all") ? null : Arrays.asList(status.split(","));
            String within = ctx.request().getParam("dueWithinHours");
            Duration dueWithin = within == null ? null : Duration.ofMinutes(Math.round(number(within, "dueWithinHours") * 60));
            int limit = (int) Math.min(1000, Math.max(1, number(ctx.request().getParam("limit", "200"), "limit")));
            return tickets.list(new TicketStore.Query(crew, ctx.request().getParam("district"), statuses, dueWithin, limit), clock.instant())
                .map(a -> new JsonObject().put("tickets", a).put("now", clock.instant().toString()));
        });
    }

    private void transition(RoutingContext ctx) {
        Caller c = caller(ctx);
        String id = ctx.pathParam("id");
        TicketLifecycle.Action action = TicketLifecycle.Action.ofPath(ctx.pathParam("action"));
        Future<JsonObject> work;
        if (action == null) {
            work = Future.failedFuture(ApiError.notFound("没有这个操作", "no such action: " + ctx.pathParam("action")));
        } else {
            JsonObject body;
            try {
                body = ctx.body().isEmpty() ? new JsonObject() : ctx.body().asJsonObject();
            } catch (DecodeException | ClassCastException e) {
                body = null;
            }
            work = body == null ? Future.failedFuture(ApiError.badRequest("请求内容不是 JSON 对象", "the body is not a JSON object"))
                : tickets.transition(c, id, action, body, clock.instant(), ctx.request().path());
        }
        work.onComplete(ar -> {
            int status;
            JsonObject out;
            if (ar.succeeded()) {
                status = 200;
                out = ar.result();
                LiveAddresses.ticketChanged(vertx, action.path(), out);
            } else if (ar.cause() instanceof ApiError e) {
                status = e.status();
                out = e.toJson();
            } else {
                log.error("transition {} of {} failed", ctx.pathParam("action"), id, ar.cause());
                status = 500;
                out = new JsonObject().put("error", "internal");
            }
            metrics.transition(action == null ? "unknown" : action.path(), status); // never a raw URL piece as a tag
            if (status == 200) {
                send(ctx, status, out); // audited inside the transaction that made the change
                return;
            }
            audit.record(c, "POST", ctx.request().path(), id, status, out.getString("error")).onComplete(a -> {
                if (a.failed()) log.error("audit write failed for {} {}", ctx.request().path(), c.userId(), a.cause());
                send(ctx, status, out);
            });
        });
    }

    // ---- water -----------------------------------------------------------------------------

    private void gauges(RoutingContext ctx) {
        respond(ctx, () -> pool.preparedQuery("""
                SELECT g.gauge_id, g.name_zh, g.name_en, g.kind, g.lat, g.lon, g.district_code, g.interval_s,
                       g.blue_mm, g.yellow_mm, g.orange_mm, g.red_mm,
                       s.at, s.level_mm, s.smoothed_mm, s.rise_mm_min, s.risk_level, s.eta_next_s, s.health
                FROM gauge g LEFT JOIN gauge_state s USING (gauge_id)
                WHERE ($1::text IS NULL OR g.district_code = $1)
                ORDER BY CASE s.risk_level WHEN 'red' THEN 0 WHEN 'orange' THEN 1 WHEN 'yellow' THEN 2
                                           WHEN 'blue' THEN 3 WHEN 'normal' THEN 4 ELSE 5 END, g.gauge_id""")
            .execute(Tuple.of(ctx.request().getParam("district")))
            .map(rows -> {
                Instant now = clock.instant();
                JsonArray out = new JsonArray();
                for (Row r : rows) {
                    JsonObject g = Rows.toJson(r);
                    String risk = r.getString("risk_level");
                    Instant at = Rows.instant(r, "at");
                    g.put("colour", GaugeColour.of(risk));
                    g.put("offline", at == null || "offline".equals(r.getString("health")));
                    g.put("ageSeconds", at == null ? null : Duration.between(at, now).toSeconds());
                    String next = risk == null ? null : NEXT_LEVEL.get(risk);
                    g.put("nextLevel", next);
                    g.put("nextThresholdMm", next == null ? null : r.getInteger(next + "_mm"));
                    out.add(g);
                }
                return new JsonObject().put("gauges", out).put("now", now.toString());
            }));
    }

    // ---- 坦途指数 ---------------------------------------------------------------------------

    private void tantuIndex(RoutingContext ctx) {
        respond(ctx, () -> {
            String[] view = INDEX_VIEWS.get(ctx.pathParam("level"));
            if (view == null) throw ApiError.notFound("没有这个层级", "level must be segments, roads or districts");
            Instant to = time(ctx.request().getParam("to"), clock.instant().plus(Duration.ofDays(1)), "to");
            Instant from = time(ctx.request().getParam("from"), to.minus(Duration.ofDays(30)), "from");
            // The view and column names come from the fixed table above, never from the request.
            return pool.preparedQuery("SELECT " + view[1] + " AS id, * FROM " + view[0]
                    + " WHERE ($1::text IS NULL OR " + view[1] + " = $1) AND day >= $2 AND day < $3 ORDER BY day, " + view[1])
                .execute(Tuple.of(ctx.request().getParam("id"), Rows.odt(from), Rows.odt(to)))
                .map(rows -> new JsonObject().put("level", ctx.pathParam("level")).put("from", from.toString())
                    .put("to", to.toString()).put("rows", Rows.toJson(rows)));
        });
    }

    // ---- alerts and live push --------------------------------------------------------------

    private void alerts(RoutingContext ctx) {
        respond(ctx, () -> {
            Instant since = time(ctx.request().getParam("since"), clock.instant().minus(Duration.ofDays(1)), "since");
            int limit = (int) Math.min(1000, Math.max(1, number(ctx.request().getParam("limit", "200"), "limit")));
            return pool.preparedQuery("""
                    SELECT alert_id, raised_at, kind, source_id, level, message_zh, message_en, detail, created_at
                    FROM alert WHERE raised_at >= $1 AND ($2::text IS NULL OR kind = $2)
                    ORDER BY raised_at DESC LIMIT $3""")
                .execute(Tuple.of(Rows.odt(since), ctx.request().getParam("kind"), limit))
                .map(rows -> new JsonObject().put("alerts", Rows.toJson(rows)));
        });
    }

    private void live(RoutingContext ctx) {
        Caller c = caller(ctx);
        HttpServerResponse res = ctx.response();
        res.setChunked(true)
            .putHeader("Content-Type", "text/event-stream; charset=utf-8")
            .putHeader("Cache-Control", "no-cache")
            .putHeader("X-Accel-Buffering", "no");
        res.write(": connected\n\n");
        metrics.sseClients.incrementAndGet();
        MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(LiveAddresses.LIVE, m -> {
            JsonObject e = m.body();
            if (!res.closed() && visibleTo(c, e)) {
                res.write("event: " + e.getString("type") + "\ndata: " + e.encode() + "\n\n");
            }
        });
        long ping = vertx.setPeriodic(15_000, id -> { if (!res.closed()) res.write(": ping\n\n"); });
        res.closeHandler(v -> {
            consumer.unregister();
            vertx.cancelTimer(ping);
            metrics.sseClients.decrementAndGet();
        });
    }

    /** Crews get their own crew's ticket news and every water alert; other roles get everything. */
    static boolean visibleTo(Caller c, JsonObject event) {
        if (c.role() != Role.CREW) return true;
        if ("ticket".equals(event.getString("type"))) {
            return c.crewId().equals(event.getJsonObject("ticket").getString("crewId"));
        }
        JsonObject alert = event.getJsonObject("alert");
        if (alert != null && alert.getString("kind", "").startsWith("ticket_")) {
            try {
                return c.crewId().equals(new JsonObject(alert.getString("detail", "{}")).getString("crewId"));
            } catch (DecodeException e) {
                return false;
            }
        }
        return true;
    }

    // ---- plumbing --------------------------------------------------------------------------

    private void health(RoutingContext ctx) {
        pool.query("SELECT 1").execute().onComplete(ar -> send(ctx, ar.succeeded() ? 200 : 503,
            new JsonObject().put("status", ar.succeeded() ? "UP" : "DOWN").put("database", ar.succeeded() ? "UP" : ar.cause().getMessage())));
    }

    private void respond(RoutingContext ctx, Supplier<Future<JsonObject>> work) {
        Future<JsonObject> f;
        try {
            f = work.get();
        } catch (RuntimeException e) {
            f = Future.failedFuture(e);
        }
        f.onComplete(ar -> {
            if (ar.succeeded()) send(ctx, 200, ar.result());
            else if (ar.cause() instanceof ApiError e) send(ctx, e.status(), e.toJson());
            else {
                log.error("{} {} failed", ctx.request().method(), ctx.request().path(), ar.cause());
                send(ctx, 500, new JsonObject().put("error", "internal"));
            }
        });
    }

    private static void send(RoutingContext ctx, int status, JsonObject body) {
        if (ctx.response().ended()) return;
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8").end(body.encode());
    }

    private static double number(String s, String name) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("参数 " + name + " 须为数字", name + " must be a number");
        }
    }

    /** An ISO instant, or a date meaning its start in China time. */
    private static Instant time(String s, Instant dflt, String name) {
        if (s == null || s.isBlank()) return dflt;
        try {
            return s.length() == 10 ? LocalDate.parse(s).atStartOfDay(CHINA).toInstant() : Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("参数 " + name + " 须为日期或时间（ISO-8601）", name + " must be an ISO-8601 date or instant");
        }
    }
}
