package io.github.adder4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.Options;
import io.github.adder4j.core.Preset;
import io.github.adder4j.core.io.Tensor;
import io.github.adder4j.train.optim.AdaptiveWeightDecay;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each preset trains with the published recipe of its own family, never another family's silently. */
class FamilyRecipesTest {

    @Test
    void theRopeFamilyGetsThe36pRecipe() {
        for (String preset : new String[] {"rope-36", "rope-122"}) {
            Recipe r = Recipe.forPreset(preset, 8);
            assertEquals(preset, r.preset());
            assertEquals(100_000, r.schedule().steps());
            assertEquals(128, r.data().batchSize());
            assertEquals(0.01, r.optimization().learningRate());
            assertEquals(0.01, r.optimization().weightDecay());
            assertEquals(0.9, r.optimization().beta1());
            assertEquals(0.999, r.optimization().beta2());
            assertEquals(Recipe.Schedule.WARMUP_COSINE_OPEN_END, r.schedule().kind());
            assertEquals(0, r.schedule().warmupSteps());
            assertEquals(0.1, r.schedule().floorRatio());
            assertEquals(1.0, r.optimization().clipNorm());
            assertEquals(Recipe.Data.DIGIT_LENGTH, r.data().kind());
            assertEquals(true, r.optimization().grokfast());
            assertEquals(true, r.optimization().adaptiveWeightDecay());
            assertEquals(Recipe.AdaptiveRule.ROPE_36, r.optimization().effectiveAdaptiveRule());
            assertEquals(2000, r.evaluation().evalEvery());
            assertEquals(500, r.evaluation().validationSize());
            assertEquals(Recipe.validationSeedFor(8), r.evaluation().validationSeed());
            assertEquals(Options.Init.QWEN_SMALL, r.start().init());
            assertEquals(Recipe.DecayScope.ALL, r.optimization().decayScope());
            assertEquals(10_000, r.evaluation().testSize());
        }
        // the 36p's schedule is torch's CosineAnnealingLR: lr_min + (lr - lr_min) (1 + cos(pi s / T)) / 2
        io.github.adder4j.train.optim.LearningRateSchedule s = io.github.adder4j.train.optim.LearningRateSchedule
                .warmupCosineOpenEnd(0.01, 0, 100_000, 0.1);
        for (long step : new long[] {0, 1, 2000, 50_000, 99_999}) {
            assertEquals(0.001 + 0.009 * (1 + Math.cos(Math.PI * step / 100_000)) / 2, s.learningRate(step), 1e-15, "step " + step);
        }
    }

    @Test
    void theRope36AdaptiveRuleCutsWeightDecayAtOneAndFivePercent() {
        AdaptiveWeightDecay rule = Recipe.AdaptiveRule.ROPE_36.over(0.01);
        assertEquals(0.01, rule.weightDecay(0.009, 0.2), 1e-18);
        assertEquals(0.001, rule.weightDecay(0.01, 0.2), 1e-18);
        assertEquals(0.001, rule.weightDecay(0.049, 0.9), 1e-18);
        assertEquals(0.0001, rule.weightDecay(0.05, 0.2), 1e-18);
        assertEquals(0.0001, rule.weightDecay(1.0, 1.0), 1e-18);
        // the 74p rule stays what the split-74 recipe uses
        assertEquals(Recipe.AdaptiveRule.SPLIT_74, Recipe.forPreset("split-74", 1).optimization().effectiveAdaptiveRule());
        assertEquals(0.01, Recipe.AdaptiveRule.SPLIT_74.over(0.01).weightDecay(0.05, 0.5), 1e-18);
    }

    @Test
    void presetsWithoutAPublishedRecipeSaySo() {
        assertEquals("preset split-234 has no published training recipe in adder4j (its author's schedule is not published); give one:"
                        + " train --recipe FILE --preset split-234 (FILE: a recipe JSON such as the \"recipe\" of a run's config.json),"
                        + " or in code Recipe.forPreset(other, seed).toBuilder().preset(\"split-234\")",
                assertThrows(IllegalArgumentException.class, () -> Recipe.forPreset("split-234", 1)).getMessage());
        assertEquals("preset rope19-10 is hand-coded (its weights are set, not trained); there is no training recipe for it",
                assertThrows(IllegalArgumentException.class, () -> Recipe.forPreset("rope19-10", 1)).getMessage());
        Recipe borrowed = Recipe.forPreset("split-57", 1).toBuilder().preset("split-234").build();
        assertEquals("split-234", borrowed.preset());
    }

    @Test
    void theQwenSmallInitialisationStartsRotationsAt01AndMatricesAtSmallNormals() {
        try (AdderModel m = Preset.ROPE_36.builder().init(Options.Init.QWEN_SMALL).seed(8).build();
             AdderModel xavier = Preset.ROPE_36.builder().seed(8).build()) {
            Map<String, Tensor> t = m.tensors().stream().collect(Collectors.toMap(Tensor::name, x -> x));
            int angles = 0;
            double sum = 0;
            double squares = 0;
            int n = 0;
            for (Tensor x : t.values()) {
                String what = m.parameterReport().components().stream().filter(c -> c.name().equals(x.name()))
                        .map(c -> c.note()).findFirst().orElse("");
                if (x.values().length == 1 && (what.contains("R(phi)") || what.contains("R(psi)"))) {
                    assertEquals(0.1, x.values()[0], 1e-7, x.name());
                    angles++;
                } else if (x.shape().length == 2) {
                    for (double v : x.values()) {
                        sum += v;
                        squares += v * v;
                        n++;
                    }
                }
            }
            assertEquals(2, angles, "K = R(phi) Q and down = R(psi) up^T: " + t.keySet());
            assertEquals(0.02, Math.sqrt(squares / n - (sum / n) * (sum / n)), 0.012, "N(0, 0.02) matrices");
            // the builder's default keeps its angles at 0: nothing published moved
            for (Tensor x : xavier.tensors()) {
                if (x.values().length == 1 && m.parameterReport().components().stream()
                        .anyMatch(c -> c.name().equals(x.name()) && (c.note().contains("R(phi)") || c.note().contains("R(psi)")))) {
                    assertEquals(0.0, x.values()[0], x.name());
                }
            }
        }
    }
}
