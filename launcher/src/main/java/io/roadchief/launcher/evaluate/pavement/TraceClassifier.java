package io.roadchief.launcher.evaluate.pavement;

import io.roadchief.ingest.gateway.TraceCsvReader;
import io.roadchief.ingest.telemetry.TelemetryRecords;
import io.roadchief.ingest.telemetry.VehicleBatch;
import io.roadchief.jobs.pavement.PavementConfig;
import io.roadchief.jobs.pavement.TraceWindows;
import io.roadchief.schema.v1.Envelope;
import io.roadchief.schema.v1.VehicleClass;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Classifies a recorded trace offline, window by window, with the live pipeline's filters, roughness
 * estimator and defect rules: a CSV of timestamp, acc_z and optionally lat, lon, speed, at any sample rate
 * from 50 Hz (read by the gateway's TraceCsvReader, so the same files can be uploaded to the live system).
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "Classify a recorded acceleration trace (CSV: timestamp, acc_z[, lat, lon, speed]) window by window: "
                + "speed, RMS, IRI, and defect events with type and severity.")
public final class TraceClassifier implements Callable<Integer> {
    @Parameters(index = "0", description = "the CSV trace")
    Path csv;
    @Option(names = "--window", defaultValue = "5", description = "window length, s (default ${DEFAULT-VALUE})")
    double windowS;
    @Option(names = "--vehicle-class", defaultValue = "patrol_car",
            description = "calibration to use: bus, sanitation_truck, patrol_car (default ${DEFAULT-VALUE})")
    String vehicleClass;
    @Option(names = "--speed-unit", defaultValue = "ms", description = "ms | kmh (default ${DEFAULT-VALUE})")
    String speedUnit;
    @Option(names = "--acc-unit", defaultValue = "ms2", description = "ms2 | g (default ${DEFAULT-VALUE})")
    String accUnit;
    @Option(names = "--gravity", defaultValue = "auto", description = "auto | included | removed (default ${DEFAULT-VALUE})")
    String gravity;
    @Option(names = "--time", defaultValue = "auto", description = "auto | iso | ms | s (default ${DEFAULT-VALUE})")
    String time;

    PrintStream out = System.out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new TraceClassifier()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        TraceCsvReader reader = new TraceCsvReader(TraceCsvReader.Options.parse(speedUnit, accUnit, gravity, time, Integer.MAX_VALUE));
        VehicleClass cls = switch (vehicleClass) {
            case "bus" -> VehicleClass.BUS;
            case "sanitation_truck" -> VehicleClass.SANITATION_TRUCK;
            default -> VehicleClass.PATROL_CAR;
        };
        TraceCsvReader.Trace trace;
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            trace = reader.read(r, "trace", cls);
        } catch (TraceCsvReader.TraceFormatException e) {
            System.err.println("cannot classify " + csv + ": " + e.getMessage());
            return 2;
        }
        List<VehicleBatch> batches = new ArrayList<>();
        for (Envelope e : trace.envelopes()) batches.add(TelemetryRecords.vehicleBatch(e, 0, vehicleClass));
        out.printf(Locale.ROOT, "# %s: %d samples at %d Hz (analysed at %d Hz), %d GPS fixes, %d bad rows%s; windows of %.1f s, %s calibration%n",
                csv.getFileName(), trace.samples(), trace.recordedRateHz(), trace.sampleRateHz(), trace.fixes(), trace.badRows(),
                trace.gravitySubtracted() ? ", 1 g removed" : "", windowS, vehicleClass);
        for (TraceCsvReader.BadRow b : trace.firstBadRows()) out.printf(Locale.ROOT, "# bad row %d: %s%n", b.line(), b.reason());
        out.println("# window_start            secs  speed_kmh  rms_m/s2  IRI_m/km  events (type severity depth_mm peak_g @time)");
        for (TraceWindows.Window w : TraceWindows.classify(batches, windowS, vehicleClass, PavementConfig.defaults())) {
            StringBuilder ev = new StringBuilder();
            for (TraceWindows.Event e : w.events()) {
                ev.append(String.format(Locale.ROOT, "%s %s %+d %.2f @%s; ", e.type(), e.severity(), e.depthMm(), e.peakG(),
                        Instant.ofEpochMilli(e.timeMs())));
            }
            out.printf(Locale.ROOT, "%s  %5.1f  %9s  %8.3f  %8s  %s%n", Instant.ofEpochMilli(w.startMs()), (w.endMs() - w.startMs()) / 1000.0,
                    Double.isNaN(w.speedKmh()) ? "-" : String.format(Locale.ROOT, "%.1f", w.speedKmh()), w.rmsMs2(),
                    w.iriMKm() == null ? "-" : String.format(Locale.ROOT, "%.2f", w.iriMKm()),
                    ev.length() == 0 ? "smooth" : ev.substring(0, ev.length() - 2));
        }
        return 0;
    }
}
