package io.roadchief.service;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.roadchief.service.ServiceFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The REST API on a real database: listing, transitions, role checks, audit, water and index data. */
class TicketApiTest {
    static final Instant T0 = Instant.parse("2026-07-01T02:00:00Z");
    ServiceFixture fx;
    WebClient http;

    @BeforeEach
    void start() throws Exception {
        fx = new ServiceFixture("api", T0.plus(Duration.ofHours(2)));
        fx.insertTicket("T-A1", "R-XH-1.001", "XH", false, T0, "assigned", CREW_A);
        fx.insertTicket("T-A2", "R-XH-1.001", "XH", true, T0, "assigned", CREW_A);
        fx.insertTicket("T-B1", "R-PD-1.001", "PD", false, T0, "assigned", CREW_B);
        fx.start(null);
        http = WebClient.create(fx.vertx);
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
        fx.close();
    }

    HttpResponse<Buffer> get(String token, String path) throws Exception {
        var req = http.getAbs(fx.baseUrl() + path);
        if (token != null) req.bearerTokenAuthentication(token);
        return await(req.send());
    }

    HttpResponse<Buffer> post(String token, String path, JsonObject body) throws Exception {
        var req = http.postAbs(fx.baseUrl() + path);
        if (token != null) req.bearerTokenAuthentication(token);
        return await(req.sendJsonObject(body));
    }

    @Test
    void crewSeesOnlyItsOwnTicketsSortedByTimeLeft() throws Exception {
        var res = get(TOKEN_CREW_A, "/api/tickets?crew=" + CREW_B);
        assertThat(res.statusCode()).isEqualTo(200);
        JsonArray tickets = res.bodyAsJsonObject().getJsonArray("tickets");
        assertThat(tickets.stream().map(o -> ((JsonObject) o).getString("ticketId"))).containsExactly("T-A2", "T-A1");
        JsonObject severe = tickets.getJsonObject(0);
        assertThat(severe.getString("roadNameZh")).isEqualTo("漕溪北路");
        assertThat(severe.getLong("secondsLeft")).isEqualTo(Duration.ofHours(22).toSeconds());
        assertThat(severe.getString("slaColour")).isEqualTo("green");
        assertThat(severe.getDouble("lat")).isEqualTo(31.1880);

        var all = get(TOKEN_MANAGER, "/api/tickets?district=PD");
        assertThat(all.bodyAsJsonObject().getJsonArray("tickets").size()).isEqualTo(1);
        var dueSoon = get(TOKEN_ADMIN, "/api/tickets?dueWithinHours=30");
        assertThat(dueSoon.bodyAsJsonObject().getJsonArray("tickets").stream()
            .map(o -> ((JsonObject) o).getString("ticketId"))).containsExactly("T-A2");
    }

    @Test
    void crewMovesItsTicketThroughTheLifecycleAndEveryStepIsRecorded() throws Exception {
        var ack = post(TOKEN_CREW_A, "/api/tickets/T-A1/acknowledge", new JsonObject().put("reason", "on our way"));
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(ack.bodyAsJsonObject().getString("status")).isEqualTo("acknowledged");
        assertThat(post(TOKEN_CREW_A, "/api/tickets/T-A1/start", new JsonObject()).statusCode()).isEqualTo(200);

        var noNote = post(TOKEN_CREW_A, "/api/tickets/T-A1/repaired", new JsonObject());
        assertThat(noNote.statusCode()).isEqualTo(400);
        var repaired = post(TOKEN_CREW_A, "/api/tickets/T-A1/repaired",
            new JsonObject().put("note", "热补沥青 hot-mix patch").put("photoUrl", "https://photos.example/t-a1.jpg"));
        assertThat(repaired.statusCode()).isEqualTo(200);

        assertThat(fx.value("SELECT status FROM ticket WHERE ticket_id = 'T-A1'")).isEqualTo("repaired");
        assertThat(fx.value("SELECT repair_photo_url FROM ticket WHERE ticket_id = 'T-A1'")).isEqualTo("https://photos.example/t-a1.jpg");
        assertThat(fx.count("SELECT count(*) FROM ticket_event WHERE ticket_id = 'T-A1' AND actor = 'li.ming'")).isEqualTo(3);
        assertThat(fx.value("SELECT string_agg(kind || ':' || from_status || '>' || to_status, ',' ORDER BY event_id) FROM ticket_event WHERE ticket_id = 'T-A1' AND actor = 'li.ming'"))
            .isEqualTo("acknowledge:assigned>acknowledged,start:acknowledged>in_repair,repaired:in_repair>repaired");
        assertThat(fx.value("SELECT reason FROM ticket_event WHERE ticket_id = 'T-A1' AND kind = 'acknowledge'")).isEqualTo("on our way");
        // Four writes, four audit rows, including the refused one.
        assertThat(fx.value("SELECT string_agg(http_status::text, ',' ORDER BY audit_id) FROM audit_log WHERE target_id = 'T-A1' AND user_id = 'li.ming'"))
            .isEqualTo("200,200,400,200");

        // Acknowledging again is a status conflict, not a permission problem.
        var again = post(TOKEN_CREW_A, "/api/tickets/T-A1/acknowledge", new JsonObject());
        assertThat(again.statusCode()).isEqualTo(409);

        var detail = get(TOKEN_CREW_A, "/api/tickets/T-A1").bodyAsJsonObject();
        assertThat(detail.getJsonArray("events").size()).isEqualTo(4); // opened + 3
        assertThat(detail.getString("slaColour")).isEqualTo("none");
    }

