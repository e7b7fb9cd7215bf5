package io.github.adder4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run files written before {@link Recipe} and {@link TrainerState} had parts (the flat form: every field at the top level)
 * read as the recipe and state they were, and their runs resume. The fixtures in {@code old-runs/} are copies of the
 * campaigns' own files (see their README).
 */
class RecipeMigrationTest {

    /** The null-means-default fields that a recipe now holds as their defaults, and those defaults. */
    /** The defaults a read recipe writes where an old file had no field (optional enums, fields added later). */
    private static final Map<String, Object> NORMALISED = Map.of("optimizer", "ADAMW", "decayScope", "ALL", "best", "FIRST",
            "scoring", "FORMAT_READER", "proverPairs", 0, "miningOffset", 0);

    private static final List<String> RUNS = List.of("rope-36-s4-cos", "rope-36-s0-kd", "lowrank-311-seed-4", "rope-36-seed-4");

    private static Path fixture(String name) {
        try {
            return Path.of(RecipeMigrationTest.class.getResource("/old-runs/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject recipeJson(Path run) {
        return RunFiles.readObject(RunFiles.config(run)).getAsJsonObject("recipe");
    }

    private static Recipe recipe(Path run) {
        return RunFiles.GSON.fromJson(recipeJson(run), Recipe.class);
    }

    private static Path stateFile(Path run) {
        try (Stream<Path> files = Files.walk(run)) {
            return files.filter(p -> p.getFileName().toString().equals("trainer-state.json")).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void oldConfigsReadAsTheRecipesTheyWere() {
        for (String run : RUNS) {
            JsonObject old = recipeJson(fixture(run));
            assertTrue(Recipe.FIELDS.isFlat(old), run);
            JsonObject expected = old.deepCopy();
            NORMALISED.forEach((field, value) -> {
                if (!expected.has(field)) {
                    expected.add(field, value instanceof Number n ? new JsonPrimitive(n) : new JsonPrimitive(value.toString()));
                }
            });
            assertEquals(expected, Recipe.FIELDS.flat(RunFiles.GSON.toJsonTree(recipe(fixture(run))).getAsJsonObject()),
                    run + ": every field keeps its value");
        }
        // the sweeps' runs ran the published recipes, and still equal them
        assertEquals(Recipe.forPreset("rope-36", 4), recipe(fixture("rope-36-seed-4")));
        assertEquals(Recipe.forPreset("lowrank-311", 4), recipe(fixture("lowrank-311-seed-4")));
        // the fine-tuning runs: their source's recipe with their command's options
        assertEquals(Recipe.forPreset("rope-36", 4).toBuilder().learningRate(1e-3).steps(60_000).warmupSteps(100)
                .schedule(Recipe.Schedule.WARMUP_COSINE).floorRatio(0.01).averaging(Recipe.Averaging.parse("ema:0.999:0:1"))
                .initFrom("/work/main/campaigns/rope-36/seed-4/checkpoints/best.json").build(), recipe(fixture("rope-36-s4-cos")));
        Recipe kd = recipe(fixture("rope-36-s0-kd"));
        assertEquals(new Recipe.Distillation("/work/main/campaigns/rope-36-kd122/teacher-122p.json", 1, 0.5), kd.distillation());
        assertEquals(Recipe.Data.UNIFORM, kd.data().kind());
        assertEquals(new Recipe.Abandon(50_000, 0.5), recipe(fixture("lowrank-311-seed-4")).evaluation().abandon());
    }

    @Test
    void theNewFormNestsTheFieldsInTheirPartsAndRoundTrips() {
        for (String run : RUNS) {
            Recipe r = recipe(fixture(run));
            JsonObject json = RunFiles.GSON.toJsonTree(r).getAsJsonObject();
            assertTrue(!Recipe.FIELDS.isFlat(json), run);
            for (String part : List.of("start", "optimization", "schedule", "data", "evaluation", "rounds")) {
                assertTrue(json.get(part).isJsonObject(), run + " " + part);
            }
            assertEquals(r.schedule().steps(), json.getAsJsonObject("schedule").get("steps").getAsInt());
            Recipe back = RunFiles.GSON.fromJson(json, Recipe.class);
            assertEquals(r, back, run);
            assertEquals(json, RunFiles.GSON.toJsonTree(back), run + ": the new form's round trip is the identity");
            assertEquals(r, RunFiles.GSON.fromJson(Recipe.FIELDS.flat(json), Recipe.class), run + ": the flat form of a new recipe");
        }
    }

    @Test
    void oldTrainerStatesLoadWithEveryValue() throws IOException {
        for (String run : RUNS) {
            Path file = stateFile(fixture(run));
            JsonObject old = RunFiles.readObject(file);
            assertTrue(TrainerState.FIELDS.isFlat(old), run);
            TrainerState state = RunFiles.read(file, TrainerState.class);
            assertEquals(old.get("nextStep").getAsLong(), state.progress().nextStep(), run);
            assertEquals(old.get("checkpointSha256").getAsString(), state.progress().checkpointSha256(), run);
            assertEquals(old.get("bestExact").getAsDouble(), state.scores().bestExact(), run);
            assertNotNull(state.optimizers().adamw(), run);
            assertNotNull(state.data(), run);
            assertEquals(old.has("average"), state.optimizers().average() != null, run);
            assertEquals(old.has("grokfast"), state.optimizers().grokfast() != null, run);
            assertNull(state.pool(), run);
            JsonObject nested = RunFiles.GSON.toJsonTree(state).getAsJsonObject();
            assertEquals(old, TrainerState.FIELDS.flat(nested), run + ": every field keeps its value");
            String json = RunFiles.GSON.toJson(state);
            assertEquals(json, RunFiles.GSON.toJson(RunFiles.GSON.fromJson(json, TrainerState.class)), run + ": round trip");
        }
    }

    @Test
    void oldRunsResumeAndWriteTheNewForm(@TempDir Path tmp) throws Exception {
        for (String run : List.of("rope-36-s4-cos", "rope-36-s0-kd", "lowrank-311-seed-4")) {
            Path dir = tmp.resolve(run);
            RunReliabilityTest.copy(fixture(run), dir);
            // a stop waits for the next metric line: a metric line every 10 steps (in the flat file, as an old run's
            // --set logEvery=10 would have written it) keeps the test short
            JsonObject config = RunFiles.readObject(RunFiles.config(dir));
            config.getAsJsonObject("recipe").addProperty("logEvery", 10);
            Files.writeString(RunFiles.config(dir), config.toString());
            long from = RunFiles.read(stateFile(dir), TrainerState.class).progress().nextStep();
            long to = resumeForOneLogInterval(dir, from);
            JsonObject state = RunFiles.readObject(RunFiles.trainerState(dir));
            assertTrue(state.has("progress") && !TrainerState.FIELDS.isFlat(state), run + ": the new state is written in parts");
            assertEquals(to, state.getAsJsonObject("progress").get("nextStep").getAsLong());
            assertEquals(config.toString(), Files.readString(RunFiles.config(dir)), run + ": the recorded recipe is left as it was");
            if (run.equals("rope-36-s4-cos")) {
                assertNotNull(RunFiles.read(RunFiles.trainerState(dir), TrainerState.class).optimizers().average());
                resumeForOneLogInterval(dir, to); // and the state in parts resumes in turn
            }
        }
    }

    /** Resumes the run at {@code from} and stops it at its next metric line; returns the step it stopped at. */
    private static long resumeForOneLogInterval(Path dir, long from) {
        try (Trainer t = Trainer.resume(dir)) {
            assertEquals(from, t.startStep());
            t.listener((done, total, loss, exact) -> t.requestStop());
            TrainingResult result = t.run();
            assertEquals(TrainingResult.Status.STOPPED, result.status(), result.message());
            long to = from + t.recipe().evaluation().logEvery();
            assertEquals(to, result.steps());
            return to;
        }
    }
}
