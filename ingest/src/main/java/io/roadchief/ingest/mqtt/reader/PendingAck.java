package io.roadchief.ingest.mqtt.reader;

/** What it takes to acknowledge one emitted QoS 1 message later (no payload, to keep the buffer small). */
record PendingAck(MqttSession session, long connection, int messageId, int qos) {
    static PendingAck of(ReceivedMessage m) {
        return new PendingAck(m.session(), m.connection(), m.messageId(), m.qos());
    }
}
