package io.roadchief.ingest.gateway;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.roadchief.schema.Topics;
import io.roadchief.schema.v1.Envelope;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Uploads from units that were offline. Both routes publish into the live device topics with QoS 1, so
 * uploaded data takes the one path into the pipeline, which does the deep validation and de-duplication
 * (and quarantines what is bad); here only what is needed to route a message is checked.
 *
 * <pre>
 *   POST /api/v1/upload/envelopes           body: length-delimited roadchief.v1.Envelope (Envelope.writeDelimitedTo)
 *        200 {"accepted","rejected","errors":[{"index","deviceId","sequence","reason"}]}   some or all published
 *        422 same body                      none published (every envelope refused)
 *        400 malformed body (framing or protobuf), nothing published; 413 too many envelopes or too large
 *   POST /api/v1/upload/trace/{vehicleId}?unit=ms|kmh&acc_unit=ms2|g&gravity=auto|included|removed&time=auto|iso|ms|s
 *        body: CSV (see {@link TraceCsvReader}); 200 {"published","recordedRateHz","sampleRateHz","samples","fixes",
 *        "droppedFixes","rows","badRows",
 *        "badRowExamples","firstSequence","lastSequence","gravitySubtracted"}; 400 unusable trace; 413 too many rows
 *   Either: 503 when the broker does not take the messages ("published" says how many it took; re-uploading is
 *   safe, the copies are de-duplicated downstream by (device, sequence)).
 * </pre>
 */
final class UploadApi {
    private static final Logger log = LoggerFactory.getLogger(UploadApi.class);
    /** Per-message errors listed in a reply; the counts are always complete. */
    private static final int MAX_LISTED_ERRORS = 100;

    private final Vertx vertx;
    private final DeviceRegistry registry;
    private final BrokerPublisherVerticle broker;
    private final GatewayMetrics metrics;
    private final GatewayConfig.Limits limits;

    UploadApi(Vertx vertx, DeviceRegistry registry, BrokerPublisherVerticle broker, GatewayMetrics metrics, GatewayConfig.Limits limits) {
        this.vertx = vertx;
        this.registry = registry;
        this.broker = broker;
        this.metrics = metrics;
        this.limits = limits;
    }

    // ---- envelopes ----

    /** An envelope with the exact bytes it arrived as (republished unchanged). */
    private record Framed(Envelope envelope, byte[] bytes) {}

    static final class MalformedBodyException extends Exception {
        final int status;

