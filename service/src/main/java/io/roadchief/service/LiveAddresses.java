package io.roadchief.service;

import io.roadchief.schema.Topics;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/** Event-bus addresses between the service's verticles, and the one way ticket changes are announced. */
public final class LiveAddresses {
    private LiveAddresses() {}

    /** {type: "ticket"|"alert", ...}: what SSE clients receive. */
    public static final String LIVE = "roadchief.live";
    /** {change, ticket}: a ticket this instance changed (after commit). */
    public static final String TICKET_CHANGED = "roadchief.ticket.changed";
    /** {topic, payload}: a message for the MQTT publisher. */
    public static final String MQTT_PUBLISH = "roadchief.mqtt.publish";

    /** Announces a committed ticket change to SSE clients and to the crew's MQTT topic. */
    public static void ticketChanged(Vertx vertx, String change, JsonObject ticket) {
        JsonObject msg = new JsonObject().put("change", change).put("ticket", ticket);
        vertx.eventBus().publish(TICKET_CHANGED, msg);
        String crewId = ticket.getString("crewId");
        if (crewId != null) {
            vertx.eventBus().publish(MQTT_PUBLISH, new JsonObject().put("topic", Topics.crewTickets(crewId)).put("payload", msg));
        }
    }
}
