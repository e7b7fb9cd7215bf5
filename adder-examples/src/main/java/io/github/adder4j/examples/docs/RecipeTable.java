package io.github.adder4j.examples.docs;

import io.github.adder4j.core.Preset;
import io.github.adder4j.train.Recipe;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Section {@code recipes}: the published training recipe of every trainable preset, as {@link Recipe#forPreset} returns
 * it, and the modular grokking recipe of {@link Recipe#modular}.
 */
final class RecipeTable {
    private RecipeTable() { }

    /** The section's name. */
    static final String NAME = "recipes";

    /** The modular task shown in the last row. */
    private static final String MODULAR = "mod97-add";

    /** The table. */
    static String render() {
        MarkdownTable t = new MarkdownTable("recipe", "#steps", "#batch", "#lr", "#weight decay", "schedule", "#clip", "data",
                "#eval every", "#validation pairs", "#early stop after", "extras");
        for (Preset p : Preset.values()) {
            if (!p.handCoded() && p != Preset.SPLIT_234) {
                row(t, "`Recipe.forPreset(\"" + p.id() + "\", seed)`", Recipe.forPreset(p.id(), 1), true);
            }
        }
        row(t, "`Recipe.modular(\"" + MODULAR + "\", wd, seed, steps)`", Recipe.modular(MODULAR, 1.0, 1, 10_000), false);
        row(t, "`Recipe.modularGrokking(\"" + MODULAR + "\", wd, seed, steps)`", Recipe.modularGrokking(MODULAR, 1.0, 1, 10_000), false);
        return t.render() + "\n`split-234` has no published recipe: `Recipe.forPreset(\"split-234\", seed)` says so and asks for one.\n";
    }

    private static void row(MarkdownTable t, String label, Recipe r, boolean fixedSteps) {
        String schedule = switch (r.schedule().kind()) {
            case WARMUP_COSINE -> "warmup " + r.schedule().warmupSteps() + ", cosine to " + number(r.schedule().floorRatio()) + " lr";
            case WARMUP_COSINE_OPEN_END -> "warmup " + r.schedule().warmupSteps() + ", cosine to " + number(r.schedule().floorRatio()) + " lr (open end)";
            case CONSTANT -> "warmup " + r.schedule().warmupSteps() + ", constant";
            case COSINE_RESTARTS -> "warmup " + r.schedule().warmupSteps() + ", cosine restarts every " + r.schedule().restarts().firstCycle()
                    + (r.schedule().restarts().growth() == 1 ? "" : " x" + number(r.schedule().restarts().growth())) + " to " + number(r.schedule().floorRatio()) + " lr";
        };
        List<String> extras = new ArrayList<>();
        if (r.optimization().adaptiveWeightDecay()) {
            extras.add("adaptive weight decay " + r.optimization().effectiveAdaptiveRule());
        }
        if (r.averaging() != null) {
            extras.add("weight average " + r.averaging().kind());
        }
        if (r.distillation() != null) {
            extras.add("distillation T " + number(r.distillation().temperature()) + ", weight " + number(r.distillation().weight()));
        }
        if (r.optimization().grokfast()) {
            extras.add("Grokfast-EMA");
        }
        if (r.data().modular() != null) {
            extras.add("train fraction " + number(r.data().trainFraction()));
        }
        if (r.start().sizes() != null) {
            extras.add("model " + r.start().sizes().replace(",", ", "));
        }
        if (r.start().init() != null) {
            extras.add("init " + r.start().init());
        }
        if (r.optimization().decayScope() != io.github.adder4j.train.Recipe.DecayScope.ALL) {
            extras.add("decay " + r.optimization().decayScope());
        }
        if (r.evaluation().scoring() != Recipe.Scoring.FORMAT_READER) {
            extras.add("scoring " + r.evaluation().scoring());
        }
        if (r.evaluation().validationSeed() == Recipe.validationSeedFor(r.seed())) {
            extras.add("validation seed 10000 + 100 seed");
        } else if (r.evaluation().validationSeed() != 7) {
            extras.add("validation seed " + r.evaluation().validationSeed());
        }
        if (r.evaluation().testSize() > 0) {
            extras.add(r.evaluation().testSize() + " held-out test pairs");
        }
        if (r.evaluation().abandon() != null) {
            extras.add("abandon at " + r.evaluation().abandon().step() + " below token accuracy " + number(r.evaluation().abandon().minTokenAccuracy()));
        }
        t.row(label, fixedSteps ? Integer.toString(r.schedule().steps()) : "given", r.data().batchSize(), number(r.optimization().learningRate()),
                fixedSteps ? number(r.optimization().weightDecay()) : "given", schedule, number(r.optimization().clipNorm()),
                r.data().modular() != null ? "all pairs mod p" : "`" + r.data().kind() + "`", r.evaluation().evalEvery(),
                r.data().modular() != null ? "the other pairs" : Integer.toString(r.evaluation().validationSize()),
                r.evaluation().earlyStopAfter() > 0 ? Integer.toString(r.evaluation().earlyStopAfter()) : "-", extras.isEmpty() ? "-" : String.join(", ", extras));
    }

    /** A double without a trailing ".0" or an exponent. */
    private static String number(double v) {
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}
