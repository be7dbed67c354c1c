package io.roadchief.ingest.mqtt;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * Everything the MQTT source needs to know; built by {@link MqttSourceBuilder}, which checks it.
 *
 * <h2>Receive Maximum, checkpoint interval and throughput</h2>
 * The readers hold every QoS 1 acknowledgement until the Flink checkpoint covering the message
 * completes. The broker sends a session at most {@code receiveMaximum} unacknowledged messages
 * (MQTT 5 flow control, at most 65 535) and queues the rest. So one reader can take in at most
 * {@code receiveMaximum} messages per checkpoint cycle (interval + time to complete):
 * <pre>
 *   max msg/s per reader  ~=  receiveMaximum / (checkpoint interval + checkpoint duration)
 *   e.g. 65 535 at 1 s  ->  ~65 000 msg/s;   65 535 at 10 s  ->  ~6 500 msg/s;   1 000 at 0.2 s -> ~5 000 msg/s
 * </pre>
 * When the window fills the reader is not stuck, only throttled: the next completed checkpoint
 * releases the acknowledgements and the broker sends the queued messages. Size it with
 * {@link #maxMessagesPerSecondPerReader(Duration)} against the fleet's rate divided by the number of
 * readers, with head room for checkpoints that take longer than usual.
 * The broker must queue what is above the window without dropping it: see
 * docker/mosquitto/mosquitto.conf (max_queued_messages / max_queued_bytes).
 *
 * <p>The window is a ceiling the broker is asked to keep, not something correctness relies on:
 * Mosquitto 2.0.11 was measured here sending 2-5 times the Receive Maximum in the cycle after a
 * burst of acknowledgements. Nothing breaks then; the hand-off queue fills, the MQTT client's
 * thread waits, and TCP back-pressure holds the rest on the broker.
 *
 * @param brokerUrl          e.g. tcp://mosquitto:1883
 * @param username           MQTT user name, or null for an anonymous broker
 * @param password           MQTT password, or null
 * @param topicFilters       filters to subscribe to (QoS 1), default {@code Topics.DEVICE_TOPIC_FILTERS}
 * @param sharedGroup        shared-subscription group ({@code $share/{group}/{filter}}) so that the
 *                           readers split the load; null subscribes plainly (every reader gets
 *                           everything: only for parallelism 1)
 * @param clientIdPrefix     reader i connects as {@code {prefix}-{i}}; must be unique per job
 * @param sessionExpiry      how long the broker keeps a reader's session (subscriptions and unacked
 *                           or queued messages) while it is away; the longest outage without loss
 * @param receiveMaximum     MQTT 5 Receive Maximum: unacknowledged messages in flight per reader
 * @param connectionTimeout  CONNECT handshake timeout
 * @param keepAlive          MQTT keep-alive interval
 * @param maxReconnectDelay  ceiling of the exponential reconnect back-off
 * @param maxBufferedRecords capacity of the hand-off queue between the MQTT client thread and the
 *                           Flink task thread; when it is at least {@code receiveMaximum} the MQTT
 *                           thread never blocks (the broker stops at the window first)
 */
public record MqttSourceOptions(
        String brokerUrl,
        String username,
        String password,
        List<String> topicFilters,
        String sharedGroup,
        String clientIdPrefix,
        Duration sessionExpiry,
        int receiveMaximum,
        Duration connectionTimeout,
        Duration keepAlive,
        Duration maxReconnectDelay,
        int maxBufferedRecords) implements Serializable {

    /** The largest Receive Maximum MQTT 5 allows (a two-byte integer). */
    public static final int MAX_RECEIVE_MAXIMUM = 65_535;
    public static final String DEFAULT_SHARED_GROUP = "roadchief-ingest";
    public static final String DEFAULT_CLIENT_ID_PREFIX = "roadchief-ingest";
    /** Long enough to ride out a night without a running job; the broker keeps queueing meanwhile. */
    public static final Duration DEFAULT_SESSION_EXPIRY = Duration.ofDays(1);
    public static final int DEFAULT_RECEIVE_MAXIMUM = MAX_RECEIVE_MAXIMUM;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_MAX_RECONNECT_DELAY = Duration.ofSeconds(30);
    /** Subscriptions ask for QoS 1: Paho 1.2.5's manual acks do not work for QoS 2 (paho.mqtt.java#994). */
    public static final int SUBSCRIPTION_QOS = 1;

    public MqttSourceOptions {
        topicFilters = List.copyOf(topicFilters);
    }

    /** Client id of reader {@code subtask}: stable across restarts so its persistent session is found again. */
    public String clientIdFor(int subtask) {
        return clientIdPrefix + "-" + subtask;
    }

    /** What to put in SUBSCRIBE for one filter: {@code $share/{group}/{filter}} or the filter itself. */
    public String subscriptionFor(String filter) {
        return sharedGroup == null ? filter : "$share/" + sharedGroup + "/" + filter;
    }

    /**
     * The most messages per second one reader can take in when every checkpoint cycle (interval
     * plus completion time) lasts {@code checkpointCycle}: {@code receiveMaximum / cycle}.
     */
    public double maxMessagesPerSecondPerReader(Duration checkpointCycle) {
        double seconds = Math.max(checkpointCycle.toMillis(), 1) / 1000.0;
        return receiveMaximum / seconds;
    }

    /** No password in logs. */
    @Override
    public String toString() {
        return "MqttSourceOptions[brokerUrl=" + brokerUrl + ", username=" + username
                + ", password=" + (password == null ? "none" : "***") + ", topicFilters=" + topicFilters
                + ", sharedGroup=" + sharedGroup + ", clientIdPrefix=" + clientIdPrefix
                + ", sessionExpiry=" + sessionExpiry + ", receiveMaximum=" + receiveMaximum
                + ", connectionTimeout=" + connectionTimeout + ", keepAlive=" + keepAlive
                + ", maxReconnectDelay=" + maxReconnectDelay + ", maxBufferedRecords=" + maxBufferedRecords + "]";
    }
}
