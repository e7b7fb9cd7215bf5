package io.github.adder4j.examples;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.adder4j.train.Recipe;
import io.github.adder4j.train.RunFiles;
import io.github.adder4j.train.Trainer;
import io.github.adder4j.train.TrainingResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The grokking experiment: {@code a + b mod 97} learned by classic-777's layout widened to d=64 from 30 % of all pairs,
 * full batch, with weight decay 1.0 ({@link Recipe#modularGrokking}; with 0.01 the same run memorises without generalising). The trainer evaluates on both splits; the signature of grokking is train
 * accuracy near 100 % long before test accuracy jumps, and the trainer's grokking detector records the step where test
 * accuracy goes from below 50 % to above 99 % (an event in {@code events.jsonl}, and {@link TrainingResult#grokStep()}).
 * Grokking takes thousands of steps; pass a step count.
 *
 * <pre>
 * java -Dai.djl.offline=true -cp adder-examples/target/adder.jar io.github.adder4j.examples.GrokModularExample [STEPS [DIR]]
 * </pre>
 * Defaults: 5000 steps (the kept seed-1 run, docs/runs/mod97-d64-wd1, grokked well within them) into a
 * new temporary directory (kept).
 */
public final class GrokModularExample {
    private GrokModularExample() { }

    /** The modular task: addition modulo 97. */
    public static final String TASK = "mod97-add";

    /** A step count long enough for the published recipe's warmup and evaluation cadence. */
    private static final int LONG_RUN = 1000;

    /** The weight decay of the grokking recipe (0.01 memorises and never generalises). */
    public static final double WEIGHT_DECAY = 1.0;

    /**
     * {@link Recipe#modularGrokking} for {@link #TASK}; runs shorter than the recipe's warmup get a warmup of a quarter of the
     * steps and an evaluation at the half and at the end.
     *
     * @throws IllegalArgumentException if steps is below 4
     */
    public static Recipe recipe(long seed, int steps) {
        if (steps < 4) {
            throw new IllegalArgumentException("steps must be at least 4: " + steps);
        }
        Recipe published = Recipe.modularGrokking(TASK, WEIGHT_DECAY, seed, LONG_RUN);
        if (steps > published.schedule().warmupSteps() + 1 && steps >= published.evaluation().evalEvery()) {
            return Recipe.modularGrokking(TASK, WEIGHT_DECAY, seed, steps);
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("steps", Integer.toString(steps));
        overrides.put("warmupSteps", Integer.toString(Math.min(published.schedule().warmupSteps(), steps / 4)));
        overrides.put("logEvery", Integer.toString(steps / 2));
        overrides.put("evalEvery", Integer.toString(steps / 2));
        return published.with(overrides);
    }

    /** Runs {@code recipe} into the new run directory {@code dir}, printing train and test accuracy at every evaluation. */
    public static TrainingResult run(Recipe recipe, Path dir, PrintStream out) {
        out.println("training " + recipe.preset() + "'s architecture on " + recipe.data().modular() + " for " + recipe.schedule().steps()
                + " steps, weight decay " + recipe.optimization().weightDecay() + ", into " + dir);
        TrainingResult result;
        try (Trainer trainer = Trainer.start(recipe, dir, "GrokModularExample")) {
            result = trainer.run();
        }
        out.println(String.format(Locale.ROOT, "%6s  %8s  %9s  %9s", "step", "loss", "trainAcc", "testAcc"));
        try {
            for (String line : Files.readAllLines(RunFiles.metrics(dir))) {
                JsonObject m = JsonParser.parseString(line).getAsJsonObject();
                if (m.has("valExact")) {
                    out.println(String.format(Locale.ROOT, "%6d  %8.4f  %9.4f  %9.4f", m.get("step").getAsLong(),
                            m.get("loss").getAsDouble(), m.get("trainExact").getAsDouble(), m.get("valExact").getAsDouble()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RunFiles.metrics(dir), e);
        }
        out.println(result.grokStep() >= 0 ? "grokked at step " + result.grokStep()
                : "no grokking within " + result.steps() + " steps (best test accuracy "
                        + String.format(Locale.ROOT, "%.4f", result.bestExact()) + ")");
        return result;
    }

    /** {@code [STEPS [DIR]]}. */
    public static void main(String[] args) throws IOException {
        if (args.length > 2) {
            throw new IllegalArgumentException("arguments must be [STEPS [DIR]]: " + String.join(" ", args));
        }
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("adder4j-grok-").resolve("run");
        run(recipe(1, steps), dir, System.out);
    }
}
