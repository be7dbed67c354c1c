package io.roadchief.service;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The live hub behind /api/live. Feeds {@link LiveAddresses#LIVE} with
 * <ul>
 *   <li>ticket changes this instance made (auto-assignment, transitions, SLA clock), straight from the event bus;</li>
 *   <li>every new row of the alert table, whoever wrote it (the water job, the SLA clock of any
 *       instance): polled by created_at. A transaction can commit after a later one, so each poll
 *       re-reads a short overlap and drops alerts already sent.</li>
 * </ul>
 * Polling was chosen over LISTEN/NOTIFY because the writers (Flink sinks) need no change for it and
 * a missed notification cannot lose an alert; the price is up to one poll interval of delay.
 */
public final class LivePush extends VerticleBase {
    private static final Logger log = LoggerFactory.getLogger(LivePush.class);
    /** How far back each poll looks again for late-committing alert rows. */
    private static final Duration OVERLAP = Duration.ofSeconds(30);

    private final Pool pool;
    private final Duration pollInterval;
    private OffsetDateTime cursor;
    private final Map<String, OffsetDateTime> sent = new LinkedHashMap<>();
    private long timer = -1;
    private boolean polling;

    public LivePush(Pool pool, Duration pollInterval) {
        this.pool = pool;
        this.pollInterval = pollInterval;
    }

    @Override
    public Future<?> start() {
        vertx.eventBus().<JsonObject>consumer(LiveAddresses.TICKET_CHANGED, m ->
            vertx.eventBus().publish(LiveAddresses.LIVE, m.body().copy().put("type", "ticket")));
        // Start from the database's own now(): created_at is set by the database, not by our clock.
        return pool.query("SELECT now() AS now").execute().map(rows -> {
            cursor = rows.iterator().next().getOffsetDateTime("now");
            timer = vertx.setPeriodic(pollInterval.toMillis(), id -> poll());
            return null;
        });
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(timer);
        return Future.succeededFuture();
    }

    private void poll() {
        if (polling) return;
        polling = true;
        pool.preparedQuery("""
                SELECT alert_id, raised_at, kind, source_id, level, message_zh, message_en, detail, created_at
                FROM alert WHERE created_at > $1 ORDER BY created_at LIMIT 1000""")
            .execute(Tuple.of(cursor.minus(OVERLAP)))
            .onComplete(ar -> {
                polling = false;
                if (ar.failed()) {
                    log.warn("alert poll failed: {}", ar.cause().getMessage());
                    return;
                }
                for (Row r : ar.result()) {
                    OffsetDateTime created = r.getOffsetDateTime("created_at");
                    String key = r.getString("alert_id") + "@" + r.getOffsetDateTime("raised_at");
                    if (created.isAfter(cursor)) cursor = created;
                    if (sent.putIfAbsent(key, created) != null) continue;
                    vertx.eventBus().publish(LiveAddresses.LIVE, new JsonObject().put("type", "alert").put("alert", Rows.toJson(r)));
                }
                OffsetDateTime forgetBefore = cursor.minus(OVERLAP.multipliedBy(2));
                sent.values().removeIf(t -> t.isBefore(forgetBefore));
            });
    }
}
