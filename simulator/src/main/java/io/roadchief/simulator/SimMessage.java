package io.roadchief.simulator;

/**
 * One MQTT message a simulated unit publishes.
 *
 * @param topic        MQTT topic (io.roadchief.schema.Topics)
 * @param payload      serialized roadchief.v1.Envelope
 * @param deviceId     publishing unit
 * @param sequence     the envelope's sequence number
 * @param deviceTimeMs the envelope's device time (unit clock, with its skew), epoch ms
 * @param publishAtMs  true (simulated wall-clock) time the message reaches the broker, epoch ms; the
 *                     stream is ordered by it
 * @param duplicate    true for a re-sent copy of an earlier message (same bytes)
 */
public record SimMessage(String topic, byte[] payload, String deviceId, long sequence, long deviceTimeMs,
                         long publishAtMs, boolean duplicate) {}
