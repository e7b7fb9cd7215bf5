package io.github.adder4j.examples.cli;

import io.github.adder4j.train.Recipe;
import io.github.adder4j.train.TrainingResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code adder polish}: L-BFGS polishing of a trained run (the published "L-BFGS on a fixed batch" trick), as a run
 * directory like any other: the source run's recipe with {@code optimizer=LBFGS}, one iteration per step on one fixed
 * batch of uniform pairs (plus, with {@code --mine-errors}, every pair the starting model gets wrong), validation every
 * {@code --eval-every} iterations, best and last checkpoints, and {@code --resume}-exact continuation when run again.
 */
@Command(name = "polish", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        versionProvider = VersionProvider.class,
        description = {"Polish a run's best checkpoint with L-BFGS on one fixed batch (uniform pairs, plus mined error pairs), "
            + "as a new run in --out; running the same command again continues it.",
            "A progress bar goes to stderr, the summary to stdout."})
public final class PolishCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private StartingRunOptions run;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "200", description = "L-BFGS iterations (the run's steps).")
    private int iterations;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "8192", description = "Examples in the fixed batch.")
    private int batch;

    @Option(names = "--mine-errors", paramLabel = "N", defaultValue = "0",
            description = "Run the starting model on N uniform pairs plus the carry suite and put every pair it gets wrong into "
                + "the fixed batch (0: off).")
    private int mineErrors;

    @Option(names = "--l2", paramLabel = "X", defaultValue = "0", description = "L2 penalty X/2 |theta|^2 added to the loss.")
    private double l2;

    @Option(names = "--eval-every", paramLabel = "N", defaultValue = "10", description = "Iterations between validations.")
    private int evalEvery;

    @Option(names = "--set", paramLabel = "FIELD=VALUE", showDefaultValue = Help.Visibility.NEVER,
            description = "Set any other recipe field by name (repeatable), e.g. validationSize=10000.")
    private Map<String, String> sets = new LinkedHashMap<>();

    /** Creates the command (picocli instantiates it). */
    public PolishCommand() {
        // fields are injected by picocli
    }

    /** Runs (or continues) the polishing run and prints its summary. */
    @Override
    public Integer call() {
        Path source = run.checkpoint();
        Path from = run.from();
        Path out = run.out();
        Recipe recipe = recipe(TrainingRuns.recipe(from), source);
        TrainingResult result;
        if (TrainingRuns.holdsRun(out)) {
            if (!TrainingRuns.recipe(out).equals(recipe)) {
                throw new ParameterException(spec.commandLine(), "--out " + out + " already holds a different run; choose another --out");
            }
            result = TrainingRuns.continueRun(out, spec.commandLine().getErr(), "polish");
        } else {
            String commandLine = TrainingRuns.commandLine(spec.commandLine().getParseResult().originalArgs());
            result = TrainingRuns.start(recipe, out, commandLine, spec.commandLine().getErr(), "polish");
        }
        TrainingRuns.printSummary(spec.commandLine().getOut(), result, out);
        return 0;
    }

    /** The source run's recipe turned into a polishing recipe; Adam-only fields are switched off. */
    Recipe recipe(Recipe base, Path init) {
        return new RecipeOverrides()
                .option("(polish)", "optimizer", Recipe.Optimizer.LBFGS)
                .option("(polish)", "schedule", Recipe.Schedule.CONSTANT)
                .option("(polish)", "warmupSteps", 0)
                .option("(polish)", "adaptiveWeightDecay", false)
                .option("(polish)", "grokfast", false)
                .option("(polish)", "data", Recipe.Data.UNIFORM)
                .option("(polish)", "earlyStopAfter", 0)
                .option("--iterations", "steps", iterations)
                .option("--batch", "batchSize", batch)
                .option("--mine-errors", "mineErrors", mineErrors)
                .option("--l2", "weightDecay", l2)
                .option("--eval-every", "evalEvery", evalEvery)
                .option("--eval-every", "logEvery", evalEvery)
                .option("--from", "initFrom", init.toAbsolutePath().normalize().toString())
                .sets(sets)
                .applyTo(base);
    }
}
