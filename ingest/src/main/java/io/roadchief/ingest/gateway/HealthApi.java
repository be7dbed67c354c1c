package io.roadchief.ingest.gateway;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.concurrent.TimeUnit;

/** GET /health: 200 when the database answers and the broker connection is up, else 503; JSON says which. */
final class HealthApi {
    private static final long DB_TIMEOUT_MS = 2_000;

    private final DeviceRegistry registry;
    private final BrokerPublisherVerticle broker;

    HealthApi(DeviceRegistry registry, BrokerPublisherVerticle broker) {
        this.registry = registry;
        this.broker = broker;
    }

    void check(RoutingContext ctx) {
        registry.ping().timeout(DB_TIMEOUT_MS, TimeUnit.MILLISECONDS).onComplete(ar -> {
            boolean dbUp = ar.succeeded();
            boolean mqttUp = broker.isConnected();
            JsonObject db = new JsonObject().put("up", dbUp);
            if (!dbUp) db.put("error", String.valueOf(ar.cause().getMessage()));
            JsonObject body = new JsonObject()
                    .put("status", dbUp && mqttUp ? "UP" : "DOWN")
                    .put("database", db)
                    .put("broker", new JsonObject().put("up", mqttUp).put("url", broker.brokerUrl()));
            HttpReplies.json(ctx, dbUp && mqttUp ? 200 : 503, body);
        });
    }
}
