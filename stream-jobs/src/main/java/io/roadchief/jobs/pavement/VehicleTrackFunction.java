package io.roadchief.jobs.pavement;

import io.roadchief.ingest.telemetry.CameraCandidate;
import io.roadchief.ingest.telemetry.VehicleBatch;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Keyed by vehicle: buffers the vehicle's batches and camera candidates until the watermark passes them,
 * then feeds them to a {@link VehicleTracker} in device-time order, so the result does not depend on
 * arrival order (replays give the same passes and detections). Emits segment passes; detections go to
 * {@link #DETECTIONS}.
 */
public final class VehicleTrackFunction extends KeyedCoProcessFunction<String, VehicleBatch, CameraCandidate, SegmentPass> {
    public static final OutputTag<DefectDetection> DETECTIONS = new OutputTag<>("pavement-detections") {};
    public static final OutputTag<LaneCoverage> COVERAGE = new OutputTag<>("pavement-lane-coverage") {};

    private final PavementConfig cfg;
    private final NetworkSource networkSource;
    private transient VehicleTracker tracker;
    private transient ValueState<VehicleState> state;
    private transient MapState<Long, VehicleBatch> batches;
    private transient MapState<Long, List<CameraCandidate>> cameras;

    public VehicleTrackFunction(PavementConfig cfg, NetworkSource networkSource) {
        this.cfg = cfg;
        this.networkSource = networkSource;
    }

    @Override
    public void open(OpenContext ctx) throws Exception {
        tracker = new VehicleTracker(NetworkSource.cached(networkSource), cfg);
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("vehicle", VehicleState.class));
        batches = getRuntimeContext().getMapState(new MapStateDescriptor<>("batches", Types.LONG, TypeInformation.of(VehicleBatch.class)));
        cameras = getRuntimeContext().getMapState(new MapStateDescriptor<>("cameras", Types.LONG,
                Types.LIST(TypeInformation.of(CameraCandidate.class))));
    }

    @Override
    public void close() throws Exception {
        if (tracker != null) {
            LoggerFactory.getLogger(VehicleTrackFunction.class).info(
                    "pavement track subtask: {} late batches dropped by the operator, {} by order, {} late camera candidates, {} events suppressed at registered features",
                    lateDropped, tracker.lateBatches, lateCameras, tracker.suppressedEvents);
        }
        super.close();
    }

    private transient long lateDropped, lateCameras;

    @Override
    public void processElement1(VehicleBatch b, Context ctx, Collector<SegmentPass> out) throws Exception {
        long t = b.deviceTimeMs();
        if (t <= ctx.timerService().currentWatermark()) {
            lateDropped++;
            return;
        }
        batches.put(b.seq(), b);
        ctx.timerService().registerEventTimeTimer(t);
    }

    @Override
    public void processElement2(CameraCandidate c, Context ctx, Collector<SegmentPass> out) throws Exception {
        long t = c.timeMs();
        if (t <= ctx.timerService().currentWatermark()) {
            lateCameras++;
            return;
        }
        List<CameraCandidate> list = cameras.get(t);
        if (list == null) list = new ArrayList<>();
        list.add(c);
        cameras.put(t, list);
        ctx.timerService().registerEventTimeTimer(t);
    }

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<SegmentPass> out) throws Exception {
        VehicleState s = state.value();
        if (s == null) s = new VehicleState();
        // Everything due by now, in device-time order: batches by their time then sequence, cameras by time;
        // a camera at the same ms as a batch comes after it.
        record Item(long time, int kind, long order, Object value) {}
        List<Item> due = new ArrayList<>();
        List<Long> doneBatches = new ArrayList<>(), doneCams = new ArrayList<>();
        for (Map.Entry<Long, VehicleBatch> e : batches.entries()) {
            if (e.getValue().deviceTimeMs() <= ts) {
                due.add(new Item(e.getValue().deviceTimeMs(), 0, e.getKey(), e.getValue()));
                doneBatches.add(e.getKey());
            }
        }
        for (Map.Entry<Long, List<CameraCandidate>> e : cameras.entries()) {
            if (e.getKey() <= ts) {
                for (CameraCandidate c : e.getValue()) due.add(new Item(e.getKey(), 1, c.seq() * 1000 + c.index(), c));
                doneCams.add(e.getKey());
            }
        }
        for (Long k : doneBatches) batches.remove(k);
        for (Long k : doneCams) cameras.remove(k);
        due.sort(Comparator.comparingLong(Item::time).thenComparingInt(Item::kind).thenComparingLong(Item::order));
        VehicleTracker.Output o = new VehicleTracker.Output() {
            @Override public void pass(SegmentPass p) { out.collect(p); }

            @Override public void detection(DefectDetection d) { ctx.output(DETECTIONS, d); }

            @Override public void coverage(LaneCoverage c) { ctx.output(COVERAGE, c); }
        };
        for (Item it : due) {
            if (it.kind == 0) tracker.onBatch(s, (VehicleBatch) it.value, o);
            else tracker.onCamera(s, (CameraCandidate) it.value, o);
        }
        tracker.onIdle(s, ts, o);
        if (s.lastSampleMs != Long.MIN_VALUE && (s.pass != null || s.awaitingDetection != null || s.cameras.length > 0)) {
            ctx.timerService().registerEventTimeTimer(Math.max(ts + 1, s.lastSampleMs + cfg.passIdleGapMs));
        }
        state.update(s);
    }
}
