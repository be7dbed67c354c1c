package io.roadchief.jobs.water;

import io.roadchief.jobs.sink.JdbcTarget;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CSV and GeoJSON import into the real gauge table, with the defaults of WaterThresholds. */
class GaugeCatalogTest {

    @Test
    void csvAndGeoJsonImportIntoTheGaugeTableWithDefaults() throws Exception {
        String csv = """
                gauge_id,name_zh,name_en,kind,lat,lon,segment_id,district_code,interval_s,rim_mm,crown_mm,blue_mm,yellow_mm,orange_mm,red_mm
                WG-A,"文三路积水点01","Wensan Rd ponding point 01",road_ponding,30.2801,120.1302,,330106,60,,,,,,
                WG-B,天目山路雨水井01,"Tianmushan Rd drain 01, east",drain,30.2755,120.1201,,330106,,2100,800,,,,
                WG-C,自定义,custom,road_ponding,30.27,120.12,,,30,,,40,120,250,450
                """;
        String geojson = """
                {"type":"FeatureCollection","features":[
                 {"type":"Feature","geometry":{"type":"Point","coordinates":[120.15,30.29]},
                  "properties":{"gauge_id":"WG-D","name_zh":"延安路积水点01","name_en":"Yan'an Rd ponding point 01","kind":"road_ponding","interval_s":60}},
                 {"type":"Feature","geometry":{"type":"Point","coordinates":[120.16,30.30]},
                  "properties":{"gauge_id":"WG-A","name_zh":"文三路积水点01（改）","name_en":"Wensan Rd ponding point 01","kind":"road_ponding","red_mm":450}}]}
                """;
        Path dir = Files.createTempDirectory("gauge-catalog");
        Files.writeString(dir.resolve("gauges.csv"), csv, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("gauges.geojson"), geojson, StandardCharsets.UTF_8);

        JdbcTarget db = WaterPipelineStormTest.database("gauge_catalog");
        assertThat(GaugeCatalog.importFile(dir.resolve("gauges.csv"), db)).isEqualTo(3);
        assertThat(GaugeCatalog.importFile(dir.resolve("gauges.geojson"), db)).isEqualTo(2);
        Map<String, GaugeConfig> m = GaugeCatalog.load(db);
        assertThat(m).containsOnlyKeys("WG-A", "WG-B", "WG-C", "WG-D");
        GaugeConfig a = m.get("WG-A");
        assertThat(a.nameZh()).isEqualTo("文三路积水点01（改）"); // the later import updated it
        assertThat(List.of(a.blueMm(), a.yellowMm(), a.orangeMm(), a.redMm())).containsExactly(50, 150, 300, 450);
        assertThat(a.lat()).isEqualTo(30.30);
        GaugeConfig b = m.get("WG-B");
        assertThat(b.nameEn()).isEqualTo("Tianmushan Rd drain 01, east");
        assertThat(b.kind()).isEqualTo(GaugeKind.DRAIN);
        assertThat(List.of(b.blueMm(), b.yellowMm(), b.orangeMm(), b.redMm())).containsExactly(1500, 1800, 2000, 2100);
        assertThat(b.intervalS()).isEqualTo(60);
        assertThat(m.get("WG-C").blueMm()).isEqualTo(40);
        assertThat(m.get("WG-D").intervalS()).isEqualTo(60);

        assertThatThrownBy(() -> GaugeCatalog.parseCsv("gauge_id,kind,lat,lon\nD-9,drain,30.2,120.1\n"))
                .hasMessageContaining("rim_mm");
        assertThatThrownBy(() -> GaugeCatalog.parseCsv("gauge_id,kind,lat,lon,blue_mm,yellow_mm\nP-9,road_ponding,30.2,120.1,200,100\n"))
                .hasMessageContaining("thresholds must rise");
        try (Connection c = db.open()) {
            assertThat(GaugeCatalog.load(c)).hasSize(4);
        }
    }
}
