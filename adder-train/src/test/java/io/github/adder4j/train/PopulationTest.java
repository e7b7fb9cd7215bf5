package io.github.adder4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.io.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Member p of a population trains as seed p would alone: the same metric lines (losses and gradient norms to float
 * rounding, the same learning rates, weight decays and evaluations) and the same weights, whatever step each member starts
 * from; what a population cannot share is refused by name.
 *
 * <p>"To float rounding": the population's batched products reduce in another order than one model's, so the gradients
 * differ in their last bits. Where a gradient is itself rounding noise (the arc start of rope-36 is nearly a symmetry of the
 * model, so its gradient is ~1e-8), AdamW turns that noise into steps of up to the learning rate, in the run alone as in the
 * population, so the weights drift apart by ~1e-5 in ten steps and ~1e-4 in sixty. The tolerances below are set from
 * these measured drifts; a wrong formula (clipping, decay, bias correction, Grokfast) moves weights by ~1e-2 in one step.
 */
class PopulationTest {

    private static Recipe rope(long seed) {
        return Recipe.forPreset("rope-36", seed).with(Map.of("steps", "60", "evalEvery", "20", "logEvery", "10",
                "validationSize", "50", "batchSize", "32", "testSize", "200"));
    }

    private static Recipe split(long seed) {
        return Recipe.forPreset("split-57", seed).with(Map.of("steps", "60", "evalEvery", "20", "logEvery", "10",
                "validationSize", "50", "warmupSteps", "5", "batchSize", "32"));
    }

    @Test
    void eachMemberOfARope36PopulationTrainsAsItsSeedAlone(@TempDir Path tmp) throws Exception {
        List<Recipe> recipes = List.of(rope(1), rope(2), rope(3));
        List<Path> alone = trainAlone(recipes, tmp.resolve("alone"));
        for (TrainingResult result : trainTogether(recipes, tmp.resolve("population"))) {
            assertEquals(TrainingResult.Status.COMPLETED, result.status());
            assertEquals(60, result.steps());
        }
        for (int p = 0; p < recipes.size(); p++) {
            assertSameRun(alone.get(p), tmp.resolve("population/seed-" + recipes.get(p).seed()));
        }
    }

    @Test
    void threeStepsOfThreeMembersMatchTheirRunsAloneClosely(@TempDir Path tmp) throws Exception {
        List<Recipe> recipes = List.of(short3(1), short3(2), short3(3));
        List<Path> alone = trainAlone(recipes, tmp.resolve("alone"));
        trainTogether(recipes, tmp.resolve("population"));
        for (int p = 0; p < recipes.size(); p++) {
            assertSameRun(alone.get(p), tmp.resolve("population/seed-" + recipes.get(p).seed()), 1e-4);
        }
    }

    private static Recipe short3(long seed) {
        return rope(seed).with(Map.of("steps", "3", "evalEvery", "3", "logEvery", "1"));
    }

    @Test
    void aSplit57PopulationWithoutGrokfastMatchesToo(@TempDir Path tmp) throws Exception {
        List<Recipe> recipes = List.of(split(7), split(8));
        List<Path> alone = trainAlone(recipes, tmp.resolve("alone"));
        trainTogether(recipes, tmp.resolve("population"));
        for (int p = 0; p < recipes.size(); p++) {
            assertSameRun(alone.get(p), tmp.resolve("population/seed-" + recipes.get(p).seed()));
        }
    }

    @Test
    void aResumedRunAndAFreshRunTrainTogetherFromDifferentSteps(@TempDir Path tmp) throws Exception {
        List<Path> alone = trainAlone(List.of(rope(4), rope(5)), tmp.resolve("alone"));
        Path crashed = TrainerTest.startAndKillAt(rope(4), tmp.resolve("population/seed-4"), 30); // checkpoint at step 20
        Trainer resumed = Trainer.resume(crashed);
        assertEquals(20, resumed.startStep());
        Trainer fresh = Trainer.start(rope(5), tmp.resolve("population/seed-5"), "test");
        try (Population population = Population.of(List.of(resumed, fresh))) {
            population.run();
        }
        assertSameRun(alone.get(0), crashed);
        assertSameRun(alone.get(1), tmp.resolve("population/seed-5"));
    }

