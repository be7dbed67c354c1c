package io.roadchief.simulator.vehicle;

import io.roadchief.schema.AccelerationCodec;
import io.roadchief.schema.Topics;
import io.roadchief.schema.v1.DefectType;
import io.roadchief.schema.v1.DetectionBatch;
import io.roadchief.schema.v1.DetectionCandidate;
import io.roadchief.schema.v1.Envelope;
import io.roadchief.schema.v1.GpsFix;
import io.roadchief.schema.v1.ImuBatch;
import io.roadchief.simulator.Seeds;
import io.roadchief.simulator.SimMessage;
import io.roadchief.simulator.network.LocalProjection;
import io.roadchief.simulator.network.Road;
import io.roadchief.simulator.network.RoadNetwork;
import io.roadchief.simulator.road.PlantedDefect;
import io.roadchief.simulator.road.RegisteredFeature;
import io.roadchief.simulator.road.RoadSurface;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * One vehicle unit driving passes over the network and publishing what its sensors see, one ImuBatch
 * per second (plus camera DetectionBatches when it has a camera), lazily: {@link #peek()} / {@link #next()}
 * give its messages in broker-arrival order.
 *
 * <p>Per pass: a road, a direction and a stretch of it; a driver who varies speed, stops at lights and
 * (bus) stops, and slows for speed bumps; a quarter car integrated at >= 500 Hz over the true surface
 * under its right wheel; an accelerometer averaging (anti-alias) and sampling the body acceleration
 * with noise, bias and engine vibration; a GPS whose error is a Gauss-Markov random walk. Between
 * passes the unit is off the mapped network for 30-180 s and sends nothing. Each concern has its own
 * random stream, so e.g. changing the drop rate does not change the acceleration samples.
 */
public final class VehicleRun {
    /** Quarter-car integration rate, at least: exact ZOH steps; 2 ms is 3 cm of road at 60 km/h, below the profile spacing. */
    private static final double INTERNAL_RATE_HZ = 500;
    private static final double MIN_PASS_M = 600;

    private final VehicleSpec spec;
    private final RoadSurface surface;
    private final RoadNetwork network;
    private final LocalProjection projection;
    private final FleetSettings settings;
    private final SplittableRandom route, driver, acc, gps, msg, cam;
    private final long seed;
    private final QuarterCar car;
    private final int substeps;
    private final double dt;
    private final String imuTopic, detTopic;

    // buffers reused batch after batch
    private final int[] counts;
    private final int[] fixOffset = new int[16];
    private final double[] fixLat = new double[16], fixLon = new double[16], fixSpeed = new double[16], fixHeading = new double[16];
    private final double[] pt = new double[2];

    // progress
    private int passesDone;
    private double t; // true seconds since settings.startEpochMs
    private final double shiftStart;
    private boolean inPass, finished;
    private long seq;
    private final PriorityQueue<SimMessage> pending = new PriorityQueue<>(
            Comparator.comparingLong(SimMessage::publishAtMs).thenComparingLong(SimMessage::sequence));
    private long lastPublishMs = Long.MIN_VALUE;

    // pass state
    private int roadIdx, dir;
    private Road road;
    private double sStart, passLen, traveled, v, target, nextTargetChange, lateral, wanderPhase, wanderLen;
    private double[] cPos = new double[0], cVmax = new double[0], cDwell = new double[0];
    private int cIdx;
    private double dwell;
    private double lastHeading;
    private double accelRate, brakeRate;
    private final GpsErrorModel gpsError;
    private double nextFixT;
    // camera: things ahead in this pass, in travel distance order
    private final List<CameraTarget> camTargets = new ArrayList<>();
    private int camIdx;
    private final List<DetectionCandidate> camOut = new ArrayList<>();

    private record CameraTarget(double pos, DefectType type, double lat, double lon, double x, double y,
                                double lengthM, double widthM, double depthM, boolean real, double recall) {}

    public VehicleRun(VehicleSpec spec, RoadSurface surface, FleetSettings settings, long seed) {
        this.spec = spec;
        this.surface = surface;
        this.network = surface.network();
        this.projection = network.projection();
        this.settings = settings;
        int i = spec.index();
        this.seed = seed;
        route = Seeds.random(seed, "route", i);
        driver = Seeds.random(seed, "driver", i);
        acc = Seeds.random(seed, "accelerometer", i);
        gps = Seeds.random(seed, "gps", i);
        msg = Seeds.random(seed, "messages", i);
        cam = Seeds.random(seed, "camera", i);
        substeps = Math.max(1, (int) Math.ceil(INTERNAL_RATE_HZ / spec.sampleRateHz()));
        dt = 1.0 / spec.sampleRateHz() / substeps;
        car = new QuarterCar(spec.quarterCar(), dt);
        counts = new int[spec.sampleRateHz()];
        imuTopic = Topics.vehicleImu(spec.deviceId());
        detTopic = Topics.vehicleDetections(spec.deviceId());
        // units start their shifts at different times in the first ten minutes
        t = Seeds.uniform(route, 0, 600);
        shiftStart = t;
        gpsError = new GpsErrorModel(spec.gpsErrorRmsM(), spec.gpsTauS(), Seeds.random(seed, "gps-error", i));
    }

    public VehicleSpec spec() { return spec; }

    /** The next message in publish order without consuming it, or null when the unit is done. */
    public SimMessage peek() {
        while (!finished && (pending.isEmpty() || pending.peek().publishAtMs() > lastPublishMs)) generate();
        return pending.peek();
    }

    public SimMessage next() {
        SimMessage m = peek();
        if (m != null) pending.poll();
        return m;
    }

    private boolean done() {
        return settings.passes() > 0 ? passesDone >= settings.passes() : t >= shiftStart + settings.durationS();
    }

    private long deviceMs(double trueS) {
        return settings.startEpochMs() + Math.round(trueS * 1000 + spec.clockOffsetMs() + trueS * spec.clockDriftPpm() * 1e-3);
    }

    private void generate() {
        if (!inPass) {
            if (done()) {
                finished = true;
                lastPublishMs = Long.MAX_VALUE;
                return;
            }
            startPass();
        }
        batch();
    }

    private void startPass() {
        List<Road> roads = network.roads();
        // buses keep to a route of three roads; other units roam
        if (spec.vehicleClass() == io.roadchief.schema.v1.VehicleClass.BUS) {
            int k = (int) ((Seeds.of(seed, "bus-route", spec.index() * 3L + passesDone % 3) >>> 33) % roads.size());
            roadIdx = k;
            route.nextInt(); // keep the draw count the same per pass
        } else {
            roadIdx = route.nextInt(roads.size());
        }
        road = roads.get(roadIdx);
        dir = route.nextBoolean() ? 1 : -1;
        double len = road.lengthM();
        double a = 0, b = len;
        if (len > MIN_PASS_M * 1.5 && route.nextDouble() < 0.5) {
            double l = Seeds.uniform(route, MIN_PASS_M, len);
            a = Seeds.uniform(route, 0, len - l);
            b = a + l;
        } else {
            route.nextDouble();
            route.nextDouble();
        }
        sStart = dir > 0 ? a : b;
        passLen = b - a;
        traveled = 0;
        double minV = spec.cruiseMinKmh() / 3.6, maxV = spec.cruiseMaxKmh() / 3.6;
        target = Seeds.uniform(driver, minV, maxV);
        v = target * Seeds.uniform(driver, 0.3, 1.0);
        nextTargetChange = t + Seeds.uniform(driver, 10, 30);
        accelRate = Seeds.uniform(driver, 0.8, 1.5);
        brakeRate = Seeds.uniform(driver, 1.0, 1.8);
        lateral = RoadSurface.wheelPath(dir) + 0.12 * Seeds.gaussian(driver);
        wanderPhase = Seeds.uniform(driver, 0, 2 * Math.PI);
        wanderLen = Seeds.uniform(driver, 60, 150);
        dwell = 0;
        buildConstraints();
        buildCameraTargets();
        double s = position();
        car.settle(surface.wheelInput(roadIdx, dir, s, lateral));
        lastHeading = heading();
        nextFixT = t;
        inPass = true;
    }

    /** Lights, bus stops and speed bumps ahead, as (position, max speed, dwell) in travel distance. */
    private void buildConstraints() {
        List<double[]> c = new ArrayList<>();
        double p = Seeds.uniform(driver, 150, 600);
        boolean bus = spec.vehicleClass() == io.roadchief.schema.v1.VehicleClass.BUS;
        while (p < passLen - 20) {
            boolean stop = driver.nextDouble() < (bus ? 0.7 : 0.4);
            double dw = Seeds.uniform(driver, 5, 40);
            if (stop) c.add(new double[] {p, 0, dw});
            p += Seeds.uniform(driver, 300, 900);
        }
        for (RegisteredFeature f : surface.features()) {
            if (!f.roadId().equals(road.roadId()) || !f.kind().equals("speed_bump")) continue;
            double pos = travelOf(f.centreM());
            if (pos < 0 || pos > passLen) continue;
            // most drivers slow to 12-22 km/h; some do not bother
            if (driver.nextDouble() < 0.85) c.add(new double[] {pos, Seeds.uniform(driver, 12, 22) / 3.6, 0});
        }
        c.sort(Comparator.comparingDouble(x -> x[0]));
        cPos = new double[c.size()];
        cVmax = new double[c.size()];
        cDwell = new double[c.size()];
        for (int i = 0; i < c.size(); i++) {
            cPos[i] = c.get(i)[0];
            cVmax[i] = c.get(i)[1];
            cDwell[i] = c.get(i)[2];
        }
        cIdx = 0;
    }

    private double travelOf(double s) {
        return dir > 0 ? s - sStart : sStart - s;
    }

    private double position() {
        return sStart + dir * traveled;
    }

    private double heading() {
        double h = road.headingDeg(position());
        if (dir < 0) h = (h + 180) % 360;
        return h;
    }

    private void buildCameraTargets() {
        camTargets.clear();
        camIdx = 0;
        if (!spec.camera()) return;
        for (PlantedDefect d : surface.defects()) {
            if (!d.roadId().equals(road.roadId()) || d.direction() != dir) continue;
            double pos = travelOf(d.centreM());
            if (pos < 0 || pos > passLen) continue;
            road.pointAt(d.centreM(), d.lateralM(), pt);
            // small, shallow things are harder to see
            double recall = settings.cameraRecall();
            if (Math.abs(d.depthM()) < 0.03 || d.type() == DefectType.RUTTING) recall *= 0.75;
            camTargets.add(new CameraTarget(pos, d.type(), d.lat(), d.lon(), pt[0], pt[1], d.lengthM(), d.widthM(), d.depthM(), true, recall));
        }
        for (RegisteredFeature f : surface.features()) {
            if (!f.roadId().equals(road.roadId())) continue;
            if (f.kind().equals("expansion_joint")) continue;
            if (f.kind().equals("manhole_cover") && Math.signum(f.lateralM()) != Math.signum(RoadSurface.laneCentre(dir))) continue;
            double pos = travelOf(f.centreM());
            if (pos < 0 || pos > passLen) continue;
            road.pointAt(f.centreM(), f.lateralM(), pt);
            // the detector sometimes mistakes a speed bump for a bump, a level cover for a manhole defect
            DefectType ty = f.kind().equals("speed_bump") ? DefectType.BUMP : DefectType.MANHOLE;
            camTargets.add(new CameraTarget(pos, ty, f.lat(), f.lon(), pt[0], pt[1], f.lengthM(), Math.min(f.widthM(), 3.5), f.heightM(), false, 0.3));
        }
        camTargets.sort(Comparator.comparingDouble(CameraTarget::pos));
    }

    /** One driver/vehicle step of dt: speed control, position. Returns false when the pass ends. */
    private boolean drive() {
        if (dwell > 0) {
            dwell -= dt;
            v = 0;
            if (dwell <= 0) cIdx++;
            return true;
        }
        if (t >= nextTargetChange) {
            double minV = spec.cruiseMinKmh() / 3.6, maxV = spec.cruiseMaxKmh() / 3.6;
            target = Math.max(minV, Math.min(maxV, target + Seeds.uniform(driver, -8, 8) / 3.6));
            nextTargetChange = t + Seeds.uniform(driver, 10, 30);
        }
        double allowed = target;
        while (cIdx < cPos.length) {
            double dist = cPos[cIdx] - traveled;
            if (cDwell[cIdx] > 0 && dist <= 0.5 && v < 1.0) {
                dwell = cDwell[cIdx];
                v = 0;
                return true;
            }
            if (dist < -2.0) { cIdx++; continue; }
            allowed = Math.min(allowed, Math.sqrt(cVmax[cIdx] * cVmax[cIdx] + 2 * brakeRate * Math.max(0, dist)));
            if (cDwell[cIdx] > 0 && dist <= 0.5) allowed = Math.min(allowed, 0.3);
            break;
        }
        if (v < allowed) v = Math.min(allowed, v + accelRate * dt);
        else v = Math.max(allowed, v - 3.0 * dt);
        traveled += v * dt;
        return traveled < passLen;
    }

    private void batch() {
        int n = spec.sampleRateHz();
        double tStart = t;
        double scale = 1e6 / spec.accLsbUg() / AccelerationCodec.STANDARD_GRAVITY;
        int fixes = 0;
        int samples = n;
        boolean ended = false;
        double dtFix = 1.0 / spec.gpsRateHz();
        double meters0 = traveled;
        for (int j = 0; j < n; j++) {
            double tSample = t;
            if (tSample >= nextFixT - 1e-9 && fixes < fixOffset.length) {
                fix(fixes++, tSample, tStart, dtFix);
                nextFixT += dtFix;
            }
            double sum = 0;
            // the wheel wanders slowly across the lane (tens of metres): once per sample is enough
            double lat = lateral + 0.1 * Math.sin(2 * Math.PI * traveled / wanderLen + wanderPhase);
            for (int k = 0; k < substeps; k++) {
                if (!drive()) ended = true;
                double s = position();
                car.step(surface.wheelInput(roadIdx, dir, s, lat));
                sum += car.sprungAcceleration();
                t += dt;
                if (ended) break;
            }
            double a = sum / substeps + spec.accBiasMs2() + spec.accNoiseMs2() * Seeds.gaussian(acc)
                    + spec.engineAmpMs2() * Math.sin(2 * Math.PI * spec.engineHz() * tSample);
            counts[j] = (int) Math.round(a * scale);
            if (ended) {
                samples = j + 1;
                break;
            }
        }
        if (ended) {
            inPass = false;
            passesDone++;
        }
        if (spec.camera()) camera(tStart, traveled - meters0);
        long first = deviceMs(tStart);
        ImuBatch.Builder imu = ImuBatch.newBuilder()
                .setSampleRateHz(spec.sampleRateHz())
                .setFirstSampleTimeMs(first)
                .setAccLsbUg(spec.accLsbUg())
                .setVehicleClass(spec.vehicleClass());
        int prev = 0;
        for (int j = 0; j < samples; j++) {
            imu.addAccZDelta(counts[j] - prev);
            prev = counts[j];
        }
        for (int f = 0; f < fixes; f++) {
            imu.addFixes(GpsFix.newBuilder()
                    .setOffsetMs(fixOffset[f])
                    .setLatE7((int) Math.round(fixLat[f] * 1e7))
                    .setLonE7((int) Math.round(fixLon[f] * 1e7))
                    .setSpeedCmS((int) Math.round(fixSpeed[f] * 100))
                    .setHeadingCdeg((int) Math.round(fixHeading[f] * 100) % 36000)
                    .setAccuracyDm((int) Math.round(spec.gpsErrorRmsM() * 10)));
        }
        long deviceTime = deviceMs(t);
        emit(imuTopic, Envelope.newBuilder().setDeviceId(spec.deviceId()).setSequence(++seq).setDeviceTimeMs(deviceTime)
                .setImu(imu).build(), deviceTime);
        if (!camOut.isEmpty()) {
            DetectionBatch.Builder db = DetectionBatch.newBuilder();
            db.addAllCandidates(camOut);
            camOut.clear();
            emit(detTopic, Envelope.newBuilder().setDeviceId(spec.deviceId()).setSequence(++seq).setDeviceTimeMs(deviceTime)
                    .setDetections(db).build(), deviceTime);
        }
        if (ended) {
            // off the mapped network for a while before the next pass
            t += Seeds.uniform(route, 30, 180);
            nextFixT = t;
        }
    }

    private void fix(int f, double tFix, double tBatchStart, double dtFix) {
        gpsError.step(dtFix);
        road.pointAt(position(), RoadSurface.laneCentre(dir), pt);
        fixLat[f] = projection.lat(pt[1] + gpsError.northM());
        fixLon[f] = projection.lon(pt[0] + gpsError.eastM());
        fixSpeed[f] = Math.max(0, v + 0.1 * Seeds.gaussian(gps));
        if (v > 1.0) lastHeading = (heading() + 1.5 * Seeds.gaussian(gps) + 360) % 360;
        else Seeds.gaussian(gps);
        fixHeading[f] = lastHeading;
        fixOffset[f] = (int) (deviceMs(tFix) - deviceMs(tBatchStart));
    }

    /** Camera candidates for the things passed in this batch, plus false positives. */
    private void camera(double tStart, double meters) {
        while (camIdx < camTargets.size() && camTargets.get(camIdx).pos() <= traveled + 8) {
            CameraTarget c = camTargets.get(camIdx++);
            double u = cam.nextDouble();
            if (u >= c.recall()) continue;
            DefectType type = c.type();
            boolean right = cam.nextDouble() < settings.cameraTypeAccuracy();
            if (!right) type = io.roadchief.simulator.road.SurfacePlanter.TYPES[cam.nextInt(6)];
            int conf = c.real() ? (int) Seeds.uniform(cam, right ? 600 : 400, right ? 950 : 700) : (int) Seeds.uniform(cam, 300, 650);
            // seen when it was ~8 m ahead, earlier in this batch
            int offset = (int) -Math.min(1000, Math.max(0, (traveled + 8 - c.pos()) / Math.max(v, 1.0) * 1000));
            candidate(offset, c.x(), c.y(), type, conf, c.lengthM(), c.widthM(), c.depthM());
        }
        // false positives: about cameraFalsePerKm per km (one Bernoulli draw per ~1 s batch)
        if (cam.nextDouble() < meters / 1000.0 * settings.cameraFalsePerKm()) {
            double s = position() + dir * Seeds.uniform(cam, 5, 15);
            s = Math.max(0, Math.min(road.lengthM(), s));
            road.pointAt(s, RoadSurface.wheelPath(dir) + Seeds.uniform(cam, -1, 1), pt);
            DefectType type = io.roadchief.simulator.road.SurfacePlanter.TYPES[cam.nextInt(6)];
            candidate(-(int) Seeds.uniform(cam, 0, 1000), pt[0], pt[1], type, (int) Seeds.uniform(cam, 300, 650),
                    Seeds.uniform(cam, 0.2, 2), Seeds.uniform(cam, 0.2, 1.5), 0);
        }
    }

    private void candidate(int offsetMs, double x, double y, DefectType type, int conf, double len, double width, double depth) {
        // position from the unit's own GPS (so it shares the GPS error) plus the detector's own error
        double ex = gpsError.eastM() + 1.0 * Seeds.gaussian(cam);
        double ey = gpsError.northM() + 1.0 * Seeds.gaussian(cam);
        camOut.add(DetectionCandidate.newBuilder()
                .setOffsetMs(offsetMs)
                .setLatE7((int) Math.round(projection.lat(y + ey) * 1e7))
                .setLonE7((int) Math.round(projection.lon(x + ex) * 1e7))
                .setType(type)
                .setConfidencePermille(conf)
                .setLengthMm((int) Math.round(len * 1000 * Seeds.uniform(cam, 0.8, 1.2)))
                .setWidthMm((int) Math.round(width * 1000 * Seeds.uniform(cam, 0.8, 1.2)))
                .setDepthMm((int) Math.round(depth * 1000 * Seeds.uniform(cam, 0.6, 1.4)))
                .build());
    }

    private void emit(String topic, Envelope env, long deviceTime) {
        byte[] bytes = env.toByteArray();
        double uDrop = msg.nextDouble(), uDup = msg.nextDouble();
        long delay = (long) Seeds.uniform(msg, 200, 5000);
        long jitter = (long) (msg.nextDouble() * 50);
        long at = settings.startEpochMs() + Math.round(t * 1000) + spec.latencyMs() + jitter;
        at = Math.max(at, lastPublishMs == Long.MIN_VALUE ? at : lastPublishMs);
        lastPublishMs = at;
        if (uDrop < settings.dropRate()) return;
        pending.add(new SimMessage(topic, bytes, spec.deviceId(), env.getSequence(), deviceTime, at, false));
        if (uDup < settings.duplicateRate()) {
            pending.add(new SimMessage(topic, bytes, spec.deviceId(), env.getSequence(), deviceTime, at + delay, true));
        }
    }
}
