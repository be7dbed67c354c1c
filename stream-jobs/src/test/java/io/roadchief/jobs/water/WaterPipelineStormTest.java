package io.roadchief.jobs.water;

import io.roadchief.ingest.telemetry.GaugeObservation;
import io.roadchief.jobs.sink.JdbcTarget;
import io.roadchief.local.Database;
import io.roadchief.local.PrivateBroker;
import io.roadchief.local.TestServices;
import io.roadchief.schema.SchemaMigrations;
import io.roadchief.simulator.storm.StormRun;
import io.roadchief.simulator.storm.StormScenario;
import io.roadchief.simulator.storm.StormScorecard;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 30-gauge storm through the real water pipeline on a MiniCluster, the real PostgreSQL and a
 * private Mosquitto: no missed crossing, no flapping, the dead gauge flagged within 3 intervals, the
 * stuck gauge (no rain gauge of its own) flagged from its neighbours,
 * every alert pushed over MQTT, and the same input twice gives the same alerts.
 */
class WaterPipelineStormTest {

    @Test
    void aSmallStormIsAlertedCompletelyWithoutFlappingAndRepeatably() throws Exception {
        StormRun run = StormScenario.standard(7, 30).run();
        List<GaugeObservation> input = WaterReplay.observations(run.envelopes());

        Set<String> pushed = ConcurrentHashMap.newKeySet();
        List<WaterAlert> first;
        JdbcTarget db1 = database("water_storm_a");
        try (PrivateBroker broker = PrivateBroker.start()) {
            MqttClient sub = new MqttClient(broker.url(), "water-test-sub", new MemoryPersistence());
            sub.connect(new MqttConnectionOptions());
            // (the array form: Paho 1.2.5's subscribe(topic, qos, listener) recurses forever)
            sub.subscribe(new MqttSubscription[] {new MqttSubscription("roadchief/v1/alerts/water/#", 1)},
                    new IMqttMessageListener[] {(topic, msg) -> {
                        String json = new String(msg.getPayload(), StandardCharsets.UTF_8);
                        int i = json.indexOf("\"alert_id\":\"") + 12;
                        pushed.add(json.substring(i, json.indexOf('"', i)));
                    }});
            importCatalog(db1, run);
            WaterReplay.run(input, WaterConfig.defaults(db1, broker.url()), 2, 0, Duration.ofSeconds(5));
            first = WaterReplay.alertsInDatabase(db1);
            long deadline = System.currentTimeMillis() + 10_000;
            while (pushed.size() < first.size() && System.currentTimeMillis() < deadline) Thread.sleep(100);
            sub.disconnect();
            sub.close();
        }

        StormScorecard.Result score = StormScorecard.score(run, first.stream()
                        .map(a -> new StormScorecard.ObservedAlert(a.kind(), a.gaugeId(), a.level(), a.raisedAtMs())).toList(),
                WaterThresholds.DWELL.toMillis(), Duration.ofMinutes(3).toMillis(), 10);
        System.out.println(score.toMarkdown());
        assertThat(score.levels().stream().mapToInt(StormScorecard.LevelScore::required).sum()).isGreaterThan(5);
        assertThat(score.missedTotal()).as("missed crossings %s", score.levels()).isZero();
        assertThat(score.flapping()).as("flapping %s", score.flapExamples()).isZero();
        assertThat(score.dead()).isNotEmpty();
        assertThat(score.deadAllFlagged()).as("dead gauges %s", score.dead()).isTrue();
        // The stuck drain gauge has no rain gauge: only its rising neighbours give it away.
        String stuck = run.truth().stuck().keySet().iterator().next();
        assertThat(run.envelopes().stream().filter(e -> e.getDeviceId().equals(stuck)).noneMatch(e -> e.getGauge().hasRainfall0P1Mm())).isTrue();
        assertThat(score.healthFlagged().get("gauge_stuck")).as("stuck: flagged, of, false alerts").containsExactly(1, 1, 0);
        assertThat(first).filteredOn(a -> a.kind().equals("gauge_stuck")).singleElement()
                .satisfies(a -> assertThat(a.messageZh()).contains("周边").contains("个测点水位上涨"));
        assertThat(pushed).containsExactlyInAnyOrderElementsOf(first.stream().map(WaterAlert::alertId).toList());

        // gauge_state: one row per gauge, the dead one offline.
        try (Connection c = db1.open(); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT count(*) FROM gauge_state");
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(30);
            String dead = run.truth().deaths().keySet().iterator().next();
            rs = s.executeQuery("SELECT health FROM gauge_state WHERE gauge_id = '" + dead + "'");
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("offline");
        }

        // Same input again, a new database: the same alerts.
        JdbcTarget db2 = database("water_storm_b");
        importCatalog(db2, run);
        WaterReplay.run(input, WaterConfig.defaults(db2, null), 2, 0, Duration.ofSeconds(5));
        List<WaterAlert> second = WaterReplay.alertsInDatabase(db2);
        assertThat(second.stream().map(WaterPipelineStormTest::identity).toList())
                .containsExactlyElementsOf(first.stream().map(WaterPipelineStormTest::identity).toList());
    }

    private static String identity(WaterAlert a) {
        return String.join("|", a.alertId(), Long.toString(a.raisedAtMs()), a.kind(), a.gaugeId(), String.valueOf(a.level()),
                a.messageZh(), a.messageEn());
    }

    static JdbcTarget database(String purpose) {
        Database d = TestServices.freshDatabase(purpose);
        SchemaMigrations.migrate(d.jdbcUrl(), d.user(), d.password());
        return new JdbcTarget(d.jdbcUrl(), d.user(), d.password());
    }

    static void importCatalog(JdbcTarget db, StormRun run) throws Exception {
        try (Connection c = db.open()) {
            assertThat(GaugeCatalog.upsert(c, GaugeCatalog.parseCsv(run.catalogCsv()))).isEqualTo(run.gauges().size());
        }
    }
}
