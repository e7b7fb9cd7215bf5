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
        String schedule = switch (r.schedule()) {
            case WARMUP_COSINE -> "warmup " + r.warmupSteps() + ", cosine to " + number(r.floorRatio()) + " lr";
            case WARMUP_COSINE_OPEN_END -> "warmup " + r.warmupSteps() + ", cosine to " + number(r.floorRatio()) + " lr (open end)";
            case CONSTANT -> "warmup " + r.warmupSteps() + ", constant";
            case COSINE_RESTARTS -> "warmup " + r.warmupSteps() + ", cosine restarts every " + r.restarts().firstCycle()
                    + (r.restarts().growth() == 1 ? "" : " x" + number(r.restarts().growth())) + " to " + number(r.floorRatio()) + " lr";
        };
        List<String> extras = new ArrayList<>();
        if (r.adaptiveWeightDecay()) {
            extras.add("adaptive weight decay " + r.effectiveAdaptiveRule());
        }
        if (r.averaging() != null) {
            extras.add("weight average " + r.averaging().kind());
        }
        if (r.distillation() != null) {
            extras.add("distillation T " + number(r.distillation().temperature()) + ", weight " + number(r.distillation().weight()));
        }
        if (r.grokfast()) {
            extras.add("Grokfast-EMA");
        }
        if (r.modular() != null) {
            extras.add("train fraction " + number(r.trainFraction()));
        }
        if (r.model() != null) {
            extras.add("model " + r.model().replace(",", ", "));
        }
        if (r.init() != null) {
            extras.add("init " + r.init());
        }
        if (r.effectiveDecayScope() != io.github.adder4j.train.Recipe.DecayScope.ALL) {
            extras.add("decay " + r.effectiveDecayScope());
        }
        if (r.effectiveScoring() != Recipe.Scoring.FORMAT_READER) {
            extras.add("scoring " + r.effectiveScoring());
        }
        if (r.validationSeed() == Recipe.validationSeedFor(r.seed())) {
            extras.add("validation seed 10000 + 100 seed");
        } else if (r.validationSeed() != 7) {
            extras.add("validation seed " + r.validationSeed());
        }
        if (r.testSize() > 0) {
            extras.add(r.testSize() + " held-out test pairs");
        }
        if (r.abandon() != null) {
            extras.add("abandon at " + r.abandon().step() + " below token accuracy " + number(r.abandon().minTokenAccuracy()));
        }
        t.row(label, fixedSteps ? Integer.toString(r.steps()) : "given", r.batchSize(), number(r.learningRate()),
                fixedSteps ? number(r.weightDecay()) : "given", schedule, number(r.clipNorm()),
                r.modular() != null ? "all pairs mod p" : "`" + r.data() + "`", r.evalEvery(),
                r.modular() != null ? "the other pairs" : Integer.toString(r.validationSize()),
                r.earlyStopAfter() > 0 ? Integer.toString(r.earlyStopAfter()) : "-", extras.isEmpty() ? "-" : String.join(", ", extras));
    }

    /** A double without a trailing ".0" or an exponent. */
    private static String number(double v) {
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}
