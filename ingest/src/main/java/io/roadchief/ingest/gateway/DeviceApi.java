package io.roadchief.ingest.gateway;

import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * REST for the device registry under /api/v1/devices (admin token required, see {@link GatewayAuth}).
 *
 * <pre>
 *   POST /api/v1/devices                       {"deviceId","kind":"vehicle|gauge","vehicleClass":"bus|sanitation_truck|patrol_car"}
 *                                              201 {device..., "mqttUsername", "mqttPassword"}  (password shown only here)
 *   GET  /api/v1/devices                       200 [device...]
 *   GET  /api/v1/devices/mosquitto-passwd      200 text/plain: password_file lines of every enabled device
 *   GET  /api/v1/devices/{id}                  200 device | 404
 *   POST /api/v1/devices/{id}/disable|enable   200 device | 404
 *   POST /api/v1/devices/{id}/password         200 {device..., "mqttPassword"}: a new password, shown once
 * </pre>
 */
final class DeviceApi {
    private final DeviceRegistry registry;

    DeviceApi(DeviceRegistry registry) {
        this.registry = registry;
    }

    void register(RoutingContext ctx) {
        JsonObject body;
        try {
            body = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            HttpReplies.error(ctx, 400, "body must be a JSON object: " + e.getMessage());
            return;
        }
        if (body == null) {
            HttpReplies.error(ctx, 400, "body must be a JSON object {deviceId, kind, vehicleClass}");
            return;
        }
        reply(ctx, 201, registry.register(body.getString("deviceId"), body.getString("kind"), body.getString("vehicleClass"))
                .map(DeviceApi::withCredentials));
    }

    void list(RoutingContext ctx) {
        reply(ctx, 200, registry.list().map(devices -> {
            JsonArray a = new JsonArray();
            devices.forEach(d -> a.add(d.toJson()));
            return new JsonObject().put("devices", a);
        }));
    }

    void get(RoutingContext ctx) {
        String id = ctx.pathParam("deviceId");
        reply(ctx, 200, registry.get(id).map(d -> {
            if (d == null) throw new DeviceRegistry.RegistryException(404, "device " + id + " is not registered");
            return d.toJson();
        }));
    }

    void disable(RoutingContext ctx) {
        reply(ctx, 200, registry.setEnabled(ctx.pathParam("deviceId"), false).map(DeviceRegistry.Device::toJson));
    }

    void enable(RoutingContext ctx) {
        reply(ctx, 200, registry.setEnabled(ctx.pathParam("deviceId"), true).map(DeviceRegistry.Device::toJson));
    }

    void resetPassword(RoutingContext ctx) {
        reply(ctx, 200, registry.resetPassword(ctx.pathParam("deviceId")).map(DeviceApi::withCredentials));
    }

    /** The broker's password_file (disabled devices left out, so they cannot connect after a reload). */
    void passwordFile(RoutingContext ctx) {
        registry.enabledPasswordFile().onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
            }
            ctx.response().putHeader("content-type", "text/plain; charset=utf-8").end(ar.result());
        });
    }

    private static JsonObject withCredentials(DeviceRegistry.Registration r) {
        return r.device().toJson().put("mqttUsername", r.device().deviceId()).put("mqttPassword", r.mqttPassword());
    }

    private static void reply(RoutingContext ctx, int status, Future<JsonObject> result) {
        result.onComplete(ar -> {
            if (ar.succeeded()) HttpReplies.json(ctx, status, ar.result());
            else ctx.fail(ar.cause());
        });
    }
}
