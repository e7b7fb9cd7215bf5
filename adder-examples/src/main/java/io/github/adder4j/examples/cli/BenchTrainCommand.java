package io.github.adder4j.examples.cli;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.github.adder4j.core.Preset;
import io.github.adder4j.train.Recipe;
import io.github.adder4j.train.Trainer;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code adder bench train}: times the trainer's optimizer step (forward, backward, clipping, AdamW on the recipe's data)
 * for a preset: {@value #WARMUP_STEPS} untimed warm-up steps, then N timed ones. Nothing is written to disk. The last
 * line is {@code train: X ms/step}.
 */
@Command(name = "train", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        versionProvider = VersionProvider.class,
        description = "Time N optimizer steps of a preset's training recipe after " + BenchTrainCommand.WARMUP_STEPS
                + " warm-up steps (no run directory); last line: train: X ms/step.")
public final class BenchTrainCommand implements Callable<Integer> {

    /** Untimed steps before the timed ones. */
    static final int WARMUP_STEPS = 20;

    @Spec
    private CommandSpec spec;

    @Mixin
    private PresetOption preset;

    @Option(names = "--batch", paramLabel = "B", description = "Examples per step. Default: the preset recipe's.")
    private Integer batch;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "50", description = "Timed steps.")
    private int steps;

    @Option(names = "--threads", paramLabel = "T", description = "PyTorch intra-op threads for the run. Default: the engine's.")
    private Integer threads;

    @Option(names = "--profile", paramLabel = "FILE",
            description = "After timing, run the steps again under PyTorch's operator profiler: write its Chrome trace to FILE "
                + "and print the operators with the most self time per step.")
    private java.nio.file.Path profile;

    @Option(names = "--set", paramLabel = "FIELD=VALUE", showDefaultValue = Help.Visibility.NEVER, description = "Set any recipe field by name (repeatable), e.g. grokfast=true.")
    private Map<String, String> sets = new LinkedHashMap<>();

    /** Creates the command (picocli instantiates it). */
    public BenchTrainCommand() {
        // fields are injected by picocli
    }

    /** Times the steps and prints the result. */
    @Override
    public Integer call() {
        if (steps < 1) {
            throw new ParameterException(spec.commandLine(), "--steps must be positive: " + steps);
        }
        if (batch != null && batch < 1) {
            throw new ParameterException(spec.commandLine(), "--batch must be positive: " + batch);
        }
        if (threads != null && threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be positive: " + threads);
        }
        Recipe base = Recipe.forPreset(preset.preset().id(), 1);
        Recipe recipe = new RecipeOverrides()
                .option("--batch", "batchSize", batch)
                .option("--steps", "steps", Math.max(base.schedule().steps(), WARMUP_STEPS + steps))
                .sets(sets)
                .applyTo(base);
        Engine.getInstance();
        int before = JniUtils.getNumThreads();
        int used = threads == null ? before : threads;
        double msPerStep;
        JniUtils.setNumThreads(used);
        try {
            msPerStep = Trainer.benchmark(recipe, WARMUP_STEPS, steps);
        } finally {
            JniUtils.setNumThreads(before);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (profile != null) {
            JniUtils.setNumThreads(used);
            try {
                // the profiled run repeats warm-up and timed steps; the trace holds both, the table is per step of both
                OperatorProfile.run(() -> Trainer.benchmark(recipe, WARMUP_STEPS, steps), profile, WARMUP_STEPS + steps, "step", 12, out);
            } finally {
                JniUtils.setNumThreads(before);
            }
        }
        out.println(String.format(Locale.ROOT, "%s, batch %d, %d thread%s: %d warm-up steps, %d timed steps", recipe.preset(),
                recipe.data().batchSize(), used, used == 1 ? "" : "s", WARMUP_STEPS, steps));
        out.println(String.format(Locale.ROOT, "train: %.2f ms/step", msPerStep));
        out.flush();
        return 0;
    }
}
