package io.github.adder4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.io.CheckpointFormat;
import io.github.adder4j.train.optim.LearningRateSchedule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training tools of the recipe: weight averaging, warm restarts and knowledge distillation. */
class TrainingToolsTest {

    private static Recipe small() {
        return Recipe.forPreset("split-57", 3).with(Map.of("steps", "60", "evalEvery", "20", "logEvery", "10",
                "validationSize", "50", "warmupSteps", "5", "batchSize", "32"));
    }

    private static List<JsonObject> lines(Path dir) throws Exception {
        return Files.readAllLines(RunFiles.metrics(dir)).stream().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
    }

    @Test
    void anEmaIsEvaluatedAndCheckpointedBesideTheRawWeightsAndResumesExactly(@TempDir Path tmp) throws Exception {
        Recipe recipe = small().toBuilder().averaging(Recipe.Averaging.parse("ema:0.9:10:2")).build();
        Path straight = tmp.resolve("straight");
        try (Trainer t = Trainer.start(recipe, straight, "test")) {
            assertEquals(TrainingResult.Status.COMPLETED, t.run().status());
        }
        for (JsonObject line : lines(straight)) {
            assertEquals(line.has("valExact"), line.has("avgExact"), "every evaluation scores the average too: " + line);
        }
        Path average = RunFiles.bestCheckpoint(straight).resolveSibling("average.json");
        assertTrue(Files.isRegularFile(average));
        assertTrue(Files.isRegularFile(average.resolveSibling("average-best.json")));
        String raw = CheckpointFormat.read(RunFiles.lastCheckpoint(straight)).parametersSha256();
        assertNotEquals(raw, CheckpointFormat.read(average).parametersSha256(), "the average is not the raw weights");

        Path crashed = TrainerTest.startAndKillAt(recipe, tmp.resolve("crashed"), 30);
        try (Trainer t = Trainer.resume(crashed)) {
            assertEquals(TrainingResult.Status.COMPLETED, t.run().status());
        }
        assertEquals(TrainerTest.metrics(straight), TrainerTest.metrics(crashed), "the average's state resumes with the run");
        assertEquals(CheckpointFormat.read(average).parametersSha256(),
                CheckpointFormat.read(RunFiles.bestCheckpoint(crashed).resolveSibling("average.json")).parametersSha256());
    }

    @Test
    void anEmaOfDecayZeroIsTheRawWeightsOfItsLastUpdate(@TempDir Path tmp) throws Exception {
        // decay 0: avg = theta after every update, so the average checkpointed at step 60 is the raw step-60 weights
        Recipe recipe = small().toBuilder().averaging(Recipe.Averaging.parse("ema:0:0:1")).build();
        Path dir = tmp.resolve("ema0");
        try (Trainer t = Trainer.start(recipe, dir, "test")) {
            t.run();
        }
        try (AdderModel last = AdderModel.load(RunFiles.lastCheckpoint(dir));
             AdderModel avg = AdderModel.load(RunFiles.bestCheckpoint(dir).resolveSibling("average.json"))) {
            assertEquals(last.tensors().size(), avg.tensors().size());
            for (int i = 0; i < last.tensors().size(); i++) {
                assertEquals(java.util.Arrays.toString(last.tensors().get(i).values()),
                        java.util.Arrays.toString(avg.tensors().get(i).values()), last.tensors().get(i).name());
            }
        }
    }

    @Test
    void warmRestartsFollowTheSgdrFormula(@TempDir Path tmp) throws Exception {
        Recipe recipe = small().with(Map.of("schedule", "COSINE_RESTARTS", "restarts", "20:1", "logEvery", "1", "evalEvery", "20"));
        Path dir = tmp.resolve("sgdr");
        try (Trainer t = Trainer.start(recipe, dir, "test")) {
            t.run();
        }
        LearningRateSchedule expected = new LearningRateSchedule.CosineRestarts(0.02, 5, 20, 1, 0.002);
        for (JsonObject line : lines(dir)) {
            long step = line.get("step").getAsLong() - 1;
            assertEquals(expected.learningRate(step), line.get("lr").getAsDouble(), 1e-15, "lr of step " + step);
        }
        // the restart: the last step of the first cycle (W + 19 = 24) is near the floor, the next one back at the peak
        assertEquals(0.02, expected.learningRate(25), 1e-12);
        assertTrue(expected.learningRate(24) < 0.0022, "step 24: " + expected.learningRate(24));
    }

