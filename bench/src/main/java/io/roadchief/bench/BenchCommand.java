package io.roadchief.bench;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code roadchief bench}: the end-to-end benchmark (RoadChief's real path against a naive baseline at a
 * rising series of offered rates), or with {@code --jmh} the microbenchmarks of the hot paths.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures how far this machine carries RoadChief: offered vs sustained vehicle batches/s,",
                "publish-to-row / -alert / -ticket latency, CPU and heap, against a naive Paho + INSERT baseline.",
                "Writes a Markdown table and a PNG plot to --out. With --jmh: the JMH microbenchmarks instead."})
public class BenchCommand implements Callable<Integer> {
    @Option(names = "--rates", split = ",", description = "Offered vehicle batches/s per step (default: ${DEFAULT-VALUE}).",
            defaultValue = "500,1000,2000,5000,10000,20000")
    List<Integer> rates;

    @Option(names = "--step-seconds", defaultValue = "20", description = "Seconds per step (default: ${DEFAULT-VALUE}).")
    int stepSeconds;

    @Option(names = "--warmup-seconds", defaultValue = "10", description = "Warm-up at the first rate before measuring (default: ${DEFAULT-VALUE}).")
    int warmupSeconds;

    @Option(names = "--quick", description = "Smoke run: 4 s steps, 2 s warm-up, rates 200,500 unless --rates is given.")
    boolean quick;

    @Option(names = "--gauge-share", defaultValue = "0.02", description = "Gauge readings per vehicle batch (default: ${DEFAULT-VALUE}).")
    double gaugeShare;

    @Option(names = "--gauge-interval-s", defaultValue = "5", description = "Each gauge reports every this many seconds (storm mode; default: ${DEFAULT-VALUE}).")
    int gaugeIntervalS;

    @Option(names = "--publishers", defaultValue = "2", description = "MQTT publishing connections (default: ${DEFAULT-VALUE}).")
    int publishers;

    @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--checkpoint-ms", defaultValue = "1000", description = "Flink checkpoint interval, ms (default: ${DEFAULT-VALUE}).")
    long checkpointMs;

    @Option(names = "--no-baseline", description = "Skip the naive baseline.")
    boolean noBaseline;

    @Option(names = "--all-steps", description = "Run every step even after a system stops keeping up.")
    boolean allSteps;

    @Option(names = "--out", defaultValue = "docs/bench", description = "Where the report and plot go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--no-profile", description = "Do not record a JFR CPU profile of the RoadChief steps.")
    boolean noProfile;

    @Option(names = "--probe-vehicles", defaultValue = "24",
            description = "Simulated vehicles driving a registered network with planted defects, for defect-to-ticket latency (default: ${DEFAULT-VALUE}; 0: none).")
    int probeVehicles;

    @Option(names = "--settle-seconds", defaultValue = "60",
            description = "Wait after the last step for tickets/alerts held back by event-time watermarks (default: ${DEFAULT-VALUE}; --quick: 3).")
    int settleSeconds;

    @Option(names = "--landing-only", description = "RoadChief's job without the analytics: decode, validate, de-duplicate, land.")
    boolean landingOnly;

    @Option(names = "--db-url", description = "An empty PostgreSQL database (default: a fresh database on the local PostgreSQL).")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "postgres")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "")
    String dbPassword;

    @Option(names = "--jmh", description = "Run the JMH microbenchmarks instead of the end-to-end bench.")
    boolean jmh;

    @Option(names = "--jmh-include", defaultValue = "io.roadchief.bench.jmh.*",
            description = "Regexp of the microbenchmarks to run (default: ${DEFAULT-VALUE}).")
    String jmhInclude;

    @Option(names = "--jmh-forks", defaultValue = "1")
    int jmhForks;

    @Option(names = "--jmh-iterations", defaultValue = "3", description = "Measurement iterations of 2 s after 2 warm-up iterations (default: ${DEFAULT-VALUE}).")
    int jmhIterations;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The last run's results (for callers that embed the bench, such as its test). */
    private EndToEndBench.Results results;

    public BenchCommand() {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }

    public EndToEndBench.Results results() {
        return results;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec != null ? spec.commandLine().getOut() : new PrintWriter(System.out, true);
        if (jmh) return runJmh();
        BenchSettings s = settings();
        results = new EndToEndBench(s, w).run();
        BenchReport.write(results, s.outDir());
        w.println(BenchReport.markdown(results));
        w.printf("bench: wrote %s and %s%n", s.outDir().resolve(BenchReport.MARKDOWN), s.outDir().resolve(BenchReport.PLOT));
        w.flush();
        return 0;
    }

    BenchSettings settings() {
        boolean ratesGiven = spec != null && spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption("--rates");
        List<Integer> r = quick && !ratesGiven ? List.of(200, 500) : rates;
        int step = quick && !matched("--step-seconds") ? 4 : stepSeconds;
        int warm = quick && !matched("--warmup-seconds") ? 2 : warmupSeconds;
        return new BenchSettings(r.stream().sorted().toList(), step, warm, 0.25, gaugeShare, gaugeIntervalS, publishers, parallelism,
                checkpointMs, !noBaseline, !allSteps, out, !noProfile, probeVehicles, quick && !matched("--settle-seconds") ? 3 : settleSeconds, landingOnly, dbUrl, dbUser, dbPassword);
    }

    private boolean matched(String option) {
        return spec != null && spec.commandLine().getParseResult() != null && spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    private int runJmh() throws Exception {
        ChainedOptionsBuilder o = new OptionsBuilder().include(jmhInclude).forks(jmhForks)
                .warmupIterations(2).warmupTime(TimeValue.seconds(2))
                .measurementIterations(jmhIterations).measurementTime(TimeValue.seconds(2))
                .jvmArgsAppend("-Xmx1g");
        new Runner(o.build()).run();
        return 0;
    }
}
