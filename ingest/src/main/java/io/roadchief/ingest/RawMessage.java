package io.roadchief.ingest;

import java.io.Serializable;

/**
 * One message as it came off the broker (or the HTTP gateway), before anything is decoded:
 * what the MQTT source emits and what the quarantine keeps when the message is refused.
 *
 * @param topic        MQTT topic it was published to
 * @param payload      raw bytes, untouched
 * @param receivedAtMs wall-clock time RoadChief received it, Unix epoch ms
 */
public record RawMessage(String topic, byte[] payload, long receivedAtMs) implements Serializable {}
