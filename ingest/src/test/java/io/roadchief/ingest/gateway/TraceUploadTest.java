package io.roadchief.ingest.gateway;

import io.roadchief.ingest.RawMessage;
import io.roadchief.ingest.gateway.RecordedDrive.TimeStyle;
import io.roadchief.ingest.validation.DeviceDirectory;
import io.roadchief.ingest.validation.EnvelopeValidator;
import io.roadchief.ingest.validation.IngestRules;
import io.roadchief.ingest.validation.SequenceWindow;
import io.roadchief.schema.Topics;
import io.roadchief.schema.v1.Envelope;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A recorded CSV drive uploaded over HTTP reaches the broker as the ImuBatch envelopes a live unit sends. */
class TraceUploadTest {
    static GatewayFixture gw;
    static String busPassword;

    @BeforeAll
    static void start() throws Exception {
        gw = GatewayFixture.withPrivateBroker("gateway_trace");
        busPassword = gw.register("bus-7", "vehicle", "bus");
    }

    @AfterAll
    static void stop() throws Exception {
        if (gw != null) gw.close();
    }

    @Test
    void aRecordedDriveArrivesAsOneImuBatchPerSecondAndAReUploadHasTheSameKeys() throws Exception {
        RecordedDrive drive = new RecordedDrive(100, 30, TimeStyle.ISO, true, false, 700);
        GatewayFixture.Subscriber sub = gw.subscribe(gw.brokerUrl, "roadchief/v1/#", null, null);
        double publishedBefore = gw.counter("roadchief_gateway_envelopes_published_total{kind=\"imu\"}");
        double badRowsBefore = gw.counter("roadchief_gateway_rejected_total{reason=\"trace_bad_row\"}");

        HttpResponse<Buffer> r = gw.upload("/api/v1/upload/trace/bus-7?unit=kmh", "bus-7", busPassword, Buffer.buffer(drive.csv));
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
        JsonObject body = r.bodyAsJsonObject();
        assertThat(body.getInteger("published")).isEqualTo(30);
        assertThat(body.getInteger("sampleRateHz")).isEqualTo(100);
        assertThat(body.getInteger("samples")).isEqualTo(3000);
        assertThat(body.getInteger("fixes")).isEqualTo(30);
        assertThat(body.getLong("badRows")).isEqualTo(drive.badRows);
        assertThat(body.getJsonArray("badRowExamples")).isNotEmpty();

        List<GatewayFixture.Received> first = sub.take(30, Duration.ofSeconds(20));
        assertThat(first).hasSize(30).allSatisfy(m -> assertThat(m.topic()).isEqualTo(Topics.vehicleImu("bus-7")));
        List<Envelope> envelopes = parse(first);
        TraceCsvReaderTest.assertMatchesDrive(envelopes, drive);
        // what the broker delivered passes the live path's own validation, as a unit's live messages do
        EnvelopeValidator validator = new EnvelopeValidator(IngestRules.defaults());
        DeviceDirectory directory = new DeviceDirectory(Map.of("bus-7", new DeviceDirectory.Device("bus-7", "vehicle", true, "bus", 0)));
        long now = System.currentTimeMillis();
        assertThat(first).allSatisfy(m -> assertThat(validator.validate(new RawMessage(m.topic(), m.payload(), now), directory))
                .isInstanceOf(EnvelopeValidator.Accepted.class));

        // the same trace again: the same (device, sequence) keys, so the pipeline drops the copies
        HttpResponse<Buffer> again = gw.upload("/api/v1/upload/trace/bus-7?unit=kmh", "bus-7", busPassword, Buffer.buffer(drive.csv));
        assertThat(again.statusCode()).isEqualTo(200);
        List<Envelope> second = parse(sub.take(30, Duration.ofSeconds(20)));
        assertThat(second).extracting(e -> e.getDeviceId() + "/" + e.getSequence())
                .containsExactlyElementsOf(envelopes.stream().map(e -> e.getDeviceId() + "/" + e.getSequence()).toList());
        assertThat(second).isEqualTo(envelopes);
        // and the ingest's own per-device de-duplication calls every copy a duplicate
        SequenceWindow window = new SequenceWindow(IngestRules.defaults().dedupWindow());
        assertThat(envelopes).allSatisfy(e -> assertThat(window.accept(e.getSequence())).isEqualTo(SequenceWindow.Verdict.NEW));
        assertThat(second).allSatisfy(e -> assertThat(window.accept(e.getSequence())).isEqualTo(SequenceWindow.Verdict.DUPLICATE));

        assertThat(gw.counter("roadchief_gateway_envelopes_published_total{kind=\"imu\"}") - publishedBefore).isEqualTo(60.0);
        assertThat(gw.counter("roadchief_gateway_rejected_total{reason=\"trace_bad_row\"}") - badRowsBefore).isEqualTo(2.0 * drive.badRows);
    }

    @Test
    void aDeviceMayUploadOnlyItsOwnTraceAndBadRequestsGetClearMessages() throws Exception {
        String otherPassword = gw.register("bus-8", "vehicle", "bus");
        RecordedDrive drive = new RecordedDrive(100, 2, TimeStyle.EPOCH_MS, false, false, 0);

        HttpResponse<Buffer> foreign = gw.upload("/api/v1/upload/trace/bus-7", "bus-8", otherPassword, Buffer.buffer(drive.csv));
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.bodyAsJsonObject().getString("error")).contains("only its own");

        HttpResponse<Buffer> wrongPassword = gw.upload("/api/v1/upload/trace/bus-7", "bus-7", "nope", Buffer.buffer(drive.csv));
        assertThat(wrongPassword.statusCode()).isEqualTo(401);

        HttpResponse<Buffer> badParam = gw.upload("/api/v1/upload/trace/bus-7?gravity=maybe", "bus-7", busPassword, Buffer.buffer(drive.csv));
        assertThat(badParam.statusCode()).isEqualTo(400);
        assertThat(badParam.bodyAsJsonObject().getString("error")).contains("gravity=maybe");

        HttpResponse<Buffer> slow = gw.upload("/api/v1/upload/trace/bus-7", "bus-7", busPassword,
                Buffer.buffer(new RecordedDrive(10, 3, TimeStyle.EPOCH_MS, false, false, 0).csv));
        assertThat(slow.statusCode()).isEqualTo(400);
        assertThat(slow.bodyAsJsonObject().getString("error")).contains("10 Hz");

        HttpResponse<Buffer> garbage = gw.upload("/api/v1/upload/trace/bus-7", "bus-7", busPassword, Buffer.buffer(new byte[] {0, 1, 2, (byte) 0xff}));
        assertThat(garbage.statusCode()).isEqualTo(400);

        // the admin may upload a drive recorded by other means on behalf of a registered vehicle
        HttpResponse<Buffer> byAdmin = GatewayFixture.await(gw.request(io.vertx.core.http.HttpMethod.POST, "/api/v1/upload/trace/bus-8")
                .bearerTokenAuthentication(GatewayFixture.ADMIN).sendBuffer(Buffer.buffer(drive.csv)));
        assertThat(byAdmin.statusCode()).as(byAdmin.bodyAsString()).isEqualTo(200);
        assertThat(byAdmin.bodyAsJsonObject().getInteger("published")).isEqualTo(2);
    }

    static List<Envelope> parse(List<GatewayFixture.Received> messages) throws Exception {
        List<Envelope> out = new ArrayList<>();
        for (GatewayFixture.Received m : messages) out.add(Envelope.parseFrom(m.payload()));
        return out;
    }
}
