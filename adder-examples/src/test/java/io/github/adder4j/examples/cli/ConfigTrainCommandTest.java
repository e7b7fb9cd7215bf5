package io.github.adder4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.pytorch.jni.JniUtils;
import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.Options;
import io.github.adder4j.core.eval.Suite;
import io.github.adder4j.core.eval.SuiteRunner;
import io.github.adder4j.core.vision.VitConfig;
import io.github.adder4j.core.vision.VitModel;
import io.github.adder4j.train.ModelConfigs;
import io.github.adder4j.train.Recipe;
import io.github.adder4j.train.RunFiles;
import io.github.adder4j.train.Trainer;
import io.github.adder4j.train.TrainingResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --config FILE}: a model made with the builder, saved as its configuration, trains from the command line
 * with a preset's recipe, resumes without its file, and is counted, verified, asked for sums and drawn from its checkpoint
 * without --preset.
 */
class ConfigTrainCommandTest {

    /** The tiny recipe's options (20 steps, metrics and evaluations every 10). */
    private static final List<String> TINY = List.of("--steps", "20", "--eval-every", "10", "--set", "validationSize=50",
            "--set", "logEvery=10", "--set", "warmupSteps=5", "--batch", "32");

    private static int threadsBefore;

    @TempDir
    Path tmp;

    @BeforeAll
    static void oneThread() {
        ai.djl.engine.Engine.getInstance();
        threadsBefore = JniUtils.getNumThreads();
        JniUtils.setNumThreads(1);
    }

    @AfterAll
    static void restoreThreads() {
        JniUtils.setNumThreads(threadsBefore);
    }

    /** The README's builder model: d = 3, RoPE, SwiGLU, QK-norm. */
    private static AdderModel builderModel() {
        return AdderModel.builder().dModel(3).rope(3).norm(Options.Norm.RMS).qkNorm(Options.QkNorm.SEPARATE).headDim(4).ffnWidth(3)
                .activation(Options.Activation.SWIGLU).build();
    }

    /** Writes the builder model's configuration to {@code file}; returns its unique parameter count. */
    private static long writeConfig(Path file) throws Exception {
        try (AdderModel m = builderModel()) {
            Files.writeString(file, RunFiles.GSON.toJson(m.configJson()));
            return m.parameterReport().uniqueParameters();
        }
    }

    private static Cli.Run ok(String... args) {
        Cli.Run r = Cli.run(args);
        assertEquals(0, r.exitCode(), () -> String.join(" ", args) + " failed; stdout:\n" + r.out() + "\nstderr:\n" + r.err());
        return r;
    }

    private static String error(String... args) {
        Cli.Run r = Cli.run(args);
        assertEquals(2, r.exitCode(), () -> String.join(" ", args) + ": stdout " + r.out() + " stderr " + r.err());
        assertEquals("", r.out(), "nothing on stdout after an error");
        return r.err().lines().findFirst().orElseThrow(() -> new AssertionError("empty stderr"));
    }

    private static String[] train(Path config, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--config", config.toString()));
        args.addAll(List.of(more));
        args.addAll(TINY);
        args.addAll(List.of("--out", out.toString()));
        return args.toArray(String[]::new);
    }

    @Test
    void aBuilderMadeModelTrainsFromItsConfigAndIsUsedFromItsCheckpointWithoutAPreset() throws Exception {
        Path file = tmp.resolve("model.json");
        long parameters = writeConfig(file);
        Path run = tmp.resolve("run");
        Cli.Run trained = ok(train(file, run, "--preset", "split-57", "--seed", "5"));
        assertEquals("status: COMPLETED (completed 20 steps)", trained.lines().get(0));
        Recipe expected = Recipe.forPreset("split-57", 5).with(Map.of("steps", "20", "evalEvery", "10", "validationSize", "50",
                "logEvery", "10", "warmupSteps", "5", "batchSize", "32", "modelConfig", file.toAbsolutePath().normalize().toString()));
        assertEquals(expected, RunFiles.GSON.fromJson(RunFiles.readObject(RunFiles.config(run)).get("recipe"), Recipe.class));
        assertTrue(Files.isRegularFile(run.resolve(ModelConfigs.RUN_COPY)));

        String best = RunFiles.bestCheckpoint(run).toString();
        Cli.Run params = ok("params", "--weights", best);
        assertEquals("checkpoint " + best + " (msb-rev-v14)", params.lines().get(0));
        assertEquals("unique parameters (AdderBoard): " + parameters, params.lastLine());
        String summary;
        long sum;
        try (AdderModel m = AdderModel.load(Path.of(best))) {
            assertEquals(5, m.config().seed());
            summary = new SuiteRunner().run(Suite.random(3, 20), m.adder(64)).summaryLine();
            sum = m.adder(1).add(1234567890L, 9876543210L);
        }
        assertEquals(summary, ok("verify", "--weights", best, "--suite", "random:3:20").lastLine());
        assertEquals(Long.toString(sum), ok("add", "--weights", best, "1234567890", "9876543210").lastLine());
        Path png = tmp.resolve("attention.png");
        assertTrue(ok("attention", "--weights", best, "12", "34", "--out", png.toString()).lastLine().startsWith("wrote " + png + " ("));
        assertTrue(Files.size(png) > 0);
    }

