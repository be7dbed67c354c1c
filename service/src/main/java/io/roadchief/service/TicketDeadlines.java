package io.roadchief.service;

import io.roadchief.schema.RepairSla;
import io.roadchief.schema.Topics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The SLA clock. Every tick it asks the database what is due at {@code clock.instant()}:
 * <ol>
 *   <li>open tickets without a crew get one (a crew whose road_ids hold the ticket's road, else the district's crew);</li>
 *   <li>running tickets past warn_at get their countdown warning;</li>
 *   <li>running tickets past due_at get their breach alert, escalated to the district's manager;</li>
 *   <li>repaired tickets with no verifying pass within RepairSla.VERIFY_HOURS become unverified.</li>
 * </ol>
 * Each step is one conditional UPDATE (... WHERE warned_at IS NULL ...) plus its ticket_event and
 * alert rows in the same transaction, so whichever service instance wins the row fires it, exactly
 * once, and a restart re-reads the state from the table: nothing is kept in memory. Push (SSE,
 * MQTT) follows the commit; the rows are the record.
 */
public final class TicketDeadlines extends VerticleBase {
    private static final Logger log = LoggerFactory.getLogger(TicketDeadlines.class);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter DUE_FORMAT = DateTimeFormatter.ofPattern("MM-dd HH:mm");
    static final String ACTOR = "sla-clock";

    private final Pool pool;
    private final Clock clock;
    private final Duration interval;
    private final ServiceMetrics metrics;
    private long timer = -1;
    private boolean ticking;

    /** What one tick did, ticket ids per step. */
    public record Outcome(List<String> assigned, List<String> warned, List<String> breached, List<String> unverified) {}

    public TicketDeadlines(Pool pool, Clock clock, Duration interval, ServiceMetrics metrics) {
        this.pool = pool;
        this.clock = clock;
        this.interval = interval;
        this.metrics = metrics;
    }

    @Override
    public Future<?> start() {
        timer = vertx.setPeriodic(interval.toMillis(), interval.toMillis(), id -> {
            if (ticking) return; // a slow database must not pile up ticks
            ticking = true;
            tick().onComplete(ar -> {
                ticking = false;
                if (ar.failed()) log.warn("SLA tick failed; will retry on the next tick", ar.cause());
            });
        });
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(timer);
        return Future.succeededFuture();
    }

    /** One pass of the clock at the clock's current time. Safe to call concurrently from several instances. */
    public Future<Outcome> tick() {
        Instant now = clock.instant();
        return autoAssign(now).compose(assigned ->
            deadline(false, now).compose(warned ->
                deadline(true, now).compose(breached ->
                    unverify(now).map(unverified -> new Outcome(assigned, warned, breached, unverified)))));
    }

    private Future<List<String>> autoAssign(Instant now) {
        return pool.withTransaction(c -> c.preparedQuery("""
                UPDATE ticket t SET crew_id = p.crew_id, status = 'assigned', updated_at = $1
                FROM (SELECT o.ticket_id, coalesce(
                        (SELECT c.crew_id FROM crew c JOIN road_segment s ON s.road_id = ANY (c.road_ids)
                          WHERE s.segment_id = o.segment_id ORDER BY c.crew_id LIMIT 1),
                        (SELECT c.crew_id FROM crew c
                          WHERE c.district_code = coalesce(o.district_code,
                                  (SELECT s.district_code FROM road_segment s WHERE s.segment_id = o.segment_id))
                          ORDER BY cardinality(c.road_ids), c.crew_id LIMIT 1)) AS crew_id
                      FROM ticket o WHERE o.status = 'open' AND o.crew_id IS NULL) p
                WHERE t.ticket_id = p.ticket_id AND p.crew_id IS NOT NULL AND t.status = 'open' AND t.crew_id IS NULL
                RETURNING t.ticket_id""")
            .execute(Tuple.of(Rows.odt(now)))
            .compose(rows -> {
                List<Tuple> events = new ArrayList<>();
                List<String> ids = ids(rows);
                for (String id : ids) {
                    events.add(Tuple.from(new Object[] {id, Rows.odt(now), "assigned", "auto-assign", "open", "assigned",
                        "crew chosen automatically by road, else by district", null, "auto_assign:" + id}));
                }
                return insertEvents(c, events).compose(v -> TicketStore.load(c, ids, now));
            }))
            .map(tickets -> announce(tickets, "assigned", null));
    }

    private Future<List<String>> deadline(boolean breach, Instant now) {
        String column = breach ? "breached_at" : "warned_at";
        String at = breach ? "due_at" : "warn_at";
        return pool.withTransaction(c -> c.preparedQuery(
                    "UPDATE ticket SET " + column + " = $1, updated_at = $1 WHERE " + column + " IS NULL AND " + at
                        + " <= $1 AND status = ANY($2) RETURNING ticket_id")
                .execute(Tuple.tuple().addOffsetDateTime(Rows.odt(now)).addArrayOfString(TicketLifecycle.SLA_RUNNING.toArray(new String[0])))
                .compose(rows -> TicketStore.load(c, ids(rows), now))
                .compose(tickets -> {
                    List<Tuple> events = new ArrayList<>();
                    List<Tuple> alerts = new ArrayList<>();
                    for (JsonObject t : tickets) {
                        JsonObject a = alert(t, breach);
                        t.put("alert", a);
                        String id = t.getString("ticketId");
                        events.add(Tuple.from(new Object[] {id, Rows.odt(now), breach ? "sla_breach" : "sla_warning", ACTOR,
                            t.getString("status"), t.getString("status"), a.getString("messageEn"), a.getString("detail"),
                            (breach ? "sla_breach:" : "sla_warning:") + id}));
                        alerts.add(Tuple.from(new Object[] {a.getString("alertId"), Rows.odt(Instant.parse(a.getString("raisedAt"))),
                            a.getString("kind"), id, a.getString("level"), a.getString("messageZh"), a.getString("messageEn"),
                            a.getString("detail")}));
                    }
                    Future<Void> alertInsert = alerts.isEmpty() ? Future.succeededFuture() : c.preparedQuery("""
                            INSERT INTO alert (alert_id, raised_at, kind, source_id, level, message_zh, message_en, detail)
                            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING""")
                        .executeBatch(alerts).mapEmpty();
                    return insertEvents(c, events).compose(v -> alertInsert).map(v -> tickets);
                }))
            .map(tickets -> {
                for (JsonObject t : tickets) {
                    (breach ? metrics.breaches : metrics.warnings).increment();
                    JsonObject a = (JsonObject) t.remove("alert");
                    vertx.eventBus().publish(LiveAddresses.MQTT_PUBLISH,
                        new JsonObject().put("topic", Topics.ticketAlert(t.getString("ticketId"))).put("payload", a));
                }
                return announce(tickets, breach ? "sla_breach" : "sla_warning", null);
            });
    }

