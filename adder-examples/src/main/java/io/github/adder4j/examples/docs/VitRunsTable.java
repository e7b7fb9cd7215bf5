package io.github.adder4j.examples.docs;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.adder4j.core.vision.VitModel;
import io.github.adder4j.train.Recipe;
import io.github.adder4j.train.RunFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Section {@code vit-runs}: the kept Micro-ViT runs of {@code docs/runs} (directories whose recipe trains the
 * {@code micro-vit} preset), each with its size, data, steps, where its best checkpoint was chosen and its accuracy.
 */
final class VitRunsTable {
    private VitRunsTable() { }

    /** The section's name. */
    static final String NAME = "vit-runs";

    /** The kept ViT runs below {@code root/docs/runs}, in name order. */
    static List<Path> runs(Path root) {
        Path dir = root.resolve("docs").resolve("runs");
        List<Path> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path run : files.sorted().toList()) {
                if (Files.isRegularFile(run.resolve("config.json")) && recipe(run).isVit()) {
                    out.add(run);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return out;
    }

    /** A run's recipe. */
    static Recipe recipe(Path run) {
        try {
            JsonObject config = JsonParser.parseString(Files.readString(run.resolve("config.json"))).getAsJsonObject();
            return RunFiles.GSON.fromJson(config.get("recipe"), Recipe.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + run.resolve("config.json"), e);
        }
    }

    /** A run's evaluations, in step order. */
    static List<JsonObject> evaluations(Path run) {
        try {
            return Files.readAllLines(run.resolve("metrics.jsonl")).stream().map(l -> JsonParser.parseString(l).getAsJsonObject())
                    .filter(o -> o.has("valExact")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + run.resolve("metrics.jsonl"), e);
        }
    }

    /**
     * A run's {@code test.json} (the test digits measured once on its best checkpoint, chosen on the validation digits), or
     * null for a run made before the validation split, whose evaluations were on the test digits.
     */
    static JsonObject test(Path run) {
        Path file = run.resolve("test.json");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The evaluation with the top accuracy (the first of ties, as the trainer keeps it). */
    static JsonObject best(List<JsonObject> evals) {
        JsonObject best = evals.get(0);
        for (JsonObject e : evals) {
            if (e.get("valExact").getAsDouble() > best.get("valExact").getAsDouble()) {
                best = e;
            }
        }
        return best;
    }

    /** A run's parameters, built from its recipe. */
    static long parameters(Recipe r) {
        try (VitModel model = VitModel.of(r.vitConfig())) {
            return model.parameterReport().uniqueParameters();
        }
    }

    /**
     * The table: runs with a validation split show the best validation accuracy and the test accuracy of that checkpoint
     * (test.json); earlier runs, chosen on the test digits, show their best and last accuracy on the test digits.
     */
    static String render(Path root) {
        MarkdownTable t = new MarkdownTable("run", "model field", "#parameters", "data", "lr", "starts from", "#steps", "best chosen on",
                "best validation accuracy", "test accuracy of the best", "test accuracy at the last step", "#wall s");
        for (Path run : runs(root)) {
            Recipe r = recipe(run);
            List<JsonObject> evals = evaluations(run);
            JsonObject last = evals.get(evals.size() - 1);
            JsonObject best = best(evals);
            JsonObject test = test(run);
            String model = r.start().sizes() == null ? "(micro-vit)" : "`" + r.start().sizes() + "`";
            if (test == null) {
                t.row(run.getFileName(), model, parameters(r), r.data().kind(), r.optimization().learningRate(), from(r), last.get("step").getAsLong(),
                        "test digits (legacy)", "-",
                        accuracy(best) + " @ " + best.get("step").getAsLong() + " (chosen on test)", accuracy(last), wallSeconds(run));
            } else {
                t.row(run.getFileName(), model, parameters(r), r.data().kind(), r.optimization().learningRate(), from(r), last.get("step").getAsLong(),
                        "validation digits (" + r.evaluation().validationSize() + ")",
                        accuracy(best) + " @ " + best.get("step").getAsLong(), testAccuracy(test), "-", wallSeconds(run));
            }
        }
        return t.render();
    }

    /** The run directory a fine-tuning run starts from ({@code RUN/checkpoints/FILE}), {@code -} for a fresh start. */
    static String from(Recipe r) {
        if (r.start().initFrom() == null) {
            return "-";
        }
        Path checkpoints = Path.of(r.start().initFrom()).getParent();
        return checkpoints != null && checkpoints.getParent() != null ? checkpoints.getParent().getFileName() + " (" + Path.of(r.start().initFrom())
                .getFileName() + ")" : r.start().initFrom();
    }

    /** The wall time of the run's summary.json, in whole seconds, or {@code -} without one. */
    static String wallSeconds(Path run) {
        Path file = run.resolve("summary.json");
        if (!Files.isRegularFile(file)) {
            return "-";
        }
        try {
            JsonObject summary = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
            return summary.has("wallSeconds") ? Long.toString(Math.round(summary.get("wallSeconds").getAsDouble())) : "-";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** {@code 95.09 % (1898/1996)} from a test.json. */
    static String testAccuracy(JsonObject test) {
        return String.format(Locale.ROOT, "%.2f %% (%d/%d)", 100.0 * test.get("correct").getAsInt() / test.get("testSize").getAsInt(),
                test.get("correct").getAsInt(), test.get("testSize").getAsInt());
    }

    private static String accuracy(JsonObject evaluation) {
        double a = evaluation.get("valExact").getAsDouble();
        return String.format(Locale.ROOT, "%.2f %%", 100 * a);
    }
}
