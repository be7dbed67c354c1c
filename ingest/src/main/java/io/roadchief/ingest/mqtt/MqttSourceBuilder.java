package io.roadchief.ingest.mqtt;

import io.roadchief.schema.Topics;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Builds an {@link MqttSource}:
 * <pre>{@code
 * MqttSource source = MqttSource.builder()
 *         .brokerUrl("tcp://mosquitto:1883")
 *         .credentials("ingest", secret)
 *         .sharedGroup("roadchief-ingest")       // default
 *         .clientIdPrefix("roadchief-ingest")    // default; reader i is "roadchief-ingest-i"
 *         .build();
 * env.fromSource(source, WatermarkStrategy.noWatermarks(), "mqtt");
 * }</pre>
 * Checkpointing must be enabled: acknowledgements are only sent when checkpoints complete.
 */
public final class MqttSourceBuilder {
    private String brokerUrl;
    private String username;
    private String password;
    private List<String> topicFilters = List.of(Topics.DEVICE_TOPIC_FILTERS);
    private String sharedGroup = MqttSourceOptions.DEFAULT_SHARED_GROUP;
    private String clientIdPrefix = MqttSourceOptions.DEFAULT_CLIENT_ID_PREFIX;
    private Duration sessionExpiry = MqttSourceOptions.DEFAULT_SESSION_EXPIRY;
    private int receiveMaximum = MqttSourceOptions.DEFAULT_RECEIVE_MAXIMUM;
    private Duration connectionTimeout = MqttSourceOptions.DEFAULT_CONNECTION_TIMEOUT;
    private Duration keepAlive = MqttSourceOptions.DEFAULT_KEEP_ALIVE;
    private Duration maxReconnectDelay = MqttSourceOptions.DEFAULT_MAX_RECONNECT_DELAY;
    private Integer maxBufferedRecords;

    MqttSourceBuilder() {}

    public MqttSourceBuilder brokerUrl(String brokerUrl) {
        this.brokerUrl = brokerUrl;
        return this;
    }

    public MqttSourceBuilder credentials(String username, String password) {
        this.username = username;
        this.password = password;
        return this;
    }

    public MqttSourceBuilder topicFilters(String... filters) {
        return topicFilters(Arrays.asList(filters));
    }

    public MqttSourceBuilder topicFilters(List<String> filters) {
        this.topicFilters = List.copyOf(filters);
        return this;
    }

    /** Shared-subscription group; {@code null} for a plain subscription (parallelism 1 only). */
    public MqttSourceBuilder sharedGroup(String group) {
        this.sharedGroup = group;
        return this;
    }

    public MqttSourceBuilder clientIdPrefix(String prefix) {
        this.clientIdPrefix = prefix;
        return this;
    }

    public MqttSourceBuilder sessionExpiry(Duration expiry) {
        this.sessionExpiry = expiry;
        return this;
    }

    /** Unacknowledged messages in flight per reader, 1..65535; see {@link MqttSourceOptions} for sizing. */
    public MqttSourceBuilder receiveMaximum(int receiveMaximum) {
        this.receiveMaximum = receiveMaximum;
        return this;
    }

    public MqttSourceBuilder connectionTimeout(Duration timeout) {
        this.connectionTimeout = timeout;
        return this;
    }

    public MqttSourceBuilder keepAlive(Duration keepAlive) {
        this.keepAlive = keepAlive;
        return this;
    }

    public MqttSourceBuilder maxReconnectDelay(Duration delay) {
        this.maxReconnectDelay = delay;
        return this;
    }

    /** Hand-off queue capacity; defaults to the receive maximum so the MQTT thread never blocks. */
    public MqttSourceBuilder maxBufferedRecords(int records) {
        this.maxBufferedRecords = records;
        return this;
    }

    public MqttSource build() {
        return new MqttSource(options());
    }

    /** The checked options, for callers that want to log or size things from them. */
    public MqttSourceOptions options() {
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        if (topicFilters.isEmpty()) throw new IllegalArgumentException("at least one topic filter");
        for (String f : topicFilters) {
            if (f == null || f.isEmpty() || f.startsWith("$share/")) {
                throw new IllegalArgumentException("bad topic filter '" + f + "' (give plain filters; use sharedGroup for $share)");
            }
        }
        if (sharedGroup != null && (sharedGroup.isEmpty() || sharedGroup.matches(".*[/+#].*"))) {
            throw new IllegalArgumentException("shared group must be non-empty without / + #: " + sharedGroup);
        }
        if (clientIdPrefix == null || clientIdPrefix.isEmpty()) throw new IllegalArgumentException("clientIdPrefix");
        if (sessionExpiry.isNegative() || sessionExpiry.isZero() || sessionExpiry.getSeconds() > 0xFFFF_FFFFL) {
            // Zero would end the session at disconnect and lose every unacknowledged message.
            throw new IllegalArgumentException("sessionExpiry must be 1 s .. 2^32-1 s: " + sessionExpiry);
        }
        if (receiveMaximum < 1 || receiveMaximum > MqttSourceOptions.MAX_RECEIVE_MAXIMUM) {
            throw new IllegalArgumentException("receiveMaximum must be 1..65535: " + receiveMaximum);
        }
        int buffered = maxBufferedRecords == null ? receiveMaximum : maxBufferedRecords;
        if (buffered < 1) throw new IllegalArgumentException("maxBufferedRecords must be positive");
        return new MqttSourceOptions(brokerUrl, username, password, topicFilters, sharedGroup, clientIdPrefix,
                sessionExpiry, receiveMaximum, connectionTimeout, keepAlive, maxReconnectDelay, buffered);
    }
}