    @Test
    void aRunsConfigJsonOrCheckpointServesAsTheConfigAndARunResumesWithoutIt() throws Exception {
        Path file = tmp.resolve("model.json");
        writeConfig(file);
        Path first = tmp.resolve("first");
        Recipe recipe = Recipe.forPreset("classic-777", 2).toBuilder().modelConfig(file.toString()).steps(20).evalEvery(10)
                .logEvery(10).validationSize(50).warmupSteps(5).batchSize(32).build();
        try (Trainer t = Trainer.start(recipe, first, "test")) {
            t.listener((done, total, loss, exact) -> {
                if (done == 10) {
                    t.requestStop();
                }
            });
            assertEquals(TrainingResult.Status.STOPPED, t.run().status());
        }
        Files.delete(file);
        Cli.Run resumed = ok("train", "--resume", first.toString());
        assertEquals("status: COMPLETED (completed 20 steps)", resumed.lines().get(0));
        // fine-tuning starts from the run's checkpoint: the recipe's modelConfig is inherited but not read
        Path tuned = tmp.resolve("tuned");
        ok("finetune", "--from", first.toString(), "--out", tuned.toString(), "--steps", "10", "--warmup", "2");
        try (AdderModel from = AdderModel.load(RunFiles.bestCheckpoint(first));
             AdderModel to = AdderModel.load(RunFiles.lastCheckpoint(tuned))) {
            assertEquals(from.config(), to.config());
        }

        // the first run's config.json and its checkpoint each describe the model for another run
        Path second = tmp.resolve("second");
        ok(train(RunFiles.config(first), second, "--preset", "split-57", "--seed", "2"));
        Path third = tmp.resolve("third");
        ok(train(RunFiles.bestCheckpoint(first), third, "--preset", "split-57", "--seed", "2"));
        for (Path dir : List.of(second, third)) {
            assertEquals(RunFiles.readObject(RunFiles.config(first)).get("model"), RunFiles.readObject(RunFiles.config(dir)).get("model"),
                    dir.toString());
        }
    }

    @Test
    void aSweepTrainsTheConfiguredModelAtEverySeed() throws Exception {
        Path file = tmp.resolve("model.json");
        writeConfig(file);
        Path out = tmp.resolve("sweep");
        ok("sweep", "--preset", "split-57", "--config", file.toString(), "--seeds", "1..2", "--jobs", "2", "--steps", "10",
                "--out", out.toString(), "--set", "validationSize=50", "--set", "logEvery=10", "--set", "warmupSteps=5",
                "--set", "batchSize=32", "--set", "evalEvery=10");
        String absolute = file.toAbsolutePath().normalize().toString();
        for (long seed = 1; seed <= 2; seed++) {
            Path dir = out.resolve("seed-" + seed);
            assertEquals("adder train --preset split-57 --seed " + seed + " --out " + dir + " --config " + absolute + " --steps 10"
                    + " --set validationSize=50 --set logEvery=10 --set warmupSteps=5 --set batchSize=32 --set evalEvery=10",
                    RunFiles.readObject(RunFiles.config(dir)).get("command").getAsString());
            try (AdderModel built = builderModel(); AdderModel trained = AdderModel.load(RunFiles.lastCheckpoint(dir))) {
                assertEquals(built.config().toBuilder().seed(seed).config(), trained.config());
            }
        }
        assertEquals(absolute, RunFiles.readObject(out.resolve("sweep.json")).get("modelConfig").getAsString());
        // a run of this sweep is faithful when its recipe is the preset's on the configured architecture: these runs changed
        // steps and more, so they are not; with those options undone, the recipe is
        io.github.adder4j.train.Recipe run = TrainingRuns.recipe(out.resolve("seed-1"));
        io.github.adder4j.train.Recipe published = SweepCommand.publishedRecipe("split-57", 1, absolute);
        assertNotEquals(published, run);
        assertEquals(published, run.toBuilder().steps(published.schedule().steps()).validationSize(published.evaluation().validationSize())
                .logEvery(published.evaluation().logEvery()).warmupSteps(published.schedule().warmupSteps())
                .batchSize(published.data().batchSize()).evalEvery(published.evaluation().evalEvery()).build());
        assertEquals(io.github.adder4j.train.Recipe.forPreset("split-57", 1), SweepCommand.publishedRecipe("split-57", 1, null));
        assertEquals("error: --config " + tmp.resolve("none.json") + ": no such file", error("sweep", "--preset", "split-57", "--config",
                tmp.resolve("none.json").toString(), "--seeds", "1..2", "--out", tmp.resolve("other").toString()));
        assertFalse(Files.exists(tmp.resolve("other")));
    }

