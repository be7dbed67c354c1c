package io.roadchief.service;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;

/** Writes one audit_log row per write request, allowed (with the change, see TicketStore) or refused. */
final class AuditLog {
    private final Pool pool;
    private final Clock clock;

    AuditLog(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** A request's audit row on its own (refusals, failures). */
    Future<Void> record(Caller caller, String method, String path, String targetId, int httpStatus, String detail) {
        return insert(pool, clock.instant(), caller, method, path, targetId, httpStatus, detail);
    }

    /** The audit row on {@code client}: a pool, or the connection of the transaction making the change. */
    static Future<Void> insert(io.vertx.sqlclient.SqlClient client, java.time.Instant at, Caller caller, String method,
                               String path, String targetId, int httpStatus, String detail) {
        return client.preparedQuery("""
                INSERT INTO audit_log (at, user_id, role, method, path, target_id, http_status, detail)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""")
            .execute(Tuple.from(new Object[] {Rows.odt(at), caller == null ? null : caller.userId(),
                caller == null ? null : caller.role().code(), method, path, targetId, httpStatus, detail}))
            .mapEmpty();
    }
}
