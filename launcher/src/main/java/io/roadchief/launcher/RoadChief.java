package io.roadchief.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The roadchief command. */
@Command(name = "roadchief", mixinStandardHelpOptions = true, version = "RoadChief 0.1",
        description = "RoadChief (道路卫士): pavement-defect tickets, waterlogging alerts and 坦途指数 from road telemetry.",
        subcommands = {DemoCommand.class, RunCommand.class, MigrateCommand.class, EvaluateCommand.class,
                io.roadchief.launcher.evaluate.pavement.TraceClassifier.class, io.roadchief.simulator.SimulateCommand.class,
                io.roadchief.bench.BenchCommand.class})
public final class RoadChief implements Runnable {

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new RoadChief());
        int code = cli.execute(args);
        if (code != 0 || !isLongRunning(args)) System.exit(code);
    }

    private static boolean isLongRunning(String[] args) {
        return args.length > 0 && (args[0].equals("demo") || args[0].equals("run"));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
