package io.roadchief.launcher;

import io.roadchief.ingest.validation.IngestRules;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoadChiefConfigTest {

    @Test
    void documentedDefaultsAreTheRulesIngestUsesWhenNothingIsConfigured() {
        RoadChiefConfig c = RoadChiefConfig.load(null, Map.of(), new Properties());
        assertThat(c.ingestRules()).isEqualTo(IngestRules.defaults());
        assertThat(c.isBlank("db.url")).as("embedded database by default").isTrue();
        assertThat(c.isBlank("mqtt.url")).as("embedded broker by default").isTrue();
    }

    @Test
    void fileThenEnvironmentThenSystemPropertiesOverride(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("roadchief.properties");
        Files.writeString(file, "service.http.port=9000\ngateway.http.port=9001\ndb.user=fromfile\n");
        Properties sys = new Properties();
        sys.setProperty("roadchief.gateway.http.port", "9003");
        RoadChiefConfig c = RoadChiefConfig.load(file, Map.of("ROADCHIEF_DB_USER", "fromenv", "ROADCHIEF_GATEWAY_HTTP_PORT", "9002"), sys);
        assertThat(c.getInt("service.http.port")).isEqualTo(9000);
        assertThat(c.get("db.user")).isEqualTo("fromenv");
        assertThat(c.getInt("gateway.http.port")).isEqualTo(9003);
    }

    @Test
    void unknownKeysAreAnErrorNotSilentlyIgnored() {
        RoadChiefConfig c = RoadChiefConfig.load(null, Map.of(), new Properties());
        assertThatThrownBy(() -> c.with("db.ulr", "x")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("db.ulr");
    }
}
