package io.roadchief.jobs.pavement;

import io.roadchief.ingest.telemetry.VehicleBatch;
import io.roadchief.simulator.road.ShapeKind;
import io.roadchief.simulator.road.SurfaceShape;
import io.roadchief.simulator.vehicle.QuarterCarParameters;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** Offline window-by-window classification of a recorded trace, with and without GPS speed. */
class TraceWindowsTest {
    static List<VehicleBatch> trace(boolean withGps) {
        DoubleUnaryOperator road = SyntheticRoads.smoothRoad(3, 0.3);
        SurfaceShape hole = new SurfaceShape(ShapeKind.POTHOLE, 200, 0.9, 0, Double.POSITIVE_INFINITY, -0.08, 1);
        // 10 m/s: the pothole is reached 19.5 s after the start (x0 = 5)
        List<VehicleBatch> b = SyntheticRoads.drive("t", "patrol_car", QuarterCarParameters.PATROL_CAR, 0, 5, 400, 10,
                x -> road.applyAsDouble(x) + hole.height(x), 3, 0, 3);
        if (withGps) return b;
        List<VehicleBatch> out = new ArrayList<>();
        for (VehicleBatch v : b) out.add(new VehicleBatch(v.deviceId(), v.seq(), v.deviceTimeMs(), v.receivedAtMs(), v.vehicleClass(),
                v.sampleRateHz(), v.firstSampleTimeMs(), v.accZ(), new long[0], new double[0], new double[0], new float[0],
                new float[0], new float[0]));
        return out;
    }

    @Test
    void findsThePotholeInItsWindowAndCallsTheRestSmooth() {
        List<TraceWindows.Window> ws = TraceWindows.classify(trace(true), 5, "patrol_car", PavementConfig.defaults());
        assertThat(ws).hasSizeGreaterThanOrEqualTo(7);
        int withEvents = 0;
        for (TraceWindows.Window w : ws) {
            assertThat(w.speedKmh()).isCloseTo(36, org.assertj.core.data.Offset.offset(0.5));
            if (w.samples() >= 400) assertThat(w.iriMKm()).isNotNull().isLessThan(4);
            if (!w.events().isEmpty()) {
                withEvents++;
                assertThat(w.startMs()).isLessThanOrEqualTo(19_500).isGreaterThan(14_000);
                assertThat(w.events().get(0).type()).isEqualTo("pothole");
            }
        }
        assertThat(withEvents).isEqualTo(1);
    }

    @Test
    void withoutGpsStillFindsTheEventButEstimatesNoIri() {
        List<TraceWindows.Window> ws = TraceWindows.classify(trace(false), 5, "patrol_car", PavementConfig.defaults());
        assertThat(ws).allMatch(w -> w.iriMKm() == null && Double.isNaN(w.speedKmh()));
        assertThat(ws.stream().flatMap(w -> w.events().stream()).map(TraceWindows.Event::type).toList()).containsExactly("pothole");
    }
}
