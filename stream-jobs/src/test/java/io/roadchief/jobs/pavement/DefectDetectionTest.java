package io.roadchief.jobs.pavement;

import io.roadchief.ingest.telemetry.CameraCandidate;
import io.roadchief.ingest.telemetry.VehicleBatch;
import io.roadchief.simulator.road.ShapeKind;
import io.roadchief.simulator.road.SurfaceShape;
import io.roadchief.simulator.vehicle.QuarterCarParameters;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** Detection and classification of each defect type from a quarter car's body acceleration; registered features suppressed. */
class DefectDetectionTest {
    final PavementConfig cfg = PavementConfig.defaults();

    List<DefectDetection> detections(RoadNetwork net, SurfaceShape shape, QuarterCarParameters car, String cls, double kmh, long seed) {
        DoubleUnaryOperator road = SyntheticRoads.smoothRoad(seed, 0.3);
        DoubleUnaryOperator profile = x -> road.applyAsDouble(x) + shape.height(x);
        List<VehicleBatch> batches = SyntheticRoads.drive("v-" + seed, cls, car, 0, 5, 990, kmh / 3.6, profile, 3, 1_000_000, seed);
        List<DefectDetection> out = new ArrayList<>();
        for (Object o : SyntheticRoads.track(new VehicleTracker(net, cfg), batches)) if (o instanceof DefectDetection d) out.add(d);
        return out;
    }

    static SurfaceShape shape(ShapeKind kind, double start, double length, double magnitude) {
        return new SurfaceShape(kind, start, length, 0, Double.POSITIVE_INFINITY, magnitude, 1);
    }

    void assertDetectedAs(SurfaceShape s, String type) {
        RoadNetwork net = SyntheticRoads.parallelRoads(List.of());
        Object[][] cars = {{QuarterCarParameters.PATROL_CAR, "patrol_car"}, {QuarterCarParameters.BUS, "bus"},
                {QuarterCarParameters.SANITATION_TRUCK, "sanitation_truck"}};
        int right = 0, runs = 0;
        for (Object[] c : cars) {
            for (long seed = 1; seed <= 2; seed++) {
                runs++;
                List<DefectDetection> d = detections(net, s, (QuarterCarParameters) c[0], (String) c[1], 35, seed);
                DefectDetection near = d.stream().filter(x -> Math.abs(x.chainageM() - s.centreM()) < 12).findFirst().orElse(null);
                assertThat(near).as("%s detected by %s", s.kind(), c[1]).isNotNull();
                if (near.defectType().equals(type)) right++;
                // nothing else on a smooth road
                assertThat(d).as("false detections").allMatch(x -> Math.abs(x.chainageM() - s.centreM()) < 12);
            }
        }
        assertThat(right).as("%s typed as %s in %d of %d runs", s.kind(), type, right, runs).isGreaterThanOrEqualTo(runs - 1);
    }

    @Test
    void pothole() {
        assertDetectedAs(shape(ShapeKind.POTHOLE, 400, 0.8, -0.07), "pothole");
    }

    @Test
    void subsidence() {
        assertDetectedAs(shape(ShapeKind.SUBSIDENCE, 400, 4, -0.06), "subsidence");
    }

    @Test
    void bump() {
        assertDetectedAs(shape(ShapeKind.BUMP, 400, 2, 0.04), "bump");
    }

    @Test
    void raisedManholeCover() {
        assertDetectedAs(shape(ShapeKind.MANHOLE, 400, 0.7, 0.04), "manhole");
    }

    @Test
    void deepPotholeIsSevereAndShallowIsNot() {
        RoadNetwork net = SyntheticRoads.parallelRoads(List.of());
        DefectDetection deep = detections(net, shape(ShapeKind.POTHOLE, 400, 1.2, -0.11), QuarterCarParameters.PATROL_CAR, "patrol_car", 35, 3).get(0);
        DefectDetection shallow = detections(net, shape(ShapeKind.POTHOLE, 400, 1.2, -0.03), QuarterCarParameters.PATROL_CAR, "patrol_car", 35, 3).get(0);
        assertThat(deep.depthMmEst()).isLessThan(shallow.depthMmEst());
        assertThat(deep.severity()).isEqualTo("severe");
        assertThat(shallow.severity()).isNotEqualTo("severe");
    }

