package io.github.adder4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.lang.reflect.RecordComponent;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The recipe's parts: defaults, builders, validation naming the field, and the one table of flat names. */
class RecipePartsTest {

    @Test
    void theDefaultsAreThe57pRecipeAndTheBuilderSetsFieldsOrWholeParts() {
        for (long seed : new long[] {0, 3, 19}) {
            assertEquals(Recipe.forPreset("split-57", seed), Recipe.builder().preset("split-57").seed(seed).build());
        }
        Recipe r = Recipe.builder().preset("rope-36").seed(8).learningRate(0.01).build();
        assertEquals(0.01, r.optimization().learningRate());
        assertEquals(StartSpec.FRESH, r.start());
        assertEquals(RoundsSpec.NONE, r.rounds());
        OptimizerSpec lbfgs = OptimizerSpec.builder().optimizer(Recipe.Optimizer.LBFGS).weightDecay(0).build();
        Recipe polish = r.toBuilder().optimization(lbfgs).schedule(ScheduleSpec.builder().steps(30).kind(Recipe.Schedule.CONSTANT)
                .build()).build();
        assertEquals(lbfgs, polish.optimization());
        assertEquals(30, polish.schedule().steps());
        assertEquals(r.evaluation(), polish.evaluation(), "the other parts are kept");
        // a setter does not validate alone: steps then warmup are checked together
        assertEquals(20, r.toBuilder().steps(20).warmupSteps(5).build().schedule().steps());
        assertEquals("preset must not be null", assertThrows(IllegalArgumentException.class, () -> Recipe.builder().build())
                .getMessage());
    }

    @Test
    void eachPartNamesTheFieldAndTheValue() {
        assertEquals("learningRate must be positive: 0.0", assertThrows(IllegalArgumentException.class,
                () -> OptimizerSpec.builder().learningRate(0).build()).getMessage());
        assertEquals("weightDecay must not be negative: -0.1", assertThrows(IllegalArgumentException.class,
                () -> OptimizerSpec.builder().weightDecay(-0.1).build()).getMessage());
        assertEquals("floorRatio must be in (0, 1]: 1.5", assertThrows(IllegalArgumentException.class,
                () -> ScheduleSpec.builder().floorRatio(1.5).build()).getMessage());
        assertEquals("schedule must be one of [WARMUP_COSINE, CONSTANT, WARMUP_COSINE_OPEN_END, COSINE_RESTARTS]: null",
                assertThrows(IllegalArgumentException.class, () -> ScheduleSpec.builder().kind(null).build()).getMessage());
        assertEquals("steps must exceed warmupSteps + 1 for a cosine schedule: steps=100, warmupSteps=1000",
                assertThrows(IllegalStateException.class, () -> ScheduleSpec.builder().steps(100).build()).getMessage());
        assertEquals("batchSize must be at most " + Recipe.MAX_BATCH_SIZE + ": " + (Recipe.MAX_BATCH_SIZE + 1),
                assertThrows(IllegalArgumentException.class, () -> DataSpec.builder().batchSize(Recipe.MAX_BATCH_SIZE + 1).build())
                        .getMessage());
        assertEquals("evalEvery must be a multiple of logEvery: evalEvery=150, logEvery=100",
                assertThrows(IllegalStateException.class, () -> EvaluationSpec.builder().evalEvery(150).build()).getMessage());
        assertEquals("poolFrom needs targeted fine-tuning (mineErrors > 0): poolFrom=x",
                assertThrows(IllegalStateException.class, () -> RoundsSpec.builder().poolFrom("x").build()).getMessage());
        assertEquals("modelConfig must name a .json file: \"m.txt\"",
                assertThrows(IllegalArgumentException.class, () -> StartSpec.builder().modelConfig("m.txt").build()).getMessage());
        // across parts: the recipe
        assertEquals("poolPerBatch must not exceed batchSize: poolPerBatch=300, batchSize=256", assertThrows(
                IllegalStateException.class, () -> Recipe.builder().preset("split-57").mineErrors(10).poolPerBatch(300).build())
                .getMessage());
        assertEquals("optimization must not be null", assertThrows(IllegalArgumentException.class,
                () -> new Recipe("split-57", 1, null, null, ScheduleSpec.DEFAULTS, DataSpec.DEFAULTS, EvaluationSpec.DEFAULTS, null,
                        null, null)).getMessage());
    }

