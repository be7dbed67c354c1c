package io.roadchief.simulator;

import io.roadchief.simulator.network.GeoJsonNetwork;
import io.roadchief.simulator.network.NetworkGenerator;
import io.roadchief.simulator.network.RoadNetwork;
import io.roadchief.simulator.road.RoadSurface;
import io.roadchief.simulator.road.SurfacePlanter;
import io.roadchief.simulator.truth.GroundTruth;
import io.roadchief.simulator.vehicle.FleetSettings;
import io.roadchief.simulator.vehicle.VehicleSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything that defines a simulation run; the same scenario always yields the same world and the
 * same bytes. Build with {@link #builder()}, then {@link #world()} and {@link #messages()}.
 *
 * <pre>
 *   Scenario s = Scenario.builder().seed(7).km(50).defects(200).vehicles(30).passes(2000).build();
 *   SimulatedWorld w = s.world();          // network, surface, fleet, ground truth
 *   FleetSimulator it = s.messages();      // (topic, Envelope bytes, device time) in publish order
 * </pre>
 *
 * @param passes total passes over the fleet (split evenly, vehicle i keeps its own route); 0 = drive
 *               for {@code durationS} each
 */
public record Scenario(long seed, double km, int defects, int vehicles, int passes, double durationS,
                       double dropRate, double duplicateRate, double gpsErrorMinM, double gpsErrorMaxM,
                       boolean cameras, double cameraRecall, double cameraTypeAccuracy, double cameraFalsePerKm,
                       long startEpochMs, double centreLat, double centreLon, Path geoJson) {

    /** 2026-06-01 08:00 China Standard Time: a weekday morning. */
    public static final long DEFAULT_START_MS = Instant.parse("2026-06-01T00:00:00Z").toEpochMilli();

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The evaluation scenario of issue 4: 50 km of road, 200 planted defects, 2 000 passes by a fleet
     * of 30 (10 buses, 10 sanitation trucks, 10 patrol cars with cameras), seed 42.
     */
    public static Builder evaluationDefault() {
        return new Builder().seed(42).km(50).defects(200).vehicles(30).passes(2000);
    }

    /** Generates the world (takes a second or two for 50 km: the profiles and the truth IRI). */
    public SimulatedWorld world() {
        RoadNetwork net;
        if (geoJson != null) {
            try {
                net = GeoJsonNetwork.read(geoJson);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + geoJson, e);
            }
        } else {
            net = NetworkGenerator.generate(seed, km, centreLat, centreLon);
        }
        RoadSurface surface = SurfacePlanter.plant(net, seed, defects);
        List<VehicleSpec> fleet = new ArrayList<>();
        for (int i = 0; i < vehicles; i++) fleet.add(VehicleSpec.of(seed, i, gpsErrorMinM, gpsErrorMaxM, cameras));
        return new SimulatedWorld(net, surface, fleet, GroundTruth.of(surface, fleet));
    }

    /** The fleet's messages over a freshly generated world. */
    public FleetSimulator messages() {
        return new FleetSimulator(this, world());
    }

    /** Passes vehicle {@code i} drives: the total split evenly, the first ones getting the remainder. */
    public int passesOf(int i) {
        if (passes <= 0) return 0;
        return passes / vehicles + (i < passes % vehicles ? 1 : 0);
    }

    FleetSettings settingsFor(int i) {
        return new FleetSettings(startEpochMs, passesOf(i), durationS, dropRate, duplicateRate, cameraRecall,
                cameraTypeAccuracy, cameraFalsePerKm);
    }

    /** The parameters, for the truth summary. */
    public Map<String, Object> parameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", seed);
        m.put("km", km);
        m.put("defects_requested", defects);
        m.put("vehicles", vehicles);
        m.put("passes", passes);
        m.put("duration_s", durationS);
        m.put("drop_rate", dropRate);
        m.put("duplicate_rate", duplicateRate);
        m.put("gps_error_min_m", gpsErrorMinM);
        m.put("gps_error_max_m", gpsErrorMaxM);
        m.put("cameras", cameras);
        m.put("start", Instant.ofEpochMilli(startEpochMs).toString());
        m.put("centre_lat", centreLat);
        m.put("centre_lon", centreLon);
        if (geoJson != null) m.put("geojson", geoJson.toString());
        return m;
    }

    /** Writes the world's ground truth (and these parameters) to a directory. */
    public void writeTruth(SimulatedWorld world, Path dir) {
        world.truth().write(dir, parameters());
    }

    public static final class Builder {
        private long seed = 42;
        private double km = 5;
        private int defects = 20;
        private int vehicles = 3;
        private int passes = 0;
        private double durationS = 600;
        private double dropRate = 0.005;
        private double duplicateRate = 0.005;
        private double gpsMin = 3, gpsMax = 8;
        private boolean cameras = true;
        private double cameraRecall = 0.85, cameraTypeAccuracy = 0.85, cameraFalsePerKm = 0.2;
        private long start = DEFAULT_START_MS;
        private double lat = NetworkGenerator.HANGZHOU_XIHU_LAT, lon = NetworkGenerator.HANGZHOU_XIHU_LON;
        private Path geoJson;

        public Builder seed(long v) { seed = v; return this; }
        public Builder km(double v) { km = v; return this; }
        public Builder defects(int v) { defects = v; return this; }
        public Builder vehicles(int v) { vehicles = v; return this; }
        /** Total passes over the fleet; overrides duration. */
        public Builder passes(int v) { passes = v; return this; }
        /** Driving time per vehicle when passes is 0, s. */
        public Builder durationS(double v) { durationS = v; return this; }
        public Builder dropRate(double v) { dropRate = v; return this; }
        public Builder duplicateRate(double v) { duplicateRate = v; return this; }
        /** Range of per-unit RMS GPS error, m. */
        public Builder gpsError(double minM, double maxM) { gpsMin = minM; gpsMax = maxM; return this; }
        /** Whether patrol cars carry camera detectors. */
        public Builder cameras(boolean v) { cameras = v; return this; }
        public Builder camera(double recall, double typeAccuracy, double falsePerKm) {
            cameraRecall = recall; cameraTypeAccuracy = typeAccuracy; cameraFalsePerKm = falsePerKm; return this;
        }
        public Builder startEpochMs(long v) { start = v; return this; }
        public Builder centre(double latDeg, double lonDeg) { lat = latDeg; lon = lonDeg; return this; }
        /** Use the roads of a GeoJSON file instead of generating them (km and centre are then ignored). */
        public Builder geoJson(Path file) { geoJson = file; return this; }

        public Scenario build() {
            if (vehicles < 1) throw new IllegalArgumentException("vehicles must be >= 1");
            if (dropRate < 0 || dropRate >= 1 || duplicateRate < 0 || duplicateRate >= 1) throw new IllegalArgumentException("rates must be in [0, 1)");
            return new Scenario(seed, km, defects, vehicles, passes, durationS, dropRate, duplicateRate, gpsMin, gpsMax,
                    cameras, cameraRecall, cameraTypeAccuracy, cameraFalsePerKm, start, lat, lon, geoJson);
        }
    }
}
