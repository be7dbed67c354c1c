package io.roadchief.launcher;

import io.roadchief.launcher.evaluate.pavement.PavementEvaluation;
import io.roadchief.launcher.evaluate.water.WaterEvaluation;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Accuracy against the simulator's ground truth, through the real pipeline. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Run a simulated scenario through the real pipeline and score it against ground truth.",
        subcommands = {PavementEvaluation.class, WaterEvaluation.class})
final class EvaluateCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