    @Test
    void crewCannotChangeAnotherCrewsTicket() throws Exception {
        long eventsBefore = fx.count("SELECT count(*) FROM ticket_event");
        var res = post(TOKEN_CREW_A, "/api/tickets/T-B1/acknowledge", new JsonObject());
        assertThat(res.statusCode()).isEqualTo(403);
        assertThat(res.bodyAsJsonObject().getString("error")).isEqualTo("other_crew");
        assertThat(res.bodyAsJsonObject().getString("message_zh")).contains("不属于您的班组");
        assertThat(fx.value("SELECT status FROM ticket WHERE ticket_id = 'T-B1'")).isEqualTo("assigned");
        assertThat(fx.count("SELECT count(*) FROM ticket_event")).isEqualTo(eventsBefore);
        assertThat(fx.count("SELECT count(*) FROM audit_log WHERE target_id = 'T-B1' AND user_id = 'li.ming' AND http_status = 403")).isEqualTo(1);

        // Crews cannot reassign either; a manager of another district cannot touch PD tickets; an admin can.
        assertThat(post(TOKEN_CREW_A, "/api/tickets/T-A1/assign", new JsonObject().put("crewId", CREW_B)).statusCode()).isEqualTo(403);
        assertThat(post(TOKEN_MANAGER, "/api/tickets/T-B1/assign", new JsonObject().put("crewId", CREW_A)).statusCode()).isEqualTo(403);
        assertThat(post(TOKEN_DUTY, "/api/tickets/T-A1/acknowledge", new JsonObject()).statusCode()).isEqualTo(403);
        var over = post(TOKEN_ADMIN, "/api/tickets/T-B1/assign", new JsonObject().put("crewId", CREW_A).put("reason", "crew B on flood duty"));
        assertThat(over.statusCode()).isEqualTo(200);
        assertThat(fx.value("SELECT crew_id FROM ticket WHERE ticket_id = 'T-B1'")).isEqualTo(CREW_A);
        assertThat(fx.value("SELECT detail FROM ticket_event WHERE ticket_id = 'T-B1' AND kind = 'assign'")).isEqualTo("crew crew-b -> crew-a");

        assertThat(get(null, "/api/tickets").statusCode()).isEqualTo(401);
        assertThat(get("not-a-token", "/api/tickets").statusCode()).isEqualTo(401);
        assertThat(post(null, "/api/tickets/T-A1/acknowledge", new JsonObject()).statusCode()).isEqualTo(401);
    }

