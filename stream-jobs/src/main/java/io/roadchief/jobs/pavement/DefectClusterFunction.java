package io.roadchief.jobs.pavement;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Keyed by road: clusters detections from all vehicles into defects along that road (so neighbouring
 * segments need no special handling) and opens tickets on confirmation. Detections wait in state until
 * the watermark passes their timestamp and are then applied in (time, device, detection time) order, which
 * makes defect and ticket ids and counts identical on every replay. Emits defect updates; the detections,
 * now carrying their defect id, go to {@link #CLUSTERED}.
 */
public final class DefectClusterFunction extends KeyedProcessFunction<String, DefectDetection, DefectUpdate> {
    public static final OutputTag<DefectDetection> CLUSTERED = new OutputTag<>("pavement-clustered-detections") {};

    private final PavementConfig cfg;
    private final NetworkSource networkSource;
    private transient DefectClusterer clusterer;
    private transient MapState<String, DefectCluster> defects;
    private transient MapState<Long, List<DefectDetection>> pending;

    public DefectClusterFunction(PavementConfig cfg, NetworkSource networkSource) {
        this.cfg = cfg;
        this.networkSource = networkSource;
    }

    @Override
    public void open(OpenContext ctx) throws Exception {
        clusterer = new DefectClusterer(NetworkSource.cached(networkSource), cfg);
        defects = getRuntimeContext().getMapState(new MapStateDescriptor<>("defects", Types.STRING, TypeInformation.of(DefectCluster.class)));
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending", Types.LONG,
                Types.LIST(TypeInformation.of(DefectDetection.class))));
    }

    @Override
    public void processElement(DefectDetection d, Context ctx, Collector<DefectUpdate> out) throws Exception {
        Long ts = ctx.timestamp();
        long t = ts == null ? d.detectedAtMs() : ts;
        List<DefectDetection> list = pending.get(t);
        if (list == null) list = new ArrayList<>();
        list.add(d);
        pending.put(t, list);
        ctx.timerService().registerEventTimeTimer(t);
    }

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<DefectUpdate> out) throws Exception {
        List<DefectDetection> due = new ArrayList<>();
        List<Long> done = new ArrayList<>();
        for (Map.Entry<Long, List<DefectDetection>> e : pending.entries()) {
            if (e.getKey() <= ts) {
                due.addAll(e.getValue());
                done.add(e.getKey());
            }
        }
        for (Long k : done) pending.remove(k);
        if (due.isEmpty()) return;
        due.sort(Comparator.comparingLong(DefectDetection::detectedAtMs).thenComparing(DefectDetection::deviceId)
                .thenComparingDouble(DefectDetection::chainageM));
        List<DefectCluster> clusters = new ArrayList<>();
        long expiry = ts - cfg.candidateExpiryDays * 86_400_000L;
        List<String> expired = new ArrayList<>();
        for (DefectCluster c : defects.values()) {
            // Unconfirmed one-off detections (a stone, a bad pass) are forgotten after a while; defects with tickets stay.
            if ("candidate".equals(c.status) && c.lastSeenMs < expiry) expired.add(c.defectId);
            else clusters.add(c);
        }
        for (String id : expired) defects.remove(id);
        clusters.sort(Comparator.comparing(c -> c.defectId));
        for (DefectDetection d : due) {
            DefectCluster c = clusterer.nearest(clusters, d.direction(), d.chainageM());
            if (c == null) {
                c = clusterer.found(d);
                clusters.add(c);
            }
            List<DefectCluster> before = new ArrayList<>(clusters);
            DefectUpdate u = clusterer.add(c, d, clusters);
            for (DefectCluster gone : before) {
                if (clusters.contains(gone)) continue;
                defects.remove(gone.defectId);
                out.collect(DefectUpdate.merged(gone, c.defectId));
            }
            defects.put(c.defectId, c);
            out.collect(u);
            ctx.output(CLUSTERED, d.withDefectId(c.defectId));
        }
    }
}