    @Test
    void everyFieldOfEveryPartHasOneFlatName() {
        Set<String> paths = new HashSet<>();
        for (RecordComponent top : Recipe.class.getRecordComponents()) {
            RecordComponent[] inner = top.getType().getRecordComponents();
            boolean part = top.getType().getSimpleName().endsWith("Spec");
            if (part) {
                for (RecordComponent c : inner) {
                    paths.add(top.getName() + "." + c.getName());
                }
            } else {
                paths.add(top.getName());
            }
        }
        Set<String> tabled = new HashSet<>();
        Recipe.FIELDS.fields().forEach(f -> tabled.add(f.path()));
        assertEquals(paths, tabled, "a new field needs its flat name in Recipe.FIELDS (the names of --set)");
        Set<String> statePaths = new HashSet<>();
        for (RecordComponent top : TrainerState.class.getRecordComponents()) {
            if (top.getType().isRecord() && top.getType().getEnclosingClass() == TrainerState.class) {
                for (RecordComponent c : top.getType().getRecordComponents()) {
                    statePaths.add(top.getName() + "." + c.getName());
                }
            } else {
                statePaths.add(top.getName());
            }
        }
        Set<String> stateTabled = new HashSet<>();
        TrainerState.FIELDS.fields().forEach(f -> stateTabled.add(f.path()));
        assertEquals(statePaths, stateTabled);
    }

    @Test
    void overridesTakeFlatNamesAndPaths() {
        Recipe base = Recipe.forPreset("split-57", 1);
        assertEquals(base.with(Map.of("learningRate", "0.005", "steps", "3000")),
                base.with(Map.of("optimization.learningRate", "0.005", "schedule.steps", "3000")));
        assertEquals(Recipe.Schedule.CONSTANT, base.with(Map.of("schedule", "CONSTANT")).schedule().kind());
        assertEquals(Recipe.Schedule.CONSTANT, base.with(Map.of("schedule.kind", "CONSTANT")).schedule().kind());
        assertEquals("dModel=4", base.with(Map.of("model", "dModel=4")).start().sizes());
        assertEquals("decayScope must be one of [ALL, MATRICES]: NORMS",
                assertThrows(IllegalArgumentException.class, () -> base.with(Map.of("optimization.decayScope", "NORMS"))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> base.with(Map.of("optimization.lr", "1"))).getMessage()
                .startsWith("unknown recipe field: optimization.lr (known: abandon, adaptiveRule, adaptiveWeightDecay, "));
    }

    @Test
    void aRecipeInOneFormOrTheOtherButNotBoth() {
        JsonObject nested = RunFiles.GSON.toJsonTree(Recipe.forPreset("split-57", 1)).getAsJsonObject();
        JsonObject mixed = nested.deepCopy();
        mixed.addProperty("steps", 10);
        assertEquals("recipe mixes the flat form [steps] and the parts [start, optimization, schedule, data, evaluation, rounds];"
                + " give one form", assertThrows(IllegalArgumentException.class, () -> RunFiles.GSON.fromJson(mixed, Recipe.class))
                        .getMessage());
        JsonObject unknown = nested.deepCopy();
        unknown.getAsJsonObject("optimization").addProperty("lr", 1);
        unknown.addProperty("colour", "red");
        assertEquals(List.of("optimization.lr", "colour"), Recipe.FIELDS.unknownKeys(unknown));
        assertEquals(Recipe.FIELDS.value(nested, "data"), Recipe.FIELDS.value(Recipe.FIELDS.flat(nested), "data"));
    }
}
