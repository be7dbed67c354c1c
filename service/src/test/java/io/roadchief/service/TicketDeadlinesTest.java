package io.roadchief.service;

import io.roadchief.local.PrivateBroker;
import io.roadchief.schema.Topics;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.roadchief.service.ServiceFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The SLA clock with a hand-driven clock, on a real database and a real broker. */
class TicketDeadlinesTest {
    static final Instant T0 = Instant.parse("2026-07-01T02:00:00Z");

    @Test
    void warningAt36hAndBreachAfter48hFireExactlyOnceAcrossRestartsAndArePushed() throws Exception {
        try (PrivateBroker broker = PrivateBroker.start();
             ServiceFixture fx = new ServiceFixture("sla", T0);
             Subscriber mqtt = new Subscriber(broker.url(), "roadchief/v1/#")) {
            fx.insertTicket("T-48", "R-XH-1.001", "XH", false, T0, "assigned", CREW_A);
            fx.start(broker.url());

            fx.clock.set(T0.plus(Duration.ofHours(35)));
            await(fx.service.deadlines().tick());
            assertThat(fx.value("SELECT warned_at FROM ticket WHERE ticket_id = 'T-48'")).isNull();

            fx.clock.set(T0.plus(Duration.ofHours(36)));
            await(fx.service.deadlines().tick());
            await(fx.service.deadlines().tick());
            assertThat(countsOf(fx)).isEqualTo(Map.of("warning", 1L, "breach", 0L));
            JsonObject warning = mqtt.next(Topics.ticketAlert("T-48"));
            assertThat(warning.getString("kind")).isEqualTo("ticket_warning");
            assertThat(warning.getString("messageZh")).contains("T-48").contains("漕溪北路");
            JsonObject pushed = mqtt.next(Topics.crewTickets(CREW_A));
            assertThat(pushed.getString("change")).isEqualTo("sla_warning");
            assertThat(pushed.getJsonObject("ticket").getString("slaColour")).isEqualTo("red");

            // A crew's own change goes to its MQTT topic too.
            WebClient web = WebClient.create(fx.vertx);
            assertThat(await(web.postAbs(fx.baseUrl() + "/api/tickets/T-48/acknowledge").bearerTokenAuthentication(TOKEN_CREW_A)
                .sendJsonObject(new JsonObject())).statusCode()).isEqualTo(200);
            web.close();
            JsonObject acknowledged = mqtt.next(Topics.crewTickets(CREW_A));
            assertThat(acknowledged.getString("change")).isEqualTo("acknowledge");
            assertThat(acknowledged.getJsonObject("ticket").getString("status")).isEqualTo("acknowledged");

            fx.clock.set(T0.plus(Duration.ofHours(48)).plusSeconds(1));
            await(fx.service.deadlines().tick());
            assertThat(countsOf(fx)).isEqualTo(Map.of("warning", 1L, "breach", 1L));
            JsonObject breach = mqtt.next(Topics.ticketAlert("T-48"));
            assertThat(breach.getString("kind")).isEqualTo("ticket_breach");
            assertThat(breach.getString("messageZh")).contains(MANAGER_CONTACT);
            assertThat(new JsonObject(breach.getString("detail")).getString("escalatedTo")).isEqualTo(MANAGER_CONTACT);
            assertThat(fx.value("SELECT message_en FROM alert WHERE kind = 'ticket_breach'").toString()).contains("escalated to the Xuhui manager");

            // Restart: undeploy everything, deploy again on the same database, tick: nothing fires again.
            fx.stop();
            fx.start(broker.url());
            await(fx.service.deadlines().tick());
            fx.clock.advance(Duration.ofHours(5));
            await(fx.service.deadlines().tick());
            assertThat(countsOf(fx)).isEqualTo(Map.of("warning", 1L, "breach", 1L));
            assertThat(mqtt.nothingMoreOn(Topics.ticketAlert("T-48"), Duration.ofSeconds(1))).isTrue();
        }
    }