    @Test
    void aStoppedPopulationLeavesRunsThatResumeAloneToTheSameEnd(@TempDir Path tmp) throws Exception {
        List<Path> alone = trainAlone(List.of(rope(6)), tmp.resolve("alone"));
        Path dir = tmp.resolve("population/seed-6");
        Trainer run = Trainer.start(rope(6), dir, "test");
        run.listener((done, total, loss, exact) -> {
            if (done == 30) {
                run.requestStop();
            }
        });
        try (Population population = Population.of(List.of(run))) {
            assertEquals(TrainingResult.Status.STOPPED, population.run().get(0).status());
        }
        try (Trainer t = Trainer.resume(dir)) {
            assertEquals(30, t.startStep(), "the stop came at the metric line of step 30 and checkpointed there");
            assertEquals(TrainingResult.Status.COMPLETED, t.run().status());
        }
        assertSameRun(alone.get(0), dir);
    }

    @Test
    void theInterleavedBenchmarkTimesBothSidesAndRefusesBadCounts() {
        List<Recipe> recipes = List.of(Recipe.builder(Recipe.forPreset("rope-36", 1)).batchSize(8).build(),
                Recipe.builder(Recipe.forPreset("rope-36", 2)).batchSize(8).build());
        Population.Interleaved ms = Population.benchmarkInterleaved(recipes, 1, 3, 2);
        assertEquals(2, ms.seeds());
        assertTrue(Double.isFinite(ms.aloneMs()) && Double.isFinite(ms.populationMs()), ms.toString());
        assertEquals(2 * ms.aloneMs() / ms.populationMs(), ms.speedup(), 1e-12);
        // every part of a step is timed, and the parts lie inside the step's own time (the rest is the loop's bookkeeping)
        for (StepTimes parts : List.of(ms.alone(), ms.population())) {
            assertTrue(parts.dataMs() > 0 && parts.forwardMs() > 0 && parts.backwardMs() > 0 && parts.updateMs() > 0, parts.toString());
        }
        assertTrue(ms.alone().totalMs() <= ms.aloneMs(), ms.alone() + " vs " + ms.aloneMs());
        assertTrue(ms.population().totalMs() <= ms.populationMs(), ms.population() + " vs " + ms.populationMs());
        assertEquals("block must be positive: 0",
                assertThrows(IllegalArgumentException.class, () -> Population.benchmarkInterleaved(recipes, 1, 3, 0)).getMessage());
        assertEquals("steps must be positive: 0",
                assertThrows(IllegalArgumentException.class, () -> Population.benchmarkInterleaved(recipes, 1, 0, 2)).getMessage());
        assertEquals("warmupSteps must not be negative: -1",
                assertThrows(IllegalArgumentException.class, () -> Population.benchmarkInterleaved(recipes, -1, 3, 2)).getMessage());
    }

