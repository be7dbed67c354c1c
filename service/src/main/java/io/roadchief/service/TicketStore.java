package io.roadchief.service;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Reads tickets for the API and applies requested transitions (ticket row + ticket_event, one transaction). */
public final class TicketStore {
    static final String SELECT_TICKETS = """
        SELECT t.*, c.name_zh AS crew_name_zh, c.name_en AS crew_name_en,
               d.name_zh AS district_name_zh, d.name_en AS district_name_en, d.manager_contact
        FROM ticket t
        LEFT JOIN crew c ON c.crew_id = t.crew_id
        LEFT JOIN district d ON d.district_code = t.district_code
        """;

    private final Pool pool;

    public TicketStore(Pool pool) { this.pool = pool; }

    /** Filter of GET /api/tickets; null fields do not filter. */
    public record Query(String crewId, String districtCode, List<String> statuses, Duration dueWithin, int limit) {}

    public Future<JsonArray> list(Query q, Instant now) {
        Instant dueBefore = q.dueWithin() == null ? null : now.plus(q.dueWithin());
        return pool.preparedQuery(SELECT_TICKETS + """
                WHERE ($1::text IS NULL OR t.crew_id = $1)
                  AND ($2::text IS NULL OR t.district_code = $2)
                  AND ($3::text[] IS NULL OR t.status = ANY($3))
                  AND ($4::timestamptz IS NULL OR t.due_at <= $4)
                ORDER BY t.due_at, t.ticket_id
                LIMIT $5""")
            .execute(Tuple.of(q.crewId(), q.districtCode(),
                q.statuses() == null ? null : q.statuses().toArray(new String[0]), Rows.odt(dueBefore), q.limit()))
            .map(rows -> {
                JsonArray a = new JsonArray();
                for (Row r : rows) a.add(toJson(r, now));
                return a;
            });
    }

    /** One ticket with its event history, or a failed future with a 404 ApiError. */
    public Future<JsonObject> get(String ticketId, Instant now) {
        return pool.preparedQuery(SELECT_TICKETS + " WHERE t.ticket_id = $1").execute(Tuple.of(ticketId))
            .compose(rows -> {
                if (rows.size() == 0) return Future.failedFuture(notFound(ticketId));
                JsonObject t = toJson(rows.iterator().next(), now);
                return pool.preparedQuery("""
                        SELECT at, kind, actor, from_status, to_status, reason, detail
                        FROM ticket_event WHERE ticket_id = $1 ORDER BY at, event_id""")
                    .execute(Tuple.of(ticketId))
                    .map(ev -> t.put("events", Rows.toJson(ev)));
            });
    }

    /** Full JSON of the given tickets, read on {@code c} (inside the caller's transaction). */
    static Future<List<JsonObject>> load(SqlConnection c, List<String> ticketIds, Instant now) {
        if (ticketIds.isEmpty()) return Future.succeededFuture(List.of());
        return c.preparedQuery(SELECT_TICKETS + " WHERE t.ticket_id = ANY($1) ORDER BY t.due_at")
            .execute(Tuple.tuple().addArrayOfString(ticketIds.toArray(new String[0])))
            .map(rows -> {
                List<JsonObject> out = new java.util.ArrayList<>();
                for (Row r : rows) out.add(toJson(r, now));
                return out;
            });
    }

    /**
     * Applies a transition requested by a person. Fails with an ApiError (403/404/409/400) and
     * changes nothing when it is not allowed.
     *
     * @return the ticket after the change
     */
    public Future<JsonObject> transition(Caller caller, String ticketId, TicketLifecycle.Action action, JsonObject body, Instant now) {
        return transition(caller, ticketId, action, body, now, null);
    }

    /**
     * As above; when {@code auditPath} is given, the audit_log row of the successful request is
     * written in the same transaction as the change, so no change is ever committed unaudited.
     */
    public Future<JsonObject> transition(Caller caller, String ticketId, TicketLifecycle.Action action, JsonObject body,
                                         Instant now, String auditPath) {
        JsonObject in = body == null ? new JsonObject() : body;
        return pool.withTransaction(c -> c.preparedQuery(
                    "SELECT status, crew_id, district_code FROM ticket WHERE ticket_id = $1 FOR UPDATE")
                .execute(Tuple.of(ticketId))
                .compose(rows -> {
                    if (rows.size() == 0) throw notFound(ticketId);
                    Row t = rows.iterator().next();
                    String from = t.getString("status");
                    TicketLifecycle.check(caller, action, from, t.getString("crew_id"), t.getString("district_code"));
                    return apply(c, caller, ticketId, action, in, from, t.getString("crew_id"), now);
                })
                .compose(v -> load(c, List.of(ticketId), now))
                .compose(list -> auditPath == null ? Future.succeededFuture(list.get(0))
                    : AuditLog.insert(c, now, caller, "POST", auditPath, ticketId, 200, list.get(0).getString("status"))
                        .map(v -> list.get(0))));
    }

