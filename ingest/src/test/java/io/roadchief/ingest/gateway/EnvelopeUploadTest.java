package io.roadchief.ingest.gateway;

import io.roadchief.schema.AccelerationCodec;
import io.roadchief.schema.Topics;
import io.roadchief.schema.v1.DetectionBatch;
import io.roadchief.schema.v1.DetectionCandidate;
import io.roadchief.schema.v1.DefectType;
import io.roadchief.schema.v1.Envelope;
import io.roadchief.schema.v1.GaugeReading;
import io.roadchief.schema.v1.GpsFix;
import io.roadchief.schema.v1.ImuBatch;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Offline units upload length-delimited envelopes; the gateway republishes their own ones unchanged. */
class EnvelopeUploadTest {
    static GatewayFixture gw;
    static String bus1, gauge1;

    @BeforeAll
    static void start() throws Exception {
        gw = GatewayFixture.withPrivateBroker("gateway_envelopes");
        bus1 = gw.register("bus-1", "vehicle", "bus");
        gauge1 = gw.register("gauge-1", "gauge", null);
        gw.register("bus-2", "vehicle", "patrol_car");
    }

    @AfterAll
    static void stop() throws Exception {
        if (gw != null) gw.close();
    }

    static Envelope imu(String device, long seq) {
        int[] counts = {12, -40, 300, -250, 5};
        ImuBatch.Builder b = ImuBatch.newBuilder().setSampleRateHz(100).setFirstSampleTimeMs(1_780_000_000_000L + seq * 1000)
                .addFixes(GpsFix.newBuilder().setLatE7(302_741_000).setLonE7(1_201_551_000).setSpeedCmS(900));
        for (int d : AccelerationCodec.toDeltas(counts)) b.addAccZDelta(d);
        return Envelope.newBuilder().setDeviceId(device).setSequence(seq).setDeviceTimeMs(1_780_000_000_000L + seq * 1000 + 990).setImu(b).build();
    }

    static Envelope detections(String device, long seq) {
        return Envelope.newBuilder().setDeviceId(device).setSequence(seq).setDeviceTimeMs(1_780_000_000_000L + seq * 1000)
                .setDetections(DetectionBatch.newBuilder().addCandidates(DetectionCandidate.newBuilder()
                        .setType(DefectType.POTHOLE).setConfidencePermille(870).setLatE7(302_741_100).setLonE7(1_201_551_100)))
                .build();
    }

