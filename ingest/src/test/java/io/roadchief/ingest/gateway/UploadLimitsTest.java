package io.roadchief.ingest.gateway;

import io.roadchief.ingest.gateway.RecordedDrive.TimeStyle;
import io.roadchief.schema.v1.Envelope;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class UploadLimitsTest {
    @Test
    void oversizedUploadsGet413WithAMessageAndNothingIsPublished() throws Exception {
        GatewayConfig.Limits limits = new GatewayConfig.Limits(150_000, 1_000, 5, 16);
        try (GatewayFixture gw = GatewayFixture.withPrivateBroker("gateway_limits", limits)) {
            String pw = gw.register("bus-3", "vehicle", "bus");
            GatewayFixture.Subscriber sub = gw.subscribe(gw.brokerUrl, "roadchief/v1/#", null, null);

            HttpResponse<Buffer> rows = gw.upload("/api/v1/upload/trace/bus-3", "bus-3", pw,
                    Buffer.buffer(new RecordedDrive(100, 15, TimeStyle.EPOCH_MS, false, false, 0).csv));
            assertThat(rows.statusCode()).isEqualTo(413);
            assertThat(rows.bodyAsJsonObject().getString("error")).contains("more than 1000 rows");

            String big = new RecordedDrive(100, 60, TimeStyle.ISO, false, false, 0).csv;
            assertThat(big.length()).isGreaterThan(150_000);
            HttpResponse<Buffer> body = gw.upload("/api/v1/upload/trace/bus-3", "bus-3", pw, Buffer.buffer(big));
            assertThat(body.statusCode()).isEqualTo(413);
            assertThat(body.bodyAsJsonObject().getString("error")).contains("larger than 150000 bytes");

            Envelope[] six = new Envelope[6];
            for (int i = 0; i < six.length; i++) six[i] = EnvelopeUploadTest.imu("bus-3", i + 1);
            HttpResponse<Buffer> many = gw.upload("/api/v1/upload/envelopes", "bus-3", pw, EnvelopeUploadTest.delimited(six));
            assertThat(many.statusCode()).isEqualTo(413);
            assertThat(many.bodyAsJsonObject().getString("error")).contains("more than 5 envelopes");

            assertThat(sub.take(0, Duration.ofSeconds(1))).isEmpty();

            // within the limits the same client goes on working (refused bodies did not wreck the connection)
            HttpResponse<Buffer> fine = gw.upload("/api/v1/upload/trace/bus-3", "bus-3", pw,
                    Buffer.buffer(new RecordedDrive(100, 5, TimeStyle.EPOCH_MS, false, false, 0).csv));
            assertThat(fine.statusCode()).as(fine.bodyAsString()).isEqualTo(200);
            assertThat(sub.take(5, Duration.ofSeconds(10))).hasSize(5);

            // a stranger's oversized body is refused at the limit, not buffered whole
            HttpResponse<Buffer> stranger = gw.upload("/api/v1/upload/trace/bus-3", "bus-3", "wrong", Buffer.buffer(big));
            assertThat(stranger.statusCode()).isEqualTo(413);
            assertThat(gw.upload("/api/v1/upload/trace/bus-3", "bus-3", "wrong", Buffer.buffer("timestamp,acc_z\n")).statusCode()).isEqualTo(401);
        }
    }
}
