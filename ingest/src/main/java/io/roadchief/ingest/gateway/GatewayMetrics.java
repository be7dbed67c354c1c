package io.roadchief.ingest.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The gateway's own counters (Prometheus names end in _total):
 * <ul>
 *   <li>{@code roadchief_gateway_uploads_total{kind=envelopes|trace, outcome=accepted|rejected|failed}}: upload
 *       requests; rejected = the client's fault (4xx), failed = ours (broker away, 5xx)</li>
 *   <li>{@code roadchief_gateway_envelopes_published_total{kind=imu|detections|gauge}}: envelopes the broker acknowledged</li>
 *   <li>{@code roadchief_gateway_rejected_total{reason=...}}: envelopes, rows and requests refused, by reason</li>
 * </ul>
 */
final class GatewayMetrics {
    static final String UPLOADS = "roadchief.gateway.uploads";
    static final String PUBLISHED = "roadchief.gateway.envelopes.published";
    static final String REJECTED = "roadchief.gateway.rejected";

    private final MeterRegistry registry;

    GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    MeterRegistry registry() {
        return registry;
    }

    void upload(String kind, String outcome) {
        Counter.builder(UPLOADS).description("Upload requests").tag("kind", kind).tag("outcome", outcome)
                .register(registry).increment();
    }

    void published(String kind, int n) {
        if (n > 0) Counter.builder(PUBLISHED).description("Uploaded envelopes published to the broker")
                .tag("kind", kind).register(registry).increment(n);
    }

    void rejected(String reason, long n) {
        if (n > 0) Counter.builder(REJECTED).description("Uploaded envelopes, CSV rows and requests refused")
                .tag("reason", reason).register(registry).increment(n);
    }
}
