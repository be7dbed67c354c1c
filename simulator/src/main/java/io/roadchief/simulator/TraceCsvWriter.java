package io.roadchief.simulator;

import io.roadchief.schema.AccelerationCodec;
import io.roadchief.schema.v1.Envelope;
import io.roadchief.schema.v1.GpsFix;
import io.roadchief.schema.v1.ImuBatch;
import com.google.protobuf.InvalidProtocolBufferException;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;

/**
 * Writes one unit's IMU stream as a recorded-trace CSV, the format the offline classifier reads from
 * other devices: {@code timestamp_ms,acc_z,lat,lon,speed} with acc_z in m/s^2 (gravity removed),
 * speed in m/s, and lat/lon/speed only on rows where a GPS fix was taken (empty otherwise).
 * Duplicated deliveries are skipped; rows come in device-time order as the unit recorded them.
 */
public final class TraceCsvWriter {
    public static final String HEADER = "timestamp_ms,acc_z,lat,lon,speed";

    private TraceCsvWriter() {}

    /** @return the number of acceleration rows written */
    public static long write(Iterator<SimMessage> stream, String deviceId, Path file) throws IOException {
        long rows = 0;
        double[] acc = new double[512];
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HEADER);
            w.newLine();
            while (stream.hasNext()) {
                SimMessage m = stream.next();
                if (m.duplicate() || !m.deviceId().equals(deviceId) || !m.topic().endsWith("/imu")) continue;
                ImuBatch b;
                try {
                    b = Envelope.parseFrom(m.payload()).getImu();
                } catch (InvalidProtocolBufferException e) {
                    throw new IOException("simulator produced an unreadable envelope", e);
                }
                acc = AccelerationCodec.accelerationMs2(b, acc);
                int n = b.getAccZDeltaCount();
                double period = 1000.0 / b.getSampleRateHz();
                int fix = 0;
                for (int i = 0; i < n; i++) {
                    double t = b.getFirstSampleTimeMs() + i * period;
                    w.write(String.format(Locale.ROOT, "%.1f,%.4f", t, acc[i]));
                    // a fix belongs to the first sample at or after its time
                    if (fix < b.getFixesCount() && b.getFixes(fix).getOffsetMs() <= i * period) {
                        GpsFix f = b.getFixes(fix++);
                        w.write(String.format(Locale.ROOT, ",%.7f,%.7f,%.2f", f.getLatE7() / 1e7, f.getLonE7() / 1e7, f.getSpeedCmS() / 100.0));
                    } else {
                        w.write(",,,");
                    }
                    w.newLine();
                    rows++;
                }
            }
        }
        return rows;
    }
}
