package io.roadchief.ingest.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceRegistryApiTest {
    static GatewayFixture gw;

    @BeforeAll
    static void start() throws Exception {
        gw = GatewayFixture.withPrivateBroker("gateway_registry");
    }

    @AfterAll
    static void stop() throws Exception {
        if (gw != null) gw.close();
    }

    @Test
    void registerListGetDisableEnable() throws Exception {
        HttpResponse<Buffer> created = gw.admin(HttpMethod.POST, "/api/v1/devices",
                new JsonObject().put("deviceId", "bus-0012").put("kind", "vehicle").put("vehicleClass", "bus"));
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        JsonObject c = created.bodyAsJsonObject();
        assertThat(c.getString("mqttUsername")).isEqualTo("bus-0012");
        String password = c.getString("mqttPassword");
        assertThat(password).hasSizeGreaterThanOrEqualTo(32);
        assertThat(c.getBoolean("enabled")).isTrue();

        // only the hash is stored, in Mosquitto's format, and it matches the password handed out
        try (Connection db = gw.db.connect();
             PreparedStatement s = db.prepareStatement("SELECT kind, vehicle_class, mqtt_password_hash FROM device WHERE device_id = ?")) {
            s.setString(1, "bus-0012");
            ResultSet rs = s.executeQuery();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("vehicle");
            assertThat(rs.getString(2)).isEqualTo("bus");
            assertThat(rs.getString(3)).startsWith("$7$101$").doesNotContain(password);
            assertThat(MosquittoPasswords.matches(password, rs.getString(3))).isTrue();
        }

        gw.register("XH-0401", "gauge", null);
        JsonArray all = gw.admin(HttpMethod.GET, "/api/v1/devices", null).bodyAsJsonObject().getJsonArray("devices");
        assertThat(all.stream().map(o -> ((JsonObject) o).getString("deviceId"))).containsExactly("XH-0401", "bus-0012");
        assertThat(all.encode()).doesNotContain("$7$").doesNotContain(password);

        HttpResponse<Buffer> one = gw.admin(HttpMethod.GET, "/api/v1/devices/bus-0012", null);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.bodyAsJsonObject().getString("vehicleClass")).isEqualTo("bus");
        assertThat(gw.admin(HttpMethod.GET, "/api/v1/devices/nope", null).statusCode()).isEqualTo(404);

        HttpResponse<Buffer> disabled = gw.admin(HttpMethod.POST, "/api/v1/devices/bus-0012/disable", null);
        assertThat(disabled.bodyAsJsonObject().getBoolean("enabled")).isFalse();
        assertThat(gw.admin(HttpMethod.GET, "/api/v1/devices/mosquitto-passwd", null).bodyAsString())
                .contains("XH-0401:$7$101$").doesNotContain("bus-0012");
        assertThat(gw.admin(HttpMethod.POST, "/api/v1/devices/bus-0012/enable", null).bodyAsJsonObject().getBoolean("enabled")).isTrue();
        assertThat(gw.admin(HttpMethod.GET, "/api/v1/devices/mosquitto-passwd", null).bodyAsString()).contains("bus-0012:$7$101$");
        assertThat(gw.admin(HttpMethod.POST, "/api/v1/devices/ghost/disable", null).statusCode()).isEqualTo(404);

        // a new password replaces the old one
        HttpResponse<Buffer> reset = gw.admin(HttpMethod.POST, "/api/v1/devices/bus-0012/password", null);
        String newPassword = reset.bodyAsJsonObject().getString("mqttPassword");
        assertThat(newPassword).isNotEqualTo(password);
        Buffer env = EnvelopeUploadTest.delimited(EnvelopeUploadTest.imu("bus-0012", 1));
        assertThat(gw.upload("/api/v1/upload/envelopes", "bus-0012", password, env).statusCode()).isEqualTo(401);
        assertThat(gw.upload("/api/v1/upload/envelopes", "bus-0012", newPassword, env).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesBadRegistrationsWithReasons() throws Exception {
        gw.register("bus-dup", "vehicle", null);
        HttpResponse<Buffer> dup = gw.admin(HttpMethod.POST, "/api/v1/devices", new JsonObject().put("deviceId", "bus-dup").put("kind", "vehicle"));
        assertThat(dup.statusCode()).isEqualTo(409);
        assertThat(dup.bodyAsJsonObject().getString("error")).contains("already registered");

        assertThat(status(new JsonObject().put("deviceId", "bad id!").put("kind", "vehicle"))).isEqualTo(400);
        assertThat(status(new JsonObject().put("deviceId", "x1").put("kind", "tram"))).isEqualTo(400);
        assertThat(status(new JsonObject().put("deviceId", "x2").put("kind", "vehicle").put("vehicleClass", "rocket"))).isEqualTo(400);
        assertThat(status(new JsonObject().put("deviceId", "x3").put("kind", "gauge").put("vehicleClass", "bus"))).isEqualTo(400);
        HttpResponse<Buffer> notJson = GatewayFixture.await(gw.request(HttpMethod.POST, "/api/v1/devices")
                .bearerTokenAuthentication(GatewayFixture.ADMIN).sendBuffer(Buffer.buffer("{not json")));
        assertThat(notJson.statusCode()).isEqualTo(400);
    }

    @Test
    void theRegistryNeedsTheAdminToken() throws Exception {
        assertThat(gw.get("/api/v1/devices").statusCode()).isEqualTo(401);
        HttpResponse<Buffer> wrong = GatewayFixture.await(gw.request(HttpMethod.GET, "/api/v1/devices/mosquitto-passwd")
                .bearerTokenAuthentication("guess").send());
        assertThat(wrong.statusCode()).isEqualTo(401);
        HttpResponse<Buffer> post = GatewayFixture.await(gw.request(HttpMethod.POST, "/api/v1/devices")
                .sendJsonObject(new JsonObject().put("deviceId", "sneaky").put("kind", "vehicle")));
        assertThat(post.statusCode()).isEqualTo(401);
        assertThat(gw.admin(HttpMethod.GET, "/api/v1/devices/sneaky", null).statusCode()).isEqualTo(404);
    }

    private static int status(JsonObject body) throws Exception {
        return gw.admin(HttpMethod.POST, "/api/v1/devices", body).statusCode();
    }
}
