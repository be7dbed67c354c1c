package io.roadchief.service;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;

import java.util.ArrayList;
import java.util.List;

/**
 * Demo accounts with well-known tokens, so a demo can print them: an admin, a duty officer, a
 * manager, and one crew member per crew. A district with no crew first gets a crew of its own
 * ({district}-crew1), so every ticket can be assigned. Idempotent: running it twice changes nothing.
 * Never use these tokens outside a demo.
 */
public final class DemoUsers {
    private DemoUsers() {}

    /** A seeded account and its token. */
    public record DemoUser(String userId, Role role, String crewId, String token) {}

    public static final String ADMIN_TOKEN = "demo-admin-token";
    public static final String DUTY_TOKEN = "demo-duty-token";
    public static final String MANAGER_TOKEN = "demo-manager-token";

    public static String crewToken(String crewId) { return "demo-crew-" + crewId + "-token"; }

    public static Future<List<DemoUser>> seed(Pool pool) {
        ServiceUsers users = new ServiceUsers(pool);
        List<DemoUser> out = new ArrayList<>();
        out.add(new DemoUser("demo-admin", Role.ADMIN, null, ADMIN_TOKEN));
        out.add(new DemoUser("demo-duty", Role.DUTY_OFFICER, null, DUTY_TOKEN));
        out.add(new DemoUser("demo-manager", Role.MANAGER, null, MANAGER_TOKEN));
        return pool.query("""
                INSERT INTO crew (crew_id, name_zh, name_en, district_code)
                SELECT d.district_code || '-crew1', d.name_zh || '养护一班', d.name_en || ' crew 1', d.district_code
                FROM district d WHERE NOT EXISTS (SELECT 1 FROM crew c WHERE c.district_code = d.district_code)
                ON CONFLICT (crew_id) DO NOTHING""").execute()
            .compose(r -> pool.query("SELECT crew_id, name_zh FROM crew ORDER BY crew_id").execute())
            .compose(crews -> {
                for (Row c : crews) {
                    String crewId = c.getString("crew_id");
                    out.add(new DemoUser(("demo-" + crewId).replaceAll("[^A-Za-z0-9_.-]", "_"), Role.CREW, crewId, crewToken(crewId)));
                }
                Future<Void> chain = Future.succeededFuture();
                for (DemoUser u : out) {
                    chain = chain.compose(v -> users.upsert(u.userId(), displayName(u), u.role(), u.crewId(), null, u.token()));
                }
                return chain.map(v -> List.copyOf(out));
            });
    }

    private static String displayName(DemoUser u) {
        return switch (u.role()) {
            case ADMIN -> "演示管理员 Demo admin";
            case DUTY_OFFICER -> "演示值班员 Demo duty officer";
            case MANAGER -> "演示区管理员 Demo manager";
            default -> "演示班组成员 " + u.crewId();
        };
    }
}
