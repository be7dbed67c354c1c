package io.roadchief.ingest.gateway;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayConfigTest {
    @Test
    void environmentWithDefaults() {
        GatewayConfig c = GatewayConfig.fromMap(Map.of());
        assertThat(c.httpPort()).isEqualTo(8081);
        assertThat(c.adminToken()).isEqualTo(GatewayConfig.DEMO_ADMIN_TOKEN);
        assertThat(c.brokerUsername()).isNull();
        assertThat(c.limits()).isEqualTo(GatewayConfig.Limits.defaults());

        GatewayConfig set = GatewayConfig.fromMap(Map.of("ROADCHIEF_GATEWAY_PORT", "9090", "ROADCHIEF_GATEWAY_MQTT_PASSWORD", "s3cret",
                "ROADCHIEF_GATEWAY_ADMIN_TOKEN", "tok-123", "ROADCHIEF_GATEWAY_MAX_TRACE_ROWS", "500"));
        assertThat(set.httpPort()).isEqualTo(9090);
        assertThat(set.brokerUsername()).isEqualTo("roadchief-gateway");
        assertThat(set.limits().maxTraceRows()).isEqualTo(500);
        assertThat(set.toString()).doesNotContain("s3cret").doesNotContain("tok-123");
    }

    @Test
    void jdbcUrlsBecomeReactiveClientOptions() {
        GatewayConfig c = GatewayConfig.of("jdbc:postgresql://db.example:6432/roadchief?reWriteBatchedInserts=true", "rc", "pw", "tcp://b:1883");
        var o = HttpApiVerticle.pgOptions(c);
        assertThat(o.getHost()).isEqualTo("db.example");
        assertThat(o.getPort()).isEqualTo(6432);
        assertThat(o.getDatabase()).isEqualTo("roadchief");
        assertThat(o.getUser()).isEqualTo("rc");
        assertThat(o.getPassword()).isEqualTo("pw");
    }
}
