package io.roadchief.simulator;

import io.roadchief.local.Database;
import io.roadchief.local.TestServices;
import io.roadchief.schema.SchemaMigrations;
import io.roadchief.simulator.network.NetworkLoader;
import io.roadchief.simulator.network.RoadSegment;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NetworkLoaderTest {
    @Test
    void loadsTheRegistryIdempotently() throws Exception {
        Database db = TestServices.freshDatabase("sim_loader");
        SchemaMigrations.migrate(db.jdbcUrl(), db.user(), db.password());
        SimulatedWorld world = Scenario.builder().seed(2).km(12).defects(10).vehicles(5).build().world();
        try (Connection c = db.connect()) {
            world.loadInto(c);
            Map<String, Long> first = counts(c);
            NetworkLoader.Counts again = world.loadInto(c);
            assertThat(counts(c)).isEqualTo(first);
            assertThat(again.features()).isZero();
            assertThat(first.get("district")).isEqualTo(world.network().districts().size());
            assertThat(first.get("road")).isEqualTo(world.network().roads().size());
            assertThat(first.get("road_segment")).isEqualTo(world.network().segments().size());
            assertThat(first.get("segment_feature")).isEqualTo(world.surface().features().size());
            assertThat(first.get("device")).isEqualTo(5L);
            assertThat(first.get("speed_bumps")).isPositive();

            // geometry: valid WGS-84 WKT, inside its bbox, ~100 m long
            WKTReader wkt = new WKTReader();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT segment_id, geometry_wkt, min_lat, max_lat, min_lon, max_lon, length_m FROM road_segment")) {
                while (rs.next()) {
                    Geometry g = wkt.read(rs.getString(2));
                    assertThat(g.getEnvelopeInternal().getMinY()).isGreaterThanOrEqualTo(rs.getDouble(3) - 1e-7);
                    assertThat(g.getEnvelopeInternal().getMaxY()).isLessThanOrEqualTo(rs.getDouble(4) + 1e-7);
                    assertThat(g.getEnvelopeInternal().getMinX()).isGreaterThanOrEqualTo(rs.getDouble(5) - 1e-7);
                    assertThat(rs.getDouble(7)).isBetween(66.0, 150.0);
                    assertThat(rs.getString(1)).matches("[A-Z]+-\\d{4}\\.\\d{3}");
                }
            }
        }
    }

    @Test
    void networkHasNamedRoadsInTwoDistrictsAndAParallelPair() {
        SimulatedWorld world = Scenario.builder().seed(2).km(50).defects(0).vehicles(1).build().world();
        assertThat(world.network().totalLengthM()).isBetween(49_000.0, 53_000.0);
        assertThat(world.network().roads()).extracting(r -> r.nameZh()).contains("文三路", "文三路辅路", "教工路", "天目山路");
        assertThat(world.network().segments()).extracting(RoadSegment::districtCode).contains("XH", "GS");
        // 文三路 and its service road: 30-40 m apart all along
        var ws = world.network().road("WS-0001");
        var wsf = world.network().road("WSF-0001");
        double[] p = new double[2], q = new double[2];
        for (double s = 100; s < Math.min(ws.lengthM(), wsf.lengthM()) - 100; s += 250) {
            ws.pointAt(s, 0, p);
            double best = Double.MAX_VALUE;
            for (double t = 0; t < wsf.lengthM(); t += 1) {
                wsf.pointAt(t, 0, q);
                best = Math.min(best, Math.hypot(p[0] - q[0], p[1] - q[1]));
            }
            assertThat(best).isBetween(30.0, 40.0);
        }
    }

    private static Map<String, Long> counts(Connection c) throws Exception {
        Map<String, Long> m = new LinkedHashMap<>();
        try (Statement s = c.createStatement()) {
            for (String t : new String[] {"district", "road", "road_segment", "segment_feature", "device"}) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + t)) {
                    rs.next();
                    m.put(t, rs.getLong(1));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM segment_feature WHERE kind = 'speed_bump'")) {
                rs.next();
                m.put("speed_bumps", rs.getLong(1));
            }
        }
        return m;
    }
}
