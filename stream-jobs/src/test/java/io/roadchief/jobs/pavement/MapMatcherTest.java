package io.roadchief.jobs.pavement;

import io.roadchief.ingest.telemetry.VehicleBatch;
import io.roadchief.simulator.vehicle.QuarterCarParameters;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MapMatcherTest {
    final PavementConfig cfg = PavementConfig.defaults();

    record Score(double onRoad, double chainageRmsM) {}

    Score drive(RoadNetwork net, double northM, String expectedRoad, double gpsRms, long seed) {
        MapMatcher m = new MapMatcher(net, cfg);
        MapMatcher.Track t = new MapMatcher.Track();
        List<VehicleBatch> batches = SyntheticRoads.drive("car", "patrol_car", QuarterCarParameters.PATROL_CAR, northM, 0, 990, 12,
                x -> 0, gpsRms, 0, seed);
        int fixes = 0, right = 0;
        double se = 0;
        for (VehicleBatch b : batches) {
            for (int i = 0; i < b.fixCount(); i++) {
                MapMatcher.Match r = m.update(t, b.fixTimeMs()[i], b.lat()[i], b.lon()[i], b.speedMs()[i], b.headingDeg()[i]);
                fixes++;
                if (r != null && r.road().def.roadId().equals(expectedRoad)) {
                    right++;
                    double trueX = 12 * b.fixTimeMs()[i] / 1000.0;
                    se += (r.chainageM() - trueX) * (r.chainageM() - trueX);
                }
            }
        }
        return new Score((double) right / fixes, Math.sqrt(se / Math.max(1, right)));
    }

    @Test
    void staysOnItsOwnRoadBesideAParallelRoad30mAway() {
        RoadNetwork net = SyntheticRoads.parallelRoads(List.of());
        for (long seed = 1; seed <= 5; seed++) {
            Score a = drive(net, 0, "WS", 8, seed), b = drive(net, 30, "WSF", 8, seed + 100);
            assertThat(a.onRoad()).as("seed %d on WS", seed).isGreaterThanOrEqualTo(0.98);
            assertThat(b.onRoad()).as("seed %d on WSF", seed).isGreaterThanOrEqualTo(0.98);
            // Along the road the position is as good as the (correlated) GPS error allows.
            assertThat(a.chainageRmsM()).isLessThan(10);
        }
    }

    @Test
    void nearestRoadAloneWouldSwitchButTheFilterDoesNot() {
        // A fix 17 m off the vehicle's road is nearer the parallel road; the vehicle stays.
        RoadNetwork net = SyntheticRoads.parallelRoads(List.of());
        MapMatcher m = new MapMatcher(net, cfg);
        MapMatcher.Track t = new MapMatcher.Track();
        for (int i = 0; i < 20; i++) m.update(t, i * 100L, SyntheticRoads.lat(1), SyntheticRoads.lon(100 + i * 1.2), 12, 90);
        MapMatcher.Match r = m.update(t, 2000, SyntheticRoads.lat(17), SyntheticRoads.lon(124), 12, 90);
        assertThat(r.road().def.roadId()).isEqualTo("WS");
        // ...but a vehicle that really moved over is followed after a few fixes.
        MapMatcher.Match last = null;
        for (int i = 1; i <= 10; i++) last = m.update(t, 2000 + i * 100L, SyntheticRoads.lat(30), SyntheticRoads.lon(124 + i * 1.2), 12, 90);
        assertThat(last.road().def.roadId()).isEqualTo("WSF");
    }

    @Test
    void rejectsSegmentsAcrossTheVehiclesHeadingAndMatchesBothDirections() {
        List<RoadNetwork.RoadDef> roads = new ArrayList<>();
        List<RoadNetwork.SegmentDef> segs = new ArrayList<>();
        SyntheticRoads.road("WS", "文三路", "Wensan Rd", 0, 10, roads, segs);
        // A north-south road crossing at x = 500.
        roads.add(new RoadNetwork.RoadDef("XX", "学院路", "Xueyuan Rd", "XH"));
        segs.add(new RoadNetwork.SegmentDef("XX.001", "XX", 1, "XH", 100,
                new double[][]{{SyntheticRoads.lon(500), SyntheticRoads.lat(-50)}, {SyntheticRoads.lon(500), SyntheticRoads.lat(50)}}));
        RoadNetwork net = RoadNetwork.of(roads, segs, List.of());
        MapMatcher m = new MapMatcher(net, cfg);
        MapMatcher.Track t = new MapMatcher.Track();
        // Heading east through the crossing, 2 m off the crossing road's line: always Wensan Rd.
        for (int i = 0; i < 10; i++) {
            MapMatcher.Match r = m.update(t, i * 100L, SyntheticRoads.lat(3), SyntheticRoads.lon(495 + i), 10, 90);
            assertThat(r.road().def.roadId()).isEqualTo("WS");
            assertThat(r.direction()).isEqualTo(1);
        }
        // Heading west on Wensan Rd: matched, direction -1.
        MapMatcher.Track w = new MapMatcher.Track();
        MapMatcher.Match r = m.update(w, 0, SyntheticRoads.lat(-2), SyntheticRoads.lon(300), 10, 270);
        assertThat(r.road().def.roadId()).isEqualTo("WS");
        assertThat(r.direction()).isEqualTo(-1);
        // Heading north at the crossing: the crossing road.
        MapMatcher.Track n = new MapMatcher.Track();
        assertThat(m.update(n, 0, SyntheticRoads.lat(20), SyntheticRoads.lon(501), 10, 2).road().def.roadId()).isEqualTo("XX");
    }
}