    @Test
    void theClockTicksOnItsOwn() throws Exception {
        try (ServiceFixture fx = new ServiceFixture("sla-timer", T0.plus(Duration.ofHours(40)))) {
            fx.insertTicket("T-AUTO", "R-XH-1.001", "XH", false, T0, "open", null);
            fx.service = await(RoadChiefService.deploy(fx.vertx,
                new ServiceConfig(0, fx.db.jdbcUrl(), fx.db.user(), fx.db.password(), null, Duration.ofMillis(100), Duration.ofSeconds(1)),
                fx.clock, ServiceMetrics.standalone()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline && fx.value("SELECT warned_at FROM ticket WHERE ticket_id = 'T-AUTO'") == null) {
                Thread.sleep(100);
            }
            assertThat(fx.value("SELECT crew_id FROM ticket WHERE ticket_id = 'T-AUTO'")).isEqualTo(CREW_A);
            assertThat(fx.value("SELECT warned_at FROM ticket WHERE ticket_id = 'T-AUTO'")).isNotNull();
            assertThat(fx.value("SELECT breached_at FROM ticket WHERE ticket_id = 'T-AUTO'")).isNull();
        }
    }

    @Test
    void twoInstancesTickingTogetherStillWarnOnce() throws Exception {
        try (ServiceFixture fx = new ServiceFixture("sla2", T0)) {
            for (int i = 0; i < 20; i++) {
                fx.insertTicket("T-" + i, "R-PD-1.001", "PD", i % 2 == 0, T0, "assigned", CREW_B);
            }
            RoadChiefService first = fx.start(null);
            RoadChiefService second = await(RoadChiefService.deploy(fx.vertx,
                new ServiceConfig(0, fx.db.jdbcUrl(), fx.db.user(), fx.db.password(), null, Duration.ofHours(1), Duration.ofSeconds(1)),
                fx.clock, ServiceMetrics.standalone()));
            try {
                fx.clock.set(T0.plus(Duration.ofHours(49)));
                await(Future.all(first.deadlines().tick(), second.deadlines().tick(), first.deadlines().tick()));
                assertThat(fx.count("SELECT count(*) FROM ticket_event WHERE kind = 'sla_warning'")).isEqualTo(20);
                assertThat(fx.count("SELECT count(*) FROM ticket_event WHERE kind = 'sla_breach'")).isEqualTo(20);
                assertThat(fx.count("SELECT count(*) FROM alert")).isEqualTo(40);
                assertThat(first.metrics().registry().get("roadchief_sla_breaches").counter().count()
                    + second.metrics().registry().get("roadchief_sla_breaches").counter().count()).isEqualTo(20.0);
            } finally {
                await(second.close());
            }
        }
    }

    @Test
    void repairWithNoVerifyingPassBecomesUnverifiedAndThePavementJobContractDecidesTheRest() throws Exception {
        try (ServiceFixture fx = new ServiceFixture("verify", T0)) {
            Instant repairedAt = T0.plus(Duration.ofHours(10));
            for (String id : new String[] {"T-V1", "T-V2", "T-V3"}) {
                fx.insertTicket(id, "R-XH-1.001", "XH", true, T0, "assigned", CREW_A);
            }
            fx.execute("UPDATE ticket SET status = 'repaired', repaired_at = '" + repairedAt + "'");
            fx.start(null);

            // The pavement job's verdicts through the V31 function: one gone, one still there.
            assertThat(fx.value("SELECT record_ticket_verification('T-V2', true, ?::timestamptz, 'bus-7 pass, no peak')",
                repairedAt.plus(Duration.ofHours(3)).toString())).isEqualTo("verified");
            assertThat(fx.value("SELECT record_ticket_verification('T-V2', true, ?::timestamptz, 'replay')",
                repairedAt.plus(Duration.ofHours(3)).toString())).isNull();
            assertThat(fx.value("SELECT record_ticket_verification('T-V3', false, ?::timestamptz, 'bus-9 pass, 1.1 g peak')",
                repairedAt.plus(Duration.ofHours(4)).toString())).isEqualTo("reopened");
            assertThat(fx.value("SELECT closed_at IS NOT NULL FROM ticket WHERE ticket_id = 'T-V2'")).isEqualTo(true);
            assertThat(fx.value("SELECT detail FROM ticket_event WHERE ticket_id = 'T-V3' AND kind = 'reopened'")).isEqualTo("bus-9 pass, 1.1 g peak");

            fx.clock.set(repairedAt.plus(Duration.ofHours(24)).minusSeconds(1));
            await(fx.service.deadlines().tick());
            assertThat(fx.value("SELECT status FROM ticket WHERE ticket_id = 'T-V1'")).isEqualTo("repaired");
            fx.clock.set(repairedAt.plus(Duration.ofHours(24)));
            await(fx.service.deadlines().tick());
            await(fx.service.deadlines().tick());
            assertThat(fx.value("SELECT status FROM ticket WHERE ticket_id = 'T-V1'")).isEqualTo("unverified");
            assertThat(fx.count("SELECT count(*) FROM ticket_event WHERE kind = 'unverified'")).isEqualTo(1);
            assertThat(fx.value("SELECT status FROM ticket WHERE ticket_id = 'T-V2'")).isEqualTo("verified");
            // The reopened ticket is back on the clock: it was due at T0 + 24 h, so it is in breach now.
            assertThat(fx.value("SELECT status FROM ticket WHERE ticket_id = 'T-V3'")).isEqualTo("reopened");
            assertThat(fx.value("SELECT breached_at IS NOT NULL FROM ticket WHERE ticket_id = 'T-V3'")).isEqualTo(true);
        }
    }

    @Test
    void liveStreamCarriesAlertsAndTicketChanges() throws Exception {
        try (ServiceFixture fx = new ServiceFixture("live", T0)) {
            fx.insertTicket("T-L1", "R-XH-1.001", "XH", true, T0, "assigned", CREW_A);
            fx.insertTicket("T-L2", "R-PD-1.001", "PD", true, T0, "assigned", CREW_B);
            fx.start(null);
            HttpClient client = fx.vertx.createHttpClient();
            BlockingQueue<String> events = new LinkedBlockingQueue<>();
            StringBuilder partial = new StringBuilder();
            await(client.request(HttpMethod.GET, fx.service.httpPort(), "127.0.0.1", "/api/live?access_token=" + TOKEN_CREW_A)
                .compose(req -> req.send())
                .map(res -> {
                    assertThat(res.getHeader("Content-Type")).startsWith("text/event-stream");
                    res.handler(buf -> {
                        partial.append(buf.toString(StandardCharsets.UTF_8));
                        int end;
                        while ((end = partial.indexOf("\n\n")) >= 0) {
                            events.add(partial.substring(0, end));
                            partial.delete(0, end + 2);
                        }
                    });
                    return res;
                }));
            assertThat(events.poll(5, TimeUnit.SECONDS)).isEqualTo(": connected");
            // A water alert written by another job (as the water job does) reaches the page too.
            fx.execute("""
                INSERT INTO alert (alert_id, raised_at, kind, source_id, level, message_zh, message_en)
                VALUES ('water:G-1:1', now(), 'water_level', 'G-1', 'orange', '漕溪北路下立交 橙色预警', 'Caoxi N underpass: orange')""");
            String water = events.poll(5, TimeUnit.SECONDS);
            assertThat(water).startsWith("event: alert").contains("water_level");

            fx.clock.set(T0.plus(Duration.ofHours(25)));
            await(fx.service.deadlines().tick());
            // Crew A sees its own ticket's news, never crew B's.
            StringBuilder seen = new StringBuilder();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline && !(seen.toString().contains("ticket_breach:T-L1") && seen.toString().contains("\"change\":\"sla_breach\""))) {
                String e = events.poll(200, TimeUnit.MILLISECONDS);
                if (e != null) seen.append(e).append('\n');
            }
            assertThat(seen.toString()).contains("event: ticket").contains("\"change\":\"sla_breach\"").contains("ticket_breach:T-L1");
            assertThat(seen.toString()).doesNotContain("T-L2");
            client.close();
        }
    }