    @Test
    void badConfigOptionsAreUsageErrorsNamingTheFile() throws Exception {
        Path file = tmp.resolve("model.json");
        writeConfig(file);
        Path out = tmp.resolve("out");
        assertEquals("error: --config " + file + " needs a recipe: give --preset NAME (its published recipe) or --recipe FILE",
                error(train(file, out)));
        Path missing = tmp.resolve("missing.json");
        assertEquals("error: --config " + missing + ": no such file", error(train(missing, out, "--preset", "split-57")));
        Path fixture = SharedFixtures.file("published-57p.json");
        assertEquals("error: --config " + fixture + " is a published fixture, which holds weights but no architecture: give a model"
                + " configuration, an adder4j checkpoint or a run's config.json", error(train(fixture, out, "--preset", "split-57")));
        assertEquals("error: --config and --modular cannot be combined (a modular task trains its preset's architecture on the"
                + " modular format)", error(train(file, out, "--modular", "mod97-add")));
        assertEquals("error: --set modelConfig=other.json: modelConfig is already set by --config",
                error(train(file, out, "--preset", "split-57", "--set", "modelConfig=other.json")));
        Path vit = tmp.resolve("vit.json");
        Files.writeString(vit, VitConfig.microVit().toJson().toString());
        assertEquals("error: --config " + vit + " describes a ViT, which trains on images: its recipe must be preset micro-vit's,"
                + " not preset split-57's", error(train(vit, out, "--preset", "split-57")));
        assertFalse(Files.exists(out), "no run was started");
    }

    @Test
    void checkpointsNeedNoPresetAndFixturesSaySoNamingTheFile() throws Exception {
        String fixture = SharedFixtures.file("published-57p.json").toString();
        assertEquals("error: --weights " + fixture + " is a published fixture, which does not describe its architecture: count its"
                + " preset with --preset NAME (weights do not change the counts)", error("params", "--weights", fixture));
        assertEquals("error: --weights " + fixture + " is a published fixture, which does not describe its architecture: give its"
                + " --preset", error("verify", "--weights", fixture));
        assertEquals("error: --weights published-57p.json is a published fixture, which does not describe its architecture: give its"
                + " --preset", error("add", "--weights", "published-57p.json", "1", "2"));
        assertEquals("error: " + ModelOptions.NO_MODEL, error("verify"));
        assertEquals("error: Missing required argument (specify one of these): (--preset=NAME | --zoo=ID | --weights=FILE)",
                error("params"));

        Path vit = tmp.resolve("vit.json");
        long parameters;
        try (VitModel m = VitModel.of(VitConfig.microVit())) {
            m.save(vit, "test", Map.of());
            parameters = m.parameterReport().uniqueParameters();
        }
        Cli.Run params = ok("params", "--weights", vit.toString());
        assertEquals("checkpoint " + vit + " (ViT, images)", params.lines().get(0));
        assertEquals("unique parameters (AdderBoard): " + parameters, params.lastLine());
        assertEquals("error: --weights " + vit + " is a ViT checkpoint (it classifies images, not sums): use adder mnist --checkpoint "
                + vit, error("verify", "--weights", vit.toString()));
        assertEquals("error: --weights " + vit + " is a ViT checkpoint (it classifies images, not sums): use adder mnist --checkpoint "
                + vit, error("add", "--preset", "split-57", "--weights", vit.toString(), "1", "2"));
    }
}
