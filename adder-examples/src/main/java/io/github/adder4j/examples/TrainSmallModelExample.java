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
 * Trains {@code split-57} for a few hundred steps with the {@link Trainer} and prints the metrics of the run. The recipe is
 * the published 57-parameter one ({@link Recipe#forPreset}: AdamW, warmup + cosine, carry-mix data, digit curriculum) with
 * fewer steps, a short warmup and a small validation set, so it finishes in seconds; it will not reach 100 % (the published
 * run needs tens of thousands of steps). The run directory holds {@code config.json}, {@code metrics.jsonl},
 * {@code events.jsonl}, {@code summary.json} and {@code checkpoints/} (best, last, trainer state), and can be resumed.
 *
 * <pre>
 * java -Dai.djl.offline=true -cp adder-examples/target/adder.jar io.github.adder4j.examples.TrainSmallModelExample [STEPS [DIR]]
 * </pre>
 * Defaults: 300 steps into a new temporary directory (kept, so that its files can be inspected or plotted).
 */
public final class TrainSmallModelExample {
    private TrainSmallModelExample() { }

    /** The preset trained. */
    public static final String PRESET = "split-57";

    /**
     * The recipe: the published split-57 recipe with {@code steps} steps of {@code batchSize} examples, a warmup of a tenth
     * of the steps, a metrics line every tenth of the run, an evaluation on {@code validationSize} pairs at the half and at the end.
     *
     * @throws IllegalArgumentException if steps is below 20, or batchSize or validationSize is not positive
     */
    public static Recipe recipe(long seed, int steps, int batchSize, int validationSize) {
        if (steps < 20) {
            throw new IllegalArgumentException("steps must be at least 20: " + steps);
        }
        int logEvery = steps / 10;
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("steps", Integer.toString(steps));
        overrides.put("batchSize", Integer.toString(batchSize));
        overrides.put("warmupSteps", Integer.toString(steps / 10));
        overrides.put("logEvery", Integer.toString(logEvery));
        overrides.put("evalEvery", Integer.toString(5 * logEvery));
        overrides.put("validationSize", Integer.toString(validationSize));
        return Recipe.forPreset(PRESET, seed).with(overrides);
    }

    /** Runs {@code recipe} into the new run directory {@code dir}, then prints every metrics line and the result. */
    public static TrainingResult run(Recipe recipe, Path dir, PrintStream out) {
        out.println("training " + recipe.preset() + " for " + recipe.schedule().steps() + " steps, batch " + recipe.data().batchSize() + ", into "
                + dir);
        TrainingResult result;
        try (Trainer trainer = Trainer.start(recipe, dir, "TrainSmallModelExample")) {
            result = trainer.run();
        }
        out.println(String.format(Locale.ROOT, "%6s  %8s  %9s  %8s  %8s", "step", "loss", "lr", "valExact", "tokenAcc"));
        try {
            for (String line : Files.readAllLines(RunFiles.metrics(dir))) {
                JsonObject m = JsonParser.parseString(line).getAsJsonObject();
                out.println(String.format(Locale.ROOT, "%6d  %8.4f  %9.6f  %8s  %8s", m.get("step").getAsLong(),
                        m.get("loss").getAsDouble(), m.get("lr").getAsDouble(), optional(m, "valExact"),
                        optional(m, "tokenAccuracy")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RunFiles.metrics(dir), e);
        }
        out.println(result.status() + ": " + result.message() + "; best validation exact match "
                + String.format(Locale.ROOT, "%.4f", result.bestExact()) + " at step " + result.bestStep()
                + "; best checkpoint " + RunFiles.bestCheckpoint(dir));
        return result;
    }

    private static String optional(JsonObject m, String key) {
        return m.has(key) ? String.format(Locale.ROOT, "%.4f", m.get(key).getAsDouble()) : "-";
    }

    /** {@code [STEPS [DIR]]}. */
    public static void main(String[] args) throws IOException {
        if (args.length > 2) {
            throw new IllegalArgumentException("arguments must be [STEPS [DIR]]: " + String.join(" ", args));
        }
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("adder4j-train-").resolve("run");
        run(recipe(1, steps, 256, 500), dir, System.out);
    }
}