    @Test
    void crackAndRuttingComeFromTheCameraFusedOrAlone() {
        RoadNetwork net = SyntheticRoads.parallelRoads(List.of());
        VehicleTracker tracker = new VehicleTracker(net, cfg);
        DoubleUnaryOperator road = SyntheticRoads.smoothRoad(5, 0.3);
        SurfaceShape pothole = shape(ShapeKind.POTHOLE, 300, 0.8, -0.06);
        List<VehicleBatch> batches = SyntheticRoads.drive("cam", "patrol_car", QuarterCarParameters.PATROL_CAR, 0, 5, 990, 10,
                x -> road.applyAsDouble(x) + pothole.height(x), 3, 0, 5);
        List<Object> out = new ArrayList<>();
        VehicleState s = new VehicleState();
        VehicleTracker.Output o = new VehicleTracker.Output() {
            @Override public void pass(SegmentPass p) {}

            @Override public void detection(DefectDetection d) { out.add(d); }
        };
        for (VehicleBatch b : batches) {
            long t = b.firstSampleTimeMs();
            // the camera sees the pothole (calling it a pothole, 60 mm deep) ~8 m ahead, and a crack patch at x = 600
            if (t == 29_000) tracker.onCamera(s, new CameraCandidate("cam", 900, 0, 29_000, 0, SyntheticRoads.lat(-2),
                    SyntheticRoads.lon(300.4), "pothole", 0.9f, 800, 500, -60), o);
            if (t == 59_000) tracker.onCamera(s, new CameraCandidate("cam", 901, 0, 59_000, 0, SyntheticRoads.lat(-2),
                    SyntheticRoads.lon(600), "crack", 0.8f, 3000, 1500, 8), o);
            tracker.onBatch(s, b, o);
        }
        tracker.finish(s, o);
        DefectDetection fused = (DefectDetection) out.stream().filter(d -> ((DefectDetection) d).chainageM() < 320).findFirst().orElseThrow();
        assertThat(fused.source()).isEqualTo("fused");
        assertThat(fused.defectType()).isEqualTo("pothole");
        assertThat(fused.depthMmEst()).isEqualTo(-60);
        assertThat(fused.severity()).isEqualTo("severe");
        DefectDetection crack = (DefectDetection) out.stream().filter(d -> ((DefectDetection) d).defectType().equals("crack")).findFirst().orElseThrow();
        assertThat(crack.source()).isEqualTo("camera");
        assertThat(crack.chainageM()).isCloseTo(600, org.assertj.core.data.Offset.offset(3.0));
        assertThat(crack.severity()).isEqualTo("moderate");
    }

    @Test
    void registeredSpeedBumpIsSuppressedAndTheSameBumpUnregisteredIsNot() {
        SurfaceShape hump = shape(ShapeKind.SPEED_BUMP, 450, 0.4, 0.08);
        RoadNetwork bare = SyntheticRoads.parallelRoads(List.of());
        List<DefectDetection> seen = detections(bare, hump, QuarterCarParameters.BUS, "bus", 25, 4);
        assertThat(seen).anyMatch(d -> Math.abs(d.chainageM() - 450) < 12);
        RoadNetwork registered = SyntheticRoads.parallelRoads(List.of(
                new RoadNetwork.FeatureDef("WS.005", "speed_bump", SyntheticRoads.lat(-2), SyntheticRoads.lon(450.2))));
        for (long seed = 1; seed <= 4; seed++) {
            assertThat(detections(registered, hump, QuarterCarParameters.BUS, "bus", 25, seed)).isEmpty();
        }
        // A level manhole cover registered in segment_feature suppresses a defect-like event at its spot too.
        SurfaceShape cover = shape(ShapeKind.MANHOLE, 700, 0.7, 0.03);
        RoadNetwork withCover = SyntheticRoads.parallelRoads(List.of(
                new RoadNetwork.FeatureDef("WS.008", "manhole_cover", SyntheticRoads.lat(-2), SyntheticRoads.lon(700.35))));
        assertThat(detections(withCover, cover, QuarterCarParameters.PATROL_CAR, "patrol_car", 35, 2)).isEmpty();
    }
}
