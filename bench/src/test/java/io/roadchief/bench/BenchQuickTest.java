package io.roadchief.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bench in --quick mode over two low rates, on the real things (a private Mosquitto, the machine's
 * PostgreSQL, a Flink MiniCluster): its report must be complete and self-consistent. Speeds are not
 * asserted (the benchmark measures them); only that the measurement itself works.
 */
class BenchQuickTest {
    @TempDir
    Path out;

    @Test
    void quickRunMeasuresBothSystemsAndWritesTheReport() throws Exception {
        BenchCommand bench = new BenchCommand();
        StringWriter console = new StringWriter();
        CommandLine cli = new CommandLine(bench).setOut(new PrintWriter(console, true));
        int exit = cli.execute("--quick", "--rates", "100,300", "--out", out.toString());

        assertThat(exit).as("exit code; console:\n" + console).isZero();
        EndToEndBench.Results res = bench.results();
        assertThat(res.roadchief()).as("RoadChief steps").hasSize(2);
        assertThat(res.naive()).as("baseline steps").isNotEmpty();
        for (StepResult r : res.roadchief()) {
            assertThat(r.offeredVehicles()).as("offered at %d/s", r.targetRate()).isGreaterThan(0.8 * r.targetRate());
            assertThat(r.sustainedVehicles()).as("sustained at %d/s", r.targetRate()).isPositive();
            assertThat(r.sustainedGauges()).as("gauges at %d/s", r.targetRate()).isPositive();
            assertThat(r.landedShare()).as("everything published landed at %d/s", r.targetRate()).isEqualTo(1.0);
            assertThat(r.landingP50()).as("p50").isNotNull().isPositive();
            assertThat(r.landingP95()).as("p95 >= p50").isGreaterThanOrEqualTo(r.landingP50());
            assertThat(r.landingP99()).as("p99 >= p95").isGreaterThanOrEqualTo(r.landingP95());
            assertThat(r.usage().heapMaxUsedBytes()).isPositive();
            assertThat(r.dbRowsPerS()).isPositive();
        }
        for (StepResult r : res.naive()) {
            assertThat(r.sustainedVehicles()).as("naive sustained at %d/s", r.targetRate()).isPositive();
            assertThat(r.landingP99()).as("naive p99").isNotNull().isPositive();
        }
        BenchReport.Ratios ratios = BenchReport.ratios(res);
        assertThat(ratios.peakSustained()).as("peak sustained ratio").isFinite().isPositive();
        assertThat(ratios.p99AtLowestRate()).as("p99 ratio").isNotNull().isPositive();

        String md = Files.readString(out.resolve(BenchReport.MARKDOWN));
        assertThat(md).contains("## RoadChief", "## Naive baseline", "| target batches/s", "RoadChief / naive", BenchReport.PLOT);
        assertThat(md.lines().filter(l -> l.startsWith("| 100 |") || l.startsWith("| 300 |")).count())
                .as("a table row per step and system (plus the ratio rows)").isGreaterThanOrEqualTo(3);
        byte[] png = Files.readAllBytes(out.resolve(BenchReport.PLOT));
        assertThat(png.length).isGreaterThan(10_000);
        assertThat(new byte[] {png[1], png[2], png[3]}).isEqualTo("PNG".getBytes());
        assertThat(console.toString()).contains("step 100 vehicle batches/s", "sustained");
    }
}
