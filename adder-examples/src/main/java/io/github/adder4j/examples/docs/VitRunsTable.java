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
 * {@code micro-vit} preset), each with its size, data, steps and the held-out accuracy of its last and best evaluation.
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

    /** The table. */
    static String render(Path root) {
        MarkdownTable t = new MarkdownTable("run", "model field", "#parameters", "data", "#steps", "last held-out accuracy",
                "best held-out accuracy");
        for (Path run : runs(root)) {
            Recipe r = recipe(run);
            List<JsonObject> evals = evaluations(run);
            JsonObject last = evals.get(evals.size() - 1);
            JsonObject best = last;
            for (JsonObject e : evals) {
                if (e.get("valExact").getAsDouble() > best.get("valExact").getAsDouble()) {
                    best = e;
                }
            }
            long params;
            try (VitModel model = VitModel.of(r.vitConfig())) {
                params = model.parameterReport().uniqueParameters();
            }
            t.row(run.getFileName(), r.model() == null ? "(micro-vit)" : "`" + r.model() + "`", params, r.data(),
                    last.get("step").getAsLong(), accuracy(last), accuracy(best) + " @ " + best.get("step").getAsLong());
        }
        return t.render();
    }

    private static String accuracy(JsonObject evaluation) {
        double a = evaluation.get("valExact").getAsDouble();
        return String.format(Locale.ROOT, "%.2f %%", 100 * a);
    }
}
