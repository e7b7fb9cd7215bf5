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
 * with 0.01 it memorised its training pairs and did not generalise in all its steps.
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
}