    private static Future<Void> apply(SqlConnection c, Caller caller, String ticketId, TicketLifecycle.Action action,
                                      JsonObject in, String from, String oldCrew, Instant now) {
        String reason = trimmed(in.getString("reason"), 500);
        Future<?> update;
        String detail = null;
        switch (action) {
            case ASSIGN -> {
                String crewId = in.getString("crewId");
                if (crewId == null || crewId.isBlank()) throw ApiError.badRequest("缺少 crewId", "crewId is required");
                detail = "crew " + oldCrew + " -> " + crewId;
                update = c.preparedQuery("SELECT 1 FROM crew WHERE crew_id = $1").execute(Tuple.of(crewId))
                    .compose(r -> {
                        if (r.size() == 0) throw ApiError.badRequest("没有这个班组：" + crewId, "no such crew: " + crewId);
                        return c.preparedQuery("UPDATE ticket SET status = 'assigned', crew_id = $2, updated_at = $3 WHERE ticket_id = $1")
                            .execute(Tuple.of(ticketId, crewId, Rows.odt(now)));
                    });
            }
            case MARK_REPAIRED -> {
                String note = trimmed(in.getString("note"), 2000);
                if (note == null) throw ApiError.badRequest("请填写维修说明", "a repair note is required");
                String photo = trimmed(in.getString("photoUrl"), 1000);
                if (photo != null && !isHttpUrl(photo)) throw ApiError.badRequest("照片链接须为 http(s) 地址", "photoUrl must be an http(s) URL");
                detail = photo == null ? note : note + " | photo: " + photo;
                if (reason == null) reason = note;
                update = c.preparedQuery("""
                        UPDATE ticket SET status = 'repaired', repaired_at = $2, repair_note = $3, repair_photo_url = $4, updated_at = $2
                        WHERE ticket_id = $1""")
                    .execute(Tuple.of(ticketId, Rows.odt(now), note, photo));
            }
            default -> update = c.preparedQuery("UPDATE ticket SET status = $2, updated_at = $3 WHERE ticket_id = $1")
                .execute(Tuple.of(ticketId, action.toStatus(), Rows.odt(now)));
        }
        String why = reason;
        String what = detail;
        return update.compose(v -> c.preparedQuery("""
                INSERT INTO ticket_event (ticket_id, at, kind, actor, from_status, to_status, reason, detail)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""")
            .execute(Tuple.from(new Object[] {ticketId, Rows.odt(now), action.path(), caller.userId(), from,
                action.toStatus(), why, what})))
            .mapEmpty();
    }

    /** Ticket JSON with the countdown fields the pages use. */
    static JsonObject toJson(Row r, Instant now) {
        JsonObject o = Rows.toJson(r);
        Instant confirmed = Rows.instant(r, "confirmed_at");
        Instant warn = Rows.instant(r, "warn_at");
        Instant due = Rows.instant(r, "due_at");
        boolean running = TicketLifecycle.SLA_RUNNING.contains(r.getString("status"));
        o.put("amberAt", SlaColour.amberAt(confirmed, due).toString());
        o.put("secondsLeft", Duration.between(now, due).toSeconds());
        o.put("slaColour", running ? SlaColour.at(now, confirmed, warn, due) : "none");
        return o;
    }

    static ApiError notFound(String ticketId) {
        return ApiError.notFound("没有这个工单：" + ticketId, "no such ticket: " + ticketId);
    }

    private static String trimmed(String s, int max) {
        if (s == null) return null;
        s = s.strip();
        if (s.isEmpty()) return null;
        return s.length() > max ? s.substring(0, max) : s;
    }

    private static boolean isHttpUrl(String s) {
        try {
            URI u = URI.create(s);
            return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
