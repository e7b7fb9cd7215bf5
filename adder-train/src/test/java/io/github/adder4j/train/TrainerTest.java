package io.github.adder4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.io.CheckpointFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {

    private static Recipe small() {
        return Recipe.forPreset("split-57", 3).with(Map.of("steps", "60", "evalEvery", "20", "logEvery", "10",
                "validationSize", "50", "warmupSteps", "5", "batchSize", "32"));
    }

    /** Starts a run and kills it (an exception from the progress listener) once {@code step} steps are done. */
    static Path startAndKillAt(Recipe recipe, Path dir, long step) {
        try (Trainer t = Trainer.start(recipe, dir, "test")) {
            t.listener((done, total, loss, exact) -> {
                if (done == step) {
                    throw new IllegalStateException("simulated kill at step " + step);
                }
            });
            assertThrows(IllegalStateException.class, t::run);
        }
        return dir;
    }

    /** metrics.jsonl without the wall-clock field. */
    static List<String> metrics(Path dir) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(RunFiles.metrics(dir))) {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            o.remove("wallSeconds");
            out.add(o.toString());
        }
        return out;
    }

    @Test
    void resumeAfterACrashGivesTheSameMetricsAndWeightsAsAnUninterruptedRun(@TempDir Path tmp) throws Exception {
        Path straight = tmp.resolve("straight");
        try (Trainer t = Trainer.start(small(), straight, "test")) {
            assertEquals(TrainingResult.Status.COMPLETED, t.run().status());
        }
        Path crashed = startAndKillAt(small(), tmp.resolve("crashed"), 30);
        assertEquals(3, metrics(crashed).size(), "lines 10, 20, 30 were written before the kill");
        try (Trainer t = Trainer.resume(crashed)) {
            assertEquals(TrainingResult.Status.COMPLETED, t.run().status());
        }
        assertEquals(metrics(straight), metrics(crashed));
        assertEquals(CheckpointFormat.read(RunFiles.lastCheckpoint(straight)).parametersSha256(),
                CheckpointFormat.read(RunFiles.lastCheckpoint(crashed)).parametersSha256());
        assertEquals(CheckpointFormat.read(RunFiles.bestCheckpoint(straight)).parametersSha256(),
                CheckpointFormat.read(RunFiles.bestCheckpoint(crashed)).parametersSha256());
    }

    @Test
    void aRunDirectoryHoldsRecipeMetricsEventsAndLoadableCheckpoints(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        try (Trainer t = Trainer.start(small(), dir, "adder train --preset split-57")) {
            t.run();
        }
        JsonObject config = JsonParser.parseString(Files.readString(RunFiles.config(dir))).getAsJsonObject();
        assertEquals(small(), RunFiles.GSON.fromJson(config.get("recipe"), Recipe.class));
        assertEquals("adder train --preset split-57", config.get("command").getAsString());
        List<String> lines = metrics(dir);
        assertEquals(6, lines.size());
        JsonObject last = JsonParser.parseString(lines.get(5)).getAsJsonObject();
        for (String key : List.of("step", "loss", "lr", "wd", "gradNorm", "valExact", "tokenAccuracy")) {
            assertTrue(last.has(key), key);
        }
        String events = Files.readString(RunFiles.events(dir));
        assertTrue(events.contains("\"event\":\"rss_start\"") && events.contains("\"event\":\"rss_end\""), events);
        try (AdderModel best = AdderModel.load(RunFiles.bestCheckpoint(dir))) {
            assertEquals(57, best.parameterReport().uniqueParameters());
        }
        IllegalStateException again = assertThrows(IllegalStateException.class, () -> Trainer.start(small(), dir, "x"));
        assertEquals("run directory " + dir + " already holds a run; use resume or another --out", again.getMessage());
    }

    /** A task that replays scripted validation results, to test the trainer's bookkeeping. */
    private static final class Scripted extends DelegatingTask {
        private final double[] exact;
        private int calls;

        Scripted(Task inner, double... exact) {
            super(inner);
            this.exact = exact;
        }

        @Override
        public Evaluation evaluate(io.github.adder4j.core.TrainableModel model) {
            double e = exact[Math.min(calls++, exact.length - 1)];
            return new Evaluation(e, e, 10, -1);
        }

        @Override
        public String describe() {
            return "scripted";
        }
    }

    @Test
    void grokDetectorAndEarlyStopFollowTheValidationCurve(@TempDir Path tmp) throws Exception {
        Recipe recipe = small().with(Map.of("steps", "200", "earlyStopAfter", "40"));
        Path dir2 = tmp.resolve("grok2");
        Task base = new AdditionTask(io.github.adder4j.core.format.Formats.LSB34_V10,
                io.github.adder4j.train.data.AdditionSamplers.recipe57p(1),
                io.github.adder4j.train.data.ValidationSet.uniform(10, 7), "base");
        try (Trainer t = Trainer.start(recipe, dir2, "test", new Scripted(base, 0.1, 0.4, 0.995, 1.0, 1.0, 1.0, 1.0))) {
            TrainingResult r = t.run();
            assertEquals(60, r.grokStep(), "third evaluation (step 60) is the first above 0.99 after one below 0.5");
            assertEquals(TrainingResult.Status.EARLY_STOPPED, r.status());
            assertEquals(120, r.steps(), "1.0 from step 80, held 40 steps at step 120");
            assertEquals(1.0, r.bestExact());
            assertEquals(80, r.bestStep());
        }
        String events = Files.readString(RunFiles.events(dir2));
        assertTrue(events.contains("{\"event\":\"grok\",\"step\":60,\"valExact\":0.995}"), events);
        assertTrue(events.contains("\"event\":\"early_stop\""), events);
    }

    @Test
    void theBestCheckpointIsTheFirstTopScoreOrWithBestLatestTheLatest(@TempDir Path tmp) throws Exception {
        Task base = new AdditionTask(io.github.adder4j.core.format.Formats.LSB34_V10,
                io.github.adder4j.train.data.AdditionSamplers.recipe57p(1),
                io.github.adder4j.train.data.ValidationSet.uniform(10, 7), "base");
        double[] curve = {0.5, 1.0, 0.9, 1.0, 1.0};
        Recipe recipe = small().with(Map.of("steps", "100"));
        assertEquals(Recipe.BestCheckpoint.FIRST, recipe.evaluation().best());
        try (Trainer t = Trainer.start(recipe, tmp.resolve("first"), "test", new Scripted(base, curve))) {
            TrainingResult r = t.run();
            assertEquals(40, r.bestStep(), "the first evaluation at 1.0");
        }
        assertEquals("40", CheckpointFormat.read(RunFiles.bestCheckpoint(tmp.resolve("first"))).metadata().results().get("step"));
        try (Trainer t = Trainer.start(recipe.with(Map.of("best", "LATEST")), tmp.resolve("latest"), "test", new Scripted(base, curve))) {
            TrainingResult r = t.run();
            assertEquals(1.0, r.bestExact());
            assertEquals(100, r.bestStep(), "the ties at 80 and 100 replace the one at 40; 0.9 at 60 does not");
        }
        Path latest = tmp.resolve("latest");
        assertEquals("100", CheckpointFormat.read(RunFiles.bestCheckpoint(latest)).metadata().results().get("step"));
        assertEquals(CheckpointFormat.read(RunFiles.lastCheckpoint(latest)).parametersSha256(),
                CheckpointFormat.read(RunFiles.bestCheckpoint(latest)).parametersSha256());
        assertEquals("best must be one of [FIRST, LATEST]: NEWEST",
                assertThrows(IllegalArgumentException.class, () -> recipe.with(Map.of("best", "NEWEST"))).getMessage());
    }

    @Test
    void divergenceStopsWithAClearMessageAndKeepsTheLastGoodCheckpoint(@TempDir Path tmp) throws Exception {
        Recipe recipe = small().with(Map.of("learningRate", "1e30", "clipNorm", "0", "steps", "400"));
        Path dir = tmp.resolve("nan");
        try (Trainer t = Trainer.start(recipe, dir, "test")) {
            TrainingResult r = t.run();
            assertEquals(TrainingResult.Status.DIVERGED, r.status(), r.message());
            assertTrue(r.message().startsWith("training diverged at step " + r.steps() + " (loss "), r.message());
            assertTrue(r.message().endsWith("the last good checkpoint is " + RunFiles.lastCheckpoint(dir)), r.message());
        }
        assertTrue(Files.readString(RunFiles.events(dir)).contains("\"event\":\"diverged\""));
    }

    @Test
    void minedErrorPairsAreExactlyThePairsTheStartingModelGetsWrong() {
        try (AdderModel model = io.github.adder4j.core.Preset.SPLIT_57.builder().seed(5).build()) {
            io.github.adder4j.train.data.ErrorPairPool pool = Trainer.mineErrors(model, 300, 8);
            assertTrue(pool.size() > 0, "an untrained model fails some pairs");
            long[] got = model.adder().add(pool.a(), pool.b());
            for (int i = 0; i < pool.size(); i++) {
                assertTrue(got[i] != pool.a(i) + pool.b(i), "pair " + pool.a(i) + " + " + pool.b(i) + " is answered right");
            }
            io.github.adder4j.core.eval.SuiteResult random = new io.github.adder4j.core.eval.SuiteRunner()
                    .run(io.github.adder4j.core.eval.Suite.random(8, 300), model.adder());
            io.github.adder4j.core.eval.SuiteResult carry = new io.github.adder4j.core.eval.SuiteRunner()
                    .run(io.github.adder4j.core.eval.Suite.carry(), model.adder());
            assertTrue(pool.size() <= random.failed() + carry.failed());
            for (io.github.adder4j.core.eval.Failure f : random.failures()) {
                assertTrue(pool.contains(f.a(), f.b()), f.toString());
            }
        }
    }

    @Test
    void proofGuidedMiningAddsTheWrongPairsOfTheUnprovedCells() {
        // rope19-10 with its carry hinge 2 % weak: it adds uniform pairs and the carry suite right, yet long runs of 9s wrong
        try (AdderModel model = io.github.adder4j.core.Preset.ROPE19_10.create()) {
            java.util.Map<String, double[]> values = new java.util.LinkedHashMap<>();
            for (io.github.adder4j.core.io.Tensor t : model.tensors()) {
                double[] v = t.values().clone();
                if (t.name().equals("layer0.ffn.down.theta")) {
                    v[0] *= 0.98;
                }
                values.put(t.name(), v);
            }
            model.load(values);
            RoundsSpec plain = RoundsSpec.builder().mineErrors(200).build();
            RoundsSpec guided = plain.toBuilder().proverPairs(40).build();
            io.github.adder4j.train.data.ErrorPairPool uniform = Trainer.mineRoundPairs(model, plain, 3);
            io.github.adder4j.train.data.ErrorPairPool pool = Trainer.mineRoundPairs(model, guided, 3);
            assertEquals(uniform.size(), Trainer.mineErrors(model, 200, 3).size());
            assertTrue(pool.size() > uniform.size(), "the proof's cells add pairs: " + uniform.size() + " -> " + pool.size());
            assertTrue(pool.size() <= uniform.size() + 40, "at most proverPairs more: " + pool.size());
            long[] got = model.adder().add(pool.a(), pool.b());
            for (int i = 0; i < pool.size(); i++) {
                assertTrue(got[i] != pool.a(i) + pool.b(i), "pair " + pool.a(i) + " + " + pool.b(i) + " is answered right");
            }
        }
        assertEquals("proverPairs needs targeted fine-tuning (mineErrors > 0): proverPairs=5",
                assertThrows(IllegalStateException.class, () -> RoundsSpec.builder().proverPairs(5).build()).getMessage());
        assertEquals("proverPairs must not be negative: -1",
                assertThrows(IllegalArgumentException.class, () -> RoundsSpec.builder().mineErrors(1).proverPairs(-1).build())
                        .getMessage());
        assertEquals(7, small().with(Map.of("mineErrors", "10", "proverPairs", "7")).rounds().proverPairs());
    }

    @Test
    void matricesScopeExemptsScalarsAndVectorsFromWeightDecay(@TempDir Path tmp) {
        try (Trainer t = Trainer.start(small().with(Map.of("decayScope", "MATRICES")), tmp.resolve("m"), "test")) {
            assertEquals(0.0, t.optimizer().weightDecayMultiplier("token.arc.amplitude"), "a scalar");
            assertEquals(0.0, t.optimizer().weightDecayMultiplier("norm.weight"), "a norm gain");
            assertEquals(1.0, t.optimizer().weightDecayMultiplier("head.H"), "a matrix");
            assertEquals(1.0, t.optimizer().weightDecayMultiplier("position.equals"), "a 1x3 slot is a matrix");
        }
        try (Trainer t = Trainer.start(small(), tmp.resolve("all"), "test")) {
            assertEquals(Recipe.DecayScope.ALL, small().optimization().decayScope());
            for (String name : t.optimizer().parameterNames()) {
                assertEquals(1.0, t.optimizer().weightDecayMultiplier(name), name + " decays by default");
            }
        }
    }

    @Test
    void theRecipeChoosesTheInitialisationSchemeAndOldRecipesKeepThePresets(@TempDir Path tmp) throws Exception {
        assertEquals(io.github.adder4j.core.Options.Init.TORCH, Recipe.forPreset("classic-777", 1).start().init());
        try (Trainer t = Trainer.start(small().with(Map.of("init", "FLAX")), tmp.resolve("flax"), "test")) {
            assertEquals(io.github.adder4j.core.Options.Init.FLAX, ((AdderModel) t.model()).config().init());
        }
        // a config.json written before the init and decayScope fields existed (and before the recipe's parts)
        JsonObject old = Recipe.FIELDS.flat(RunFiles.GSON.toJsonTree(small()).getAsJsonObject());
        old.remove("init");
        old.remove("decayScope");
        Recipe parsed = RunFiles.GSON.fromJson(old, Recipe.class);
        assertEquals(null, parsed.start().init());
        assertEquals(Recipe.DecayScope.ALL, parsed.optimization().decayScope());
        try (AdderModel m = Trainer.newModel(parsed)) {
            assertEquals(io.github.adder4j.core.Options.Init.XAVIER, m.config().init());
        }
    }

    @Test
    void theModelFieldResizesAFreshModel() {
        Recipe wide = Recipe.modular("mod97-add", 1.0, 1, 100).with(Map.of("model", "dModel=16, headDim=16,ffnWidth=32"));
        try (AdderModel m = Trainer.newModel(wide)) {
            assertEquals(16, m.config().dModel());
            assertEquals(16, m.config().attention().headDim());
            assertEquals(32, m.config().ffn().width());
            assertEquals("mod97-add", m.format().id());
        }
        assertEquals("model must be name=value pairs with names from [dModel, ffnWidth, heads, headDim, layers]: width=3",
                assertThrows(IllegalArgumentException.class, () -> small().with(Map.of("model", "width=3"))).getMessage());
        assertEquals("model size dModel must be a positive integer: 0",
                assertThrows(IllegalArgumentException.class, () -> small().with(Map.of("model", "dModel=0"))).getMessage());
        assertEquals("model size heads must be a positive integer: two",
                assertThrows(IllegalArgumentException.class, () -> small().with(Map.of("model", "heads=two"))).getMessage());
        assertEquals("model size layers is given twice: layers=1,layers=2",
                assertThrows(IllegalArgumentException.class, () -> small().with(Map.of("model", "layers=1,layers=2"))).getMessage());
    }

    @Test
    void recipeOverridesAreValidated() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> small().with(Map.of("stepz", "1")));
        assertTrue(unknown.getMessage().startsWith("unknown recipe field: stepz (known: "), unknown.getMessage());
        IllegalArgumentException seed = assertThrows(IllegalArgumentException.class, () -> small().with(Map.of("validationSeed", "2025")));
        assertEquals("validationSeed 2025 is the AdderBoard test seed; use another seed for validation", seed.getMessage());
        IllegalArgumentException data = assertThrows(IllegalArgumentException.class, () -> small().with(Map.of("data", "CARRY")));
        assertEquals("data must be one of [CARRY_MIX_57, CARRY_MIX_74, DIGIT_LENGTH, UNIFORM, DIGIT_LENGTH_FLAT, DIGITS, DIGITS_SHIFTED, DIGITS_SHIFTED_1]: CARRY", data.getMessage());
        IllegalArgumentException scope = assertThrows(IllegalArgumentException.class, () -> small().with(Map.of("decayScope", "NORMS")));
        assertEquals("decayScope must be one of [ALL, MATRICES]: NORMS", scope.getMessage());
        IllegalArgumentException init = assertThrows(IllegalArgumentException.class, () -> small().with(Map.of("init", "KAIMING")));
        assertEquals("init must be one of [XAVIER, TORCH, FLAX, NANOGPT, QWEN_SMALL]: KAIMING", init.getMessage());
        IllegalArgumentException steps = assertThrows(IllegalArgumentException.class, () -> small().with(Map.of("steps", "0")));
        assertEquals("steps must be positive: 0", steps.getMessage());
    }

    private static Recipe polishing() {
        return small().with(Map.of("optimizer", "LBFGS", "weightDecay", "0", "steps", "30", "evalEvery", "10", "logEvery", "5",
                "batchSize", "64"));
    }

    @Test
    void lbfgsPolishingNeverRaisesTheLossOnItsFixedBatchAndResumesExactly(@TempDir Path tmp) throws Exception {
        Path straight = tmp.resolve("straight");
        try (Trainer t = Trainer.start(polishing(), straight, "test")) {
            TrainingResult result = t.run();
            assertEquals(TrainingResult.Status.COMPLETED, result.status(), result.message());
        }
        List<String> lines = metrics(straight);
        assertEquals(6, lines.size());
        double previous = Double.POSITIVE_INFINITY;
        for (String line : lines) {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            double loss = o.get("loss").getAsDouble();
            assertTrue(loss <= previous, "an Armijo line search on one fixed batch cannot raise the loss: " + lines);
            previous = loss;
        }
        double first = JsonParser.parseString(lines.get(0)).getAsJsonObject().get("loss").getAsDouble();
        assertTrue(previous < 0.9 * first, "30 iterations lower the loss: " + lines);
        Path crashed = startAndKillAt(polishing(), tmp.resolve("crashed"), 15);
        try (Trainer t = Trainer.resume(crashed)) {
            t.run();
        }
        assertEquals(lines, metrics(crashed), "resumed from the step-10 checkpoint with the L-BFGS history");
        assertEquals(CheckpointFormat.read(RunFiles.lastCheckpoint(straight)).parametersSha256(),
                CheckpointFormat.read(RunFiles.lastCheckpoint(crashed)).parametersSha256());
    }

    @Test
    void lbfgsTakesNoAdamOnlyOptionsAndIsNotBenchmarked() {
        IllegalStateException adaptive = assertThrows(IllegalStateException.class,
                () -> polishing().with(Map.of("adaptiveWeightDecay", "true")));
        assertEquals("optimizer LBFGS takes neither grokfast nor adaptiveWeightDecay: grokfast=false, adaptiveWeightDecay=true",
                adaptive.getMessage());
        assertEquals("optimizer must be one of [ADAMW, LBFGS]: SGD",
                assertThrows(IllegalArgumentException.class, () -> small().with(Map.of("optimizer", "SGD"))).getMessage());
        assertEquals("the training benchmark times AdamW steps; optimizer LBFGS polishes a fixed batch",
                assertThrows(IllegalArgumentException.class, () -> Trainer.benchmark(polishing(), 0, 1)).getMessage());
        assertEquals(Recipe.Optimizer.ADAMW, small().optimization().optimizer());
    }

    private static Recipe rounds() {
        return small().with(Map.of("mineErrors", "200", "mineEvery", "20", "poolPerBatch", "8", "data", "UNIFORM"));
    }

    @Test
    void targetedRoundsGrowThePoolFromTheCurrentModelAndResumeExactly(@TempDir Path tmp) throws Exception {
        Path straight = tmp.resolve("straight");
        try (Trainer t = Trainer.start(rounds(), straight, "test")) {
            assertEquals(TrainingResult.Status.COMPLETED, t.run().status());
        }
        List<JsonObject> mined = new ArrayList<>();
        for (String line : Files.readAllLines(RunFiles.events(straight))) {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            if (o.get("event").getAsString().equals("mined")) {
                mined.add(o);
            }
        }
        assertEquals(List.of(20L, 40L), mined.stream().map(o -> o.get("step").getAsLong()).toList(), "rounds 1 and 2; none after the last step");
        assertEquals(1, mined.get(0).get("round").getAsLong());
        for (JsonObject o : mined) {
            assertTrue(o.get("added").getAsInt() > 0, "an untrained model fails fresh pairs: " + o);
        }
        int pool = mined.get(1).get("pool").getAsInt();
        assertEquals(mined.get(0).get("pool").getAsInt() + mined.get(1).get("added").getAsInt(), pool);
        TrainerState state = RunFiles.GSON.fromJson(Files.readString(RunFiles.trainerState(straight)), TrainerState.class);
        assertEquals(pool, state.pool().a().length, "the grown pool is saved with the trainer state");
        assertEquals(pool, state.pool().b().length);
        Path crashed = startAndKillAt(rounds(), tmp.resolve("crashed"), 50);
        try (Trainer t = Trainer.resume(crashed)) {
            t.run();
        }
        assertEquals(metrics(straight), metrics(crashed), "resumed at step 40 with the pool of round 2");
        assertEquals(Files.readAllLines(RunFiles.events(straight)).stream().filter(l -> l.contains("mined")).toList(),
                Files.readAllLines(RunFiles.events(crashed)).stream().filter(l -> l.contains("mined")).toList());
        assertEquals(CheckpointFormat.read(RunFiles.lastCheckpoint(straight)).parametersSha256(),
                CheckpointFormat.read(RunFiles.lastCheckpoint(crashed)).parametersSha256());
    }

    @Test
    void aStopRequestSavesTheStateBetweenEvaluationsAndTheResumedRunEndsAsAnUninterruptedOne(@TempDir Path tmp) throws Exception {
        Path straight = tmp.resolve("straight");
        try (Trainer t = Trainer.start(rounds(), straight, "test")) {
            t.run();
        }
        Path stopped = tmp.resolve("stopped");
        try (Trainer t = Trainer.start(rounds(), stopped, "test")) {
            t.listener((done, total, loss, exact) -> {
                if (done == 50) {
                    t.requestStop(); // from another thread in the CLI (a shutdown hook); the loop sees it before step 50
                }
            });
            TrainingResult r = t.run();
            assertEquals(TrainingResult.Status.STOPPED, r.status());
            assertEquals(50, r.steps());
            assertEquals("stopped on request after 50 steps; resume continues from the checkpoint at step 50", r.message());
            assertTrue(t.awaitEnd(java.time.Duration.ZERO), "run() has returned");
        }
        TrainingResult summary = RunFiles.GSON.fromJson(Files.readString(RunFiles.summary(stopped)), TrainingResult.class);
        assertEquals(TrainingResult.Status.STOPPED, summary.status());
        assertTrue(!summary.ended());
        TrainerState state = RunFiles.GSON.fromJson(Files.readString(RunFiles.trainerState(stopped)), TrainerState.class);
        assertEquals(50, state.progress().nextStep(), "saved at step 50, between the evaluations at 40 and 60");
        TrainerState end = RunFiles.GSON.fromJson(Files.readString(RunFiles.trainerState(straight)), TrainerState.class);
        assertEquals(end.errorPool().size(), state.errorPool().size(), "the pool of rounds 1 and 2 is saved with the stop state");
        try (Trainer t = Trainer.resume(stopped)) {
            assertTrue(Files.notExists(RunFiles.summary(stopped)), "resuming removes the STOPPED summary");
            assertEquals(TrainingResult.Status.COMPLETED, t.run().status());
        }
        assertEquals(metrics(straight), metrics(stopped));
        assertEquals(CheckpointFormat.read(RunFiles.lastCheckpoint(straight)).parametersSha256(),
                CheckpointFormat.read(RunFiles.lastCheckpoint(stopped)).parametersSha256());
        assertEquals(Files.readAllLines(RunFiles.events(straight)).stream().filter(l -> l.contains("mined")).toList(),
                Files.readAllLines(RunFiles.events(stopped)).stream().filter(l -> l.contains("mined")).toList());
        assertTrue(Files.readString(RunFiles.events(stopped)).contains("\"event\":\"stopped\""));
    }

    @Test
    void aStopRequestedBeforeTheRunStopsItAtOnceWithoutANewCheckpoint(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        try (Trainer t = Trainer.start(small(), dir, "test")) {
            t.requestStop();
            TrainingResult r = t.run();
            assertEquals(TrainingResult.Status.STOPPED, r.status());
            assertEquals(0, r.steps());
            assertEquals("stopped on request after 0 steps; there is no checkpoint yet, so resume starts the run again", r.message());
        }
        assertTrue(Files.notExists(RunFiles.trainerState(dir)), "nothing ran, so nothing was saved");
    }

    @Test
    void miningSeedsSkipTheAdderBoardSeed() {
        assertEquals(8, Trainer.miningSeed(small(), 0), "round 0 keeps the seed of single-round runs");
        assertEquals(10, Trainer.miningSeed(small(), 2));
        Recipe near = small().with(Map.of("validationSeed", "2020"));
        assertEquals(2024, Trainer.miningSeed(near, 3));
        assertEquals(2026, Trainer.miningSeed(near, 4), "2025 is skipped");
        assertEquals(2027, Trainer.miningSeed(near, 5));
    }

    @Test
    void aRunThatContinuesAPoolMinesPastEveryRoundOfTheRunBeforeIt() {
        Recipe first = small().with(Map.of("mineErrors", "5", "mineEvery", "10", "steps", "35"));
        assertEquals(4, first.continuedMiningOffset(), "rounds 0, 1, 2 and 3 (at steps 0, 10, 20, 30)");
        Recipe second = first.with(Map.of("miningOffset", String.valueOf(first.continuedMiningOffset())));
        assertEquals(Trainer.miningSeed(first, 3) + 1, Trainer.miningSeed(second, 0), "the next run's first round is new");
        assertEquals(4 + 4, second.continuedMiningOffset());
        Recipe once = small().with(Map.of("mineErrors", "5"));
        assertEquals(1, once.continuedMiningOffset(), "a run that mines once uses one round");
        assertEquals(0, small().continuedMiningOffset(), "a run that mines nothing moves nothing");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> small().with(Map.of("miningOffset", "3")));
        assertEquals("miningOffset needs targeted fine-tuning (mineErrors > 0): miningOffset=3", e.getMessage());
    }

    @Test
    void roundOptionsNeedTargetedFineTuningAndAFittingCap() {
        assertEquals("mineEvery and poolPerBatch need targeted fine-tuning (mineErrors > 0): mineEvery=100, poolPerBatch=0",
                assertThrows(IllegalStateException.class, () -> small().with(Map.of("mineEvery", "100"))).getMessage());
        assertEquals("poolPerBatch must not exceed batchSize: poolPerBatch=33, batchSize=32",
                assertThrows(IllegalStateException.class, () -> small().with(Map.of("mineErrors", "10", "poolPerBatch", "33")))
                        .getMessage());
        assertEquals("mineEvery must not be negative: -1",
                assertThrows(IllegalArgumentException.class, () -> small().with(Map.of("mineEvery", "-1"))).getMessage());
        assertEquals("poolPerBatch must not be negative: -2",
                assertThrows(IllegalArgumentException.class, () -> small().with(Map.of("poolPerBatch", "-2"))).getMessage());
    }

    @Test
    void poolFromStartsWithTheSavedPoolOfAnotherRun(@TempDir Path tmp) throws Exception {
        Path first = tmp.resolve("first");
        try (Trainer t = Trainer.start(rounds().with(Map.of("steps", "20", "mineEvery", "0")), first, "test")) {
            t.run();
        }
        io.github.adder4j.train.data.ErrorPairPool saved = Trainer.savedPool(first);
        assertTrue(saved.size() > 0);
        Path second = tmp.resolve("second");
        Recipe chained = rounds().with(Map.of("steps", "20", "mineEvery", "0", "mineErrors", "50", "validationSeed", "30",
                "poolFrom", first.toString(), "initFrom", RunFiles.bestCheckpoint(first).toString()));
        try (Trainer t = Trainer.start(chained, second, "test")) {
            t.run();
        }
        io.github.adder4j.train.data.ErrorPairPool grown = Trainer.savedPool(second);
        assertTrue(grown.size() > saved.size(), "the starting model's own errors on other pairs are added");
        for (int i = 0; i < saved.size(); i++) {
            assertEquals(saved.a(i), grown.a(i), "the inherited pairs come first, in order");
            assertEquals(saved.b(i), grown.b(i));
        }
        Path plain = tmp.resolve("plain");
        try (Trainer t = Trainer.start(small().with(Map.of("steps", "20")), plain, "test")) {
            t.run();
        }
        assertEquals("poolFrom " + plain + " saved no error pool (not a targeted fine-tuning run)",
                assertThrows(IllegalArgumentException.class, () -> Trainer.savedPool(plain)).getMessage());
        assertEquals("poolFrom " + tmp + " has no trainer state (trainer-state.json)",
                assertThrows(IllegalArgumentException.class, () -> Trainer.savedPool(tmp)).getMessage());
        assertEquals("poolFrom needs targeted fine-tuning (mineErrors > 0): poolFrom=x",
                assertThrows(IllegalStateException.class, () -> small().with(Map.of("poolFrom", "x"))).getMessage());
    }
}