        MalformedBodyException(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    void envelopes(RoutingContext ctx) {
        DeviceRegistry.Device device = ctx.get(GatewayAuth.DEVICE);
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        if (body.length == 0) {
            reject(ctx, "envelopes", 400, "empty_body", "body is empty: expected length-delimited roadchief.v1.Envelope messages");
            return;
        }
        // parsing megabytes of protobuf is CPU work: off the event loop
        vertx.executeBlocking(() -> parseDelimited(body, limits.maxEnvelopes()), false).onComplete(parsed -> {
            if (parsed.failed()) {
                if (parsed.cause() instanceof MalformedBodyException m) {
                    reject(ctx, "envelopes", m.status, m.status == 413 ? "too_many_envelopes" : "malformed_body", m.getMessage());
                } else {
                    ctx.fail(parsed.cause());
                }
                return;
            }
            List<BrokerPublisherVerticle.Outgoing> out = new ArrayList<>();
            JsonArray errors = new JsonArray();
            int rejected = 0;
            List<Framed> framed = parsed.result();
            for (int i = 0; i < framed.size(); i++) {
                Envelope e = framed.get(i).envelope();
                String reason = null, reasonKey = null;
                if (!e.getDeviceId().equals(device.deviceId())) {
                    reasonKey = "device_mismatch";
                    reason = "device_id '" + e.getDeviceId() + "' is not the authenticated device " + device.deviceId();
                } else if (e.getBodyCase() == Envelope.BodyCase.BODY_NOT_SET) {
                    reasonKey = "no_body";
                    reason = "envelope has no body (imu, detections or gauge)";
                }
                if (reason != null) {
                    rejected++;
                    metrics.rejected(reasonKey, 1);
                    if (errors.size() < MAX_LISTED_ERRORS) {
                        errors.add(new JsonObject().put("index", i).put("deviceId", e.getDeviceId())
                                .put("sequence", Long.toUnsignedString(e.getSequence())).put("reason", reason));
                    }
                    continue;
                }
                out.add(new BrokerPublisherVerticle.Outgoing(topicOf(e), framed.get(i).bytes(), kindOf(e)));
            }
            int refused = rejected;
            broker.publishAll(out, limits.publishWindow(), metrics).onComplete(pub -> {
                if (pub.failed()) {
                    publishFailed(ctx, "envelopes", pub.cause());
                    return;
                }
                boolean none = out.isEmpty();
                metrics.upload("envelopes", none ? "rejected" : "accepted");
                HttpReplies.json(ctx, none ? 422 : 200, new JsonObject()
                        .put("accepted", pub.result()).put("rejected", refused).put("errors", errors));
            });
        });
    }

    /** Splits a body of varint-length-prefixed envelopes (Envelope.writeDelimitedTo), keeping each one's bytes. */
    static List<Framed> parseDelimited(byte[] body, int maxEnvelopes) throws MalformedBodyException {
        CodedInputStream in = CodedInputStream.newInstance(body);
        in.setSizeLimit(Integer.MAX_VALUE);
        List<Framed> out = new ArrayList<>();
        try {
            while (!in.isAtEnd()) {
                if (out.size() >= maxEnvelopes) {
                    throw new MalformedBodyException(413, "more than " + maxEnvelopes + " envelopes in one upload; split it");
                }
                int offset = in.getTotalBytesRead();
                int len;
                byte[] bytes;
                try {
                    len = in.readRawVarint32();
                    if (len < 0 || len > body.length - in.getTotalBytesRead()) {
                        throw new MalformedBodyException(400, "malformed body: envelope #" + out.size() + " at byte " + offset
                                + " claims " + len + " bytes but " + (body.length - in.getTotalBytesRead()) + " remain"
                                + " (expected length-delimited roadchief.v1.Envelope, as Envelope.writeDelimitedTo writes)");
                    }
                    bytes = in.readRawBytes(len);
                    out.add(new Framed(Envelope.parseFrom(bytes), bytes));
                } catch (InvalidProtocolBufferException e) {
                    throw new MalformedBodyException(400, "malformed body: envelope #" + out.size() + " at byte " + offset
                            + " is not a roadchief.v1.Envelope: " + e.getMessage());
                }
            }
        } catch (java.io.IOException e) {
            throw new MalformedBodyException(400, "malformed body: " + e.getMessage());
        }
        return out;
    }

    static String topicOf(Envelope e) {
        return switch (e.getBodyCase()) {
            case IMU -> Topics.vehicleImu(e.getDeviceId());
            case DETECTIONS -> Topics.vehicleDetections(e.getDeviceId());
            case GAUGE -> Topics.gaugeLevel(e.getDeviceId());
            case BODY_NOT_SET -> throw new IllegalArgumentException("envelope has no body");
        };
    }

    private static String kindOf(Envelope e) {
        return switch (e.getBodyCase()) {
            case IMU -> "imu";
            case DETECTIONS -> "detections";
            case GAUGE -> "gauge";
            case BODY_NOT_SET -> "none";
        };
    }

    // ---- CSV trace ----

    void trace(RoutingContext ctx) {
        String vehicleId = ctx.pathParam("vehicleId");
        DeviceRegistry.Device caller = ctx.get(GatewayAuth.DEVICE);
        TraceCsvReader.Options options;
        try {
            options = TraceCsvReader.Options.parse(ctx.queryParams().get("unit"), ctx.queryParams().get("acc_unit"),
                    ctx.queryParams().get("gravity"), ctx.queryParams().get("time"), limits.maxTraceRows());
        } catch (IllegalArgumentException e) {
            reject(ctx, "trace", 400, "bad_parameter", e.getMessage());
            return;
        }
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        if (body.length == 0) {
            reject(ctx, "trace", 400, "empty_body", "body is empty: expected a CSV with header timestamp,lat,lon,speed,acc_z");
            return;
        }
        Future<DeviceRegistry.Device> target;
        if (caller != null) {
            if (!caller.deviceId().equals(vehicleId)) {
                reject(ctx, "trace", 403, "device_mismatch", "device " + caller.deviceId() + " may upload only its own trace, not " + vehicleId);
                return;
            }
            target = Future.succeededFuture(caller);
        } else {
            target = registry.get(vehicleId); // admin upload on behalf of a registered vehicle
        }
        target.onComplete(t -> {
            if (t.failed()) {
                ctx.fail(503, t.cause());
                return;
            }
            DeviceRegistry.Device d = t.result();
            if (d == null) reject(ctx, "trace", 404, "unknown_device", "vehicle " + vehicleId + " is not registered");
            else if (!d.enabled()) reject(ctx, "trace", 403, "device_disabled", "vehicle " + vehicleId + " is disabled");
            else if (!"vehicle".equals(d.kind())) reject(ctx, "trace", 400, "not_a_vehicle", vehicleId + " is a " + d.kind() + ", not a vehicle");
            else convertAndPublish(ctx, d, options, body);
        });
    }

    private void convertAndPublish(RoutingContext ctx, DeviceRegistry.Device vehicle, TraceCsvReader.Options options, byte[] body) {
        vertx.executeBlocking(() -> new TraceCsvReader(options).read(
                new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8), vehicle.deviceId(), vehicle.wireVehicleClass()), false)
                .onComplete(read -> {
                    if (read.failed()) {
                        if (read.cause() instanceof TraceCsvReader.TooManyRowsException e) {
                            reject(ctx, "trace", 413, "too_many_rows", e.getMessage());
                        } else if (read.cause() instanceof TraceCsvReader.TraceFormatException e) {
                            reject(ctx, "trace", 400, "unusable_trace", e.getMessage());
                        } else {
                            ctx.fail(read.cause());
                        }
                        return;
                    }
                    TraceCsvReader.Trace trace = read.result();
                    metrics.rejected("trace_bad_row", trace.badRows());
                    List<BrokerPublisherVerticle.Outgoing> out = new ArrayList<>(trace.envelopes().size());
                    for (Envelope e : trace.envelopes()) {
                        out.add(new BrokerPublisherVerticle.Outgoing(Topics.vehicleImu(e.getDeviceId()), e.toByteArray(), "imu"));
                    }
                    broker.publishAll(out, limits.publishWindow(), metrics).onComplete(pub -> {
                        if (pub.failed()) {
                            publishFailed(ctx, "trace", pub.cause());
                            return;
                        }
                        metrics.upload("trace", "accepted");
                        JsonArray badRows = new JsonArray();
                        trace.firstBadRows().forEach(b -> badRows.add(new JsonObject().put("line", b.line()).put("reason", b.reason())));
                        List<Envelope> env = trace.envelopes();
                        HttpReplies.json(ctx, 200, new JsonObject()
                                .put("vehicleId", vehicle.deviceId())
                                .put("published", pub.result())
                                .put("recordedRateHz", trace.recordedRateHz())
                                .put("sampleRateHz", trace.sampleRateHz())
                                .put("samples", trace.samples())
                                .put("fixes", trace.fixes())
                                .put("droppedFixes", trace.droppedFixes())
                                .put("rows", trace.dataRows())
                                .put("badRows", trace.badRows())
                                .put("badRowExamples", badRows)
                                .put("gravitySubtracted", trace.gravitySubtracted())
                                .put("firstSequence", env.get(0).getSequence())
                                .put("lastSequence", env.get(env.size() - 1).getSequence()));
                    });
                });
    }

    // ---- shared ----

    private void reject(RoutingContext ctx, String kind, int status, String reason, String message) {
        metrics.upload(kind, "rejected");
        metrics.rejected(reason, 1);
        HttpReplies.error(ctx, status, message);
    }

    private void publishFailed(RoutingContext ctx, String kind, Throwable cause) {
        metrics.upload(kind, "failed");
        int published = cause instanceof BrokerPublisherVerticle.PublishFailedException p ? p.published : 0;
        log.warn("Upload ({}) stopped after {} published: {}", kind, published, cause.getMessage());
        HttpReplies.json(ctx, 503, new JsonObject().put("status", 503).put("published", published)
                .put("error", "the broker did not take the messages (" + cause.getMessage() + "); upload again, copies are de-duplicated"));
    }
}