    private Future<List<String>> unverify(Instant now) {
        Instant repairedBefore = now.minus(Duration.ofHours(RepairSla.VERIFY_HOURS));
        return pool.withTransaction(c -> c.preparedQuery("""
                    UPDATE ticket SET status = 'unverified', closed_at = $1, updated_at = $1
                    WHERE status = 'repaired' AND repaired_at <= $2
                    RETURNING ticket_id, extract(epoch FROM repaired_at)::bigint AS repaired_epoch""")
                .execute(Tuple.of(Rows.odt(now), Rows.odt(repairedBefore)))
                .compose(rows -> {
                    List<Tuple> events = new ArrayList<>();
                    for (Row r : rows) {
                        String id = r.getString("ticket_id");
                        events.add(Tuple.from(new Object[] {id, Rows.odt(now), "unverified", ACTOR, "repaired", "unverified",
                            "no vehicle pass over the repair within " + RepairSla.VERIFY_HOURS + " h", null,
                            "unverified:" + id + ":" + r.getLong("repaired_epoch")}));
                    }
                    return insertEvents(c, events).compose(v -> TicketStore.load(c, ids(rows), now));
                }))
            .map(tickets -> {
                tickets.forEach(t -> metrics.unverified.increment());
                return announce(tickets, "unverified", null);
            });
    }

    private List<String> announce(List<JsonObject> tickets, String change, Void unused) {
        List<String> ids = new ArrayList<>();
        for (JsonObject t : tickets) {
            ids.add(t.getString("ticketId"));
            if (change.equals("assigned")) metrics.autoAssigned.increment();
            LiveAddresses.ticketChanged(vertx, change, t);
        }
        if (!ids.isEmpty()) log.info("SLA clock: {} {}", change, ids);
        return ids;
    }

    private static Future<Void> insertEvents(SqlConnection c, List<Tuple> events) {
        if (events.isEmpty()) return Future.succeededFuture();
        return c.preparedQuery("""
                INSERT INTO ticket_event (ticket_id, at, kind, actor, from_status, to_status, reason, detail, dedup_key)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (dedup_key) DO NOTHING""")
            .executeBatch(events).mapEmpty();
    }

    private static List<String> ids(io.vertx.sqlclient.RowSet<Row> rows) {
        List<String> ids = new ArrayList<>();
        for (Row r : rows) ids.add(r.getString("ticket_id"));
        return ids;
    }

    /** The alert row for a warning or breach; id and time derive from the ticket, so a replay collapses. */
    static JsonObject alert(JsonObject t, boolean breach) {
        String id = t.getString("ticketId");
        String due = DUE_FORMAT.format(Instant.parse(t.getString("dueAt")).atZone(CHINA));
        String roadZh = orDash(t.getString("roadNameZh"));
        String roadEn = orDash(t.getString("roadNameEn"));
        String manager = t.getString("managerContact");
        String districtZh = orDash(t.getString("districtNameZh"));
        String districtEn = orDash(t.getString("districtNameEn"));
        JsonObject detail = new JsonObject().put("ticketId", id).put("crewId", t.getString("crewId"))
            .put("districtCode", t.getString("districtCode")).put("dueAt", t.getString("dueAt"));
        JsonObject a = new JsonObject().put("sourceId", id);
        if (breach) {
            detail.put("escalatedTo", manager);
            a.put("alertId", "ticket_breach:" + id).put("raisedAt", t.getString("dueAt")).put("kind", "ticket_breach").put("level", "red")
                .put("messageZh", "超期：工单 " + id + "「" + t.getString("titleZh") + "」（" + roadZh + "）已超过修复期限 " + due
                    + "，已上报" + districtZh + "管理员（" + (manager == null ? "未登记联系人" : manager) + "）")
                .put("messageEn", "Breach: ticket " + id + " \"" + t.getString("titleEn") + "\" (" + roadEn + ") missed its repair deadline "
                    + due + " (China time); escalated to the " + districtEn + " manager (" + (manager == null ? "no contact on file" : manager) + ")");
        } else {
            a.put("alertId", "ticket_warning:" + id).put("raisedAt", t.getString("warnAt")).put("kind", "ticket_warning").put("level", "amber")
                .put("messageZh", "预警：工单 " + id + "「" + t.getString("titleZh") + "」（" + roadZh + "）将于 " + due + " 到期，请尽快修复")
                .put("messageEn", "Warning: ticket " + id + " \"" + t.getString("titleEn") + "\" (" + roadEn + ") is due at " + due
                    + " (China time); please repair it soon");
        }
        return a.put("detail", detail.encode());
    }

    private static String orDash(String s) { return s == null ? "—" : s; }
}
