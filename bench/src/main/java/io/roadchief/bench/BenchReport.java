package io.roadchief.bench;

import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** Turns a run's results into a progress line, a Markdown report and a PNG plot. */
public final class BenchReport {
    public static final String MARKDOWN = "e2e-results.md", PLOT = "e2e-throughput-latency.png";

    private BenchReport() {}

    public static String progressLine(StepResult r) {
        return String.format(Locale.ROOT,
                "%-9s target %,6d/s: offered %,8.0f/s, sustained %,8.0f/s (%,.0f samples/s), gauges %,.0f/s | landing p50/p95/p99 %s/%s/%s ms"
                        + " | db %,.0f rows/s | cpu jvm %.2f mosq %.2f pg %.2f cores, heap %,d MiB (live after GC %,d) | %s",
                r.system(), r.targetRate(), r.offeredVehicles(), r.sustainedVehicles(), r.sustainedSamples(), r.sustainedGauges(),
                ms(r.landingP50()), ms(r.landingP95()), ms(r.landingP99()), r.dbRowsPerS(),
                r.usage().jvmCores(), r.usage().mosquittoCores(), r.usage().postgresCores(), r.usage().heapMaxUsedBytes() >> 20, r.usage().heapLiveAfterGcBytes() >> 20, r.verdict());
    }

    static String ms(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.0f", v);
    }

    /** The highest target rate a system kept up with, if any. */
    public static Optional<StepResult> lastKeptUp(List<StepResult> steps) {
        StepResult best = null;
        for (StepResult r : steps) {
            if (!r.keepingUp()) break;
            best = r;
        }
        return Optional.ofNullable(best);
    }

    /** The first step a system did not keep up with, if any. */
    public static Optional<StepResult> firstSaturated(List<StepResult> steps) {
        return steps.stream().filter(r -> !r.keepingUp()).findFirst();
    }

    public static double peakSustained(List<StepResult> steps) {
        return steps.stream().mapToDouble(StepResult::sustainedVehicles).max().orElse(0);
    }

    /** RoadChief's figure over the naive baseline's, per comparable quantity; NaN when not comparable. */
    public record Ratios(double peakSustained, double keptUpRate, Double p99AtLowestRate) {}

    public static Ratios ratios(EndToEndBench.Results res) {
        double peak = peakSustained(res.naive()) == 0 ? Double.NaN : peakSustained(res.roadchief()) / peakSustained(res.naive());
        double kept = lastKeptUp(res.naive()).map(n -> lastKeptUp(res.roadchief()).map(r -> (double) r.targetRate() / n.targetRate())
                .orElse(0.0)).orElse(Double.NaN);
        Double p99 = null;
        if (!res.roadchief().isEmpty() && !res.naive().isEmpty()) {
            Double a = res.roadchief().get(0).landingP99(), b = res.naive().get(0).landingP99();
            if (a != null && b != null && b > 0) p99 = a / b;
        }
        return new Ratios(peak, kept, p99);
    }

