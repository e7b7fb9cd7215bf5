package io.github.adder4j.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.github.adder4j.core.vision.Digits;
import io.github.adder4j.core.vision.ImageSet;
import io.github.adder4j.core.vision.VitModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The accuracy claims of the kept Micro-ViT runs hold: every kept best checkpoint classifies the embedded held-out digits
 * exactly as well as its run's best evaluation says, and has the parameters its recipe builds.
 */
class VitRunsTest {

    @Test
    void everyKeptBestCheckpointReproducesItsHeldOutAccuracy() {
        Path root = DocsGenerator.findRoot(Path.of(""));
        List<Path> runs = VitRunsTable.runs(root);
        assertFalse(runs.isEmpty(), "docs/runs keeps Micro-ViT runs");
        ImageSet test = Digits.embeddedTest();
        ImageSet validation = Digits.embeddedValidation();
        int checked = 0;
        int honest = 0;
        // every kept run with -Dadder.slow=true; by default the zoo entry's run, its first round and one older run
        boolean all = Boolean.getBoolean("adder.slow");
        List<String> sample = List.of("micro-vit-shift-30k-lr6-s1", "micro-vit-shift-30k-lr6-s1-clean", "micro-vit-shift-s1-ft");
        for (Path run : runs) {
            Path best = run.resolve("checkpoints").resolve("best.json");
            if (!Files.isRegularFile(best) || !all && !sample.contains(run.getFileName().toString())) {
                continue;
            }
            double claimed = VitRunsTable.evaluations(run).stream().mapToDouble(o -> o.get("valExact").getAsDouble()).max().orElseThrow();
            JsonObject testJson = VitRunsTable.test(run);
            try (VitModel model = VitModel.load(best)) {
                assertEquals(VitRunsTable.recipe(run).vitConfig().toBuilder().seed(0).build(),
                        model.config().toBuilder().seed(0).build(), run + ": the checkpoint is the recipe's architecture");
                if (testJson == null) {
                    assertEquals(Math.round(claimed * test.size()), model.correct(test), run + ": best.json on the held-out digits");
                } else {
                    assertEquals(Math.round(claimed * validation.size()), model.correct(validation), run + ": best.json on the validation digits");
                    assertEquals(testJson.get("correct").getAsInt(), model.correct(test), run + ": test.json is best.json on the test digits");
                    honest++;
                }
            }
            checked++;
        }
        assertTrue(checked >= 3, "the sample of kept runs keeps its best checkpoints: " + checked);
        assertTrue(honest > 0, "at least one kept run chose its best checkpoint on the validation digits");
    }

    @Test
    void theRunsTableListsEveryKeptRun() {
        Path root = DocsGenerator.findRoot(Path.of(""));
        String table = VitRunsTable.render(root);
        for (Path run : VitRunsTable.runs(root)) {
            assertTrue(table.contains("| " + run.getFileName() + " "), run.getFileName() + " in\n" + table);
            JsonObject last = VitRunsTable.evaluations(run).get(VitRunsTable.evaluations(run).size() - 1);
            assertTrue(last.get("valExact").getAsDouble() > 0.8, run + " ends above 80 %");
        }
    }

    @Test
    void theSizesTableShowsTheKeptRunsOfTheTwoRoundRecipe() {
        Path root = DocsGenerator.findRoot(Path.of(""));
        Path runs = root.resolve("docs").resolve("runs");
        assertEquals(1, VitTable.round(VitRunsTable.recipe(runs.resolve("micro-vit-shift-30k-lr6-s1"))));
        assertEquals(2, VitTable.round(VitRunsTable.recipe(runs.resolve("micro-vit-shift-30k-lr6-s1-clean"))));
        assertEquals(0, VitTable.round(VitRunsTable.recipe(runs.resolve("micro-vit-shift-30k-lr10-s1"))), "another learning rate");
        assertEquals(0, VitTable.round(VitRunsTable.recipe(runs.resolve("micro-vit-shift-s1-ft"))), "a run before the validation split");
        String table = VitTable.renderSizes(root);
        for (Path run : VitRunsTable.runs(root)) {
            boolean recipe = VitTable.round(VitRunsTable.recipe(run)) > 0;
            assertEquals(recipe, table.contains("| " + run.getFileName() + " "), run.getFileName() + " in\n" + table);
        }
    }
}
