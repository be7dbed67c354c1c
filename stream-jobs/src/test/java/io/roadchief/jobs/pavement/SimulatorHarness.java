package io.roadchief.jobs.pavement;

import io.roadchief.ingest.telemetry.CameraCandidate;
import io.roadchief.ingest.telemetry.TelemetryRecords;
import io.roadchief.ingest.telemetry.VehicleBatch;
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

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Test helper: a simulator world as the pavement pipeline sees it, and its traffic as decoded records. */
final class SimulatorHarness {
    private SimulatorHarness() {}

    record Traffic(List<VehicleBatch> batches, List<CameraCandidate> cameras) {}

    static NetworkSource networkSource(SimulatedWorld w) {
        List<RoadNetwork.RoadDef> roads = new ArrayList<>();
        List<RoadNetwork.SegmentDef> segs = new ArrayList<>();
        List<RoadNetwork.FeatureDef> feats = new ArrayList<>();
        WKTReader wkt = new WKTReader();
        for (Road r : w.network().roads()) {
            roads.add(new RoadNetwork.RoadDef(r.roadId(), r.nameZh(), r.nameEn(), r.districtCode()));
            for (RoadSegment s : r.segments()) {
                Coordinate[] cs;
                try {
                    cs = wkt.read(s.geometryWkt()).getCoordinates();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                double[][] ll = new double[cs.length][];
                for (int i = 0; i < cs.length; i++) ll[i] = new double[]{cs[i].x, cs[i].y};
                segs.add(new RoadNetwork.SegmentDef(s.segmentId(), s.roadId(), s.seqOnRoad(), s.districtCode(), s.lengthM(), ll));
            }
        }
        for (RegisteredFeature f : w.surface().features()) feats.add(new RoadNetwork.FeatureDef(f.segmentId(), f.kind(), f.lat(), f.lon()));
        return NetworkSource.of(roads, segs, feats);
    }

    /** All messages decoded, duplicates dropped (as ingest does), in broker-arrival order. */
    static Traffic traffic(Scenario s) {
        FleetSimulator sim = s.messages();
        List<VehicleBatch> batches = new ArrayList<>();
        List<CameraCandidate> cams = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (sim.hasNext()) {
            SimMessage m = sim.next();
            if (!seen.add(m.deviceId() + "/" + m.sequence())) continue;
            Envelope env;
            try {
                env = Envelope.parseFrom(m.payload());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            if (env.hasImu()) batches.add(TelemetryRecords.vehicleBatch(env, m.publishAtMs(), null));
            else if (env.hasDetections()) cams.addAll(TelemetryRecords.cameraCandidates(env, m.publishAtMs()));
        }
        return new Traffic(batches, cams);
    }

    /** Runs the per-vehicle logic without Flink, each vehicle's records in device-time order. */
    static void track(VehicleTracker tracker, Traffic t, VehicleTracker.Output out) {
        Map<String, List<Object[]>> perVehicle = new LinkedHashMap<>();
        for (VehicleBatch b : t.batches()) perVehicle.computeIfAbsent(b.deviceId(), k -> new ArrayList<>()).add(new Object[]{b.deviceTimeMs(), 0, b});
        for (CameraCandidate c : t.cameras()) perVehicle.computeIfAbsent(c.deviceId(), k -> new ArrayList<>()).add(new Object[]{c.timeMs(), 1, c});
        for (List<Object[]> items : perVehicle.values()) {
            items.sort(Comparator.<Object[]>comparingLong(o -> (Long) o[0]).thenComparingInt(o -> (Integer) o[1]));
            VehicleState s = new VehicleState();
            for (Object[] o : items) {
                long now = (Long) o[0];
                tracker.onIdle(s, now, out);
                if (o[2] instanceof VehicleBatch b) tracker.onBatch(s, b, out);
                else tracker.onCamera(s, (CameraCandidate) o[2], out);
            }
            tracker.finish(s, out);
        }
    }
}