    static Buffer delimited(Envelope... envelopes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Envelope e : envelopes) e.writeDelimitedTo(out);
        return Buffer.buffer(out.toByteArray());
    }

    @Test
    void ownEnvelopesArePublishedUnchangedToTheirTopics() throws Exception {
        GatewayFixture.Subscriber sub = gw.subscribe(gw.brokerUrl, "roadchief/v1/#", null, null);
        Envelope a = imu("bus-1", 101), b = detections("bus-1", 102), c = imu("bus-1", 103);
        HttpResponse<Buffer> r = gw.upload("/api/v1/upload/envelopes", "bus-1", bus1, delimited(a, b, c));
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        assertThat(r.bodyAsJsonObject().getInteger("accepted")).isEqualTo(3);
        assertThat(r.bodyAsJsonObject().getInteger("rejected")).isZero();

        List<GatewayFixture.Received> got = sub.take(3, Duration.ofSeconds(10));
        assertThat(got).extracting(GatewayFixture.Received::topic)
                .containsExactly(Topics.vehicleImu("bus-1"), Topics.vehicleDetections("bus-1"), Topics.vehicleImu("bus-1"));
        assertThat(got.get(0).payload()).isEqualTo(a.toByteArray());
        assertThat(got.get(1).payload()).isEqualTo(b.toByteArray());

        Envelope level = Envelope.newBuilder().setDeviceId("gauge-1").setSequence(7).setDeviceTimeMs(1_780_000_000_000L)
                .setGauge(GaugeReading.newBuilder().setLevelMm(143).setIntervalS(60)).build();
        HttpResponse<Buffer> g = gw.upload("/api/v1/upload/envelopes", "gauge-1", gauge1, delimited(level));
        assertThat(g.statusCode()).isEqualTo(200);
        List<GatewayFixture.Received> gauge = sub.take(1, Duration.ofSeconds(10));
        assertThat(gauge).extracting(GatewayFixture.Received::topic).containsExactly(Topics.gaugeLevel("gauge-1"));
    }

    @Test
    void anotherDevicesEnvelopeIsRefusedAndTheRestStillGoThrough() throws Exception {
        GatewayFixture.Subscriber sub = gw.subscribe(gw.brokerUrl, "roadchief/v1/#", null, null);
        Envelope own = imu("bus-1", 201), foreign = imu("bus-2", 202);
        Envelope empty = Envelope.newBuilder().setDeviceId("bus-1").setSequence(203).build();
        HttpResponse<Buffer> r = gw.upload("/api/v1/upload/envelopes", "bus-1", bus1, delimited(own, foreign, empty));
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        JsonObject body = r.bodyAsJsonObject();
        assertThat(body.getInteger("accepted")).isEqualTo(1);
        assertThat(body.getInteger("rejected")).isEqualTo(2);
        assertThat(body.getJsonArray("errors").getJsonObject(0).getInteger("index")).isEqualTo(1);
        assertThat(body.getJsonArray("errors").getJsonObject(0).getString("reason")).contains("bus-2").contains("not the authenticated device");
        assertThat(body.getJsonArray("errors").getJsonObject(1).getInteger("index")).isEqualTo(2);
        assertThat(sub.take(1, Duration.ofSeconds(10))).extracting(GatewayFixture.Received::topic).containsExactly(Topics.vehicleImu("bus-1"));

        HttpResponse<Buffer> onlyForeign = gw.upload("/api/v1/upload/envelopes", "bus-1", bus1, delimited(foreign));
        assertThat(onlyForeign.statusCode()).isEqualTo(422);
        assertThat(onlyForeign.bodyAsJsonObject().getInteger("accepted")).isZero();
        assertThat(sub.take(0, Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void aMalformedBodyIsRefusedWholeWithAMessage() throws Exception {
        GatewayFixture.Subscriber sub = gw.subscribe(gw.brokerUrl, "roadchief/v1/#", null, null);
        Buffer good = delimited(imu("bus-1", 301));
        // a valid envelope followed by a length prefix that promises more bytes than follow
        Buffer truncated = good.copy().appendBytes(new byte[] {0x7f, 0x0a, 0x05});
        HttpResponse<Buffer> r = gw.upload("/api/v1/upload/envelopes", "bus-1", bus1, truncated);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.bodyAsJsonObject().getString("error")).contains("malformed body").contains("envelope #1");

        // a frame whose content is not a protobuf message (field 0 is invalid)
        HttpResponse<Buffer> notProto = gw.upload("/api/v1/upload/envelopes", "bus-1", bus1, Buffer.buffer(new byte[] {0x02, 0x00, 0x00}));
        assertThat(notProto.statusCode()).isEqualTo(400);
        assertThat(notProto.bodyAsJsonObject().getString("error")).contains("not a roadchief.v1.Envelope");

        HttpResponse<Buffer> none = gw.upload("/api/v1/upload/envelopes", "bus-1", bus1, Buffer.buffer());
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(sub.take(0, Duration.ofSeconds(1))).as("nothing of a refused body is published").isEmpty();
    }

    @Test
    void unknownAndDisabledDevicesAreRefused() throws Exception {
        HttpResponse<Buffer> unknown = gw.upload("/api/v1/upload/envelopes", "bus-404", "whatever", delimited(imu("bus-404", 1)));
        assertThat(unknown.statusCode()).isEqualTo(401);
        HttpResponse<Buffer> anonymous = GatewayFixture.await(gw.request(HttpMethod.POST, "/api/v1/upload/envelopes").sendBuffer(delimited(imu("bus-1", 1))));
        assertThat(anonymous.statusCode()).isEqualTo(401);

        String pw = gw.register("bus-off", "vehicle", "bus");
        assertThat(gw.admin(HttpMethod.POST, "/api/v1/devices/bus-off/disable", null).statusCode()).isEqualTo(200);
        HttpResponse<Buffer> disabled = gw.upload("/api/v1/upload/envelopes", "bus-off", pw, delimited(imu("bus-off", 1)));
        assertThat(disabled.statusCode()).isEqualTo(403);
        assertThat(disabled.bodyAsJsonObject().getString("error")).contains("disabled");

        assertThat(gw.admin(HttpMethod.POST, "/api/v1/devices/bus-off/enable", null).statusCode()).isEqualTo(200);
        assertThat(gw.upload("/api/v1/upload/envelopes", "bus-off", pw, delimited(imu("bus-off", 1))).statusCode()).isEqualTo(200);
    }
}
