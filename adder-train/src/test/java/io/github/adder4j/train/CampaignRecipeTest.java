package io.github.adder4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.adder4j.core.io.CheckpointFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 311p campaign's recipe details: published fidelity (schedule, scoring, validation seed), test set, abandon rule. */
class CampaignRecipeTest {

    @Test
    void theLowrank311RecipeRunsThePublishedDetails() {
        Recipe r = Recipe.forPreset("lowrank-311", 4);
        assertEquals(Recipe.lowrank311(4), r);
        assertEquals(Recipe.Schedule.WARMUP_COSINE_OPEN_END, r.schedule().kind());
        assertEquals(Recipe.Scoring.EVERY_DIGIT, r.evaluation().scoring());
        assertEquals(Recipe.Data.DIGIT_LENGTH, r.data().kind());
        assertEquals(162_000, r.schedule().steps());
        assertEquals(5000, r.evaluation().validationSize());
        assertEquals(10_400, r.evaluation().validationSeed(), "derived from the run seed");
        assertEquals(10_500, Recipe.forPreset("lowrank-311", 5).evaluation().validationSeed());
        assertEquals(10_000, r.evaluation().testSize());
        assertEquals(1_010_400, r.evaluation().testSeed());
        assertEquals(new Recipe.Abandon(50_000, 0.5), r.evaluation().abandon());
        // the other low-rank presets share the lineage's schedule and scoring, not the campaign's extras
        Recipe r512 = Recipe.forPreset("lowrank-512", 4);
        assertEquals(Recipe.Schedule.WARMUP_COSINE_OPEN_END, r512.schedule().kind());
        assertEquals(Recipe.Scoring.EVERY_DIGIT, r512.evaluation().scoring());
        assertEquals(0, r512.evaluation().testSize());
        assertNull(r512.evaluation().abandon());
        // and no other family changes
        assertEquals(Recipe.Scoring.FORMAT_READER, Recipe.forPreset("classic-777", 4).evaluation().scoring());
        assertEquals(Recipe.Schedule.WARMUP_COSINE, Recipe.forPreset("split-57", 4).schedule().kind());
    }

    @Test
    void validationSeedsNeverHitTheAdderBoardSeed() {
        for (long seed = -200; seed <= 200; seed++) {
            assertTrue(Recipe.validationSeedFor(seed) != 2025, "seed " + seed);
        }
    }

    @Test
    void badCampaignFieldsAreRejectedNamingThem() {
        Recipe r = Recipe.forPreset("lowrank-311", 1);
        assertEquals("testSize must not be negative: -1",
                assertThrows(IllegalArgumentException.class, () -> r.with(Map.of("testSize", "-1"))).getMessage());
        assertEquals("abandon.step must be a multiple of evalEvery: abandon.step=1500, evalEvery=1000",
                assertThrows(IllegalStateException.class, () -> r.with(Map.of("abandon", "1500:0.5"))).getMessage());
        assertEquals("abandon.minTokenAccuracy must be in (0, 1]: 1.5",
                assertThrows(IllegalArgumentException.class, () -> r.with(Map.of("abandon", "2000:1.5"))).getMessage());
        assertEquals("abandon must look like STEP:MIN_TOKEN_ACCURACY (e.g. 50000:0.5): soon",
                assertThrows(IllegalArgumentException.class, () -> r.with(Map.of("abandon", "soon"))).getMessage());
        assertEquals("abandon.step must be positive: 0",
                assertThrows(IllegalArgumentException.class, () -> new Recipe.Abandon(0, 0.5)).getMessage());
        assertEquals(new Recipe.Abandon(2000, 0.25), r.with(Map.of("abandon", "2000:0.25")).evaluation().abandon());
        assertNull(r.with(Map.of("abandon", "null")).evaluation().abandon());
        assertEquals("scoring must be one of [FORMAT_READER, EVERY_DIGIT]: ALL",
                assertThrows(IllegalArgumentException.class, () -> r.with(Map.of("scoring", "ALL"))).getMessage());
    }

    @Test
    void theAbandonRuleFiresOnlyAtItsStepAndBelowItsThreshold() {
        Recipe.Abandon rule = Recipe.Abandon.lowrank311();
        assertTrue(rule.abandons(50_000, 0.44));
        assertTrue(!rule.abandons(50_000, 0.67));
        assertTrue(!rule.abandons(49_000, 0.1));
        assertTrue(!rule.abandons(51_000, 0.1));
    }

    /** A small split-57 run with the campaign's extras. */
    private static Recipe small(String abandon) {
        Map<String, String> o = new HashMap<>(Map.of("steps", "40", "evalEvery", "20", "logEvery", "10", "validationSize", "50",
                "warmupSteps", "5", "batchSize", "32", "testSize", "64", "scoring", "EVERY_DIGIT"));
        o.put("abandon", abandon);
        return Recipe.forPreset("split-57", 3).with(o);
    }

    @Test
    void aRunBelowTheRuleIsAbandonedAndItsBestCheckpointIsScoredOnTheTestSet(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        TrainingResult result;
        try (Trainer t = Trainer.start(small("20:1.0"), dir, "test")) {
            result = t.run();
        }
        assertEquals(TrainingResult.Status.ABANDONED, result.status());
        assertEquals(20, result.steps());
        assertTrue(result.ended());
        assertTrue(result.message().startsWith("abandoned at step 20: validation token accuracy "), result.message());
        assertTrue(Files.readString(RunFiles.events(dir)).contains("\"event\":\"abandoned\""));
        JsonObject test = JsonParser.parseString(Files.readString(dir.resolve(RunFiles.TEST_FILE))).getAsJsonObject();
        assertEquals(64, test.get("testSize").getAsInt());
        assertEquals(small("20:1.0").evaluation().testSeed(), test.get("testSeed").getAsLong());
        assertEquals("EVERY_DIGIT", test.get("scoring").getAsString());
        assertEquals(CheckpointFormat.read(RunFiles.bestCheckpoint(dir)).parametersSha256(),
                test.get("parametersSha256").getAsString());
        double exact = test.get("exact").getAsDouble();
        assertTrue(exact >= 0 && exact <= 1);
        assertEquals(Math.round(exact * 64), test.get("correct").getAsLong());
    }

    @Test
    void aRunAboveTheRuleContinues(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        try (Trainer t = Trainer.start(small("20:0.01"), dir, "test")) {
            assertEquals(TrainingResult.Status.COMPLETED, t.run().status());
        }
        assertTrue(Files.isRegularFile(dir.resolve(RunFiles.TEST_FILE)));
    }
}