    private static Map<String, Long> countsOf(ServiceFixture fx) throws Exception {
        long warnEvents = fx.count("SELECT count(*) FROM ticket_event WHERE ticket_id = 'T-48' AND kind = 'sla_warning'");
        long warnAlerts = fx.count("SELECT count(*) FROM alert WHERE source_id = 'T-48' AND kind = 'ticket_warning'");
        long breachEvents = fx.count("SELECT count(*) FROM ticket_event WHERE ticket_id = 'T-48' AND kind = 'sla_breach'");
        long breachAlerts = fx.count("SELECT count(*) FROM alert WHERE source_id = 'T-48' AND kind = 'ticket_breach'");
        assertThat(warnAlerts).isEqualTo(warnEvents);
        assertThat(breachAlerts).isEqualTo(breachEvents);
        return Map.of("warning", warnEvents, "breach", breachEvents);
    }

    /** A plain MQTT v5 subscriber collecting JSON messages per topic. */
    static final class Subscriber implements AutoCloseable, MqttCallback {
        private final MqttClient client;
        private final Map<String, BlockingQueue<JsonObject>> byTopic = new java.util.concurrent.ConcurrentHashMap<>();

        Subscriber(String url, String filter) throws MqttException {
            client = new MqttClient(url, "test-sub-" + System.nanoTime(), new MemoryPersistence());
            client.setCallback(this);
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            client.connect(o);
            client.subscribe(filter, 1);
        }

        private BlockingQueue<JsonObject> queue(String topic) {
            return byTopic.computeIfAbsent(topic, t -> new LinkedBlockingQueue<>());
        }

        JsonObject next(String topic) throws InterruptedException {
            JsonObject m = queue(topic).poll(10, TimeUnit.SECONDS);
            assertThat(m).as("message on " + topic).isNotNull();
            return m;
        }

        boolean nothingMoreOn(String topic, Duration wait) throws InterruptedException {
            return queue(topic).poll(wait.toMillis(), TimeUnit.MILLISECONDS) == null;
        }

        @Override public void messageArrived(String topic, MqttMessage message) {
            queue(topic).add(new JsonObject(new String(message.getPayload(), StandardCharsets.UTF_8)));
        }

        @Override public void disconnected(MqttDisconnectResponse r) {}
        @Override public void mqttErrorOccurred(MqttException e) {}
        @Override public void deliveryComplete(IMqttToken t) {}
        @Override public void connectComplete(boolean reconnect, String uri) {}
        @Override public void authPacketArrived(int reason, MqttProperties p) {}

        @Override
        public void close() throws MqttException {
            client.disconnect();
            client.close();
        }
    }
}
