package io.roadchief.ingest.mqtt.reader;

/**
 * A message handed from the MQTT client thread to the Flink task thread, with what it takes to
 * acknowledge it later.
 *
 * @param session      the session it arrived on
 * @param connection   which connection of that session (acks are only valid on the same one)
 * @param messageId    MQTT packet identifier (0 for QoS 0)
 * @param qos          delivered QoS
 */
record ReceivedMessage(MqttSession session, long connection, int messageId, int qos,
                       String topic, byte[] payload, long receivedAtMs) {

    /** Whether the broker waits for an acknowledgement (QoS 1; see MqttSession#ack for QoS 2). */
    boolean needsAck() {
        return qos == 1;
    }
}
