package io.roadchief.jobs.pavement;

import io.roadchief.simulator.Scenario;
import io.roadchief.simulator.SimulatedWorld;
import io.roadchief.simulator.truth.DefectTruth;
import io.roadchief.simulator.truth.FeatureTruth;
import io.roadchief.simulator.truth.SegmentTruth;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Calibration data for the IRI estimator and the defect classifier (not a test; run by hand): drives a
 * simulated fleet through VehicleTracker and DefectClusterer without Flink and writes passes, events,
 * detections, defects and truth as CSV under target/explore. Arguments: seed km passes (default 7 10 150).
 */
public class PavementCalibrationDump {
    public static void main(String[] args) throws Exception {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 7;
        int km = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 150;
        Scenario sc = Scenario.builder().seed(seed).km(km).defects(km * 4).vehicles(12).passes(passes).build();
        SimulatedWorld w = sc.world();
        PavementConfig cfg = PavementConfig.defaults();
        NetworkSource src = SimulatorHarness.networkSource(w);
        RoadNetwork net = src.load();
        VehicleTracker tr = new VehicleTracker(net, cfg);
        java.util.List<DefectDetection> all = new java.util.ArrayList<>();
        Path dir = Path.of("target/explore");
        Files.createDirectories(dir);
        try (PrintWriter passes_ = new PrintWriter(Files.newBufferedWriter(dir.resolve("passes.csv")));
             PrintWriter events = new PrintWriter(Files.newBufferedWriter(dir.resolve("events.csv")));
             PrintWriter dets = new PrintWriter(Files.newBufferedWriter(dir.resolve("detections.csv")))) {
            passes_.println("segment,device,cls,dir,speed,n,covered,rms,iri_est,truth_dir,truth,truth_base");
            events.println("device,cls,road,dir,chainage,speed,peakPos,peakNeg,dipFirst,durationS,lengthM,energy,lowShare,peaks,thr,suppressed,truth_type,truth_depth,truth_len,truth_dist,feature,feature_dist,localRms");
            dets.println("device,road,dir,chainage,type,severity,source,depth,truth_type,truth_depth,truth_dist");
            SimulatorHarness.track(tr, SimulatorHarness.traffic(sc), new VehicleTracker.Output() {
                @Override public void pass(SegmentPass p) {}

                @Override public void detection(DefectDetection d) {
                    all.add(d);
                    DefectTruth t = nearestDefect(w, d.roadId(), d.direction(), d.chainageM());
                    dets.printf(Locale.ROOT, "%s,%s,%d,%.1f,%s,%s,%s,%d,%s,%.3f,%.1f%n", d.deviceId(), d.roadId(), d.direction(), d.chainageM(),
                            d.defectType(), d.severity(), d.source(), d.depthMmEst(), t == null ? "" : t.type(), t == null ? 0 : t.depthM(),
                            t == null ? 999 : Math.abs(t.centreM() - d.chainageM()));
                }

                @Override public void closedPass(PassSamples p, SegmentPass sp) {
                    SegmentTruth t = w.truth().segment(p.segmentId);
                    double rms = IriEstimator.robustRms(p.acc, p.n, p.sampleRateHz);
                    passes_.printf(Locale.ROOT, "%s,%s,%s,%d,%.2f,%d,%.1f,%.4f,%s,%.3f,%.3f,%.3f%n", p.segmentId, sp.deviceId(), sp.vehicleClass(),
                            p.direction, p.meanSpeedMs(), p.n, p.coveredM(), rms, sp.iriMKm() == null ? "" : sp.iriMKm().toString(),
                            p.direction > 0 ? t.iriForward() : t.iriReverse(), t.iri(), t.iriBase());
                }

                @Override public void event(PassSamples p, AccEvent e, boolean suppressed) {
                    DefectTruth t = nearestDefect(w, p.roadId, p.direction, e.chainageM());
                    FeatureTruth f = nearestFeature(w, p.roadId, e.chainageM());
                    events.printf(Locale.ROOT, "%s,%s,%s,%d,%.1f,%.2f,%.3f,%.3f,%b,%.3f,%.2f,%.4f,%.3f,%d,%.3f,%b,%s,%.3f,%.2f,%.1f,%s,%.1f,%.3f%n",
                            "", p.vehicleClass, p.roadId, p.direction, e.chainageM(), e.speedMs(), e.peakPos(), e.peakNeg(), e.dipFirst(), e.durationS(),
                            e.lengthM(), e.energy(), e.lowFreqShare(), e.peaks(), e.threshold(), suppressed,
                            t == null ? "" : t.type(), t == null ? 0 : t.depthM(), t == null ? 0 : t.lengthM(),
                            t == null ? 999 : Math.abs(t.centreM() - e.chainageM()),
                            f == null ? "" : f.kind(), f == null ? 999 : Math.abs(f.centreM() - e.chainageM()), e.localRms());
                }
            });
        }
        try (PrintWriter truth = new PrintWriter(Files.newBufferedWriter(dir.resolve("truth.csv")))) {
            truth.println("id,type,severity,road,dir,centre,len,depth");
            for (DefectTruth t : w.truth().defects()) truth.printf(Locale.ROOT, "%s,%s,%s,%s,%d,%.1f,%.2f,%.3f%n", t.defectId(), t.type(), t.severity(), t.roadId(), t.direction(), t.centreM(), t.lengthM(), t.depthM());
        }
        all.sort(java.util.Comparator.comparingLong(DefectDetection::detectedAtMs).thenComparing(DefectDetection::deviceId));
        DefectClusterer cl = new DefectClusterer(net, cfg);
        java.util.Map<String, java.util.List<DefectCluster>> byRoad = new java.util.HashMap<>();
        java.util.Map<String, DefectUpdate> last = new java.util.LinkedHashMap<>();
        for (DefectDetection d : all) {
            java.util.List<DefectCluster> cs = byRoad.computeIfAbsent(d.roadId(), k -> new java.util.ArrayList<>());
            DefectCluster c = cl.nearest(cs, d.direction(), d.chainageM());
            if (c == null) { c = cl.found(d); cs.add(c); }
            last.put(c.defectId, cl.add(c, d));
        }
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(dir.resolve("defects.csv")))) {
            out.println("defect,road,dir,chainage,type,severity,status,dets,vehicles,ticket_sev,truth_id,truth_type,truth_sev,truth_depth,truth_dist,feature,feature_dist");
            for (java.util.Map.Entry<String, java.util.List<DefectCluster>> e : byRoad.entrySet()) for (DefectCluster c : e.getValue()) {
                DefectTruth t = nearestDefect(w, c.roadId, c.direction, c.chainageM);
                FeatureTruth f = nearestFeature(w, c.roadId, c.chainageM);
                out.printf(Locale.ROOT, "%s,%s,%d,%.1f,%s,%s,%s,%d,%d,%s,%s,%s,%s,%.3f,%.1f,%s,%.1f%n", c.defectId, c.roadId, c.direction, c.chainageM,
                        c.defectType, c.severity, c.status, c.detectionCount, c.vehicles.length, c.ticketSeverity,
                        t == null ? "" : t.defectId(), t == null ? "" : t.type(), t == null ? "" : t.severity(), t == null ? 0 : t.depthM(),
                        t == null ? 999 : Math.abs(t.centreM() - c.chainageM) - t.lengthM() / 2, f == null ? "" : f.kind(), f == null ? 999 : Math.abs(f.centreM() - c.chainageM));
            }
        }
        System.out.println("late=" + tr.lateBatches + " suppressed=" + tr.suppressedEvents + " off=" + tr.offNetworkSamples);
    }

    static DefectTruth nearestDefect(SimulatedWorld w, String road, int dir, double chainage) {
        DefectTruth best = null;
        double bd = 25;
        for (DefectTruth t : w.truth().defects()) {
            if (!t.roadId().equals(road) || t.direction() != dir) continue;
            double d = Math.abs(t.centreM() - chainage) - t.lengthM() / 2;
            if (d < bd) { bd = d; best = t; }
        }
        return best;
    }

    static FeatureTruth nearestFeature(SimulatedWorld w, String road, double chainage) {
        FeatureTruth best = null;
        double bd = 30;
        for (FeatureTruth t : w.truth().features()) {
            if (!t.roadId().equals(road)) continue;
            double d = Math.abs(t.centreM() - chainage);
            if (d < bd) { bd = d; best = t; }
        }
        return best;
    }
}