    @Test
    void theRecipeTakesRestartsOnlyWithTheirScheduleAndParsesTheTools() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> small().with(Map.of("restarts", "100")));
        assertEquals("restarts goes with schedule COSINE_RESTARTS and only with it: schedule=WARMUP_COSINE, "
                + "restarts=Restarts[firstCycle=100, growth=1.0]", e.getMessage());
        assertEquals("restarts must look like CYCLE[:GROWTH] (e.g. 20000 or 10000:2): x",
                assertThrows(IllegalArgumentException.class, () -> Recipe.Restarts.parse("x")).getMessage());
        assertEquals("averaging must look like ema:DECAY[:START[:EVERY]] or swa:START:EVERY (e.g. ema:0.999, swa:50000:1000): swa:1",
                assertThrows(IllegalArgumentException.class, () -> Recipe.Averaging.parse("swa:1")).getMessage());
        assertEquals("averaging.decay must be in [0, 1): 1.0",
                assertThrows(IllegalArgumentException.class, () -> Recipe.Averaging.parse("ema:1")).getMessage());
        assertEquals(new Recipe.Averaging(Recipe.Averaging.Kind.SWA, 0, 50_000, 1000), Recipe.Averaging.parse("swa:50000:1000"));
        assertEquals(new Recipe.Distillation("/tmp/a:b/t.json", 2, 0.5), Recipe.Distillation.parse("/tmp/a:b/t.json:2:0.5"));
        assertEquals("distillation.weight must be in [0, 1]: 1.5",
                assertThrows(IllegalArgumentException.class, () -> Recipe.Distillation.parse("t.json:2:1.5")).getMessage());
        assertEquals("adaptiveRule needs adaptiveWeightDecay: adaptiveRule=ROPE_36, adaptiveWeightDecay=false",
                assertThrows(IllegalStateException.class, () -> small().with(Map.of("adaptiveRule", "ROPE_36"))).getMessage());
    }

    @Test
    void theDistillationLossIsItsFormula() {
        try (AdderModel student = AdderModel.builder().dModel(5).seed(1).build();
             AdderModel teacher = AdderModel.builder().dModel(5).seed(2).build();
             NDManager m = student.manager().newSubManager()) {
            io.github.adder4j.core.format.TokenFormat.TrainingBatch t = student.format().trainingBatch(
                    new long[] {1234567890L, 99L, 9999999999L}, new long[] {9876543210L, 1L, 1L});
            Batch batch = new Batch(t.inputs(), t.targets(), t.mask(), t.rows(), t.length());
            double temperature = 2.5;
            double weight = 0.3;
            float[] soft = Forward.teacherLogits(teacher, batch);
            double got = Forward.distillationLoss(student, m, batch, false, soft, temperature, weight).toType(DataType.FLOAT64, false).getDouble();

            float[] logits = student.block().forward(new ParameterStore(m, false),
                    new NDList(m.create(batch.inputs(), new Shape(batch.rows(), batch.length()))), false).head()
                    .toType(DataType.FLOAT32, false).toFloatArray();
            int vocab = logits.length / (batch.rows() * batch.length());
            double ce = 0;
            double kl = 0;
            int count = 0;
            for (int i = 0; i < batch.rows() * batch.length(); i++) {
                if (batch.mask()[i] == 0) {
                    continue;
                }
                count++;
                double[] s = logSoftmax(logits, i * vocab, vocab, 1);
                double[] sT = logSoftmax(logits, i * vocab, vocab, temperature);
                double[] tT = logSoftmax(soft, i * vocab, vocab, temperature);
                ce -= s[(int) batch.targets()[i]];
                for (int v = 0; v < vocab; v++) {
                    kl += Math.exp(tT[v]) * (tT[v] - sT[v]);
                }
            }
            double expected = (1 - weight) * ce / count + weight * temperature * temperature * kl / count;
            assertEquals(expected, got, 1e-5 * Math.abs(expected));

            // a teacher identical to the student adds nothing: KL 0, the loss is (1 - w) CE
            double same = Forward.distillationLoss(student, m, batch, false, Forward.teacherLogits(student, batch), temperature, weight)
                    .toType(DataType.FLOAT64, false).getDouble();
            assertEquals((1 - weight) * ce / count, same, 1e-5 * ce / count);
        }
    }

    private static double[] logSoftmax(float[] logits, int from, int vocab, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < vocab; v++) {
            max = Math.max(max, logits[from + v] / temperature);
        }
        double sum = 0;
        for (int v = 0; v < vocab; v++) {
            sum += Math.exp(logits[from + v] / temperature - max);
        }
        double[] out = new double[vocab];
        for (int v = 0; v < vocab; v++) {
            out[v] = logits[from + v] / temperature - max - Math.log(sum);
        }
        return out;
    }

    @Test
    void aDistillationRunCopiesItsTeacherAndResumesExactly(@TempDir Path tmp) throws Exception {
        Path teacherRun = tmp.resolve("teacher");
        try (Trainer t = Trainer.start(small(), teacherRun, "test")) {
            t.run();
        }
        Path teacherFile = RunFiles.lastCheckpoint(teacherRun);
        Recipe recipe = small().toBuilder().seed(5).distillation(new Recipe.Distillation(teacherFile.toString(), 2, 0.5)).build();
        Path straight = tmp.resolve("straight");
        try (Trainer t = Trainer.start(recipe, straight, "test")) {
            assertEquals(TrainingResult.Status.COMPLETED, t.run().status());
        }
        assertEquals(CheckpointFormat.read(teacherFile).parametersSha256(),
                CheckpointFormat.read(Trainer.teacherCopy(straight)).parametersSha256(), "the run keeps its own copy of the teacher");
        Path crashed = TrainerTest.startAndKillAt(recipe, tmp.resolve("crashed"), 30);
        Files.delete(teacherFile); // a resume reads the run's copy, not the original
        try (Trainer t = Trainer.resume(crashed)) {
            assertEquals(TrainingResult.Status.COMPLETED, t.run().status());
        }
        assertEquals(TrainerTest.metrics(straight), TrainerTest.metrics(crashed));

        // weight 0 is the plain cross-entropy run
        Path hard = tmp.resolve("hard");
        Path zero = tmp.resolve("zero");
        try (Trainer t = Trainer.start(small().toBuilder().seed(5).build(), hard, "test")) {
            t.run();
        }
        // a relative teacher path is resolved against the (not yet created) run directory
        try (Trainer t = Trainer.start(recipe.toBuilder().distillation(new Recipe.Distillation(
                "../straight/teacher.json", 2, 0)).build(), zero, "test")) {
            t.run();
        }
        List<JsonObject> a = lines(hard);
        List<JsonObject> b = lines(zero);
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).get("loss").getAsDouble(), b.get(i).get("loss").getAsDouble(), 1e-6, "line " + i);
        }
    }

    @Test
    void aTeacherMustWriteTheStudentsTokens(@TempDir Path tmp) throws Exception {
        Path teacher = tmp.resolve("rope.json");
        try (AdderModel m = io.github.adder4j.core.Preset.ROPE_36.builder().build()) {
            m.save(teacher, "test teacher", Map.of());
        }
        Recipe recipe = small().toBuilder().distillation(new Recipe.Distillation(teacher.toString(), 2, 0.5)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Trainer.start(recipe, tmp.resolve("run"), "test"));
        assertTrue(e.getMessage().startsWith("distillation.teacher " + teacher + " writes format q24-v10, the student "), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("run").resolve("config.json")));
    }
}
