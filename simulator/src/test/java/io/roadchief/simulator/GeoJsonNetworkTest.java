package io.roadchief.simulator;

import io.roadchief.simulator.network.GeoJsonNetwork;
import io.roadchief.simulator.network.Road;
import io.roadchief.simulator.network.RoadNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class GeoJsonNetworkTest {
    @Test
    void exportedNetworkImportsBackAndDrivesAScenario(@TempDir Path dir) throws Exception {
        RoadNetwork generated = Scenario.builder().seed(6).km(9).build().world().network();
        Path file = dir.resolve("roads.geojson");
        Files.writeString(file, GeoJsonNetwork.toGeoJson(generated));
        RoadNetwork imported = GeoJsonNetwork.read(file);
        assertThat(imported.roads()).hasSameSizeAs(generated.roads());
        for (Road r : generated.roads()) {
            Road back = imported.road(r.roadId());
            assertThat(back.nameZh()).isEqualTo(r.nameZh());
            assertThat(back.nameEn()).isEqualTo(r.nameEn());
            assertThat(back.lengthM()).isCloseTo(r.lengthM(), within(0.5));
            assertThat(back.segments()).hasSameSizeAs(r.segments());
        }
        assertThat(imported.districts()).extracting(d -> d.nameZh()).contains("西湖区");

        Scenario s = Scenario.builder().seed(6).geoJson(file).defects(8).vehicles(2).durationS(120).build();
        FleetSimulator f = s.messages();
        assertThat(f.world().truth().defects()).hasSize(8);
        assertThat(f.hasNext()).isTrue();
    }

    @Test
    void handWrittenFeatureWithEscapes() {
        String json = """
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "properties": {"name_zh": "\\u6587\\u4e09\\u8def", "name_en": "Wensan \\"Rd\\"", "district": "XH"},
                   "geometry": {"type": "LineString", "coordinates": [[120.120, 30.275], [120.130, 30.275], [120.140, 30.2751]]}}
                ]}""";
        RoadNetwork n = GeoJsonNetwork.parse(json);
        assertThat(n.roads()).hasSize(1);
        assertThat(n.roads().get(0).nameZh()).isEqualTo("文三路");
        assertThat(n.roads().get(0).nameEn()).isEqualTo("Wensan \"Rd\"");
        assertThat(n.roads().get(0).lengthM()).isCloseTo(1922, within(5.0)); // 0.02 deg of longitude at 30.275 N
        assertThat(n.segments()).hasSize(19);
        assertThatThrownBy(() -> GeoJsonNetwork.parse("{\"type\": \"Feature\"}")).isInstanceOf(IllegalArgumentException.class);
    }
}
