package io.roadchief.jobs.water;

/**
 * One row of the {@code alert} table (and one MQTT message on roadchief/v1/alerts/water/{gaugeId}).
 *
 * @param alertId      "{kind}:{gaugeId}:{raisedAtMs}", so a replay of the same input yields the same id
 * @param raisedAtMs   event time the alert refers to (the reading's device time, or the offline due time)
 * @param kind         {@link AlertKind#sql()}
 * @param level        risk level the alert is about (the new level; the predicted one for early warnings); null for health
 * @param detail       JSON object with the numbers behind the message
 * @param receivedAtMs when RoadChief received the reading that caused it (0 for timer-raised alerts); for latency
 */
public record WaterAlert(String alertId, long raisedAtMs, String kind, String gaugeId, String level,
                         String messageZh, String messageEn, String detail, long receivedAtMs) {

    public static WaterAlert of(AlertKind kind, String gaugeId, long raisedAtMs, RiskLevel level,
                                String zh, String en, String detail, long receivedAtMs) {
        return new WaterAlert(kind.sql() + ":" + gaugeId + ":" + raisedAtMs, raisedAtMs, kind.sql(), gaugeId,
                level == null ? null : level.sql(), zh, en, detail, receivedAtMs);
    }

    /** The alert as a JSON object, for MQTT and the live feed. */
    public String toJson() {
        return "{\"alert_id\":" + Json.str(alertId) + ",\"raised_at_ms\":" + raisedAtMs + ",\"kind\":" + Json.str(kind)
                + ",\"gauge_id\":" + Json.str(gaugeId) + ",\"level\":" + Json.str(level)
                + ",\"message_zh\":" + Json.str(messageZh) + ",\"message_en\":" + Json.str(messageEn)
                + ",\"detail\":" + (detail == null ? "null" : detail) + "}";
    }
}
