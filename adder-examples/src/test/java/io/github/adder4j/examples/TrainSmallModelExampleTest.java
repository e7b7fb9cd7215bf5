package io.github.adder4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adder4j.core.AdderModel;
import io.github.adder4j.train.Recipe;
import io.github.adder4j.train.RunFiles;
import io.github.adder4j.train.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainSmallModelExampleTest {

    @Test
    void aThirtyStepRunPrintsOneMetricsLinePerLogIntervalAndLeavesALoadableBestCheckpoint(@TempDir Path tmp) {
        Recipe recipe = TrainSmallModelExample.recipe(1, 30, 32, 50);
        Path dir = tmp.resolve("run");
        Output out = new Output();

        TrainingResult result = TrainSmallModelExample.run(recipe, dir, out.stream());

        assertEquals(TrainingResult.Status.COMPLETED, result.status());
        assertEquals(30, result.steps());
        List<String> lines = out.lines();
        assertEquals("training split-57 for 30 steps, batch 32, into " + dir, lines.get(0));
        assertEquals("  step      loss         lr  valExact  tokenAcc", lines.get(1));
        // a metrics line every 3 steps, an evaluation every 15
        List<String> metrics = lines.subList(2, lines.size() - 1);
        assertEquals(10, metrics.size());
        for (int i = 0; i < metrics.size(); i++) {
            String[] f = metrics.get(i).trim().split(" +");
            assertEquals(Integer.toString(3 * (i + 1)), f[0]);
            assertTrue(Double.isFinite(Double.parseDouble(f[1])) && Double.parseDouble(f[1]) > 0, metrics.get(i));
            assertEquals((i + 1) % 5 == 0, !f[3].equals("-"), metrics.get(i));
        }
        assertTrue(out.lastLine().startsWith("COMPLETED: completed 30 steps; best validation exact match "), out.lastLine());
        assertTrue(Files.isRegularFile(RunFiles.config(dir)));
        try (AdderModel best = AdderModel.load(RunFiles.bestCheckpoint(dir))) {
            assertEquals(57, best.parameterReport().uniqueParameters());
        }
    }

    @Test
    void theRecipeIsThePublishedOneWithTheStepsAndCadenceScaled() {
        Recipe r = TrainSmallModelExample.recipe(5, 300, 256, 500);
        Recipe published = Recipe.forPreset("split-57", 5);
        assertEquals(300, r.schedule().steps());
        assertEquals(30, r.schedule().warmupSteps());
        assertEquals(30, r.evaluation().logEvery());
        assertEquals(150, r.evaluation().evalEvery());
        assertEquals(published.optimization().learningRate(), r.optimization().learningRate());
        assertEquals(published.data().kind(), r.data().kind());
        assertEquals(published.optimization().clipNorm(), r.optimization().clipNorm());
    }

    @Test
    void rejectsTooFewSteps() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainSmallModelExample.recipe(1, 19, 32, 50));
        assertEquals("steps must be at least 20: 19", e.getMessage());
    }
}
