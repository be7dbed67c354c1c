package io.roadchief.ingest.gateway;

import io.roadchief.ingest.validation.IngestRules;
import io.roadchief.schema.AccelerationCodec;
import io.roadchief.schema.v1.Envelope;
import io.roadchief.schema.v1.GpsFix;
import io.roadchief.schema.v1.ImuBatch;
import io.roadchief.schema.v1.VehicleClass;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a recorded drive (CSV) into the ImuBatch envelopes a live vehicle unit would have published,
 * so that an uploaded trace takes exactly the live path through the pipeline. No HTTP in here: the
 * pavement tools reuse it to classify recorded traces offline.
 *
 * <h2>Input</h2>
 * A header row naming the columns (any order, case-insensitive, extra columns ignored):
 * <ul>
 *   <li>{@code timestamp} (required): ISO-8601 ({@code 2026-06-01T08:00:00.010Z}; no offset means UTC) or
 *       epoch milliseconds or epoch seconds (decimals allowed). {@link TimeFormat#AUTO} tells them apart by
 *       the first row: ISO when it has a '-' or ':' after the first character, else ms when the number is at
 *       least 1e11 (year 1973 in ms, year 5138 in s), else seconds.</li>
 *   <li>{@code acc_z} (required): vertical acceleration, positive up. Unit {@link AccUnit#MS2} (default) or
 *       {@link AccUnit#G}. Gravity {@link Gravity#AUTO} (default) subtracts 1 g when the trace's median is
 *       within 0.25 g of +1 g (a raw accelerometer), keeps it when the median is within 0.25 g of 0 (already
 *       removed), and refuses the trace otherwise (say which explicitly).</li>
 *   <li>{@code lat}, {@code lon} (optional, WGS-84 degrees), {@code speed} (optional, m/s by default or km/h with
 *       {@link SpeedUnit#KMH}): filled on rows with a GPS fix, empty between fixes. A fix without speed gets the
 *       speed between it and the previous fix. A row with a fix and an empty acc_z is a fix-only row.</li>
 * </ul>
 * The sample rate is 1000 / median interval between acceleration rows, and must be at least
 * {@link #MIN_SAMPLE_RATE_HZ} (50 Hz). Faster traces are averaged down in groups of k consecutive samples
 * to at most {@link #MAX_SAMPLE_RATE_HZ} (400 Hz, what the pipeline accepts from a unit); k is chosen to
 * divide the recorded rate where possible (1000 Hz becomes 250 Hz), and the box average doubles as the
 * anti-alias filter (at 50 Hz it keeps about 94 % of the amplitude when going from 1000 to 250 Hz).
 *
 * <h2>Output</h2>
 * One ImuBatch per second of samples ({@code sample_rate_hz} samples), cut early at a gap longer than 1.5
 * sample intervals because a batch claims evenly spaced samples. Acceleration is delta-encoded counts of
 * 1 mg ({@link AccelerationCodec}). Each fix goes to the batch whose time span holds it (a fix more than
 * {@value #MAX_FIX_DISTANCE_MS} ms from any sample, e.g. in a stretch logged without acceleration, is dropped
 * and counted, as a live unit would never send it); its heading is the course from the previous fix.
 *
 * <h2>Sequence numbers</h2>
 * {@code sequence} = the batch's first sample time in whole epoch seconds, raised to the previous batch's + 1
 * where two batches start within the same second (after a gap). Deterministic, so uploading the same trace
 * again yields the same (device, sequence) keys and the pipeline drops the copies. Seconds rather than
 * milliseconds because consecutive batches then differ by about 1, as a unit's counter does, so the
 * pipeline's per-device de-duplication window (16384 sequence numbers) spans 4.5 h of trace, not 16 s.
 * They are ~1.8e9, far above any unit's own counter, so they never collide with live messages.
 *
 * <h2>Bad rows</h2>
 * A row that cannot be read (bad timestamp or number, time going backwards, half a fix, lat/lon out of range)
 * is skipped and counted; the first {@value #MAX_REPORTED_BAD_ROWS} are reported with line number and reason.
 * Only a trace that is unusable as a whole throws {@link TraceFormatException}.
 */
public final class TraceCsvReader {
    /** The accelerometer rates the pipeline accepts; the one place is IngestRules. */
    public static final int MIN_SAMPLE_RATE_HZ = IngestRules.defaults().minSampleRateHz();
    public static final int MAX_SAMPLE_RATE_HZ = IngestRules.defaults().maxSampleRateHz();
    /** A fix further than this from the batch's first or last sample is not sent. */
    public static final int MAX_FIX_DISTANCE_MS = 1000;
    public static final int MAX_REPORTED_BAD_ROWS = 20;
    /** A gap longer than this many sample intervals ends the batch. */
    private static final double GAP_FACTOR = 1.5;
    /** How near (in g) the median acc_z must be to 1 g or 0 for {@link Gravity#AUTO} to decide. */
    private static final double GRAVITY_AUTO_TOLERANCE_G = 0.25;
    /** Fixes closer than this give no usable course; the previous heading is kept. */
    private static final double MIN_COURSE_DISTANCE_M = 1.0;
    private static final double EARTH_RADIUS_M = 6_371_008.8;
    private static final int LSB_UG = AccelerationCodec.DEFAULT_LSB_UG;

    public enum SpeedUnit { MS, KMH }
    public enum AccUnit { MS2, G }
    public enum Gravity { AUTO, INCLUDED, REMOVED }
    public enum TimeFormat { AUTO, ISO, EPOCH_MS, EPOCH_S }

    /** How to read the columns. {@code maxRows} bounds the data rows (TooManyRowsException above). */
    public record Options(SpeedUnit speedUnit, AccUnit accUnit, Gravity gravity, TimeFormat timeFormat, int maxRows) {
        public static Options defaults() {
            return new Options(SpeedUnit.MS, AccUnit.MS2, Gravity.AUTO, TimeFormat.AUTO, Integer.MAX_VALUE);
        }

        /**
         * Options from their textual names (as the HTTP query parameters give them); null or blank means the
         * default. Throws IllegalArgumentException naming the accepted values.
         *
         * @param speedUnit "ms" | "kmh"
         * @param accUnit   "ms2" | "g"
         * @param gravity   "auto" | "included" | "removed"
         * @param time      "auto" | "iso" | "ms" | "s"
         */
        public static Options parse(String speedUnit, String accUnit, String gravity, String time, int maxRows) {
            return new Options(
                    pick("unit", speedUnit, Map.of("ms", SpeedUnit.MS, "m/s", SpeedUnit.MS, "kmh", SpeedUnit.KMH, "km/h", SpeedUnit.KMH), SpeedUnit.MS),
                    pick("acc_unit", accUnit, Map.of("ms2", AccUnit.MS2, "m/s2", AccUnit.MS2, "g", AccUnit.G), AccUnit.MS2),
                    pick("gravity", gravity, Map.of("auto", Gravity.AUTO, "included", Gravity.INCLUDED, "removed", Gravity.REMOVED), Gravity.AUTO),
                    pick("time", time, Map.of("auto", TimeFormat.AUTO, "iso", TimeFormat.ISO, "ms", TimeFormat.EPOCH_MS, "s", TimeFormat.EPOCH_S), TimeFormat.AUTO),
                    maxRows);
        }

        private static <T> T pick(String name, String value, Map<String, T> choices, T dflt) {
            if (value == null || value.isBlank()) return dflt;
            T t = choices.get(value.trim().toLowerCase(Locale.ROOT));
            if (t == null) throw new IllegalArgumentException(name + "=" + value + " is not one of " + new java.util.TreeSet<>(choices.keySet()));
            return t;
        }
    }

    public record BadRow(long line, String reason) {}

    /**
     * The converted trace.
     *
     * @param envelopes        ImuBatch envelopes in time order
     * @param dataRows         rows after the header (blank lines not counted)
     * @param samples          acceleration samples read (before any averaging down)
     * @param fixes            GPS fixes sent
     * @param droppedFixes     GPS fixes read but not sent: no acceleration within {@value #MAX_FIX_DISTANCE_MS} ms
     * @param badRows          rows skipped
     * @param firstBadRows     the first of them, with reasons
     * @param recordedRateHz   sample rate of the trace, from its timestamps
     * @param sampleRateHz     sample rate of the envelopes (lower than recorded above {@link #MAX_SAMPLE_RATE_HZ})
     * @param gravitySubtracted whether 1 g was taken off acc_z
     */
    public record Trace(List<Envelope> envelopes, long dataRows, int samples, int fixes, int droppedFixes, long badRows,
                        List<BadRow> firstBadRows, int recordedRateHz, int sampleRateHz, boolean gravitySubtracted) {}

    /** The trace as a whole is unusable (no header, too few samples, sample rate too low, ...). */
    public static class TraceFormatException extends Exception {
        public TraceFormatException(String message) { super(message); }
    }

    /** More data rows than {@link Options#maxRows()}. */
    public static final class TooManyRowsException extends TraceFormatException {
        public TooManyRowsException(String message) { super(message); }
    }

    private final Options options;

    public TraceCsvReader(Options options) {
        this.options = options;
    }

    /** Reads the whole CSV and returns the envelopes {@code deviceId} would have published. */
    public Trace read(Reader csv, String deviceId, VehicleClass vehicleClass) throws IOException, TraceFormatException {
        BufferedReader in = csv instanceof BufferedReader b ? b : new BufferedReader(csv, 1 << 16);
        Columns cols = readHeader(in);
        Samples s = new Samples();
        List<BadRow> bad = new ArrayList<>();
        long badCount = 0;
        long dataRows = 0;
        long lineNo = 1;
        String line;
        TimeFormat timeFormat = options.timeFormat();
        double lastRowT = Double.NEGATIVE_INFINITY;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) continue;
            if (++dataRows > options.maxRows()) {
                throw new TooManyRowsException("trace has more than " + options.maxRows() + " rows");
            }
            String[] f = splitCsv(line);
            try {
                String ts = field(f, cols.timestamp);
                if (ts.isEmpty()) throw new BadRowException("timestamp empty");
                if (timeFormat == TimeFormat.AUTO) timeFormat = detectTimeFormat(ts);
                double t = parseTime(ts, timeFormat);
                if (t < lastRowT) throw new BadRowException("timestamp " + ts + " is before the previous row's");
                String latS = field(f, cols.lat), lonS = field(f, cols.lon);
                boolean hasFix = !latS.isEmpty() || !lonS.isEmpty();
                double lat = Double.NaN, lon = Double.NaN, speed = Double.NaN;
                if (hasFix) {
                    if (latS.isEmpty() || lonS.isEmpty()) throw new BadRowException("lat and lon must both be set or both empty");
                    lat = number(latS, "lat");
                    lon = number(lonS, "lon");
                    if (Math.abs(lat) > 90 || Math.abs(lon) > 180) throw new BadRowException("lat/lon " + latS + "," + lonS + " out of range");
                    String sp = field(f, cols.speed);
                    if (!sp.isEmpty()) {
                        speed = number(sp, "speed");
                        if (speed < 0) throw new BadRowException("speed " + sp + " negative");
                        if (options.speedUnit() == SpeedUnit.KMH) speed /= 3.6;
                    }
                }
                String accS = field(f, cols.accZ);
                double acc = Double.NaN;
                if (accS.isEmpty()) {
                    if (!hasFix) throw new BadRowException("acc_z empty on a row without a GPS fix");
                } else {
                    acc = number(accS, "acc_z");
                    if (options.accUnit() == AccUnit.G) acc *= AccelerationCodec.STANDARD_GRAVITY;
                    if (s.n > 0 && t <= s.t[s.n - 1]) throw new BadRowException("timestamp " + ts + " repeats the previous sample's");
                }
                // the row is good: commit it
                if (!Double.isNaN(acc)) s.addSample(t, acc);
                if (hasFix) s.addFix(t, lat, lon, speed);
                lastRowT = t;
            } catch (BadRowException e) {
                badCount++;
                if (bad.size() < MAX_REPORTED_BAD_ROWS) bad.add(new BadRow(lineNo, e.getMessage()));
            }
        }
        if (s.n < 2) throw new TraceFormatException("trace has " + s.n + " usable acc_z samples; at least 2 are needed"
                + (badCount > 0 ? " (" + badCount + " bad rows, first: line " + bad.get(0).line() + ": " + bad.get(0).reason() + ")" : ""));
        int recordedRate = sampleRate(s);
        double gravityMs2 = gravityOffset(s);
        int factor = decimationFactor(recordedRate);
        Samples out = factor == 1 ? s : decimate(s, recordedRate, factor);
        int rate = factor == 1 ? recordedRate : (int) Math.round((double) recordedRate / factor);
        int[] sentFixes = new int[1];
        List<Envelope> envelopes = toEnvelopes(out, rate, gravityMs2, deviceId, vehicleClass, sentFixes);
        return new Trace(envelopes, dataRows, s.n, sentFixes[0], s.fixN - sentFixes[0], badCount, List.copyOf(bad),
                recordedRate, rate, gravityMs2 != 0);
    }

    // ---- header and fields ----

    private record Columns(int timestamp, int lat, int lon, int speed, int accZ) {}

    private static Columns readHeader(BufferedReader in) throws IOException, TraceFormatException {
        String header = in.readLine();
        if (header == null || header.isBlank()) throw new TraceFormatException("empty trace: expected a header row with timestamp,lat,lon,speed,acc_z");
        if (header.charAt(0) == '\uFEFF') header = header.substring(1);
        Map<String, Integer> idx = new HashMap<>();
        String[] names = splitCsv(header);
        for (int i = 0; i < names.length; i++) idx.putIfAbsent(names[i].toLowerCase(Locale.ROOT), i);
        Integer ts = idx.get("timestamp"), acc = idx.get("acc_z");
        if (ts == null || acc == null) {
            throw new TraceFormatException("header must name columns timestamp and acc_z (and lat, lon, speed for GPS); got: " + header);
        }
        return new Columns(ts, idx.getOrDefault("lat", -1), idx.getOrDefault("lon", -1), idx.getOrDefault("speed", -1), acc);
    }

    /** Splits on commas; surrounding double quotes are dropped (no field of this format contains a comma). */
    private static String[] splitCsv(String line) {
        String[] f = line.split(",", -1);
        for (int i = 0; i < f.length; i++) {
            String v = f[i].trim();
            if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') v = v.substring(1, v.length() - 1).trim();
            f[i] = v;
        }
        return f;
    }

    private static String field(String[] f, int i) {
        return i < 0 || i >= f.length ? "" : f[i];
    }

    private static double number(String v, String what) throws BadRowException {
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) throw new BadRowException(what + " '" + v + "' is not a finite number");
            return d;
        } catch (NumberFormatException e) {
            throw new BadRowException(what + " '" + v + "' is not a number");
        }
    }

    private static TimeFormat detectTimeFormat(String ts) throws BadRowException {
        if (ts.indexOf('-', 1) > 0 || ts.indexOf(':') > 0) return TimeFormat.ISO;
        return number(ts, "timestamp") >= 1e11 ? TimeFormat.EPOCH_MS : TimeFormat.EPOCH_S;
    }

    /** Epoch milliseconds (fractional) of a timestamp field. */
    private static double parseTime(String ts, TimeFormat format) throws BadRowException {
        double t;
        switch (format) {
            case EPOCH_MS -> t = number(ts, "timestamp");
            case EPOCH_S -> t = number(ts, "timestamp") * 1000.0;
            default -> t = parseIso(ts);
        }
        if (t < 0) throw new BadRowException("timestamp " + ts + " is before 1970");
        return t;
    }

    private static double parseIso(String ts) throws BadRowException {
        String v = ts.length() > 10 && ts.charAt(10) == ' ' ? ts.substring(0, 10) + 'T' + ts.substring(11) : ts;
        Instant i;
        try {
            i = OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e1) {
            try {
                i = Instant.parse(v);
            } catch (DateTimeParseException e2) {
                try {
                    i = LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e3) {
                    throw new BadRowException("timestamp '" + ts + "' is not ISO-8601");
                }
            }
        }
        return i.getEpochSecond() * 1000.0 + i.getNano() / 1e6;
    }

    // ---- trace-wide decisions ----

    private static int sampleRate(Samples s) throws TraceFormatException {
        double[] dt = new double[s.n - 1];
        for (int i = 1; i < s.n; i++) dt[i - 1] = s.t[i] - s.t[i - 1];
        Arrays.sort(dt);
        double median = dt[dt.length / 2];
        int rate = (int) Math.round(1000.0 / median);
        if (rate < MIN_SAMPLE_RATE_HZ) {
            throw new TraceFormatException("sample rate " + rate + " Hz (median interval " + median + " ms) is below the "
                    + MIN_SAMPLE_RATE_HZ + " Hz the roughness estimate needs");
        }
        return rate;
    }

    /** The smallest group size that brings the rate to at most MAX, preferring one that divides the rate. */
    static int decimationFactor(int rate) {
        if (rate <= MAX_SAMPLE_RATE_HZ) return 1;
        int min = (rate + MAX_SAMPLE_RATE_HZ - 1) / MAX_SAMPLE_RATE_HZ;
        for (int f = min; f <= 2 * min; f++) {
            if (rate % f == 0) return f;
        }
        return min;
    }

    /**
     * Averages groups of {@code factor} consecutive samples (time and value) within each gap-free run; a
     * short group at the end of a run is averaged over what it has. Fixes are kept as they are.
     */
    private static Samples decimate(Samples s, int rate, int factor) {
        double gap = GAP_FACTOR * 1000.0 / rate;
        Samples d = new Samples();
        int i = 0;
        while (i < s.n) {
            double sumT = 0, sumA = 0;
            int k = 0;
            do {
                sumT += s.t[i];
                sumA += s.acc[i];
                k++;
                i++;
            } while (k < factor && i < s.n && s.t[i] - s.t[i - 1] <= gap);
            d.addSample(sumT / k, sumA / k);
        }
        d.fixT = s.fixT;
        d.lat = s.lat;
        d.lon = s.lon;
        d.speed = s.speed;
        d.fixN = s.fixN;
        return d;
    }

    /** The acceleration to subtract from every sample, m/s^2: 1 g or 0. */
    private double gravityOffset(Samples s) throws TraceFormatException {
        switch (options.gravity()) {
            case INCLUDED: return AccelerationCodec.STANDARD_GRAVITY;
            case REMOVED: return 0;
            default:
                double[] a = Arrays.copyOf(s.acc, s.n);
                Arrays.sort(a);
                double medianG = a[s.n / 2] / AccelerationCodec.STANDARD_GRAVITY;
                if (Math.abs(medianG - 1) < GRAVITY_AUTO_TOLERANCE_G) return AccelerationCodec.STANDARD_GRAVITY;
                if (Math.abs(medianG) < GRAVITY_AUTO_TOLERANCE_G) return 0;
                throw new TraceFormatException(String.format(Locale.ROOT,
                        "cannot tell whether acc_z includes gravity: its median is %.2f g (expected ~1 g or ~0); "
                                + "set gravity=included or gravity=removed, and acc_unit=g if the values are in g", medianG));
        }
    }

    // ---- batching ----

    private static List<Envelope> toEnvelopes(Samples s, int rate, double gravityMs2, String deviceId, VehicleClass vc, int[] sentFixes) {
        double period = 1000.0 / rate;
        List<int[]> spans = new ArrayList<>(); // [start, endExclusive]
        int start = 0;
        for (int i = 1; i <= s.n; i++) {
            boolean cut = i == s.n || i - start >= rate || s.t[i] - s.t[i - 1] > GAP_FACTOR * period;
            if (cut) {
                spans.add(new int[] {start, i});
                start = i;
            }
        }
        double[] heading = new double[s.fixN];
        double[] speed = new double[s.fixN];
        fillCourseAndSpeed(s, heading, speed);

        List<Envelope> out = new ArrayList<>(spans.size());
        int fix = 0;
        long previousSequence = Long.MIN_VALUE;
        for (int b = 0; b < spans.size(); b++) {
            int from = spans.get(b)[0], to = spans.get(b)[1];
            long firstMs = Math.round(s.t[from]);
            int[] counts = new int[to - from];
            for (int i = from; i < to; i++) counts[i - from] = AccelerationCodec.toCounts(s.acc[i] - gravityMs2, LSB_UG);
            ImuBatch.Builder imu = ImuBatch.newBuilder()
                    .setSampleRateHz(rate)
                    .setFirstSampleTimeMs(firstMs)
                    .setAccLsbUg(LSB_UG)
                    .setVehicleClass(vc == null ? VehicleClass.VEHICLE_CLASS_UNSPECIFIED : vc);
            for (int d : AccelerationCodec.toDeltas(counts)) imu.addAccZDelta(d);
            // fixes before the next batch's first sample belong here (the first batch also takes earlier ones)
            double nextStart = b + 1 < spans.size() ? s.t[spans.get(b + 1)[0]] : Double.POSITIVE_INFINITY;
            double lastMs = s.t[to - 1];
            for (; fix < s.fixN && s.fixT[fix] < nextStart; fix++) {
                if (s.fixT[fix] < firstMs - MAX_FIX_DISTANCE_MS || s.fixT[fix] > lastMs + MAX_FIX_DISTANCE_MS) continue;
                sentFixes[0]++;
                imu.addFixes(GpsFix.newBuilder()
                        .setOffsetMs((int) Math.round(s.fixT[fix] - firstMs))
                        .setLatE7((int) Math.round(s.lat[fix] * 1e7))
                        .setLonE7((int) Math.round(s.lon[fix] * 1e7))
                        .setSpeedCmS((int) Math.round(speed[fix] * 100))
                        .setHeadingCdeg((int) Math.round(heading[fix] * 100) % 36000));
            }
            long sequence = Math.max(Math.floorDiv(firstMs, 1000L), previousSequence + 1);
            previousSequence = sequence;
            out.add(Envelope.newBuilder()
                    .setDeviceId(deviceId)
                    .setSequence(sequence)
                    .setDeviceTimeMs(Math.round(s.t[to - 1]))
                    .setImu(imu)
                    .build());
        }
        return out;
    }

    /** Course from the previous fix (from the next one for the first), and speed where the row had none. */
    private static void fillCourseAndSpeed(Samples s, double[] heading, double[] speed) {
        double lastHeading = 0;
        for (int k = 0; k < s.fixN; k++) {
            int a = k == 0 ? 0 : k - 1, b = k == 0 ? Math.min(1, s.fixN - 1) : k;
            double dy = Math.toRadians(s.lat[b] - s.lat[a]) * EARTH_RADIUS_M;
            double dx = Math.toRadians(s.lon[b] - s.lon[a]) * EARTH_RADIUS_M * Math.cos(Math.toRadians((s.lat[a] + s.lat[b]) / 2));
            double dist = Math.hypot(dx, dy);
            if (dist >= MIN_COURSE_DISTANCE_M) {
                double h = Math.toDegrees(Math.atan2(dx, dy));
                lastHeading = h < 0 ? h + 360 : h;
            }
            heading[k] = lastHeading;
            double dtS = (s.fixT[b] - s.fixT[a]) / 1000.0;
            speed[k] = !Double.isNaN(s.speed[k]) ? s.speed[k] : dtS > 0 ? dist / dtS : 0;
        }
    }

    /** Growable parallel arrays: a 4-hour 100 Hz trace is 1.4 M samples, too many for boxed lists. */
    private static final class Samples {
        double[] t = new double[4096], acc = new double[4096];
        int n;
        double[] fixT = new double[256], lat = new double[256], lon = new double[256], speed = new double[256];
        int fixN;

        void addSample(double time, double a) {
            if (n == t.length) {
                t = Arrays.copyOf(t, n * 2);
                acc = Arrays.copyOf(acc, n * 2);
            }
            t[n] = time;
            acc[n++] = a;
        }

        void addFix(double time, double la, double lo, double sp) {
            if (fixN == fixT.length) {
                fixT = Arrays.copyOf(fixT, fixN * 2);
                lat = Arrays.copyOf(lat, fixN * 2);
                lon = Arrays.copyOf(lon, fixN * 2);
                speed = Arrays.copyOf(speed, fixN * 2);
            }
            fixT[fixN] = time;
            lat[fixN] = la;
            lon[fixN] = lo;
            speed[fixN++] = sp;
        }
    }

    private static final class BadRowException extends Exception {
        BadRowException(String message) { super(message, null, false, false); }
    }
}