    @Test
    void openTicketsAreAssignedByRoadElseByDistrict() throws Exception {
        fx.execute("INSERT INTO crew VALUES ('crew-caoxi', '漕溪路专班', 'Caoxi Rd team', 'XH', '{R-XH-1}')");
        fx.insertTicket("T-NEW1", "R-XH-1.001", "XH", true, T0, "open", null);
        fx.insertTicket("T-NEW2", "R-PD-1.001", "PD", false, T0, "open", null);
        await(fx.service.deadlines().tick());
        assertThat(fx.value("SELECT crew_id FROM ticket WHERE ticket_id = 'T-NEW1'")).isEqualTo("crew-caoxi");
        assertThat(fx.value("SELECT crew_id FROM ticket WHERE ticket_id = 'T-NEW2'")).isEqualTo(CREW_B);
        assertThat(fx.value("SELECT status FROM ticket WHERE ticket_id = 'T-NEW2'")).isEqualTo("assigned");
        assertThat(fx.count("SELECT count(*) FROM ticket_event WHERE kind = 'assigned' AND actor = 'auto-assign'")).isEqualTo(2);
        await(fx.service.deadlines().tick());
        assertThat(fx.count("SELECT count(*) FROM ticket_event WHERE kind = 'assigned' AND actor = 'auto-assign'")).isEqualTo(2);
    }

    @Test
    void waterEndpointShowsGaugeStateInThreeColours() throws Exception {
        fx.execute("""
            INSERT INTO gauge (gauge_id, name_zh, name_en, kind, lat, lon, district_code) VALUES
              ('G-1', '漕溪北路下立交', 'Caoxi N underpass', 'road_ponding', 31.19, 121.44, 'XH'),
              ('G-2', '世纪大道', 'Century Ave', 'road_ponding', 31.23, 121.53, 'PD'),
              ('G-3', '龙华路', 'Longhua Rd', 'road_ponding', 31.18, 121.45, 'XH');
            INSERT INTO gauge_state (gauge_id, at, level_mm, smoothed_mm, rise_mm_min, risk_level, eta_next_s, health) VALUES
              ('G-1', '2026-07-01T03:59:00Z', 320, 315, 12.5, 'orange', 900, 'ok'),
              ('G-2', '2026-07-01T03:59:00Z', 10, 10, 0, 'normal', NULL, 'ok'),
              ('G-3', '2026-07-01T01:00:00Z', 60, 60, 0, 'blue', NULL, 'offline');
            """);
        JsonArray gauges = get(TOKEN_DUTY, "/api/gauges").bodyAsJsonObject().getJsonArray("gauges");
        assertThat(gauges.size()).isEqualTo(3);
        JsonObject g1 = gauges.getJsonObject(0);
        assertThat(g1.getString("gaugeId")).isEqualTo("G-1");
        assertThat(g1.getString("colour")).isEqualTo("red");
        assertThat(g1.getDouble("riseMmMin")).isEqualTo(12.5);
        assertThat(g1.getInteger("etaNextS")).isEqualTo(900);
        assertThat(g1.getString("nextLevel")).isEqualTo("red");
        assertThat(g1.getInteger("nextThresholdMm")).isEqualTo(500);
        assertThat(g1.getLong("ageSeconds")).isEqualTo(60);
        JsonObject g3 = gauges.getJsonObject(1);
        assertThat(g3.getString("colour")).isEqualTo("amber");
        assertThat(g3.getBoolean("offline")).isTrue();
        assertThat(gauges.getJsonObject(2).getString("colour")).isEqualTo("green");
        assertThat(get(TOKEN_DUTY, "/api/gauges?district=PD").bodyAsJsonObject().getJsonArray("gauges").size()).isEqualTo(1);
    }

