package io.github.adder4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adder4j.train.Recipe;
import io.github.adder4j.train.TrainingResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrokModularExampleTest {

    @Test
    void aTwentyStepRunPrintsTrainAndTestAccuracyAtBothEvaluations(@TempDir Path tmp) {
        Recipe recipe = GrokModularExample.recipe(1, 20);
        Path dir = tmp.resolve("run");
        Output out = new Output();

        TrainingResult result = GrokModularExample.run(recipe, dir, out.stream());

        assertEquals(20, result.steps());
        List<String> lines = out.lines();
        assertEquals("training classic-777's architecture on mod97-add for 20 steps, weight decay 1.0, into " + dir, lines.get(0));
        assertEquals("  step      loss   trainAcc    testAcc", lines.get(1));
        assertEquals(5, lines.size(), String.join("\n", lines));
        for (int i = 0; i < 2; i++) {
            String[] f = lines.get(2 + i).trim().split(" +");
            assertEquals(Integer.toString(10 * (i + 1)), f[0]);
            for (int k = 2; k < 4; k++) {
                double acc = Double.parseDouble(f[k]);
                assertTrue(acc >= 0 && acc <= 1, lines.get(2 + i));
            }
        }
        // the last line reports the grokking detector's verdict, whichever it is
        String verdict = result.grokStep() >= 0 ? "grokked at step " + result.grokStep()
                : "no grokking within 20 steps (best test accuracy " + String.format(java.util.Locale.ROOT, "%.4f", result.bestExact()) + ")";
        assertEquals(verdict, lines.get(lines.size() - 1));
    }

    @Test
    void longRunsUseTheGrokkingRecipeUnchanged() {
        assertEquals(Recipe.modularGrokking("mod97-add", 1.0, 3, 3000), GrokModularExample.recipe(3, 3000));
    }

    @Test
    void shortRunsGetAShorterWarmupAndTwoEvaluations() {
        Recipe r = GrokModularExample.recipe(3, 20);
        assertEquals(5, r.schedule().warmupSteps());
        assertEquals(10, r.evaluation().evalEvery());
        assertEquals(10, r.evaluation().logEvery());
        assertEquals("mod97-add", r.data().modular());
        assertEquals(1.0, r.optimization().weightDecay());
    }

    @Test
    void rejectsTooFewSteps() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GrokModularExample.recipe(1, 3));
        assertEquals("steps must be at least 4: 3", e.getMessage());
    }
}
