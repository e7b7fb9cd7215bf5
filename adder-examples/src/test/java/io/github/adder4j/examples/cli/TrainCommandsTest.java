package io.github.adder4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.pytorch.jni.JniUtils;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.adder4j.core.io.CheckpointFormat;
import io.github.adder4j.train.Recipe;
import io.github.adder4j.train.RunFiles;
import io.github.adder4j.train.Trainer;
import io.github.adder4j.train.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training commands run in-process through picocli on tiny recipes (tens of steps, batch 32, 50 validation pairs):
 * run directories, recorded command lines, resume, fine-tuning rounds, a two-seed sweep in child JVMs, the training
 * benchmark, and the error messages of bad options.
 */
class TrainCommandsTest {

    /** The tiny recipe's options (40 steps, metrics every 10, evaluation every 20). */
    private static final List<String> TINY = List.of("--steps", "40", "--eval-every", "20", "--set", "validationSize=50",
            "--set", "logEvery=10", "--set", "warmupSteps=5", "--batch", "32");

    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    private static Path run;
    private static List<String> trainArgs;
    private static Cli.Run trained;

    private static int threadsBefore;

    @BeforeAll
    static void trainTheTinyRun() {
        // one PyTorch thread, as sweep children use: tiny batches on a shared machine are much faster without thread hand-offs
        ai.djl.engine.Engine.getInstance();
        threadsBefore = JniUtils.getNumThreads();
        JniUtils.setNumThreads(1);
        run = shared.resolve("run");
        trainArgs = new ArrayList<>(List.of("train", "--preset", "split-57", "--seed", "3"));
        trainArgs.addAll(TINY);
        trainArgs.addAll(List.of("--out", run.toString()));
        trained = ok(trainArgs.toArray(String[]::new));
    }

    @AfterAll
    static void restoreThreads() {
        JniUtils.setNumThreads(threadsBefore);
    }

    private static Cli.Run ok(String... args) {
        Cli.Run r = Cli.run(args);
        assertEquals(0, r.exitCode(), () -> String.join(" ", args) + " failed; stdout:\n" + r.out() + "\nstderr:\n" + r.err());
        return r;
    }

    private static Cli.Run fails(int exitCode, String... args) {
        Cli.Run r = Cli.run(args);
        assertEquals(exitCode, r.exitCode(), () -> String.join(" ", args) + ": stdout " + r.out() + " stderr " + r.err());
        assertEquals("", r.out(), "nothing on stdout after an error");
        return r;
    }

    private static String firstErrLine(Cli.Run r) {
        return r.err().lines().findFirst().orElseThrow(() -> new AssertionError("empty stderr"));
    }

    private static JsonObject config(Path dir) throws IOException {
        return JsonParser.parseString(Files.readString(RunFiles.config(dir))).getAsJsonObject();
    }

    private static Recipe recipe(Path dir) throws IOException {
        return RunFiles.GSON.fromJson(config(dir).get("recipe"), Recipe.class);
    }

    private static List<JsonObject> metrics(Path dir) throws IOException {
        return Files.readAllLines(RunFiles.metrics(dir)).stream().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
    }

    private static TrainingResult summary(Path dir) throws IOException {
        return RunFiles.GSON.fromJson(Files.readString(RunFiles.summary(dir)), TrainingResult.class);
    }

    // ---------------------------------------------------------------- train

    @Test
    void trainWritesARunDirectoryWithTheCommandRecipeMetricsAndCheckpoints() throws IOException {
        JsonObject config = config(run);
        assertEquals("adder " + String.join(" ", trainArgs), config.get("command").getAsString());
        assertEquals(Recipe.forPreset("split-57", 3).with(Map.of("steps", "40", "evalEvery", "20", "validationSize", "50",
                "logEvery", "10", "warmupSteps", "5", "batchSize", "32")), recipe(run));
        List<JsonObject> lines = metrics(run);
        assertEquals(List.of(10L, 20L, 30L, 40L), lines.stream().map(o -> o.get("step").getAsLong()).toList());
        assertEquals(List.of(false, true, false, true), lines.stream().map(o -> o.has("valExact")).toList());
        assertTrue(Files.isRegularFile(RunFiles.bestCheckpoint(run)) && Files.isRegularFile(RunFiles.lastCheckpoint(run)));
        assertEquals("40", CheckpointFormat.read(RunFiles.lastCheckpoint(run)).metadata().results().get("step"));
        TrainingResult result = summary(run);
        assertEquals(TrainingResult.Status.COMPLETED, result.status());
        assertEquals(40, result.steps());
    }

    @Test
    void trainPrintsOnlyTheSummaryOnStdoutAndProgressOnStderr() throws IOException {
        TrainingResult result = summary(run);
        List<String> lines = trained.lines();
        assertEquals(6, lines.size(), trained.out());
        assertEquals("status: COMPLETED (completed 40 steps)", lines.get(0));
        assertEquals("steps: 40", lines.get(1));
        assertEquals(String.format(java.util.Locale.ROOT, "best val exact: %.4f at step %d", result.bestExact(), result.bestStep()),
                lines.get(2));
        assertEquals(result.grokStep() < 0 ? "grok step: none" : "grok step: " + result.grokStep(), lines.get(3));
        assertTrue(lines.get(4).matches("wall time: \\d+\\.\\d s"), lines.get(4));
        assertEquals("run dir: " + run.toAbsolutePath().normalize(), lines.get(5));
        // tests have no console: the progress bar prints plain lines, the last one at the end
        String last = trained.err().lines().filter(l -> l.startsWith("[train]")).reduce((a, b) -> b).orElse("");
        assertTrue(last.matches("\\[train] 40/40 \\(100%\\) \\d+\\.\\d s ETA 0:00 loss \\d+\\.\\d{4} val \\d\\.\\d{4}"),
                trained.err());
    }