    @Test
    void indexEndpointsServeTheViews() throws Exception {
        fx.execute("""
            INSERT INTO segment_pass (segment_id, device_id, pass_start, pass_end, mean_speed_kmh, iri_m_km, sample_count) VALUES
              ('R-XH-1.001', 'bus-1', '2026-07-01T00:00:00Z', '2026-07-01T00:00:10Z', 36, 2.0, 1000),
              ('R-XH-1.001', 'bus-2', '2026-07-01T01:00:00Z', '2026-07-01T01:00:10Z', 36, 4.0, 1000),
              ('R-PD-1.001', 'bus-1', '2026-07-01T01:30:00Z', '2026-07-01T01:30:10Z', 40, 1.5, 1000);
            """);
        double expected = ((Number) fx.value("SELECT tantu_index FROM segment_index_daily WHERE segment_id = 'R-XH-1.001'")).doubleValue();
        JsonObject seg = get(TOKEN_MANAGER, "/api/index/segments?id=R-XH-1.001&from=2026-06-01&to=2026-07-02").bodyAsJsonObject();
        JsonArray rows = seg.getJsonArray("rows");
        assertThat(rows.size()).isEqualTo(1);
        assertThat(rows.getJsonObject(0).getDouble("tantuIndex")).isEqualTo(expected);
        assertThat(rows.getJsonObject(0).getDouble("iriMean")).isEqualTo(3.0);
        assertThat(rows.getJsonObject(0).getLong("passCount")).isEqualTo(2);
        // The severe ticket T-A2 (confirmed that day) counts as an open defect on the segment.
        assertThat(rows.getJsonObject(0).getLong("severeOpen")).isEqualTo(1);

        JsonArray roads = get(TOKEN_MANAGER, "/api/index/roads?from=2026-06-01&to=2026-07-02").bodyAsJsonObject().getJsonArray("rows");
        assertThat(roads.stream().map(o -> ((JsonObject) o).getString("id"))).containsExactly("R-PD-1", "R-XH-1");
        JsonArray districts = get(TOKEN_MANAGER, "/api/index/districts?id=XH&from=2026-06-01&to=2026-07-02").bodyAsJsonObject().getJsonArray("rows");
        assertThat(districts.size()).isEqualTo(1);
        assertThat(districts.getJsonObject(0).getDouble("tantuIndex")).isEqualTo(expected);
        assertThat(districts.getJsonObject(0).getString("grade"))
            .isEqualTo(fx.value("SELECT grade FROM district_index_daily WHERE district_code = 'XH'"));
        // Outside the range: nothing.
        assertThat(get(TOKEN_MANAGER, "/api/index/segments?from=2026-07-02&to=2026-07-03").bodyAsJsonObject().getJsonArray("rows").size()).isZero();
        assertThat(get(TOKEN_MANAGER, "/api/index/planets").statusCode()).isEqualTo(404);
        assertThat(get(TOKEN_MANAGER, "/api/index/roads?from=yesterday").statusCode()).isEqualTo(400);
    }

    @Test
    void demoUsersGetKnownTokensAndEveryDistrictACrew() throws Exception {
        fx.execute("INSERT INTO district VALUES ('JA', '静安区', 'Jing''an', NULL)");
        var users = await(DemoUsers.seed(fx.service.pool()));
        await(DemoUsers.seed(fx.service.pool())); // idempotent
        assertThat(users.stream().map(DemoUsers.DemoUser::crewId).filter(java.util.Objects::nonNull))
            .containsExactlyInAnyOrder(CREW_A, CREW_B, "JA-crew1");
        assertThat(fx.count("SELECT count(*) FROM crew")).isEqualTo(3);
        JsonObject me = get(DemoUsers.crewToken("JA-crew1"), "/api/me").bodyAsJsonObject();
        assertThat(me.getString("role")).isEqualTo("crew");
        assertThat(me.getString("crewId")).isEqualTo("JA-crew1");
        assertThat(get(DemoUsers.ADMIN_TOKEN, "/api/me").bodyAsJsonObject().getString("role")).isEqualTo("admin");
        assertThat(get(DemoUsers.DUTY_TOKEN, "/api/me").bodyAsJsonObject().getString("role")).isEqualTo("duty_officer");
        // Only digests are stored.
        assertThat(fx.count("SELECT count(*) FROM api_token WHERE token_sha256 = ?", DemoUsers.ADMIN_TOKEN)).isZero();
    }

    @Test
    void healthMetricsAndOpenApiNeedNoToken() throws Exception {
        var health = get(null, "/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.bodyAsJsonObject().getString("database")).isEqualTo("UP");
        post(TOKEN_CREW_A, "/api/tickets/T-B1/acknowledge", new JsonObject());
        String metrics = get(null, "/metrics").bodyAsString();
        assertThat(metrics).contains("roadchief_ticket_requests_total{action=\"acknowledge\",status=\"403\"} 1.0");
        assertThat(get(null, "/api/openapi.yaml").bodyAsString()).startsWith("openapi: 3.0.3").contains("/api/tickets/{id}/acknowledge");
        var page = get(null, "/crew.html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.bodyAsString()).contains("班组工单");
    }
}
