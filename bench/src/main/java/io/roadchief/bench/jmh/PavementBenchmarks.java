package io.roadchief.bench.jmh;

import io.roadchief.ingest.telemetry.TelemetryRecords;
import io.roadchief.ingest.telemetry.VehicleBatch;
import io.roadchief.jobs.pavement.AccEvent;
import io.roadchief.jobs.pavement.DefectClassifier;
import io.roadchief.jobs.pavement.DefectDetection;
import io.roadchief.jobs.pavement.DefectDetector;
import io.roadchief.jobs.pavement.IriEstimator;
import io.roadchief.jobs.pavement.MapMatcher;
import io.roadchief.jobs.pavement.PassSamples;
import io.roadchief.jobs.pavement.PavementConfig;
import io.roadchief.jobs.pavement.RoadNetwork;
import io.roadchief.jobs.pavement.SegmentPass;
import io.roadchief.jobs.pavement.VehicleState;
import io.roadchief.jobs.pavement.VehicleTracker;
import io.roadchief.schema.v1.Envelope;
import io.roadchief.simulator.FleetSimulator;
import io.roadchief.simulator.Scenario;
import io.roadchief.simulator.SimMessage;
import io.roadchief.simulator.SimulatedWorld;
import io.roadchief.simulator.network.Road;
import io.roadchief.simulator.network.RoadSegment;
import io.roadchief.simulator.road.RegisteredFeature;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.io.WKTReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The pavement analytics' hot paths on simulated drives (the simulator's quarter-car fleet over a
 * generated network with planted defects): the whole per-batch step of a vehicle (map-match five fixes,
 * place and band-pass 100 samples, close passes: IRI, detection, classification), and its parts alone:
 * map-matching one fix, IRI of one closed pass, defect detection over one pass, classification of one event.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class PavementBenchmarks {
    private RoadNetwork network;
    private PavementConfig cfg;
    private List<VehicleBatch> drive;       // one vehicle's batches in device-time order
    private List<PassSamples> passes = new ArrayList<>();
    private List<AccEvent> events = new ArrayList<>();
    private VehicleTracker tracker;
    private VehicleState state;
    private MapMatcher matcher;
    private MapMatcher.Track track;
    private int batch, fix, pass, event;
    private final VehicleTracker.Output sink = new VehicleTracker.Output() {
        @Override public void pass(SegmentPass p) {}
        @Override public void detection(DefectDetection d) {}
    };

    @Setup(Level.Trial)
    public void setup() throws Exception {
        Scenario sc = Scenario.builder().seed(11).km(4).defects(16).vehicles(2).passes(8).build();
        SimulatedWorld world = sc.world();
        network = network(world);
        cfg = PavementConfig.defaults();
        drive = new ArrayList<>();
        FleetSimulator sim = sc.messages();
        Set<String> seen = new HashSet<>();
        String vehicle = null;
        while (sim.hasNext()) {
            SimMessage m = sim.next();
            if (!seen.add(m.deviceId() + "/" + m.sequence())) continue;
            Envelope env = Envelope.parseFrom(m.payload());
            if (!env.hasImu()) continue;
            if (vehicle == null) vehicle = m.deviceId();
            if (m.deviceId().equals(vehicle)) drive.add(TelemetryRecords.vehicleBatch(env, m.publishAtMs(), null));
        }
        drive.sort((a, b) -> Long.compare(a.deviceTimeMs(), b.deviceTimeMs()));
        // Collect closed passes and events of the drive for the per-part benchmarks.
        VehicleTracker collector = new VehicleTracker(network, cfg);
        VehicleState s = new VehicleState();
        VehicleTracker.Output capture = new VehicleTracker.Output() {
            @Override public void pass(SegmentPass p) {}
            @Override public void detection(DefectDetection d) {}
            @Override public void closedPass(PassSamples samples, SegmentPass p) { passes.add(samples); }
            @Override public void event(PassSamples samples, AccEvent e, boolean suppressed) { events.add(e); }
        };
        for (VehicleBatch b : drive) {
            collector.onIdle(s, b.deviceTimeMs(), capture);
            collector.onBatch(s, b, capture);
        }
        collector.finish(s, capture);
        if (drive.isEmpty() || passes.isEmpty()) throw new IllegalStateException("the simulated drive produced no passes");
        tracker = new VehicleTracker(network, cfg);
        state = new VehicleState();
        matcher = new MapMatcher(network, cfg);
        track = new MapMatcher.Track();
    }

    /** The whole per-vehicle pavement step for one batch (1 s of 100 Hz), including the pass closes it causes. */
    @Benchmark
    public void vehicleTrackerPerBatch() {
        if (batch == drive.size()) { // the drive starts over as a fresh vehicle
            batch = 0;
            state = new VehicleState();
        }
        VehicleBatch b = drive.get(batch++);
        tracker.onIdle(state, b.deviceTimeMs(), sink);
        tracker.onBatch(state, b, sink);
    }

    /** Map-matching one GPS fix (candidate search in the STRtree, Viterbi step, along-road filter). */
    @Benchmark
    public MapMatcher.Match mapMatchOneFix() {
        VehicleBatch b = drive.get(batch % drive.size());
        int k = fix++ % b.fixCount();
        if (k == b.fixCount() - 1) batch++;
        if (batch >= drive.size()) {
            batch = 0;
            track = new MapMatcher.Track();
        }
        return matcher.update(track, b.fixTimeMs()[k], b.lat()[k], b.lon()[k], b.speedMs()[k], b.headingDeg()[k]);
    }

    /** IRI estimate of one closed segment pass (~100 m, robust RMS + calibration). */
    @Benchmark
    public Double iriOfOnePass() {
        PassSamples p = passes.get(pass++ % passes.size());
        return IriEstimator.estimate(p, p.vehicleClass, 100.0, cfg);
    }

    /** Defect event detection over one closed pass. */
    @Benchmark
    public List<AccEvent> detectEventsInOnePass() {
        return DefectDetector.detect(passes.get(pass++ % passes.size()), cfg);
    }

    /** Classification (type, depth, length) of one acceleration event. */
    @Benchmark
    public void classifyOneEvent(Blackhole bh) {
        if (events.isEmpty()) return;
        bh.consume(DefectClassifier.classify(events.get(event++ % events.size()), "bus"));
    }

    /** The simulator's network as the pavement pipeline loads it from road_segment. */
    static RoadNetwork network(SimulatedWorld w) throws Exception {
        List<RoadNetwork.RoadDef> roads = new ArrayList<>();
        List<RoadNetwork.SegmentDef> segs = new ArrayList<>();
        List<RoadNetwork.FeatureDef> feats = new ArrayList<>();
        WKTReader wkt = new WKTReader();
        for (Road r : w.network().roads()) {
            roads.add(new RoadNetwork.RoadDef(r.roadId(), r.nameZh(), r.nameEn(), r.districtCode()));
            for (RoadSegment s : r.segments()) {
                Coordinate[] cs = wkt.read(s.geometryWkt()).getCoordinates();
                double[][] ll = new double[cs.length][];
                for (int i = 0; i < cs.length; i++) ll[i] = new double[] {cs[i].x, cs[i].y};
                segs.add(new RoadNetwork.SegmentDef(s.segmentId(), s.roadId(), s.seqOnRoad(), s.districtCode(), s.lengthM(), ll));
            }
        }
        for (RegisteredFeature f : w.surface().features()) feats.add(new RoadNetwork.FeatureDef(f.segmentId(), f.kind(), f.lat(), f.lon()));
        return RoadNetwork.of(roads, segs, feats);
    }
}
