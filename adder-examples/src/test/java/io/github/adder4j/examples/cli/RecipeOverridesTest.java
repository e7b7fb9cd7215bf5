package io.github.adder4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import io.github.adder4j.train.Recipe;
import io.github.adder4j.train.RunFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --set} and {@code --recipe FILE} take the recipe's flat names and its parts' paths, old files and new. */
class RecipeOverridesTest {

    private static final Recipe BASE = Recipe.forPreset("split-57", 3);

    @Test
    void aFieldGoesByItsFlatNameOrItsPath() {
        Recipe flat = new RecipeOverrides().sets(Map.of("learningRate", "0.005", "steps", "3000")).applyTo(BASE);
        Recipe paths = new RecipeOverrides().sets(Map.of("optimization.learningRate", "0.005", "schedule.steps", "3000")).applyTo(BASE);
        assertEquals(flat, paths);
        assertEquals(0.005, paths.optimization().learningRate());
        assertEquals("--set optimization.learningRate=0.001: learningRate is already set by --lr",
                assertThrows(IllegalArgumentException.class, () -> new RecipeOverrides().option("--lr", "learningRate", 0.01)
                        .sets(Map.of("optimization.learningRate", "0.001"))).getMessage());
        assertEquals("--set schedule.steps=0: steps must be positive: 0", assertThrows(IllegalArgumentException.class,
                () -> new RecipeOverrides().sets(Map.of("schedule.steps", "0")).applyTo(BASE)).getMessage());
        assertEquals("--set data.kind=CARRY: data must be one of CARRY_MIX_57, CARRY_MIX_74, DIGIT_LENGTH, UNIFORM, DIGIT_LENGTH_FLAT,"
                + " DIGITS, DIGITS_SHIFTED, DIGITS_SHIFTED_1: CARRY", assertThrows(IllegalArgumentException.class,
                        () -> new RecipeOverrides().sets(Map.of("data.kind", "CARRY"))).getMessage());
    }

    @Test
    void aRecipeFileReadsInEitherForm(@TempDir Path tmp) throws Exception {
        JsonObject nested = RunFiles.GSON.toJsonTree(BASE).getAsJsonObject();
        JsonObject run = new JsonObject();
        run.add("recipe", Recipe.FIELDS.flat(nested));
        Path old = Files.writeString(tmp.resolve("old-config.json"), run.toString());
        Path parts = Files.writeString(tmp.resolve("recipe.json"), nested.toString());
        assertEquals(BASE, RecipeOverrides.readRecipe("--recipe", old));
        assertEquals(BASE, RecipeOverrides.readRecipe("--recipe", parts));
        nested.getAsJsonObject("schedule").addProperty("stepz", 1);
        Path typo = Files.writeString(tmp.resolve("typo.json"), nested.toString());
        assertEquals("--recipe " + typo + ": unknown recipe field: schedule.stepz (known: "
                + String.join(", ", RecipeOverrides.fieldNames()) + ")", assertThrows(IllegalArgumentException.class,
                        () -> RecipeOverrides.readRecipe("--recipe", typo)).getMessage());
    }
}
