package io.roadchief.ingest.telemetry;

import io.roadchief.schema.AccelerationCodec;
import io.roadchief.schema.v1.DetectionBatch;
import io.roadchief.schema.v1.DetectionCandidate;
import io.roadchief.schema.v1.Envelope;
import io.roadchief.schema.v1.GaugeReading;
import io.roadchief.schema.v1.GpsFix;
import io.roadchief.schema.v1.ImuBatch;
import io.roadchief.schema.v1.VehicleClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Converts accepted envelopes (wire units) into the records the jobs use (physical units). */
public final class TelemetryRecords {
    private TelemetryRecords() {}

    public static String vehicleClassCode(VehicleClass c) {
        return switch (c) {
            case BUS -> "bus";
            case SANITATION_TRUCK -> "sanitation_truck";
            case PATROL_CAR -> "patrol_car";
            default -> "unspecified";
        };
    }

    /** @param registeredClass the registry's class, which wins over the unit's own claim when set */
    public static VehicleBatch vehicleBatch(Envelope env, long receivedAtMs, String registeredClass) {
        ImuBatch b = env.getImu();
        int n = b.getAccZDeltaCount();
        float[] acc = new float[n];
        double scale = AccelerationCodec.lsbMicroG(b) * 1e-6 * AccelerationCodec.STANDARD_GRAVITY;
        int v = 0;
        for (int i = 0; i < n; i++) {
            v += b.getAccZDelta(i);
            acc[i] = (float) (v * scale);
        }
        int k = b.getFixesCount();
        long[] t = new long[k];
        double[] lat = new double[k], lon = new double[k];
        float[] speed = new float[k], heading = new float[k], accuracy = new float[k];
        for (int i = 0; i < k; i++) {
            GpsFix f = b.getFixes(i);
            t[i] = b.getFirstSampleTimeMs() + f.getOffsetMs();
            lat[i] = f.getLatE7() / 1e7;
            lon[i] = f.getLonE7() / 1e7;
            speed[i] = f.getSpeedCmS() / 100f;
            heading[i] = f.getHeadingCdeg() / 100f;
            accuracy[i] = f.getAccuracyDm() / 10f;
        }
        String cls = registeredClass != null && !registeredClass.isEmpty() ? registeredClass : vehicleClassCode(b.getVehicleClass());
        return new VehicleBatch(env.getDeviceId(), env.getSequence(), env.getDeviceTimeMs(), receivedAtMs, cls,
                b.getSampleRateHz(), b.getFirstSampleTimeMs(), acc, t, lat, lon, speed, heading, accuracy);
    }

    public static VehicleLanding vehicleLanding(Envelope env, long receivedAtMs, byte[] payload) {
        ImuBatch b = env.getImu();
        Double lat = null, lon = null;
        Float kmh = null;
        if (b.getFixesCount() > 0) {
            GpsFix f = b.getFixes(0);
            lat = f.getLatE7() / 1e7;
            lon = f.getLonE7() / 1e7;
            kmh = f.getSpeedCmS() * 0.036f;
        }
        return new VehicleLanding(env.getDeviceId(), env.getSequence(), env.getDeviceTimeMs(), receivedAtMs,
                b.getSampleRateHz(), b.getAccZDeltaCount(), b.getFixesCount(), lat, lon, kmh, payload);
    }

    public static GaugeObservation gaugeObservation(Envelope env, long receivedAtMs) {
        GaugeReading g = env.getGauge();
        return new GaugeObservation(env.getDeviceId(), env.getSequence(), env.getDeviceTimeMs(), receivedAtMs,
                g.getLevelMm(), g.hasRainfall0P1Mm() ? g.getRainfall0P1Mm() / 10f : null,
                g.hasBatteryMv() ? g.getBatteryMv() : null, g.getIntervalS());
    }

    public static List<CameraCandidate> cameraCandidates(Envelope env, long receivedAtMs) {
        DetectionBatch d = env.getDetections();
        List<CameraCandidate> out = new ArrayList<>(d.getCandidatesCount());
        for (int i = 0; i < d.getCandidatesCount(); i++) {
            DetectionCandidate c = d.getCandidates(i);
            out.add(new CameraCandidate(env.getDeviceId(), env.getSequence(), i, env.getDeviceTimeMs() + c.getOffsetMs(),
                    receivedAtMs, c.getLatE7() / 1e7, c.getLonE7() / 1e7, c.getType().name().toLowerCase(Locale.ROOT),
                    c.getConfidencePermille() / 1000f, c.getLengthMm(), c.getWidthMm(), c.getDepthMm()));
        }
        return out;
    }
}
