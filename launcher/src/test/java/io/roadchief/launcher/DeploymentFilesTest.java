package io.roadchief.launcher;

import io.roadchief.local.Database;
import io.roadchief.local.TestServices;
import io.roadchief.schema.SchemaMigrations;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * There is no Docker engine here, so the deployment files are checked as configuration: the compose
 * file parses and references files that exist and settings RoadChief knows; every SQL query of every
 * provisioned Grafana dashboard runs against a freshly migrated database.
 */
class DeploymentFilesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    @SuppressWarnings("unchecked")
    void composeFileReferencesExistingFilesAndKnownSettings() throws Exception {
        Path composeFile = ROOT.resolve("docker/compose.yml");
        Map<String, Object> compose = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(composeFile));
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        assertThat(services).containsKeys("timescaledb", "mosquitto", "roadchief", "grafana");
        for (Map.Entry<String, Object> s : services.entrySet()) {
            Map<String, Object> svc = (Map<String, Object>) s.getValue();
            for (Object v : (List<Object>) svc.getOrDefault("volumes", List.of())) {
                String src = v.toString().split(":")[0];
                if (src.startsWith(".")) {
                    Path p = composeFile.getParent().resolve(src).normalize();
                    if (!p.getFileName().toString().equals("passwd")) { // rendered by the gateway at deploy time
                        assertThat(p).as(s.getKey() + " volume " + src).exists();
                    }
                }
            }
        }
        Map<String, Object> roadchief = (Map<String, Object>) services.get("roadchief");
        Map<String, Object> build = (Map<String, Object>) roadchief.get("build");
        assertThat(composeFile.getParent().resolve(build.get("context").toString()).resolve(build.get("dockerfile").toString())).exists();
        RoadChiefConfig defaults = RoadChiefConfig.load(null, Map.of(), new Properties());
        for (String env : ((Map<String, Object>) roadchief.get("environment")).keySet()) {
            String key = env.substring("ROADCHIEF_".length()).toLowerCase().replace('_', '.');
            assertThat(defaults.get(key.equals("db.password") ? "db.password" : key)).as(env + " maps to a known key").isNotNull();
        }
    }

    @Test
    void everyDashboardQueryRunsAgainstTheSchema() throws Exception {
        Database db = TestServices.freshDatabase("dashboards");
        SchemaMigrations.migrate(db.jdbcUrl(), db.user(), db.password());
        List<Path> dashboards;
        try (Stream<Path> files = Files.list(ROOT.resolve("dashboards/json"))) {
            dashboards = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(dashboards).hasSizeGreaterThanOrEqualTo(3);
        List<String> failures = new ArrayList<>();
        int queries = 0;
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (Path d : dashboards) {
                JsonObject json = new JsonObject(Files.readString(d));
                assertThat(json.getString("uid")).isNotBlank();
                JsonArray panels = json.getJsonArray("panels");
                for (int i = 0; i < panels.size(); i++) {
                    JsonObject p = panels.getJsonObject(i);
                    for (Object t : p.getJsonArray("targets")) {
                        String sql = ((JsonObject) t).getString("rawSql")
                                .replaceAll("\\$__timeFilter\\(([^)]+)\\)", "$1 > now() - interval '30 days'");
                        queries++;
                        try {
                            s.executeQuery(sql).close();
                        } catch (SQLException e) {
                            failures.add(d.getFileName() + " / " + p.getString("title") + ": " + e.getMessage());
                        }
                    }
                }
            }
        }
        assertThat(queries).isGreaterThanOrEqualTo(10);
        assertThat(failures).isEmpty();
    }
}
