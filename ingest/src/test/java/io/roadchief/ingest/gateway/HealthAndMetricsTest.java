package io.roadchief.ingest.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class HealthAndMetricsTest {
    @Test
    void healthIsUpWithDatabaseAndBrokerAndDownWhenTheBrokerGoes() throws Exception {
        try (GatewayFixture gw = GatewayFixture.withPrivateBroker("gateway_health")) {
            HttpResponse<Buffer> up = gw.get("/health");
            assertThat(up.statusCode()).isEqualTo(200);
            JsonObject body = up.bodyAsJsonObject();
            assertThat(body.getString("status")).isEqualTo("UP");
            assertThat(body.getJsonObject("database").getBoolean("up")).isTrue();
            assertThat(body.getJsonObject("broker").getBoolean("up")).isTrue();
            assertThat(body.getJsonObject("broker").getString("url")).isEqualTo(gw.brokerUrl);

            // Prometheus text with Vert.x's own meters and the gateway's counters
            gw.get("/api/v1/devices"); // one refused admin call, to have a counter
            HttpResponse<Buffer> metrics = gw.get("/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.bodyAsString()).contains("vertx_http_server_requests_total")
                    .contains("roadchief_gateway_rejected_total{reason=\"admin_auth\"} 1.0");

            gw.privateBroker.close();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            HttpResponse<Buffer> down = gw.get("/health");
            while (down.statusCode() == 200 && System.nanoTime() < deadline) {
                Thread.sleep(200);
                down = gw.get("/health");
            }
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.bodyAsJsonObject().getString("status")).isEqualTo("DOWN");
            assertThat(down.bodyAsJsonObject().getJsonObject("broker").getBoolean("up")).isFalse();
            assertThat(down.bodyAsJsonObject().getJsonObject("database").getBoolean("up")).isTrue();

            // an upload while the broker is away is refused with 503 (the unit keeps its data and retries)
            String pw = gw.register("bus-5", "vehicle", "bus");
            HttpResponse<Buffer> upload = gw.upload("/api/v1/upload/envelopes", "bus-5", pw,
                    EnvelopeUploadTest.delimited(EnvelopeUploadTest.imu("bus-5", 1)));
            assertThat(upload.statusCode()).isEqualTo(503);
            assertThat(upload.bodyAsJsonObject().getInteger("published")).isZero();
            assertThat(gw.counter("roadchief_gateway_uploads_total{kind=\"envelopes\",outcome=\"failed\"}")).isEqualTo(1.0);
        }
    }
}
