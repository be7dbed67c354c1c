package io.roadchief.service;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

/** Users and their bearer tokens (service_user, api_token; only SHA-256 digests of tokens are stored). */
public final class ServiceUsers {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Pool pool;

    public ServiceUsers(Pool pool) { this.pool = pool; }

    public static String sha256(String token) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh random token (256 bits), for real users. */
    public static String newToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return "rc_" + HexFormat.of().formatHex(b);
    }

    /** Creates or updates a user and adds {@code token} as one of their tokens. */
    public Future<Void> upsert(String userId, String displayName, Role role, String crewId, String districtCode, String token) {
        if (role == Role.SYSTEM) return Future.failedFuture(new IllegalArgumentException("system actors have no tokens"));
        return pool.withTransaction(c -> c.preparedQuery("""
                INSERT INTO service_user (user_id, display_name, role, crew_id, district_code)
                VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (user_id) DO UPDATE SET display_name = EXCLUDED.display_name, role = EXCLUDED.role,
                    crew_id = EXCLUDED.crew_id, district_code = EXCLUDED.district_code, enabled = true""")
            .execute(Tuple.of(userId, displayName, role.code(), crewId, districtCode))
            .compose(r -> c.preparedQuery("""
                INSERT INTO api_token (token_sha256, user_id, label) VALUES ($1, $2, 'issued')
                ON CONFLICT (token_sha256) DO UPDATE SET user_id = EXCLUDED.user_id, revoked_at = NULL""")
                .execute(Tuple.of(sha256(token), userId)))
            .mapEmpty());
    }

    /** The caller a token belongs to, or null when the token is unknown, revoked, expired or its user disabled. */
    public Future<Caller> authenticate(String token, Instant now) {
        if (token == null || token.isBlank() || token.length() > 200) return Future.succeededFuture(null);
        return pool.preparedQuery("""
                SELECT u.user_id, u.display_name, u.role, u.crew_id, u.district_code
                FROM api_token t JOIN service_user u USING (user_id)
                WHERE t.token_sha256 = $1 AND t.revoked_at IS NULL AND u.enabled
                  AND (t.expires_at IS NULL OR t.expires_at > $2)""")
            .execute(Tuple.of(sha256(token), Rows.odt(now)))
            .map(rows -> {
                if (rows.size() == 0) return null;
                Row r = rows.iterator().next();
                return new Caller(r.getString("user_id"), r.getString("display_name"), Role.ofCode(r.getString("role")),
                    r.getString("crew_id"), r.getString("district_code"));
            });
    }
}
