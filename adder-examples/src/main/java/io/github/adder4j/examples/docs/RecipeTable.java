package io.github.adder4j.examples.docs;

import io.github.adder4j.core.Preset;
import io.github.adder4j.train.DataSpec;
import io.github.adder4j.train.EvaluationSpec;
import io.github.adder4j.train.OptimizerSpec;
import io.github.adder4j.train.Recipe;
import io.github.adder4j.train.ScheduleSpec;
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
        ScheduleSpec s = r.schedule();
        OptimizerSpec o = r.optimization();
        DataSpec d = r.data();
        EvaluationSpec e = r.evaluation();
        String schedule = switch (s.kind()) {
            case WARMUP_COSINE -> "warmup " + s.warmupSteps() + ", cosine to " + number(s.floorRatio()) + " lr";
            case WARMUP_COSINE_OPEN_END -> "warmup " + s.warmupSteps() + ", cosine to " + number(s.floorRatio()) + " lr (open end)";
            case CONSTANT -> "warmup " + s.warmupSteps() + ", constant";
            case COSINE_RESTARTS -> "warmup " + s.warmupSteps() + ", cosine restarts every " + s.restarts().firstCycle()
                    + (s.restarts().growth() == 1 ? "" : " x" + number(s.restarts().growth())) + " to " + number(s.floorRatio()) + " lr";
        };
        List<String> extras = new ArrayList<>();
        if (o.adaptiveWeightDecay()) {
            extras.add("adaptive weight decay " + o.effectiveAdaptiveRule());
        }
        if (r.averaging() != null) {
            extras.add("weight average " + r.averaging().kind());
        }
        if (r.distillation() != null) {
            extras.add("distillation T " + number(r.distillation().temperature()) + ", weight " + number(r.distillation().weight()));
        }
        if (o.grokfast()) {
            extras.add("Grokfast-EMA");
        }
        if (d.modular() != null) {
            extras.add("train fraction " + number(d.trainFraction()));
        }
        if (r.start().sizes() != null) {
            extras.add("model " + r.start().sizes().replace(",", ", "));
        }
        if (r.start().init() != null) {
            extras.add("init " + r.start().init());
        }
        if (o.decayScope() != Recipe.DecayScope.ALL) {
            extras.add("decay " + o.decayScope());
        }
        if (e.scoring() != Recipe.Scoring.FORMAT_READER) {
            extras.add("scoring " + e.scoring());
        }
        if (e.validationSeed() == Recipe.validationSeedFor(r.seed())) {
            extras.add("validation seed 10000 + 100 seed");
        } else if (e.validationSeed() != EvaluationSpec.DEFAULTS.validationSeed()) {
            extras.add("validation seed " + e.validationSeed());
        }
        if (e.testSize() > 0) {
            extras.add(e.testSize() + " held-out test pairs");
        }
        if (e.abandon() != null) {
            extras.add("abandon at " + e.abandon().step() + " below token accuracy " + number(e.abandon().minTokenAccuracy()));
        }
        t.row(label, fixedSteps ? Integer.toString(s.steps()) : "given", d.batchSize(), number(o.learningRate()),
                fixedSteps ? number(o.weightDecay()) : "given", schedule, number(o.clipNorm()),
                d.modular() != null ? "all pairs mod p" : "`" + d.kind() + "`", e.evalEvery(),
                d.modular() != null ? "the other pairs" : Integer.toString(e.validationSize()),
                e.earlyStopAfter() > 0 ? Integer.toString(e.earlyStopAfter()) : "-", extras.isEmpty() ? "-" : String.join(", ", extras));
    }

    /** A double without a trailing ".0" or an exponent. */
    private static String number(double v) {
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}