    @Test
    void resumeOfAFinishedRunIsANoOpThatPrintsTheSummary() throws IOException {
        String metricsBefore = Files.readString(RunFiles.metrics(run));
        String summaryBefore = Files.readString(RunFiles.summary(run));
        Cli.Run r = ok("train", "--resume", run.toString());
        assertEquals(trained.out(), r.out());
        assertTrue(r.err().contains("has already ended; nothing to do"), r.err());
        assertEquals(metricsBefore, Files.readString(RunFiles.metrics(run)));
        assertEquals(summaryBefore, Files.readString(RunFiles.summary(run)));
    }

    @Test
    void resumeContinuesAnInterruptedRunToTheSameMetrics() throws IOException {
        // the same recipe, trained through the library and killed at step 30 (its last checkpoint is at step 20)
        Path crashed = tmp.resolve("crashed");
        try (Trainer t = Trainer.start(recipe(run), crashed, "test")) {
            t.listener((step, total, loss, exact) -> {
                if (step == 30) {
                    throw new IllegalStateException("simulated kill at step 30");
                }
            });
            assertThrows(IllegalStateException.class, t::run);
        }
        Cli.Run r = ok("train", "--resume", crashed.toString());
        assertTrue(r.err().contains("train: resuming " + crashed + " at step 20"), r.err());
        assertEquals("status: COMPLETED (completed 40 steps)", r.lines().get(0));
        assertEquals(withoutWallTime(metrics(run)), withoutWallTime(metrics(crashed)));
        assertEquals(CheckpointFormat.read(RunFiles.lastCheckpoint(run)).parametersSha256(),
                CheckpointFormat.read(RunFiles.lastCheckpoint(crashed)).parametersSha256());
    }