    public static void write(EndToEndBench.Results res, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(MARKDOWN), markdown(res), StandardCharsets.UTF_8);
        plot(res, dir.resolve(PLOT));
    }

    public static String markdown(EndToEndBench.Results res) {
        BenchSettings s = res.settings();
        StringBuilder b = new StringBuilder();
        b.append("# RoadChief end-to-end benchmark\n\n");
        b.append("Run ").append(Instant.now()).append(" on ").append(res.conditions()).append(".\n");
        b.append(String.format(Locale.ROOT, "Steps of %d s (steady window: the last %.0f %%), warm-up %d s, gauge readings %.1f %% of vehicle batches "
                        + "(each gauge every %d s), %d publishing connections (QoS 1), Flink parallelism %d, checkpoint %d ms.%n%n",
                s.stepSeconds(), 100 * (1 - s.steadyFraction()), s.warmupSeconds(), 100 * s.gaugeShare(), s.gaugeIntervalS(), s.publishers(),
                s.parallelism(), s.checkpointMs()));
        b.append("One vehicle batch = one second of 100 Hz vertical acceleration + 5 GPS fixes (")
                .append(BenchTraffic.vehicleBatchBytes()).append(" bytes of protobuf). Latencies are publish -> row in PostgreSQL, ms.\n\n");
        b.append("Analytics in RoadChief's job: ").append(res.analytics()).append(".\n\n");
        table(b, "RoadChief (Mosquitto -> Flink -> PostgreSQL)", res.roadchief(), true);
        if (!res.naive().isEmpty()) table(b, "Naive baseline (Paho subscriber, one autocommitted INSERT per message)", res.naive(), false);
        b.append("## Verdict\n\n");
        verdict(b, "RoadChief", res.roadchief());
        if (!res.naive().isEmpty()) {
            verdict(b, "Naive baseline", res.naive());
            Ratios r = ratios(res);
            b.append(String.format(Locale.ROOT, "- RoadChief / naive: peak sustained throughput **%sx**, highest rate kept up with **%s**, "
                            + "landing p99 at the lowest rate %s.%n",
                    fmt(r.peakSustained()), Double.isNaN(r.keptUpRate()) ? "n/a (the naive baseline kept up with no step)" : fmt(r.keptUpRate()) + "x",
                    r.p99AtLowestRate() == null ? "n/a" : fmt(r.p99AtLowestRate()) + "x"));
            b.append("\n| step (batches/s) | sustained RoadChief/naive | landing p99 RoadChief/naive |\n|---:|---:|---:|\n");
            for (StepResult rc : res.roadchief()) {
                res.naive().stream().filter(n -> n.targetRate() == rc.targetRate()).findFirst().ifPresent(n -> b.append(String.format(Locale.ROOT,
                        "| %,d | %s | %s |%n", rc.targetRate(), n.sustainedVehicles() > 0 ? fmt(rc.sustainedVehicles() / n.sustainedVehicles()) + "x" : "n/a",
                        rc.landingP99() != null && n.landingP99() != null && n.landingP99() > 0 ? fmt(rc.landingP99() / n.landingP99()) + "x" : "n/a")));
            }
        }
        b.append("\n![throughput and p99 latency](").append(PLOT).append(")\n");
        if (res.profile() != null) {
            b.append(String.format(Locale.ROOT, "%n## Where RoadChief's JVM time goes at %,d batches/s%n%n", res.profile().rate()));
            b.append("The JVM runs the bench's publishers, the Flink job and its MQTT source; Mosquitto and PostgreSQL are separate processes"
                    + " (their CPU is in the table above). Recording: `").append(res.profile().jfr()).append("`.\n\n");
            b.append(res.profile().summary());
        }
        return b.toString();
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, v >= 10 ? "%.0f" : "%.2f", v);
    }

    private static void verdict(StringBuilder b, String name, List<StepResult> steps) {
        Optional<StepResult> kept = lastKeptUp(steps), sat = firstSaturated(steps);
        b.append("- ").append(name).append(": ");
        b.append(kept.map(r -> String.format(Locale.ROOT, "keeps up with %,d vehicle batches/s (%,d samples/s)", r.targetRate(),
                r.targetRate() * BenchSettings.SAMPLES_PER_BATCH)).orElse("keeps up with none of the steps"));
        b.append(sat.map(r -> String.format(Locale.ROOT, "; stops keeping up at %,d/s (%s: %,.0f/s sustained)", r.targetRate(), r.verdict(),
                r.sustainedVehicles())).orElse("; kept up with every step run"));
        b.append(String.format(Locale.ROOT, "; peak sustained %,.0f batches/s.%n", peakSustained(steps)));
    }

    private static void table(StringBuilder b, String title, List<StepResult> steps, boolean analytics) {
        b.append("## ").append(title).append("\n\n");
        b.append("| target batches/s | offered batches/s | sustained batches/s | sustained samples/s | gauge readings/s (offered / sustained) | DB rows/s "
                + "| landing p50 / p95 / p99 ms |");
        if (analytics) b.append(" defect->ticket p50 / p95 / p99 ms (n) | gauge->alert p50 / p95 / p99 ms (n) |");
        b.append(" CPU: JVM / Mosquitto / PostgreSQL / other, cores | process / machine CPU % | heap max used / live after GC, MiB | backlog mid / end | landed | verdict |\n");
        b.append("|---:|---:|---:|---:|---:|---:|---:|");
        if (analytics) b.append("---:|---:|");
        b.append("---:|---:|---:|---:|---:|---|\n");
        for (StepResult r : steps) {
            ResourceSampler.Usage u = r.usage();
            b.append(String.format(Locale.ROOT, "| %,d | %,.0f | %,.0f | %,.0f | %,.0f / %,.0f | %,.0f | %s / %s / %s |", r.targetRate(),
                    r.offeredVehicles(), r.sustainedVehicles(), r.sustainedSamples(), r.offeredGauges(), r.sustainedGauges(), r.dbRowsPerS(),
                    ms(r.landingP50()), ms(r.landingP95()), ms(r.landingP99())));
            if (analytics) {
                b.append(String.format(Locale.ROOT, " %s | %s |", triple(r.ticketP50(), r.ticketP95(), r.ticketP99(), r.tickets()),
                        triple(r.alertP50(), r.alertP95(), r.alertP99(), r.alerts())));
            }
            b.append(String.format(Locale.ROOT, " %.2f / %.2f / %.2f / %.2f | %.0f / %.0f | %,d / %,d | %,d / %,d | %.1f %% | %s |%n",
                    u.jvmCores(), u.mosquittoCores(), u.postgresCores(), u.otherCores(), u.processCpuPct(), u.systemCpuPct(),
                    u.heapMaxUsedBytes() >> 20, u.heapLiveAfterGcBytes() >> 20, r.backlogMid(), r.backlogEnd(), 100 * r.landedShare(), r.verdict()));
        }
        b.append('\n');
    }

    private static String triple(Double a, Double b, Double c, long n) {
        if (n == 0) return "n/a (no rows)";
        return ms(a) + " / " + ms(b) + " / " + ms(c) + " (" + n + ")";
    }

    /** Two panels: offered vs sustained throughput, and p99 landing latency, both against the offered rate. */
    public static void plot(EndToEndBench.Results res, Path png) throws IOException {
        XYChart tput = new XYChartBuilder().width(900).height(560).title("Throughput: offered vs sustained")
                .xAxisTitle("offered rate (vehicle batches/s; 1 batch = 100 samples)").yAxisTitle("sustained (vehicle batches/s)").build();
        XYChart lat = new XYChartBuilder().width(900).height(560).title("End-to-end latency, publish -> database row (p99)")
                .xAxisTitle("offered rate (vehicle batches/s)").yAxisTitle("p99 latency (ms, log scale)").build();
        for (XYChart c : List.of(tput, lat)) {
            c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
            c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
            c.getStyler().setXAxisLogarithmic(true);
            c.getStyler().setYAxisLogarithmic(true);
            c.getStyler().setChartBackgroundColor(Color.WHITE);
            c.getStyler().setPlotGridLinesVisible(true);
            c.getStyler().setDecimalPattern("#,###");
        }
        List<StepResult> all = new ArrayList<>(res.roadchief());
        all.addAll(res.naive());
        if (all.isEmpty()) return;
        List<Double> targets = res.roadchief().stream().map(r -> (double) r.targetRate()).toList();
        if (!targets.isEmpty()) {
            XYSeries ideal = tput.addSeries("offered = sustained", targets, targets);
            ideal.setMarker(SeriesMarkers.NONE);
            ideal.setLineColor(Color.GRAY);
            ideal.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 6f}, 0f));
        }
        series(tput, "RoadChief sustained", res.roadchief(), StepResult::sustainedVehicles, new Color(0, 114, 178));
        series(tput, "naive baseline sustained", res.naive(), StepResult::sustainedVehicles, new Color(213, 94, 0));
        series(lat, "RoadChief landing p99", res.roadchief(), StepResult::landingP99, new Color(0, 114, 178));
        series(lat, "naive baseline landing p99", res.naive(), StepResult::landingP99, new Color(213, 94, 0));
        series(lat, "RoadChief gauge->alert p99", res.roadchief(), StepResult::alertP99, new Color(0, 158, 115));
        series(lat, "RoadChief defect->ticket p99", res.roadchief(), StepResult::ticketP99, new Color(204, 121, 167));
        BitmapEncoder.saveBitmap(List.of(tput, lat), 1, 2, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static void series(XYChart chart, String name, List<StepResult> steps, Function<StepResult, Double> y, Color color) {
        List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
        for (StepResult r : steps) {
            Double v = y.apply(r);
            if (v != null && v > 0) {
                xs.add((double) r.targetRate());
                ys.add(v);
            }
        }
        if (xs.isEmpty()) return;
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setLineColor(color);
        s.setMarkerColor(color);
        for (int i = 0; i < xs.size(); i++) { // the value next to each point: log axes show few tick labels
            chart.addAnnotation(new AnnotationText(String.format(Locale.ROOT, "%,.0f", ys.get(i)), xs.get(i), ys.get(i) * 1.12, false));
        }
    }
}
