package io.github.adder4j.examples.docs;

import com.google.gson.JsonObject;
import io.github.adder4j.core.params.Component;
import io.github.adder4j.core.params.ParameterReport;
import io.github.adder4j.core.vision.VitConfig;
import io.github.adder4j.core.vision.VitModel;
import io.github.adder4j.train.Recipe;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sections {@code micro-vit-params}, the parameter report of the {@code micro-vit} preset, and {@code vit-sizes}, the
 * parameters of the ViT sizes of the sweep ({@link #SIZES}), each built and counted.
 */
final class VitTable {
    private VitTable() { }

    /** The parameter section's name. */
    static final String NAME = "micro-vit-params";

    /** The sizes section's name. */
    static final String SIZES_NAME = "vit-sizes";

    /** The sizes of the sweep, as the recipe's {@code model} field gives them ({@code -} is the preset itself). */
    static final List<String> SIZES = List.of("-", "dModel=24", "dModel=16", "dModel=12,headDim=4");

    /** One row per component of the Micro-ViT, then the total. */
    static String render() {
        MarkdownTable t = new MarkdownTable("component", "shape", "#parameters", "what");
        ParameterReport report;
        try (VitModel model = VitModel.of(VitConfig.microVit())) {
            report = model.parameterReport();
        }
        for (Component c : report.components()) {
            t.row("`" + c.name() + "`", c.shapeText(), c.count(), c.note());
        }
        t.row("**total**", "", report.uniqueParameters(), "");
        return t.render();
    }

    /**
     * Which round of the Micro-ViT recipe a run follows: 1 when its recipe is {@code Recipe.forPreset("micro-vit", seed)}
     * with a {@code model} field, 2 when it is {@link Recipe#microVitCleanRound} of that, 0 otherwise (seed, model field and
     * starting checkpoint aside).
     */
    static int round(Recipe r) {
        Recipe round1 = Recipe.forPreset(VitConfig.MICRO_VIT, r.seed()).with(modelOf(r));
        if (r.start().initFrom() == null) {
            return r.equals(round1) ? 1 : 0;
        }
        return r.equals(Recipe.microVitCleanRound(round1, r.start().initFrom())) ? 2 : 0;
    }

    private static Map<String, String> modelOf(Recipe r) {
        Map<String, String> m = new java.util.HashMap<>();
        m.put("model", r.start().sizes());
        return m;
    }

    /**
     * One row per size of the sweep and kept run of the Micro-ViT recipe of that size (round 1, then its clean round 2, in
     * {@code docs/runs}): options, parameter count, the run, its round and steps, its best validation accuracy and the test
     * accuracy of that checkpoint; a size without a kept run says so.
     */
    static String renderSizes(Path root) {
        MarkdownTable t = new MarkdownTable("model field", "d", "heads x head dim", "#parameters", "run", "seed", "round", "#steps",
                "best validation accuracy", "test accuracy of the best", "test >= 95 %");
        List<Path> kept = VitRunsTable.runs(root).stream().filter(r -> VitRunsTable.test(r) != null
                && round(VitRunsTable.recipe(r)) > 0).toList();
        for (String size : SIZES) {
            VitConfig c = config(size);
            long params;
            try (VitModel model = VitModel.of(c)) {
                params = model.parameterReport().uniqueParameters();
            }
            String field = size.equals("-") ? "(micro-vit)" : "`" + size + "`";
            List<Path> runs = kept.stream().filter(r -> size.equals(VitRunsTable.recipe(r).start().sizes() == null ? "-"
                    : VitRunsTable.recipe(r).start().sizes())).sorted(java.util.Comparator.comparing((Path r) -> VitRunsTable.recipe(r).seed())
                    .thenComparing((Path r) -> round(VitRunsTable.recipe(r))).thenComparing(Path::toString)).toList();
            if (runs.isEmpty()) {
                t.row(field, c.dModel(), c.heads() + " x " + c.headDim(), params, "- (not run)", "-", "-", "-", "-", "-", "-");
            }
            for (Path run : runs) {
                Recipe r = VitRunsTable.recipe(run);
                List<JsonObject> evals = VitRunsTable.evaluations(run);
                JsonObject best = VitRunsTable.best(evals);
                JsonObject test = VitRunsTable.test(run);
                boolean reaches = test.get("correct").getAsInt() * 100L >= 95L * test.get("testSize").getAsInt();
                t.row(field, c.dModel(), c.heads() + " x " + c.headDim(), params, run.getFileName(), r.seed(),
                        round(r) == 1 ? "1: " + r.data().kind() : "2: clean " + r.data().kind(), evals.get(evals.size() - 1).get("step").getAsLong(),
                        String.format(Locale.ROOT, "%.2f %%", 100 * best.get("valExact").getAsDouble()) + " @ " + best.get("step").getAsLong(),
                        VitRunsTable.testAccuracy(test), reaches ? "yes" : "no");
            }
        }
        return t.render() + "\n\n" + summary(root, kept);
    }

    /**
     * Per size, over its kept round-2 runs (one per seed): how many seeds, how many reached 95 % on the test digits, and
     * the lowest and highest test accuracy.
     */
    private static String summary(Path root, List<Path> kept) {
        MarkdownTable t = new MarkdownTable("model field", "#parameters", "#seeds (round 2)", "#reached 95 %",
                "test accuracy after round 2 (lowest .. highest)");
        for (String size : SIZES) {
            long params;
            try (VitModel model = VitModel.of(config(size))) {
                params = model.parameterReport().uniqueParameters();
            }
            List<JsonObject> tests = kept.stream().filter(r -> round(VitRunsTable.recipe(r)) == 2 && size.equals(
                    VitRunsTable.recipe(r).start().sizes() == null ? "-" : VitRunsTable.recipe(r).start().sizes())).map(VitRunsTable::test).toList();
            long reached = tests.stream().filter(x -> x.get("correct").getAsInt() * 100L >= 95L * x.get("testSize").getAsInt()).count();
            double low = tests.stream().mapToDouble(x -> x.get("exact").getAsDouble()).min().orElse(Double.NaN);
            double high = tests.stream().mapToDouble(x -> x.get("exact").getAsDouble()).max().orElse(Double.NaN);
            t.row(size.equals("-") ? "(micro-vit)" : "`" + size + "`", params, tests.size(), reached, tests.isEmpty() ? "-"
                    : String.format(Locale.ROOT, "%.2f %% .. %.2f %%", 100 * low, 100 * high));
        }
        return t.render();
    }

    /** The ViT of a sweep size: the recipe's, with the size as its {@code model} field. */
    static VitConfig config(String size) {
        Recipe base = Recipe.forPreset(VitConfig.MICRO_VIT, 1);
        return (size.equals("-") ? base : base.with(Map.of("model", size))).vitConfig();
    }
}