    @Test
    void aSignalStopsTrainWithItsStateSavedAndResumeEndsItWithTheWeightsOfAnUninterruptedRun() throws Exception {
        List<String> tiny = new ArrayList<>(List.of("--preset", "split-57", "--seed", "3", "--steps", "300", "--eval-every", "150",
                "--set", "validationSize=50", "--set", "logEvery=10", "--set", "warmupSteps=5", "--batch", "32"));
        Path straight = tmp.resolve("straight");
        try (Trainer t = Trainer.start(recipe(run).with(Map.of("steps", "300", "evalEvery", "150")), straight, "test")) {
            t.run();
        }
        Path killed = tmp.resolve("killed");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(), "-cp",
                System.getProperty("java.class.path"), "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
                AdderCli.class.getName(), "train"));
        command.addAll(tiny);
        command.addAll(List.of("--out", killed.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (!(Files.exists(RunFiles.metrics(killed)) && Files.readAllLines(RunFiles.metrics(killed)).size() >= 3)) { // 30 steps
                assertTrue(child.isAlive() && System.nanoTime() < deadline, () -> "child ended early: " + read(tmp.resolve("child.log")));
                Thread.sleep(20);
            }
            child.destroy(); // SIGTERM, as kill sends
            assertTrue(child.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "the child stops within the shutdown wait");
        } finally {
            child.destroyForcibly();
        }
        assertEquals(recipe(straight), recipe(killed));
        TrainingResult stopped = summary(killed);
        assertEquals(TrainingResult.Status.STOPPED, stopped.status(), read(tmp.resolve("child.log")));
        long saved = RunFiles.read(RunFiles.trainerState(killed), io.github.adder4j.train.TrainerState.class).progress().nextStep();
        assertEquals(stopped.steps(), saved, "the state is saved at the step it stopped at");
        assertTrue(saved >= 30 && saved < 300, "stopped mid-run: " + saved);
        Cli.Run r = ok("train", "--resume", killed.toString());
        assertTrue(r.err().contains("train: resuming " + killed + " at step " + saved), r.err());
        assertEquals("status: COMPLETED (completed 300 steps)", r.lines().get(0));
        assertEquals(CheckpointFormat.read(RunFiles.lastCheckpoint(straight)).parametersSha256(),
                CheckpointFormat.read(RunFiles.lastCheckpoint(killed)).parametersSha256());
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    @Test
    void resumeOfARunWithoutACheckpointStartsItAgainWithItsRecordedCommand() throws IOException {
        Path early = tmp.resolve("early");
        Trainer.start(recipe(run), early, "adder train (as recorded)").close();
        Files.writeString(RunFiles.metrics(early), "{\"step\":10,\"loss\":9.9}\n");
        Cli.Run r = ok("train", "--resume", early.toString());
        assertTrue(r.err().contains("train: no checkpoint yet in " + early + "; starting the run again"), r.err());
        assertEquals("adder train (as recorded)", config(early).get("command").getAsString());
        assertEquals(withoutWallTime(metrics(run)), withoutWallTime(metrics(early)));
    }

    private static List<String> withoutWallTime(List<JsonObject> lines) {
        return lines.stream().map(o -> {
            JsonObject c = o.deepCopy();
            c.remove("wallSeconds");
            return c.toString();
        }).toList();
    }

    @Test
    void trainFromARecipeFileWithOptionsOverridingIt() throws IOException {
        Path out = tmp.resolve("from-file");
        ok("train", "--recipe", RunFiles.config(run).toString(), "--seed", "4", "--steps", "20", "--out", out.toString());
        assertEquals(recipe(run).with(Map.of("seed", "4", "steps", "20")), recipe(out));
        assertEquals(2, metrics(out).size());
    }

    @Test
    void trainModularUsesTheModularRecipe() throws IOException {
        Path out = tmp.resolve("modular");
        ok("train", "--modular", "mod97-add", "--steps", "20", "--batch", "64", "--warmup", "2", "--eval-every", "10",
                "--set", "logEvery=10", "--out", out.toString());
        assertEquals(Recipe.modularGrokking("mod97-add", TrainCommand.MODULAR_WEIGHT_DECAY, TrainCommand.DEFAULT_SEED,
                TrainCommand.MODULAR_STEPS).with(Map.of("steps", "20", "batchSize", "64", "warmupSteps", "2", "evalEvery", "10", "logEvery", "10")), recipe(out));
        assertTrue(config(out).get("task").getAsString().startsWith("mod97-add"), config(out).toString());
        assertTrue(metrics(out).get(1).has("trainExact"));
    }

    // ---------------------------------------------------------------- finetune

    @Test
    void finetuneStartsFromTheBestCheckpointWithTheSourceRecipe() throws IOException {
        Path out = tmp.resolve("ft");
        String[] args = {"finetune", "--from", run.toString(), "--out", out.toString(), "--steps", "20", "--warmup", "5",
            "--lr", "0.001"};
        Cli.Run r = ok(args);
        assertEquals("adder " + String.join(" ", args), config(out).get("command").getAsString());
        Recipe expected = recipe(run).with(Map.of("learningRate", "0.001", "steps", "20", "warmupSteps", "5", "floorRatio", "0.01",
                "initFrom", RunFiles.bestCheckpoint(run).toAbsolutePath().normalize().toString()));
        assertEquals(expected, recipe(out));
        assertEquals(List.of(10L, 20L), metrics(out).stream().map(o -> o.get("step").getAsLong()).toList());
        // the learning rate of the first line follows the fine-tuning schedule, not the source's
        assertTrue(metrics(out).get(0).get("lr").getAsDouble() <= 0.001, metrics(out).get(0).toString());
        assertEquals("status: COMPLETED (completed 20 steps)", r.lines().get(0));
        assertEquals("run dir: " + out.toAbsolutePath().normalize(), r.lastLine());
    }

    @Test
    void finetuneFromLastStartsFromTheLastCheckpoint() throws IOException {
        Path out = tmp.resolve("ft-last");
        ok("finetune", "--from", run.toString(), "--from-last", "--out", out.toString(), "--steps", "20", "--warmup", "5");
        assertEquals(RunFiles.lastCheckpoint(run).toAbsolutePath().normalize().toString(), recipe(out).start().initFrom());
    }

    @Test
    void finetuneRoundsChainEachRoundFromThePreviousBest() throws IOException {
        Path out = tmp.resolve("rounds");
        String[] args = {"finetune", "--from", run.toString(), "--out", out.toString(), "--rounds", "1e-3:10,3e-4:10",
            "--warmup", "2", "--schedule", "constant", "--set", "evalEvery=10"};
        Cli.Run r = ok(args);
        Recipe round1 = recipe(out.resolve("round1"));
        Recipe round2 = recipe(out.resolve("round2"));
        assertEquals(RunFiles.bestCheckpoint(run).toAbsolutePath().normalize().toString(), round1.start().initFrom());
        assertEquals(RunFiles.bestCheckpoint(out.resolve("round1")).toAbsolutePath().normalize().toString(), round2.start().initFrom());
        assertEquals(List.of(0.001, 0.0003), List.of(round1.optimization().learningRate(), round2.optimization().learningRate()));
        assertEquals(Recipe.Schedule.CONSTANT, round2.schedule().kind());
        assertEquals(List.of("round 1 of 2: lr 0.001, 10 steps", "round 2 of 2: lr 3.0E-4, 10 steps"),
                r.lines().stream().filter(l -> l.startsWith("round ")).toList());
        // running it again continues: both rounds have ended, nothing is trained
        String metrics2 = Files.readString(RunFiles.metrics(out.resolve("round2")));
        Cli.Run again = ok(args);
        assertEquals(r.out(), again.out());
        assertEquals(metrics2, Files.readString(RunFiles.metrics(out.resolve("round2"))));
    }

    @Test
    void finetuneInTargetedRoundsMinesAgainFromTheModelBeingTrained() throws IOException {
        Path out = tmp.resolve("targeted");
        ok("finetune", "--from", run.toString(), "--out", out.toString(), "--steps", "20", "--warmup", "2", "--mine-errors", "30",
                "--mine-every", "10", "--pool-per-batch", "4", "--set", "data=UNIFORM");
        Recipe recipe = recipe(out);
        assertEquals(List.of(30, 10, 4), List.of(recipe.rounds().mineErrors(), recipe.rounds().mineEvery(), recipe.rounds().poolPerBatch()));
        List<String> mined = Files.readAllLines(RunFiles.events(out)).stream().filter(l -> l.contains("\"mined\"")).toList();
        assertEquals(1, mined.size(), "one later round, after 10 of the 20 steps: " + mined);
        assertTrue(config(out).get("task").getAsString().contains("(at most 4 per batch), mining again every 10 steps"),
                config(out).toString());
        Path kept = tmp.resolve("targeted-kept");
        ok("finetune", "--from", out.toString(), "--out", kept.toString(), "--steps", "10", "--warmup", "2", "--mine-errors", "30",
                "--keep-pool", "--set", "evalEvery=10");
        assertEquals(out.toAbsolutePath().normalize().toString(), recipe(kept).rounds().poolFrom());
        assertEquals(3, recipe(kept).rounds().miningOffset(), "the kept run mines past the 3 rounds (steps 0, 10, 20) of the run before it");
        assertEquals(Recipe.Schedule.WARMUP_COSINE, recipe(kept).schedule().kind());
        assertEquals("error: --mine-every, --pool-per-batch: mineEvery and poolPerBatch need targeted fine-tuning (mineErrors > 0): mineEvery=10, "
                + "poolPerBatch=0", firstErrLine(fails(2, "finetune", "--from", run.toString(), "--out", tmp.resolve("t2").toString(),
                "--mine-every", "10")));
    }

    // ---------------------------------------------------------------- polish

    @Test
    void polishRunsLbfgsOnAFixedBatchFromTheBestCheckpoint() throws IOException {
        Path out = tmp.resolve("polish");
        String[] args = {"polish", "--from", run.toString(), "--out", out.toString(), "--iterations", "10", "--batch", "64",
            "--eval-every", "5", "--set", "validationSize=20"};
        Cli.Run r = ok(args);
        Map<String, String> fields = new java.util.HashMap<>();
        fields.putAll(Map.of("optimizer", "LBFGS", "schedule", "CONSTANT", "warmupSteps", "0", "adaptiveWeightDecay", "false",
                "grokfast", "false", "data", "UNIFORM", "earlyStopAfter", "0", "steps", "10", "batchSize", "64", "mineErrors", "0"));
        fields.putAll(Map.of("weightDecay", "0", "evalEvery", "5", "logEvery", "5", "validationSize", "20",
                "initFrom", RunFiles.bestCheckpoint(run).toAbsolutePath().normalize().toString()));
        assertEquals(recipe(run).with(fields), recipe(out));
        List<JsonObject> lines = metrics(out);
        assertEquals(List.of(5L, 10L), lines.stream().map(o -> o.get("step").getAsLong()).toList());
        assertTrue(lines.get(1).get("loss").getAsDouble() <= lines.get(0).get("loss").getAsDouble(), lines.toString());
        assertTrue(lines.get(1).get("evaluations").getAsLong() >= 11, "one evaluation at the start and one per iteration at least");
        assertEquals("status: COMPLETED (completed 10 steps)", r.lines().get(0));
        assertEquals(r.out(), ok(args).out(), "running it again continues the ended run: nothing more is done");
        assertEquals("error: --l2: weightDecay must not be negative: -1.0", firstErrLine(fails(2, "polish", "--from", run.toString(),
                "--out", tmp.resolve("p2").toString(), "--l2", "-1")));
    }

    // ---------------------------------------------------------------- sweep

    @Test
    void sweepTrainsEachSeedInAChildJvmAndTabulatesTheRuns() throws IOException {
        Path out = tmp.resolve("sweep");
        String[] args = {"sweep", "--preset", "split-57", "--seeds", "1..2", "--jobs", "2", "--steps", "20", "--out", out.toString(),
            "--set", "validationSize=50", "--set", "logEvery=10", "--set", "warmupSteps=5", "--set", "batchSize=32",
            "--set", "evalEvery=10"};
        Cli.Run r = ok(args);
        // | seed | status | faithful | steps | best val exact (step) | token accuracy | grokked | grok step | AdderBoard | test | wall |
        Pattern row = Pattern.compile("\\| (\\d+) \\| (\\w+) \\| (yes|no) \\| (\\d+) \\| (\\d\\.\\d{4}) \\(step (\\d+)\\) \\| (\\d\\.\\d{4}) "
                + "\\| (yes|no) \\| (-|\\d+) \\| (\\d+)/10010 \\| - \\| .+ \\|");
        List<String> md = Files.readAllLines(out.resolve("sweep.md"));
        List<Matcher> rows = md.stream().map(row::matcher).filter(Matcher::matches).toList();
        assertEquals(2, rows.size(), String.join("\n", md));
        assertEquals(2, md.stream().filter(l -> l.startsWith("| ") && !l.startsWith("| seed")).count(), String.join("\n", md));
        for (int i = 0; i < 2; i++) {
            long seed = i + 1;
            Matcher m = rows.get(i);
            Path dir = out.resolve("seed-" + seed);
            TrainingResult result = summary(dir);
            assertEquals(Long.toString(seed), m.group(1));
            assertEquals("COMPLETED", m.group(2));
            assertEquals("no", m.group(3), "--steps and --set change the published recipe");
            assertEquals("20", m.group(4));
            assertEquals(result.bestExact() > 0.9 ? "yes" : "no", m.group(8));
            assertEquals(result.grokStep() >= 0 ? Long.toString(result.grokStep()) : "-", m.group(9));
            assertEquals(Long.toString(result.bestStep()), m.group(6));
            assertEquals("adder train --preset split-57 --seed " + seed + " --out " + dir + " --steps 20 --set validationSize=50"
                    + " --set logEvery=10 --set warmupSteps=5 --set batchSize=32 --set evalEvery=10",
                    config(dir).get("command").getAsString());
            assertEquals(20, recipe(dir).schedule().steps());
            assertTrue(Files.isRegularFile(out.resolve("seed-" + seed + ".log")));
        }
        String table = Files.readString(out.resolve("sweep.md"));
        assertTrue(table.endsWith(r.out()), "stdout is the saved table:\n" + r.out());
        JsonArray json = JsonParser.parseString(Files.readString(out.resolve("sweep.json"))).getAsJsonObject().getAsJsonArray("rows");
        assertEquals(2, json.size());
        assertEquals(Integer.parseInt(rows.get(0).group(10)), json.get(0).getAsJsonObject().get("adderBoardPassed").getAsInt());
        assertTrue(table.contains("grok rate (best validation exact > 0.9), faithful ended runs: 0/0 (no run counted yet)\n"
                + "not counted, off-recipe (the recipe was changed): seeds 1, 2\n"), table);
        assertTrue(r.err().contains("[AdderBoard seed 1] 10010/10010") && r.err().contains("[AdderBoard seed 2] 10010/10010"), r.err());

        // continuing the sweep: seed 1 has ended and is kept, seed 2 (its summary removed) is resumed in a child JVM
        Files.delete(RunFiles.summary(out.resolve("seed-2")));
        Cli.Run again = ok(args);
        assertTrue(again.err().contains("1 to train (1 to resume), 1 already ended"), again.err());
        assertTrue(Files.readString(out.resolve("seed-2.log")).contains("resuming"), "the child resumed");
        assertEquals(r.out().lines().limit(3).toList(), again.out().lines().limit(3).toList(), "seed 1's row is unchanged");
        assertEquals(TrainingResult.Status.COMPLETED, summary(out.resolve("seed-2")).status());
        assertFalse(again.err().contains("[AdderBoard seed"), "unchanged best checkpoints are not measured again: " + again.err());
    }

    @Test
    void aPopulationSweepTrainsItsSeedsTogetherInOneChildAsOrdinaryRuns() throws IOException {
        Path out = tmp.resolve("population");
        String[] args = {"sweep", "--preset", "split-57", "--seeds", "1..2", "--population", "2", "--steps", "20", "--out",
            out.toString(), "--set", "validationSize=50", "--set", "logEvery=10", "--set", "warmupSteps=5", "--set", "batchSize=32",
            "--set", "evalEvery=10"};
        Cli.Run r = ok(args);
        assertTrue(r.err().contains("2 to train (0 to resume), 0 already ended; 2 at a time, in populations of up to 2"), r.err());
        assertTrue(r.err().contains("seeds [1, 2]: population started"), r.err());
        String log = Files.readString(out.resolve("population-1-2.log"));
        assertTrue(log.contains("seed-1: COMPLETED after 20 steps") && log.contains("seed-2: COMPLETED after 20 steps"), log);
        for (long seed = 1; seed <= 2; seed++) {
            Path dir = out.resolve("seed-" + seed);
            assertEquals(TrainingResult.Status.COMPLETED, summary(dir).status());
            assertEquals(2, Files.readAllLines(RunFiles.metrics(dir)).size(), "metric lines (steps 10 and 20) of " + dir);
            assertEquals("adder train --preset split-57 --seed " + seed + " --out " + dir.toAbsolutePath().normalize() + " --steps 20"
                    + " --set validationSize=50 --set logEvery=10 --set warmupSteps=5 --set batchSize=32 --set evalEvery=10",
                    config(dir).get("command").getAsString(), "the run records the command that trains it alone");
            assertTrue(Files.readString(out.resolve("seed-" + seed + ".log")).contains("trained in the population of seeds [1, 2]"));
        }
        assertTrue(r.out().contains("| 1 | COMPLETED | no | 20 |") && r.out().contains("| 2 | COMPLETED | no | 20 |"), r.out());

        // continuing: seed 2 (its summary removed) is resumed by a population of one
        Files.delete(RunFiles.summary(out.resolve("seed-2")));
        Cli.Run again = ok(args);
        assertTrue(again.err().contains("1 to train (1 to resume), 1 already ended"), again.err());
        assertEquals(TrainingResult.Status.COMPLETED, summary(out.resolve("seed-2")).status());
        assertTrue(Files.readString(out.resolve("population-2-2.log")).contains("starting at steps [20]"));
    }

    @Test
    void aSweepWithPopulationAutoTimesBothWaysAndSaysWhatItChose() throws IOException {
        Path out = tmp.resolve("auto");
        Cli.Run r = ok("sweep", "--preset", "split-57", "--seeds", "1..2", "--population", "auto", "--jobs", "1", "--steps", "10",
                "--out", out.toString(), "--set", "validationSize=50", "--set", "logEvery=10", "--set", "warmupSteps=2",
                "--set", "batchSize=16", "--set", "evalEvery=10");
        Matcher m = Pattern.compile("(?m)population auto: one seed \\d+\\.\\d\\d ms/step, 2 seeds together \\d+\\.\\d\\d ms/step: "
                + "speedup (\\d+\\.\\d\\d)$").matcher(r.err());
        assertTrue(m.find(), r.err());
        double measured = Double.parseDouble(m.group(1));
        Matcher choice = Pattern.compile("population auto: best speedup (\\d+\\.\\d\\d) with 2 seeds; (populations of up to 2|one JVM per run)")
                .matcher(r.err());
        assertTrue(choice.find(), r.err());
        assertEquals(measured, Double.parseDouble(choice.group(1)), 1e-9, "one size tried: its speedup is the best");
        boolean together = measured >= 1.2;
        assertEquals(together ? "populations of up to 2" : "one JVM per run", choice.group(2), "the choice follows the measured speedup");
        assertEquals(together, Files.exists(out.resolve("population-1-2.log")), "the runs went the chosen way");
        for (long seed = 1; seed <= 2; seed++) {
            assertEquals(TrainingResult.Status.COMPLETED, summary(out.resolve("seed-" + seed)).status());
        }
    }

    @Test
    void populationOptionsAreChecked() {
        assertEquals("error: --population must be positive: 0", firstErrLine(fails(2, "sweep", "--preset", "split-57", "--seeds",
                "1..2", "--population", "0", "--out", tmp.resolve("p0").toString())));
        assertEquals("error: --population must be a positive number or auto: many", firstErrLine(fails(2, "sweep", "--preset",
                "split-57", "--seeds", "1..2", "--population", "many", "--out", tmp.resolve("p2").toString())));
        assertEquals("error: --population works with the local engine only: --engine slurm", firstErrLine(fails(2, "sweep", "--preset",
                "split-57", "--seeds", "1..2", "--population", "2", "--engine", "slurm", "--out", tmp.resolve("p1").toString())));
    }

    @Test
    void benchTrainProfilesTheStepsWhenAskedAndStillEndsWithMillisecondsPerStep() throws IOException {
        Path trace = tmp.resolve("trace.json");
        Cli.Run r = ok("bench", "train", "--preset", "split-57", "--batch", "16", "--steps", "2", "--threads", "1", "--profile",
                trace.toString());
        assertTrue(r.lines().get(0).matches("profile: \\d+\\.\\d\\d ms of operator self time per step \\(trace .*trace.json\\); top operators:"),
                r.out());
        assertTrue(r.lines().get(1).matches(" +\\d+\\.\\d{3} ms/step +\\d+\\.\\d% +\\d+\\.\\d calls/step  \\S+"), r.out());
        assertTrue(r.out().contains("aten::"), "operators are named: " + r.out());
        assertTrue(Files.size(trace) > 0);
        assertTrue(r.lastLine().matches("train: \\d+\\.\\d\\d ms/step"), r.out());
        List<OperatorProfile.Row> rows = OperatorProfile.selfTimes(trace);
        assertTrue(rows.stream().allMatch(row -> row.selfMicros() >= -1), "self times are never negative (beyond the trace's microsecond rounding): " + rows);
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(rows.get(i - 1).selfMicros() >= rows.get(i).selfMicros(), "sorted by self time");
        }
    }

    // ---------------------------------------------------------------- bench sweep

    @Test
    void benchSweepComparesOneAtATimeWithAPopulationAndEndsWithTheSpeedup() {
        Cli.Run r = ok("bench", "sweep", "--preset", "split-57", "--seeds", "2", "--batch", "16", "--steps", "3", "--warmup", "1");
        assertEquals("split-57, batch 16, 1 thread, seeds 1..2, 3 timed steps each (after 1 warm-up), turns of 10", r.lines().get(0));
        assertTrue(r.lines().get(1).matches("one at a time: \\d+\\.\\d\\d ms/step per seed, \\d+\\.\\d seed-steps/s"), r.out());
        assertTrue(r.lines().get(2).matches("population of 2: \\d+\\.\\d\\d ms/step for all, \\d+\\.\\d seed-steps/s"), r.out());
        // where one seed-step goes on each side, the population's shared out over its seeds
        assertTrue(r.lines().get(3).matches("per seed-step alone: data \\d+\\.\\d\\d, forward \\d+\\.\\d\\d, backward \\d+\\.\\d\\d, update \\d+\\.\\d\\d ms"), r.out());
        assertTrue(r.lines().get(4).matches("per seed-step in the population: data \\d+\\.\\d\\d, forward \\d+\\.\\d\\d, backward \\d+\\.\\d\\d, update \\d+\\.\\d\\d ms"), r.out());
        assertEquals(6, r.lines().size(), r.out());
        assertTrue(r.lastLine().matches("sweep speedup: \\d+\\.\\d\\d"), r.out());
        assertEquals("error: --seeds must be positive: 0", firstErrLine(fails(2, "bench", "sweep", "--preset", "split-57", "--seeds", "0")));
        assertEquals("error: --block must be positive: 0", firstErrLine(fails(2, "bench", "sweep", "--preset", "split-57", "--block", "0")));
        assertEquals("error: --repeat must be positive: 0", firstErrLine(fails(2, "bench", "sweep", "--preset", "split-57", "--repeat", "0")));
    }

    @Test
    void benchSweepInTurnsAndRepeatedReportsOneConsistentMeasurement() {
        Cli.Run r = ok("bench", "sweep", "--preset", "split-57", "--seeds", "2", "--batch", "16", "--steps", "3", "--warmup", "1",
                "--block", "2", "--repeat", "3");
        assertEquals("split-57, batch 16, 1 thread, seeds 1..2, 3 timed steps each (after 1 warm-up), turns of 2; the median of 3 measurements",
                r.lines().get(0));
        java.util.function.Function<String, Double> rate = line -> Double.parseDouble(line.replaceAll(".*, (\\d+\\.\\d) seed-steps/s", "$1"));
        double alone = rate.apply(r.lines().get(1));
        double together = rate.apply(r.lines().get(2));
        double speedup = Double.parseDouble(r.lastLine().substring("sweep speedup: ".length()));
        // the speedup printed is that of the measurement printed (the rates are rounded to 0.1 seed-steps/s)
        assertEquals(together / alone, speedup, 0.01 + 0.1 / alone * speedup, r.out());
    }

    @Test
    void benchSweepProfilesThePopulationStepsWhenAskedAndStillEndsWithTheSpeedup() throws IOException {
        Path trace = tmp.resolve("sweep-trace.json");
        Cli.Run r = ok("bench", "sweep", "--preset", "split-57", "--seeds", "2", "--batch", "16", "--steps", "2", "--warmup", "1",
                "--profile", trace.toString());
        assertTrue(r.lines().get(0).matches("profile: \\d+\\.\\d\\d ms of operator self time per step \\(trace .*sweep-trace.json\\); top operators:"),
                r.out());
        assertTrue(r.out().contains("aten::"), "operators are named: " + r.out());
        assertTrue(Files.size(trace) > 0);
        assertTrue(r.lastLine().matches("sweep speedup: \\d+\\.\\d\\d"), r.out());
    }

    @Test
    void aSweepsChildJvmsTrainWithTheHeapSizesOfTheirParent() {
        assertEquals(List.of("-Xmn256m", "-Xmx4g", "-XX:MaxNewSize=512m", "-Xms1g", "-XX:NewSize=64m"),
                SweepCommand.heapOptions(List.of("-Xmn256m", "-Dai.djl.offline=true", "-Xss4m", "-Xmx4g", "-XX:MaxNewSize=512m",
                        "-XX:+UseG1GC", "-Xms1g", "-XX:NewSize=64m", "-XX:NewRatio=2")));
        assertEquals(List.of(), SweepCommand.heapOptions(List.of("-Xss4m", "-Dai.djl.offline=true")));
    }

    // ---------------------------------------------------------------- bench train

    @Test
    void benchTrainEndsWithMillisecondsPerStep() {
        Cli.Run r = ok("bench", "train", "--preset", "split-57", "--batch", "32", "--steps", "5", "--threads", "1");
        assertTrue(r.lastLine().matches("train: \\d+\\.\\d\\d ms/step"), r.out());
        assertEquals("split-57, batch 32, 1 thread: 20 warm-up steps, 5 timed steps", r.lines().get(0));
    }

    // ---------------------------------------------------------------- helpers

    @Test
    void recordedCommandLinesQuoteWhatAShellWouldSplit() {
        assertEquals("adder train --out 'my runs/a' --set 'x=it'\\''s' --lr 1e-3",
                TrainingRuns.commandLine(List.of("train", "--out", "my runs/a", "--set", "x=it's", "--lr", "1e-3")));
    }

    @Test
    void progressDetailEstimatesTheTimeLeftFromTheStepsOfThisProcess() {
        java.io.StringWriter text = new java.io.StringWriter();
        ProgressBar bar = new ProgressBar("train", 1000, new java.io.PrintWriter(text), ProgressBar.Style.LINES,
                java.time.Duration.ofSeconds(5), () -> 0L);
        TrainingRuns.Progress progress = new TrainingRuns.Progress(bar, 400, () -> 0L);
        // 100 steps since the resume point took 20 s: 500 steps to go take 100 s
        assertEquals("ETA 1:40 loss 0.2500 val -", progress.detail(500, 1000, 0.25, -1, 20));
        assertEquals("ETA 2:38:20 loss 2.0000 val 0.9500", progress.detail(500, 10_000, 2, 0.95, 100));
        assertEquals("ETA - loss 1.0000 val 0.0000", progress.detail(400, 1000, 1, 0, 0));
        assertEquals("ETA 0:00 loss 1.0000 val 1.0000", progress.detail(1000, 1000, 1, 1, 30));
    }

    // ---------------------------------------------------------------- help and errors

    @Test
    void helpShowsTheNewCommandsAndTheirDefaults() {
        String help = ok("--help").out();
        for (String command : List.of("train", "finetune", "polish", "sweep")) {
            assertTrue(Pattern.compile("(?m)^  " + command + " +\\S").matcher(help).find(), command + " missing from\n" + help);
        }
        assertTrue(ok("bench", "--help").out().matches("(?s).*Commands:.*eval .*train .*"));
        String train = ok("train", "--help").out();
        assertTrue(train.contains("--resume=DIR") && train.contains("--set=FIELD=VALUE") && train.contains("--modular=FORMAT"), train);
        String finetune = ok("finetune", "--help").out();
        assertTrue(finetune.matches("(?s).*--warmup=N.*Default: 500.*--schedule=KIND.*Default: cosine.*--floor=R.*Default: 0.01.*"),
                finetune);
        assertTrue(ok("sweep", "--help").out().matches("(?s).*--jobs=J.*Default: 0.*"));
        assertTrue(ok("bench", "train", "--help").out().matches("(?s).*--steps=N.*Default: 50.*"));
    }

    @Test
    void badSeedsSyntaxIsRefused() {
        assertEquals("error: --seeds must look like A..B: 1-3", firstErrLine(fails(2, "sweep", "--preset", "split-57", "--seeds", "1-3",
                "--out", tmp.resolve("s").toString())));
        assertEquals("error: --seeds must be ascending (A <= B): 3..1", firstErrLine(fails(2, "sweep", "--preset", "split-57", "--seeds",
                "3..1", "--out", tmp.resolve("s").toString())));
        assertFalse(Files.exists(tmp.resolve("s")));
    }

    @Test
    void resumeWithOtherOptionsIsRefused() {
        assertEquals("error: --resume cannot be combined with other options: --steps, --preset", firstErrLine(fails(2, "train",
                "--resume", run.toString(), "--steps", "5", "--preset", "split-57")));
        assertEquals("error: --resume " + tmp + ": no run there (missing config.json)", firstErrLine(fails(2, "train", "--resume",
                tmp.toString())));
    }

    @Test
    void unknownSetFieldIsRefusedWithTheKnownFields() {
        Path out = tmp.resolve("x");
        Cli.Run r = fails(2, "train", "--preset", "split-57", "--out", out.toString(), "--set", "stepz=5");
        assertEquals("error: --set stepz=5: unknown recipe field: stepz (known: " + String.join(", ", RecipeOverrides.fieldNames())
                + ")", firstErrLine(r));
        assertTrue(firstErrLine(r).contains("seed, steps, testSize, trainFraction"), firstErrLine(r));
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void badRecipeValuesNameTheirOptions() {
        String out = tmp.resolve("x").toString();
        assertEquals("error: --steps: steps must be positive: 0",
                firstErrLine(fails(2, "train", "--preset", "split-57", "--out", out, "--steps", "0")));
        assertEquals("error: --steps, --warmup: steps must exceed warmupSteps + 1 for a cosine schedule: steps=50, warmupSteps=100",
                firstErrLine(fails(2, "train", "--preset", "split-57", "--out", out, "--steps", "50", "--warmup", "100")));
        assertEquals("error: --set data=CARRY: data must be one of CARRY_MIX_57, CARRY_MIX_74, DIGIT_LENGTH, UNIFORM, DIGIT_LENGTH_FLAT, DIGITS, DIGITS_SHIFTED, DIGITS_SHIFTED_1: CARRY",
                firstErrLine(fails(2, "train", "--preset", "split-57", "--out", out, "--set", "data=CARRY")));
        assertEquals("error: --set steps=9: steps is already set by --steps",
                firstErrLine(fails(2, "train", "--preset", "split-57", "--out", out, "--steps", "10", "--set", "steps=9")));
        assertEquals("error: --preset NAME is required (or --recipe FILE, or --modular FORMAT)",
                firstErrLine(fails(2, "train", "--out", out)));
        assertEquals("error: --out DIR is required (or --resume DIR)", firstErrLine(fails(2, "train", "--preset", "split-57")));
        assertEquals("error: --out " + run + " already holds a run; continue it with --resume " + run + " or choose another --out",
                firstErrLine(fails(2, "train", "--preset", "split-57", "--out", run.toString())));
        assertEquals("error: --rounds must look like LR:STEPS,LR:STEPS,...: 1e-3x10",
                firstErrLine(fails(2, "finetune", "--from", run.toString(), "--out", out, "--rounds", "1e-3x10")));
        assertEquals("error: --rounds cannot be combined with --lr or --steps",
                firstErrLine(fails(2, "finetune", "--from", run.toString(), "--out", out, "--rounds", "1e-3:10", "--lr", "0.1")));
        assertEquals("error: --from " + tmp + ": no run there (missing config.json)",
                firstErrLine(fails(2, "finetune", "--from", tmp.toString(), "--out", out)));
        assertEquals("error: --steps, --warmup: steps must exceed warmupSteps + 1 for a cosine schedule: steps=20, warmupSteps=500",
                firstErrLine(fails(2, "finetune", "--from", run.toString(), "--out", out, "--steps", "20")));
        assertFalse(Files.exists(tmp.resolve("x")), "nothing written");
    }
}
