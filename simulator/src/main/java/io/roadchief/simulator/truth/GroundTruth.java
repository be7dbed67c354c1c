package io.roadchief.simulator.truth;

import io.roadchief.simulator.network.Road;
import io.roadchief.simulator.network.RoadNetwork;
import io.roadchief.simulator.network.RoadSegment;
import io.roadchief.simulator.road.PlantedDefect;
import io.roadchief.simulator.road.ProfileSynthesizer;
import io.roadchief.simulator.road.RegisteredFeature;
import io.roadchief.simulator.road.RoadSurface;
import io.roadchief.simulator.road.RoughnessClass;
import io.roadchief.simulator.vehicle.VehicleSpec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What is really out there, for judging the pipeline: every planted defect, every registered
 * feature, every segment's true IRI (golden car over the true profile) and the simulated units.
 * Written as CSV files (defects.csv, features.csv, segments.csv, devices.csv) plus summary.json,
 * and read back with {@link #read(Path)}.
 */
public final class GroundTruth {
    public static final String DEFECTS = "defects.csv";
    public static final String FEATURES = "features.csv";
    public static final String SEGMENTS = "segments.csv";
    public static final String DEVICES = "devices.csv";
    public static final String SUMMARY = "summary.json";

    private final List<DefectTruth> defects;
    private final List<FeatureTruth> features;
    private final List<SegmentTruth> segments;
    private final List<DeviceTruth> devices;
    private final Map<String, SegmentTruth> bySegment = new LinkedHashMap<>();

    public GroundTruth(List<DefectTruth> defects, List<FeatureTruth> features, List<SegmentTruth> segments, List<DeviceTruth> devices) {
        this.defects = List.copyOf(defects);
        this.features = List.copyOf(features);
        this.segments = List.copyOf(segments);
        this.devices = List.copyOf(devices);
        for (SegmentTruth s : segments) bySegment.put(s.segmentId(), s);
    }

    public List<DefectTruth> defects() { return defects; }
    public List<FeatureTruth> features() { return features; }
    public List<SegmentTruth> segments() { return segments; }
    public List<DeviceTruth> devices() { return devices; }
    public SegmentTruth segment(String segmentId) { return bySegment.get(segmentId); }

    /** Computes the truth of a surface: golden-car IRI per segment and wheel path, defect and feature lists. */
    public static GroundTruth of(RoadSurface surface, List<VehicleSpec> vehicles) {
        RoadNetwork net = surface.network();
        GoldenCarIri golden = new GoldenCarIri(ProfileSynthesizer.DX);
        List<SegmentTruth> segs = new ArrayList<>();
        for (int r = 0; r < net.roads().size(); r++) {
            Road road = net.roads().get(r);
            float[] fwd = surface.trueProfile(r, 1, RoadSurface.wheelPath(1));
            float[] rev = surface.trueProfile(r, -1, RoadSurface.wheelPath(-1));
            float[] baseF = surface.baseProfile(r, 1), baseR = surface.baseProfile(r, -1);
            for (RoadSegment s : road.segments()) {
                int from = (int) Math.floor(s.startM() / ProfileSynthesizer.DX);
                int to = Math.min(fwd.length, (int) Math.ceil(s.endM() / ProfileSynthesizer.DX) + 1);
                // direction -1 drives the segment the other way round: reverse its samples
                double iF = golden.iri(fwd, from, to);
                double iR = golden.iri(reversed(rev, from, to), 0, to - from);
                double bF = golden.iri(baseF, from, to);
                double bR = golden.iri(reversed(baseR, from, to), 0, to - from);
                double gd = surface.gd(r, s.seqOnRoad());
                segs.add(new SegmentTruth(s.segmentId(), road.roadId(), s.seqOnRoad(), s.districtCode(), s.lengthM(),
                        gd, RoughnessClass.of(gd).name(), iF, iR, (iF + iR) / 2, (bF + bR) / 2));
            }
        }
        List<DefectTruth> defects = new ArrayList<>();
        for (PlantedDefect d : surface.defects()) {
            defects.add(new DefectTruth(d.defectId(), d.type().name(), d.severity().sqlName(), d.roadId(), d.segmentId(),
                    d.direction(), d.lat(), d.lon(), d.centreM(), d.lateralM(), d.lengthM(), d.widthM(), d.depthM()));
        }
        List<FeatureTruth> features = new ArrayList<>();
        for (RegisteredFeature f : surface.features()) {
            features.add(new FeatureTruth(f.featureId(), f.kind(), f.roadId(), f.segmentId(), f.lat(), f.lon(),
                    f.centreM(), f.lateralM(), f.lengthM(), f.widthM(), f.heightM()));
        }
        List<DeviceTruth> devs = new ArrayList<>();
        for (VehicleSpec v : vehicles) {
            devs.add(new DeviceTruth(v.deviceId(), VehicleSpec.sqlClass(v.vehicleClass()), v.sampleRateHz(), v.gpsRateHz(),
                    v.clockOffsetMs(), v.gpsErrorRmsM(), v.accBiasMs2(), v.accNoiseMs2(), v.camera()));
        }
        return new GroundTruth(defects, features, segs, devs);
    }

    private static float[] reversed(float[] p, int from, int to) {
        float[] out = new float[to - from];
        for (int i = 0; i < out.length; i++) out[i] = p[to - 1 - i];
        return out;
    }

    /** Writes the CSV files and summary.json into {@code dir} (created when missing). */
    public void write(Path dir, Map<String, Object> scenarioParameters) {
        try {
            Files.createDirectories(dir);
            try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(DEFECTS), StandardCharsets.UTF_8)) {
                w.write("defect_id,type,severity,road_id,segment_id,direction,lat,lon,centre_m,lateral_m,length_m,width_m,depth_m\n");
                for (DefectTruth d : defects) {
                    w.write(String.format(Locale.ROOT, "%s,%s,%s,%s,%s,%d,%.7f,%.7f,%.3f,%.3f,%.3f,%.3f,%.4f%n",
                            d.defectId(), d.type(), d.severity(), d.roadId(), d.segmentId(), d.direction(), d.lat(), d.lon(),
                            d.centreM(), d.lateralM(), d.lengthM(), d.widthM(), d.depthM()));
                }
            }
            try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(FEATURES), StandardCharsets.UTF_8)) {
                w.write("feature_id,kind,road_id,segment_id,lat,lon,centre_m,lateral_m,length_m,width_m,height_m\n");
                for (FeatureTruth f : features) {
                    w.write(String.format(Locale.ROOT, "%s,%s,%s,%s,%.7f,%.7f,%.3f,%.3f,%.3f,%.3f,%.4f%n",
                            f.featureId(), f.kind(), f.roadId(), f.segmentId(), f.lat(), f.lon(), f.centreM(), f.lateralM(),
                            f.lengthM(), f.widthM(), f.heightM()));
                }
            }
            try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(SEGMENTS), StandardCharsets.UTF_8)) {
                w.write("segment_id,road_id,seq_on_road,district_code,length_m,gd_m3,roughness_class,iri_forward,iri_reverse,iri,iri_base\n");
                for (SegmentTruth s : segments) {
                    w.write(String.format(Locale.ROOT, "%s,%s,%d,%s,%.3f,%.4e,%s,%.4f,%.4f,%.4f,%.4f%n",
                            s.segmentId(), s.roadId(), s.seqOnRoad(), s.districtCode(), s.lengthM(), s.gd(), s.roughnessClass(),
                            s.iriForward(), s.iriReverse(), s.iri(), s.iriBase()));
                }
            }
            try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(DEVICES), StandardCharsets.UTF_8)) {
                w.write("device_id,vehicle_class,sample_rate_hz,gps_rate_hz,clock_offset_ms,gps_error_rms_m,acc_bias_ms2,acc_noise_ms2,camera\n");
                for (DeviceTruth d : devices) {
                    w.write(String.format(Locale.ROOT, "%s,%s,%d,%d,%.1f,%.3f,%.4f,%.4f,%b%n", d.deviceId(), d.vehicleClass(),
                            d.sampleRateHz(), d.gpsRateHz(), d.clockOffsetMs(), d.gpsErrorRmsM(), d.accBiasMs2(), d.accNoiseMs2(), d.camera()));
                }
            }
            StringBuilder j = new StringBuilder("{\n");
            for (Map.Entry<String, Object> e : scenarioParameters.entrySet()) {
                Object v = e.getValue();
                String val = v instanceof Number || v instanceof Boolean ? String.valueOf(v) : "\"" + String.valueOf(v).replace("\"", "\\\"") + "\"";
                j.append("  \"").append(e.getKey()).append("\": ").append(val).append(",\n");
            }
            j.append(String.format(Locale.ROOT, "  \"defects\": %d,%n  \"features\": %d,%n  \"segments\": %d,%n  \"devices\": %d%n}%n",
                    defects.size(), features.size(), segments.size(), devices.size()));
            Files.writeString(dir.resolve(SUMMARY), j.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ground truth to " + dir, e);
        }
    }

    /** Reads what {@link #write} wrote. */
    public static GroundTruth read(Path dir) {
        try {
            List<DefectTruth> defects = new ArrayList<>();
            for (String[] c : rows(dir.resolve(DEFECTS))) {
                defects.add(new DefectTruth(c[0], c[1], c[2], c[3], c[4], Integer.parseInt(c[5]), d(c[6]), d(c[7]), d(c[8]),
                        d(c[9]), d(c[10]), d(c[11]), d(c[12])));
            }
            List<FeatureTruth> features = new ArrayList<>();
            for (String[] c : rows(dir.resolve(FEATURES))) {
                features.add(new FeatureTruth(c[0], c[1], c[2], c[3], d(c[4]), d(c[5]), d(c[6]), d(c[7]), d(c[8]), d(c[9]), d(c[10])));
            }
            List<SegmentTruth> segs = new ArrayList<>();
            for (String[] c : rows(dir.resolve(SEGMENTS))) {
                segs.add(new SegmentTruth(c[0], c[1], Integer.parseInt(c[2]), c[3], d(c[4]), d(c[5]), c[6], d(c[7]), d(c[8]),
                        d(c[9]), d(c[10])));
            }
            List<DeviceTruth> devs = new ArrayList<>();
            for (String[] c : rows(dir.resolve(DEVICES))) {
                devs.add(new DeviceTruth(c[0], c[1], Integer.parseInt(c[2]), Integer.parseInt(c[3]), d(c[4]), d(c[5]), d(c[6]),
                        d(c[7]), Boolean.parseBoolean(c[8])));
            }
            return new GroundTruth(defects, features, segs, devs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ground truth from " + dir, e);
        }
    }

    private static double d(String s) {
        return Double.parseDouble(s);
    }

    private static List<String[]> rows(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String[]> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) out.add(lines.get(i).split(",", -1));
        }
        return out;
    }
}
