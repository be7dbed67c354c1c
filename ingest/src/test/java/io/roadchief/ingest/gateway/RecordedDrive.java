package io.roadchief.ingest.gateway;

import io.roadchief.schema.AccelerationCodec;

import java.time.Instant;
import java.util.Locale;
import java.util.Random;

/**
 * A recorded drive as a phone or a retrofit logger writes it: a bus at 36 km/h heading east on a Hangzhou
 * street (inside the pipeline's default service area), raw accelerometer (gravity included) with body bounce, engine vibration, sensor noise and one
 * pothole, GPS once per second. Keeps the true values so tests compare against the physics, not against
 * the code under test.
 */
final class RecordedDrive {
    /** The drive started two hours ago (whole second): recent enough for the pipeline's age limit. */
    static final long T0_MS = (System.currentTimeMillis() / 1000) * 1000 - 2 * 3600_000L;
    static final double LAT0 = 30.2741, LON0 = 120.1551;
    static final double SPEED_MS = 10.0;
    static final double POTHOLE_AT_S = 12.3;

    enum TimeStyle { ISO, EPOCH_MS, EPOCH_S }

    final int rateHz;
    final int seconds;
    final long[] tMs;
    /** True vertical acceleration without gravity, m/s^2. */
    final double[] accNoGravity;
    /** The CSV text. */
    final String csv;
    /** Bad rows written into the CSV in addition to the samples. */
    final int badRows;

    RecordedDrive(int rateHz, int seconds, TimeStyle style, boolean speedKmh, boolean accInG, int badRowsEvery) {
        this.rateHz = rateHz;
        this.seconds = seconds;
        int n = rateHz * seconds;
        tMs = new long[n];
        accNoGravity = new double[n];
        Random noise = new Random(42);
        StringBuilder sb = new StringBuilder("timestamp,lat,lon,speed,acc_z\n");
        int bad = 0;
        for (int i = 0; i < n; i++) {
            double t = (double) i / rateHz;
            tMs[i] = T0_MS + Math.round(t * 1000);
            double a = 0.35 * Math.sin(2 * Math.PI * 1.4 * t)        // body bounce
                    + 0.15 * Math.sin(2 * Math.PI * 23 * t)          // engine
                    + 0.05 * noise.nextGaussian();                   // sensor noise
            double sincePothole = t - POTHOLE_AT_S;
            if (sincePothole >= 0 && sincePothole < 0.5) {            // wheel drops in, body rings down
                a += -7.5 * Math.exp(-sincePothole * 9) * Math.cos(2 * Math.PI * 9 * sincePothole);
            }
            accNoGravity[i] = a;
            double raw = a + AccelerationCodec.STANDARD_GRAVITY;
            String acc = accInG ? fmt(raw / AccelerationCodec.STANDARD_GRAVITY, 6) : fmt(raw, 5);
            sb.append(time(tMs[i], style)).append(',');
            if (i % rateHz == 0) {
                double[] ll = position(tMs[i]);
                sb.append(fmt(ll[0], 7)).append(',').append(fmt(ll[1], 7)).append(',')
                        .append(speedKmh ? fmt(SPEED_MS * 3.6, 2) : fmt(SPEED_MS, 2));
            } else {
                sb.append(",,");
            }
            sb.append(',').append(acc).append('\n');
            if (badRowsEvery > 0 && i % badRowsEvery == badRowsEvery / 2 && i + 1 < n) {
                // a logger glitch between two samples: unreadable value, same time as the sample before
                sb.append(time(tMs[i], style)).append(",,,,#ERR\n");
                bad++;
            }
        }
        this.csv = sb.toString();
        this.badRows = bad;
    }

    /** Where the bus is at a time: due east at SPEED_MS. */
    static double[] position(long tMs) {
        double metres = (tMs - T0_MS) / 1000.0 * SPEED_MS;
        double lon = LON0 + Math.toDegrees(metres / (6_371_008.8 * Math.cos(Math.toRadians(LAT0))));
        return new double[] {LAT0, lon};
    }

    private static String time(long ms, TimeStyle style) {
        return switch (style) {
            case ISO -> Instant.ofEpochMilli(ms).toString();
            case EPOCH_MS -> Long.toString(ms);
            case EPOCH_S -> String.format(Locale.ROOT, "%.3f", ms / 1000.0);
        };
    }

    private static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