    @Test
    void refusesWhatAPopulationCannotShareNamingTheRunAndTheOption(@TempDir Path tmp) {
        Trainer a = Trainer.start(rope(1), tmp.resolve("a"), "test");
        Trainer b = Trainer.start(split(2), tmp.resolve("b"), "test");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Population.of(List.of(a, b)));
        assertEquals("run " + tmp.resolve("b") + " (seed 2) has another architecture than run " + tmp.resolve("a")
                + "; a population trains one architecture", e.getMessage());
        Trainer c = Trainer.start(rope(3).with(Map.of("batchSize", "16")), tmp.resolve("c"), "test");
        e = assertThrows(IllegalArgumentException.class, () -> Population.of(List.of(a, c)));
        assertEquals("run " + tmp.resolve("c") + " (seed 3) has batchSize 16 but the population's first run has 32;"
                + " the members of a population share it", e.getMessage());
        Trainer d = Trainer.start(rope(4).toBuilder().averaging(Recipe.Averaging.parse("ema:0.9")).build(), tmp.resolve("d"), "test");
        e = assertThrows(IllegalArgumentException.class, () -> Population.of(List.of(d)));
        assertTrue(e.getMessage().startsWith("run " + tmp.resolve("d") + " (seed 4) uses averaging "), e.getMessage());
        assertTrue(e.getMessage().endsWith(", which a population does not support; train it alone"), e.getMessage());
        assertEquals("a population needs at least one run",
                assertThrows(IllegalArgumentException.class, () -> Population.of(List.of())).getMessage());
        for (Trainer t : List.of(a, b, c, d)) {
            t.close();
        }
    }

    private static List<Path> trainAlone(List<Recipe> recipes, Path root) {
        List<Path> dirs = new ArrayList<>();
        for (Recipe r : recipes) {
            Path dir = root.resolve("seed-" + r.seed());
            try (Trainer t = Trainer.start(r, dir, "test")) {
                t.run();
            }
            dirs.add(dir);
        }
        return dirs;
    }

    /** Trains the recipes as one population into {@code root/seed-S}; the results in recipe order. */
    private static List<TrainingResult> trainTogether(List<Recipe> recipes, Path root) {
        List<Trainer> runs = new ArrayList<>();
        for (Recipe r : recipes) {
            runs.add(Trainer.start(r, root.resolve("seed-" + r.seed()), "test"));
        }
        try (Population population = Population.of(runs)) {
            return population.run();
        }
    }

    /** Same metric lines (float fields to rounding, the rest exactly), same evaluations and the same last weights. */
    static void assertSameRun(Path alone, Path member) throws Exception {
        assertSameRun(alone, member, 2e-3);
    }

    static void assertSameRun(Path alone, Path member, double weightTolerance) throws Exception {
        List<String> a = Files.readAllLines(RunFiles.metrics(alone));
        List<String> b = Files.readAllLines(RunFiles.metrics(member));
        assertEquals(a.size(), b.size(), "metric lines of " + member);
        for (int i = 0; i < a.size(); i++) {
            JsonObject x = JsonParser.parseString(a.get(i)).getAsJsonObject();
            JsonObject y = JsonParser.parseString(b.get(i)).getAsJsonObject();
            x.remove("wallSeconds");
            y.remove("wallSeconds");
            assertEquals(x.keySet(), y.keySet(), "fields of line " + i + " of " + member);
            for (String key : x.keySet()) {
                JsonElement u = x.get(key);
                JsonElement v = y.get(key);
                if (key.equals("loss") || key.equals("gradNorm") || key.equals("valLoss")) {
                    double want = u.getAsDouble();
                    double got = v.getAsDouble();
                    assertTrue(Math.abs(want - got) <= 1e-3 * Math.max(1, Math.abs(want)),
                            key + " at line " + i + " of " + member + ": alone " + want + ", in the population " + got);
                } else if (key.equals("valExact") || key.equals("tokenAccuracy")) {
                    assertEquals(u.getAsDouble(), v.getAsDouble(), 0.01, key + " at line " + i + " of " + member);
                } else {
                    assertEquals(u, v, key + " at line " + i + " of " + member);
                }
            }
        }
        try (AdderModel x = AdderModel.load(RunFiles.lastCheckpoint(alone));
             AdderModel y = AdderModel.load(RunFiles.lastCheckpoint(member))) {
            List<Tensor> tx = x.tensors();
            List<Tensor> ty = y.tensors();
            for (int k = 0; k < tx.size(); k++) {
                double[] u = tx.get(k).values();
                double[] v = ty.get(k).values();
                for (int j = 0; j < u.length; j++) {
                    assertTrue(Math.abs(u[j] - v[j]) <= weightTolerance * Math.max(1, Math.abs(u[j])), tx.get(k).name() + "[" + j + "] of "
                            + member + ": alone " + u[j] + ", in the population " + v[j]);
                }
            }
        }
        Path test = alone.resolve(RunFiles.TEST_FILE);
        if (Files.exists(test)) {
            JsonObject x = JsonParser.parseString(Files.readString(test)).getAsJsonObject();
            JsonObject y = JsonParser.parseString(Files.readString(member.resolve(RunFiles.TEST_FILE))).getAsJsonObject();
            assertEquals(x.get("correct").getAsDouble(), y.get("correct").getAsDouble(), 0.01 * x.get("testSize").getAsDouble(),
                    "held-out test score of " + member);
        }
    }
}
