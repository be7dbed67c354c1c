package io.roadchief.ingest.gateway;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Who may call what:
 * <ul>
 *   <li>the registry (/api/v1/devices) takes the admin bearer token from configuration;</li>
 *   <li>uploads take the device's own MQTT credentials as HTTP Basic (user = device id), so a unit can only
 *       upload its own data, and a disabled device is refused here as the broker refuses it;</li>
 *   <li>a trace upload also takes the admin token, for drives recorded by other means (it then names the
 *       vehicle in the path).</li>
 * </ul>
 * On success the handlers put the caller into the context under {@link #DEVICE} (null for admin).
 */
final class GatewayAuth {
    /** Context key of the authenticated {@link DeviceRegistry.Device}. */
    static final String DEVICE = "roadchief.device";
    /** Context key set to TRUE when the admin token was presented. */
    static final String ADMIN = "roadchief.admin";

    private final byte[] adminToken;
    private final DeviceRegistry registry;
    private final GatewayMetrics metrics;

    GatewayAuth(String adminToken, DeviceRegistry registry, GatewayMetrics metrics) {
        this.adminToken = adminToken.getBytes(StandardCharsets.UTF_8);
        this.registry = registry;
        this.metrics = metrics;
    }

    /** Lets the request through only with "Authorization: Bearer {admin token}". */
    Handler<RoutingContext> admin() {
        return ctx -> {
            if (isAdmin(ctx)) {
                ctx.put(ADMIN, Boolean.TRUE);
                ctx.next();
            } else {
                metrics.rejected("admin_auth", 1);
                ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"roadchief\"");
                HttpReplies.error(ctx, 401, "admin bearer token required");
            }
        };
    }

    /** Lets the request through with a registered, enabled device's Basic credentials (or, if allowed, the admin token). */
    Handler<RoutingContext> device(boolean adminAllowed) {
        return ctx -> {
            if (adminAllowed && isAdmin(ctx)) {
                ctx.put(ADMIN, Boolean.TRUE);
                ctx.next();
                return;
            }
            String[] basic = basic(ctx.request().getHeader("Authorization"));
            if (basic == null) {
                refuse(ctx, 401, "device_auth", "HTTP Basic credentials required: the device id and its MQTT password");
                return;
            }
            registry.credential(basic[0]).onComplete(ar -> {
                if (ar.failed()) {
                    ctx.fail(503, ar.cause());
                    return;
                }
                DeviceRegistry.Credential c = ar.result();
                if (c == null || !MosquittoPasswords.matches(basic[1], c.passwordHash())) {
                    // one message for both, so the endpoint does not tell which device ids exist
                    refuse(ctx, 401, "device_auth", "unknown device or wrong password");
                } else if (!c.device().enabled()) {
                    refuse(ctx, 403, "device_disabled", "device " + c.device().deviceId() + " is disabled");
                } else {
                    ctx.put(DEVICE, c.device());
                    ctx.next();
                }
            });
        };
    }

    private void refuse(RoutingContext ctx, int status, String reason, String message) {
        metrics.rejected(reason, 1);
        if (status == 401) ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"roadchief\"");
        HttpReplies.error(ctx, status, message);
    }

    private boolean isAdmin(RoutingContext ctx) {
        String h = ctx.request().getHeader("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) return false;
        return MessageDigest.isEqual(adminToken, h.substring(7).trim().getBytes(StandardCharsets.UTF_8));
    }

    /** [user, password] from a Basic header, or null. */
    private static String[] basic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) return null;
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
