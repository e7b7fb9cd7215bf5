package io.github.adder4j.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.adder4j.train.Recipe;
import io.github.adder4j.train.RunFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The claims docs/training.md makes about kept runs hold for the summaries in docs/runs: the modular grokking pair ran
 * exactly {@link Recipe#modularGrokking} (the default of {@code adder train --modular}); with weight decay 1.0 it grokked,
 * with 0.01 it memorised its training pairs and did not generalise in all its steps. The targeted rounds that made the
 * split zoo entries reached exact match and later mined nothing, while uniform fine-tuning of an almost exact checkpoint
 * and rounds from an exact one with an empty pool lost accuracy.
 */
class KeptRunsTest {

    private static Path runs;

    @BeforeAll
    static void findRuns() {
        runs = DocsGenerator.findRoot(Path.of("")).resolve("docs").resolve("runs");
    }

    private static Recipe recipe(String run) throws IOException {
        JsonObject config = JsonParser.parseString(Files.readString(runs.resolve(run).resolve("config.json"))).getAsJsonObject();
        return RunFiles.GSON.fromJson(config.get("recipe"), Recipe.class);
    }

    private static List<JsonObject> lines(String run, String file) throws IOException {
        return Files.readAllLines(runs.resolve(run).resolve(file)).stream().map(l -> JsonParser.parseString(l).getAsJsonObject())
                .toList();
    }

    private static List<JsonObject> evaluations(String run) throws IOException {
        return lines(run, "metrics.jsonl").stream().filter(o -> o.has("valExact")).toList();
    }

    /** The below-36p campaign's name and README count what its runs train: the 36p with a weightless norm is 33p. */
    @Test
    void theRope33CampaignTrainsA33pModel() {
        Path campaigns = runs.getParent().getParent().resolve("campaigns");
        for (String checkpoint : List.of("rope-33/seed-0/checkpoints/last.json", "rope-33-long/s3-tft3b/checkpoints/best.json")) {
            try (io.github.adder4j.core.AdderModel model = io.github.adder4j.core.AdderModel.load(campaigns.resolve(checkpoint))) {
                assertEquals(33, model.parameterReport().uniqueParameters(), checkpoint);
            }
        }
        try (io.github.adder4j.core.AdderModel model = io.github.adder4j.core.Preset.ROPE_36.create()) {
            assertEquals(36, model.parameterReport().uniqueParameters(), "rope-36, which rope-33 takes its norm's 3 weights from");
        }
    }

    @Test
    void weightDecayOneGrokkedWithTheDefaultModularRecipe() throws IOException {
        assertEquals(Recipe.modularGrokking("mod97-add", 1.0, 1, 15_000), recipe("mod97-d64-wd1"));
        List<JsonObject> grok = lines("mod97-d64-wd1", "events.jsonl").stream()
                .filter(o -> o.get("event").getAsString().equals("grok")).toList();
        assertEquals(1, grok.size(), "one grok event");
        long step = grok.get(0).get("step").getAsLong();
        List<JsonObject> evals = evaluations("mod97-d64-wd1");
        // memorised first: the training pairs were all right while the test pairs were mostly wrong
        assertTrue(evals.stream().anyMatch(o -> o.get("step").getAsLong() < step && o.get("trainExact").getAsDouble() == 1.0
                && o.get("valExact").getAsDouble() < 0.5), "train 1.0 with test < 0.5 before the grok step " + step);
        assertTrue(evals.get(evals.size() - 1).get("valExact").getAsDouble() > 0.99);
    }

    @Test
    void weightDecayOneHundredthMemorisedWithoutGrokking() throws IOException {
        assertEquals(Recipe.modularGrokking("mod97-add", 0.01, 1, 15_000), recipe("mod97-d64-wd001"));
        assertTrue(lines("mod97-d64-wd001", "events.jsonl").stream().noneMatch(o -> o.get("event").getAsString().equals("grok")));
        List<JsonObject> evals = evaluations("mod97-d64-wd001");
        JsonObject last = evals.get(evals.size() - 1);
        assertEquals(15_000, last.get("step").getAsLong(), "the run went all its steps");
        assertEquals(1.0, last.get("trainExact").getAsDouble());
        assertTrue(evals.stream().allMatch(o -> o.get("valExact").getAsDouble() < 0.5), "test accuracy stayed below 0.5");
    }

    private static String text(String run, String file) throws IOException {
        return Files.readString(runs.resolve(run).resolve(file)).strip();
    }

    private static List<JsonObject> mined(String run) throws IOException {
        return lines(run, "events.jsonl").stream().filter(o -> o.get("event").getAsString().equals("mined")).toList();
    }

    @Test
    void targetedRoundsReachedExactMatchWithinTenThousandStepsAndThenMinedNothing() throws IOException {
        for (String run : List.of("split-57-s7-r1", "split-74-s2-r3")) {
            Recipe r = recipe(run);
            assertEquals(List.of(20_000, 2500, 20_000), List.of(r.rounds().mineErrors(), r.rounds().mineEvery(), r.evaluation().validationSize()), run);
            assertTrue(evaluations(run).stream().anyMatch(o -> o.get("step").getAsLong() <= 10_000
                    && o.get("valExact").getAsDouble() == 1.0), run + " reached 1.0 on 20,000 validation pairs by step 10,000");
            assertTrue(mined(run).stream().anyMatch(o -> o.get("errors").getAsInt() == 0), run + ": a round mined no error");
            assertEquals("AdderBoard: 10010/10010 passed", text(run, "adderboard.txt"), run);
        }
        assertTrue(text("split-74-s2-r3", "random.txt").matches("random:11:100000: 99\\d{3}/100000 passed")
                && !text("split-74-s2-r3", "random.txt").contains("100000/100000"), "r3 still missed a few of 100,000");
        Recipe last = recipe("split-74-s2-r5");
        assertTrue(last.rounds().poolFrom().endsWith("split-74-s2-r3"), "the last round kept r3's pool: " + last.rounds().poolFrom());
        assertEquals("random:11:100000: 100000/100000 passed", text("split-74-s2-r5", "random.txt"));
        assertEquals("AdderBoard: 10010/10010 passed", text("split-74-s2-r5", "adderboard.txt"));
    }

    @Test
    void uniformFineTuningOfAnAlmostExactCheckpointLoweredTheLossAndRaisedTheErrorRate() throws IOException {
        Recipe r = recipe("split-74-s2-r2");
        assertEquals(3e-5, r.optimization().learningRate());
        assertEquals(Recipe.Data.UNIFORM, r.data().kind());
        JsonObject start = evaluations("split-74-s2-r2-lr0").get(0);
        assertEquals(1e-9, recipe("split-74-s2-r2-lr0").optimization().learningRate(), "the baseline does not move the weights");
        JsonObject after500 = evaluations("split-74-s2-r2").get(0);
        assertEquals(500, after500.get("step").getAsLong());
        assertTrue(after500.get("valExact").getAsDouble() < start.get("valExact").getAsDouble(), after500 + " vs " + start);
        assertTrue(after500.get("loss").getAsDouble() < start.get("loss").getAsDouble(), after500 + " vs " + start);
    }

    @Test
    void roundsFromAnExactCheckpointWithAnEmptyPoolLostAccuracyAndTheirPoolOutgrewTheBatch() throws IOException {
        Recipe r = recipe("split-74-s2-r4");
        assertEquals(0, r.rounds().poolPerBatch(), "no cap");
        assertTrue(JsonParser.parseString(Files.readString(runs.resolve("split-74-s2-r4").resolve("config.json"))).getAsJsonObject()
                .get("task").getAsString().contains("plus 5 mined error pairs"), "the exact start left 5 pairs to mine");
        List<JsonObject> evals = evaluations("split-74-s2-r4");
        assertTrue(evals.get(evals.size() - 1).get("valExact").getAsDouble() < 0.99, evals.get(evals.size() - 1).toString());
        List<JsonObject> rounds = mined("split-74-s2-r4");
        assertTrue(rounds.get(rounds.size() - 1).get("pool").getAsInt() > r.data().batchSize(), rounds.toString());
    }

    private static double bestExact(String run) throws IOException {
        return evaluations(run).stream().mapToDouble(o -> o.get("valExact").getAsDouble()).max().orElseThrow();
    }

    private static double bestTokenAccuracy(String run) throws IOException {
        return evaluations(run).stream().mapToDouble(o -> o.get("tokenAccuracy").getAsDouble()).max().orElseThrow();
    }

    @Test
    void lowRank311RunsWithTheXavierDefaultNeverLearnedTheSum() throws IOException {
        List<String> xavier = List.of("lowrank-311-s1", "lowrank-311-s2", "lowrank-311-s3", "lowrank-311-s6", "lowrank-311-s7",
                "lowrank-311-gf-s4", "lowrank-311-cm-s5");
        for (String run : xavier) {
            Recipe r = recipe(run);
            assertEquals(null, r.start().init(), run + " used the builder's default, Xavier");
            assertTrue(bestExact(run) <= 0.0002, run + ": best validation exact " + bestExact(run));
            assertTrue(bestTokenAccuracy(run) < 0.62, run + ": best token accuracy " + bestTokenAccuracy(run));
        }
        assertEquals(162_000, evaluations("lowrank-311-s1").get(evaluations("lowrank-311-s1").size() - 1).get("step").getAsLong(),
                "seed 1 ran the whole published schedule");
        assertTrue(recipe("lowrank-311-gf-s4").optimization().grokfast());
        assertEquals(Recipe.Data.CARRY_MIX_57, recipe("lowrank-311-cm-s5").data().kind());
    }

    /**
     * The lowrank-311 recipe these runs used: today's, without the four details that made it faithful later (the open-end
     * cosine, scoring all 11 digits, a validation seed derived from the run seed) and without the campaign's test set and
     * abandon rule. They are off-recipe runs, listed apart from the faithful campaign (docs/training.md).
     */
    private static Recipe beforeFidelityFixes(long seed) {
        java.util.Map<String, String> old = new java.util.HashMap<>();
        old.put("schedule", "WARMUP_COSINE");
        old.put("scoring", null);
        old.put("validationSeed", "7");
        old.put("testSize", "0");
        old.put("abandon", null);
        return Recipe.forPreset("lowrank-311", seed).with(old);
    }

    @Test
    void lowRank311WithTheNanoGptInitLearnedAfterTheDelayThePublishedRunShows() throws IOException {
        assertEquals(beforeFidelityFixes(1), recipe("lowrank-311-gpt-s1"), "the preset's recipe as it was, with NANOGPT");
        assertEquals(io.github.adder4j.core.Options.Init.NANOGPT, recipe("lowrank-311-gpt-s1").start().init());
        List<JsonObject> evals = evaluations("lowrank-311-gpt-s1");
        assertTrue(evals.stream().filter(o -> o.get("step").getAsLong() <= 25_000).allMatch(o -> o.get("valExact").getAsDouble() < 0.01),
                "near zero for the first 25K steps");
        assertTrue(evals.stream().anyMatch(o -> o.get("step").getAsLong() <= 34_000 && o.get("valExact").getAsDouble() > 0.05),
                "above 0.05 by step 34K");
        assertTrue(bestExact("lowrank-311-gpt-s1") > 250 * 0.0002, "far above the best Xavier run");
        assertEquals(io.github.adder4j.core.Options.Init.NANOGPT, recipe("lowrank-311-gpt-s2").start().init());
        assertEquals(0.0, bestExact("lowrank-311-gpt-s2"), "seed 2 had not started by the step it was stopped at");
        assertTrue(evaluations("lowrank-311-gpt-s2").size() >= 54, "54K steps");
        assertEquals(0.0, bestExact("lowrank-311-gpt-s3"));
        assertTrue(evaluations("lowrank-311-gpt-s3").size() >= 58, "58K steps");
        assertTrue(bestTokenAccuracy("lowrank-311-gpt-s3") < 0.34);
        assertEquals(0.003, bestExact("lowrank-311-gpt-s4"), "seed 4 started late");
        assertTrue(bestTokenAccuracy("lowrank-311-gpt-s4") > 0.70);
        for (String run : List.of("lowrank-311-gpt-s3", "lowrank-311-gpt-s4")) {
            assertEquals(beforeFidelityFixes(recipe(run).seed()), recipe(run), run + " ran the preset's recipe as it was");
        }
    }

    @Test
    void lowRank311PlateauedBelowAnEighthAndItsFineTuningRoundsMovedItLittle() throws IOException {
        List<JsonObject> evals = evaluations("lowrank-311-gpt-s1");
        assertEquals(162_000, evals.get(evals.size() - 1).get("step").getAsLong());
        assertTrue(evals.stream().filter(o -> o.get("step").getAsLong() >= 34_000)
                .allMatch(o -> o.get("valExact").getAsDouble() >= 0.005 && o.get("valExact").getAsDouble() <= 0.0926),
                "between 0.005 and 0.093 from step 34K on");
        assertEquals(0.0926, bestExact("lowrank-311-gpt-s1"));
        assertEquals("AdderBoard: 877/10010 passed", text("lowrank-311-gpt-s1", "adderboard.txt"));
        assertEquals(0.1114, bestExact("lowrank-311-gpt-s1-ft1"));
        assertEquals("AdderBoard: 1068/10010 passed", text("lowrank-311-gpt-s1-ft1", "adderboard.txt"));
        assertEquals(0.113, bestExact("lowrank-311-gpt-s1-ft2"));
        assertEquals("AdderBoard: 1062/10010 passed", text("lowrank-311-gpt-s1-ft2", "adderboard.txt"));
        assertEquals(0.113, bestExact("lowrank-311-gpt-s1-r1"));
        assertEquals(0.1096, bestExact("lowrank-311-gpt-s1-ft3"));
        Recipe r1 = recipe("lowrank-311-gpt-s1-r1");
        assertEquals(5000, r1.rounds().mineErrors());
        assertEquals(3000, r1.rounds().mineEvery());
        assertEquals(128, r1.rounds().poolPerBatch());
        assertEquals(3e-4, recipe("lowrank-311-gpt-s1-ft3").optimization().learningRate());
        for (String run : List.of("lowrank-311-gpt-s1-r1", "lowrank-311-gpt-s1-ft3")) {
            assertTrue(recipe(run).start().initFrom().endsWith("lowrank-311-gpt-s1-ft2/checkpoints/best.json"), run);
        }
    }
}
