package io.github.adder4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import com.google.gson.JsonObject;
import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.prove.CounterexampleSearch;
import io.github.adder4j.core.prove.Decider;
import io.github.adder4j.core.Preset;
import io.github.adder4j.core.TrainableModel;
import io.github.adder4j.core.vision.Digits;
import io.github.adder4j.core.vision.VitConfig;
import io.github.adder4j.core.vision.VitModel;
import io.github.adder4j.core.format.ModularFormat;
import io.github.adder4j.core.format.TokenFormats;
import io.github.adder4j.core.io.CheckpointFormat;
import io.github.adder4j.core.eval.Suite;
import io.github.adder4j.core.eval.SuiteRunner;
import io.github.adder4j.train.data.AdditionSamplers;
import io.github.adder4j.train.data.ErrorPairPool;
import io.github.adder4j.train.data.ErrorPoolSampler;
import io.github.adder4j.train.data.PairSampler;
import io.github.adder4j.train.data.ValidationSet;
import io.github.adder4j.train.optim.AdamW;
import io.github.adder4j.train.optim.AdaptiveWeightDecay;
import io.github.adder4j.train.optim.Checks;
import io.github.adder4j.train.optim.GradientClipping;
import io.github.adder4j.train.optim.Gradients;
import io.github.adder4j.train.optim.GrokfastEma;
import io.github.adder4j.train.optim.LearningRateSchedule;
import io.github.adder4j.train.optim.Lbfgs;
import io.github.adder4j.train.optim.ParameterVector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a model on a task with our AdamW, global-norm clipping and a learning-rate schedule, writing a run directory
 * (config, metrics.jsonl, events.jsonl, best/last checkpoints with optimizer and data state) that {@link #resume} continues
 * exactly. The trainer knows nothing about addition: the {@link Task} supplies batches, masks and metrics.
 */
public final class Trainer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final Recipe recipe;
    private final Path dir;
    private final TrainableModel model;
    private final Task task;
    /** Targeted fine-tuning: the accumulated error pairs the task's batches draw from, or null. */
    private final ErrorPairPool pool;
    /** This run's batches, the next drawn while a step trains ({@link #trainStep}). */
    private final NextBatch batches;
    private final List<Parameter> parameters;
    private final AdamW optimizer;
    private final GrokfastEma grokfast;
    private final LearningRateSchedule schedule;
    private final AdaptiveWeightDecay adaptive;
    /** The recipe's weight average (EMA or SWA) beside the raw weights, or null. */
    private final io.github.adder4j.train.optim.WeightAverage average;
    /** The distillation teacher, or null. */
    private final AdderModel teacher;
    private TrainingListener listener = (s, t, l, e) -> { };
    private TrainerState state;
    /** L-BFGS polishing only: the fixed batch, the flat parameters, the L2 mask and the minimiser (created at the first step). */
    private final Examples polishBatch;
    private final ParameterVector vector;
    private final double[] decayMask;
    private Lbfgs lbfgs;
    /** Set by {@link #requestStop} (from any thread); the loop checks it before every step. */
    private volatile boolean stopRequested;
    /** Counted down when {@link #run} has written its summary. */
    private final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
    /** Where this trainer's steps spend their time, by part (read by {@link Population#benchmarkInterleaved}). */
    private final PhaseClock clock = new PhaseClock();

    private Trainer(Recipe recipe, Path dir, TrainableModel model, Task task, ErrorPairPool pool) {
        this.recipe = recipe;
        this.dir = dir;
        this.model = model;
        this.task = task;
        this.pool = pool;
        this.batches = NextBatch.forMachine(task, recipe.data().batchSize());
        Map<String, Parameter> named = model.namedParameters();
        this.parameters = new ArrayList<>(named.values());
        OptimizerSpec o = recipe.optimization();
        this.optimizer = new AdamW(new AdamW.Config(o.learningRate(), o.beta1(), o.beta2(), o.epsilon(), o.weightDecay()), named);
        if (o.decayScope() == Recipe.DecayScope.MATRICES) {
            for (String name : optimizer.parameterNames()) {
                if (named.get(name).getArray().getShape().dimension() < 2) {
                    optimizer.setWeightDecayMultiplier(name, 0);
                }
            }
        }
        this.grokfast = o.grokfast() ? new GrokfastEma(GrokfastEma.Config.defaults(), named) : null;
        this.schedule = recipe.schedule().learningRates(o.learningRate());
        this.adaptive = o.adaptiveWeightDecay() ? o.effectiveAdaptiveRule().over(o.weightDecay()) : null;
        this.average = recipe.averaging() == null ? null
                : new io.github.adder4j.train.optim.WeightAverage(recipe.averaging().rule(), new ParameterVector(parameters));
        this.teacher = recipe.distillation() == null ? null : loadTeacher(recipe, dir, model);
        this.state = TrainerState.START;
        if (o.optimizer() == Recipe.Optimizer.LBFGS) {
            this.polishBatch = task.batch(0, recipe.data().batchSize());
            this.vector = new ParameterVector(parameters);
            this.decayMask = o.decayScope() == Recipe.DecayScope.MATRICES ? vector.matrixMask()
                    : filled(vector.size(), 1);
        } else {
            this.polishBatch = null;
            this.vector = null;
            this.decayMask = null;
        }
    }

    /** The run's copy of the teacher ({@code teacher.json}), written when a distillation run starts. */
    static Path teacherCopy(Path dir) {
        return dir.resolve("teacher.json");
    }

    /**
     * The distillation teacher: the run's copy once it exists, else the recipe's path (relative to the run directory);
     * it must write the student's token format.
     *
     * @throws IllegalArgumentException naming the teacher when it is not a checkpoint or reads another format
     */
    private static AdderModel loadTeacher(Recipe recipe, Path dir, TrainableModel student) {
        Path copy = dir == null ? null : teacherCopy(dir);
        Path file;
        if (copy != null && Files.isRegularFile(copy)) {
            file = copy;
        } else {
            file = checkpointInRun("distillation.teacher", recipe.distillation().teacher(), dir);
        }
        AdderModel teacher = AdderModel.load(file);
        String mine = student instanceof AdderModel s ? s.format().id() : "images";
        if (!teacher.format().id().equals(mine)) {
            teacher.close();
            throw new IllegalArgumentException("distillation.teacher " + recipe.distillation().teacher() + " writes format "
                    + teacher.format().id() + ", the student " + mine + ": a teacher must share the student's tokens");
        }
        return teacher;
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    /**
     * Starts a new run in {@code dir}, which must not hold a run already and, if it exists, must be empty.
     *
     * @throws IllegalStateException    when {@code dir} holds a run
     * @throws IllegalArgumentException when {@code dir} is a file or a non-empty directory, or the recipe's
     *                                  {@code initFrom} is not a checkpoint file
     */
    public static Trainer start(Recipe recipe, Path dir, String commandLine) {
        return start(recipe, dir, commandLine, null);
    }

    /** As {@link #start(Recipe, Path, String)} with a given task (null: the recipe's task). */
    static Trainer start(Recipe recipe, Path dir, String commandLine, Task givenTask) {
        if (Files.exists(RunFiles.config(dir))) {
            throw new IllegalStateException("run directory " + dir + " already holds a run; use resume or another --out");
        }
        requireEmptyOrAbsent(dir);
        Trainer trainer = create(recipe, dir, givenTask);
        try {
            trainer.writeConfig(commandLine);
            if (recipe.start().modelConfig() != null && recipe.start().initFrom() == null) {
                RunFiles.writeAtomically(modelConfigCopy(dir), RunFiles.GSON.toJson(trainer.model.configJson()) + "\n");
            }
            if (trainer.teacher != null) {
                trainer.teacher.save(teacherCopy(dir), "distillation teacher of this run, copied from " + recipe.distillation().teacher(),
                        Map.of());
            }
        } catch (RuntimeException e) {
            trainer.close();
            throw e;
        }
        return trainer;
    }

    /**
     * Refuses a run directory that exists and is not empty (it holds no run, or {@link #start} would have said so): its
     * files would be overwritten and its metrics appended to a foreign file.
     */
    private static void requireEmptyOrAbsent(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("run directory " + dir + " is a file, not a directory");
        }
        try (java.util.stream.Stream<Path> entries = Files.list(dir)) {
            List<String> names = entries.map(p -> p.getFileName().toString()).sorted().limit(4).toList();
            if (!names.isEmpty()) {
                throw new IllegalArgumentException("run directory " + dir + " is not empty and holds no run (it has "
                        + String.join(", ", names) + (names.size() == 4 ? ", ..." : "") + "); choose a new or empty directory");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The trainer of a new run (its model and task built; nothing written yet). */
    private static Trainer create(Recipe recipe, Path dir, Task givenTask) {
        TrainableModel model = startingModel(recipe, dir);
        try {
            ErrorPairPool pool = givenTask == null && recipe.targeted() ? initialPool(recipe, (AdderModel) model) : null;
            return new Trainer(recipe, dir, model, givenTask != null ? givenTask : task(recipe, model, pool), pool);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Starts the run in {@code dir} again from its recorded recipe and command line, for a run that stopped before its
     * first checkpoint (a start is deterministic, so this is the same run). The new start is built first; only then are
     * the old metrics and events cleared, so a start that fails (e.g. its {@code initFrom} checkpoint is gone) leaves the
     * run as it was.
     *
     * @throws IllegalStateException when the run has a checkpoint (resume it) or its files are damaged
     */
    public static Trainer restart(Path dir) {
        JsonObject config = RunFiles.readObject(RunFiles.config(dir));
        if (RunFiles.hasCheckpoint(dir)) {
            throw new IllegalStateException("run " + dir + " has a checkpoint; resume it instead of starting it again");
        }
        Recipe recipe = recordedRecipe(config, RunFiles.config(dir));
        String command = config.has("command") && config.get("command").isJsonPrimitive() ? config.get("command").getAsString() : "";
        RunFiles.removeTemporaryFiles(dir);
        Trainer trainer = create(recipe, dir, null);
        try {
            RunFiles.writeAtomically(RunFiles.metrics(dir), "");
            RunFiles.writeAtomically(RunFiles.events(dir), "");
            Files.deleteIfExists(RunFiles.summary(dir));
            trainer.writeConfig(command);
        } catch (IOException e) {
            trainer.close();
            throw new UncheckedIOException("cannot clear " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            trainer.close();
            throw e;
        }
        return trainer;
    }

    private static Recipe recordedRecipe(JsonObject config, Path file) {
        if (!config.has("recipe") || !config.get("recipe").isJsonObject()) {
            throw new IllegalStateException("run file " + file + " is damaged: it has no recipe object");
        }
        try {
            return RunFiles.GSON.fromJson(config.get("recipe"), Recipe.class);
        } catch (RuntimeException e) {
            throw new IllegalStateException("run file " + file + " is damaged: its recipe is invalid: " + e.getMessage(), e);
        }
    }

    /** Writes config.json: the recipe, the model config, the command line, the task and the machine. */
    private void writeConfig(String commandLine) {
        JsonObject config = new JsonObject();
        config.add("recipe", RunFiles.GSON.toJsonTree(recipe));
        config.add("model", model.configJson());
        config.addProperty("command", commandLine);
        config.addProperty("task", task.describe());
        config.addProperty("machine", System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version"));
        RunFiles.writeAtomically(RunFiles.config(dir), RunFiles.GSON.toJson(config));
    }

    /**
     * Continues the run in {@code dir} from its newest complete checkpoint generation (or, for a run written before
     * generations existed, from {@code last.json} and {@code trainer-state.json}). A generation that a kill or a full disk
     * left incomplete or damaged is skipped with a warning. Nothing in the run is changed unless the trainer is built.
     *
     * @throws IllegalArgumentException when {@code dir} holds no run
     * @throws IllegalStateException    when the run has no checkpoint yet ({@link #restart} it), no complete one, or a
     *                                  damaged run file (named in the message)
     */
    public static Trainer resume(Path dir) {
        Path configFile = RunFiles.config(dir);
        if (!Files.exists(configFile)) {
            throw new IllegalArgumentException("no run to resume in " + dir + " (missing config.json)");
        }
        Recipe recipe = recordedRecipe(RunFiles.readObject(configFile), configFile);
        Saved saved = newestCheckpoint(dir);
        TrainableModel model = TrainableModel.fromCheckpoint(saved.checkpoint(), saved.source());
        Trainer trainer;
        try {
            ErrorPairPool pool = saved.state().errorPool();
            if (pool == null && recipe.targeted()) {
                // a state from before the pool was saved: the starting model mines the same initial pool again
                try (TrainableModel start = startingModel(recipe, dir)) {
                    pool = initialPool(recipe, (AdderModel) start);
                }
            }
            trainer = new Trainer(recipe, dir, model, task(recipe, model, pool), pool);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        try {
            TrainerState state = saved.state();
            trainer.optimizer.importState(state.optimizers().adamw());
            if (trainer.grokfast != null && state.optimizers().grokfast() != null) {
                trainer.grokfast.importState(state.optimizers().grokfast());
            }
            if (trainer.average != null && state.optimizers().average() != null) {
                trainer.average.restore(state.optimizers().average());
            }
            trainer.task.restore(state.data());
            if (state.optimizers().lbfgs() != null) {
                trainer.lbfgs = new Lbfgs(Lbfgs.Config.defaults(), trainer::polishLoss, state.optimizers().lbfgs());
            }
            trainer.state = state;
            trainer.averageBestExact = state.scores().averageBestExact();
            // only now that the trainer is built does the run change: leftovers of a kill, a stopped run's summary
            // (written again when it ends) and the metrics and events after the checkpoint go
            RunFiles.removeTemporaryFiles(dir);
            Path summary = RunFiles.summary(dir);
            if (Files.exists(summary) && !RunFiles.readSummary(dir).ended()) {
                Files.delete(summary);
            }
            RunFiles.truncateAfter(RunFiles.metrics(dir), state.progress().nextStep());
            RunFiles.truncateAfter(RunFiles.events(dir), state.progress().nextStep());
        } catch (IOException e) {
            trainer.close();
            throw new UncheckedIOException("cannot update " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            trainer.close();
            throw e;
        }
        LOG.info("resuming {} at step {} from {}", dir, saved.state().progress().nextStep(), saved.source());
        return trainer;
    }

    /** A checkpoint and the trainer state that belongs to it, and where they were read. */
    private record Saved(io.github.adder4j.core.io.Checkpoint checkpoint, TrainerState state, String source) { }

    /** The newest complete checkpoint of a run; see {@link #resume}. */
    private static Saved newestCheckpoint(Path dir) {
        List<String> problems = new ArrayList<>();
        List<RunFiles.Generation> candidates = new ArrayList<>(RunFiles.generations(dir));
        // the layout of runs written before generations: the two files beside them
        candidates.add(new RunFiles.Generation(-1, RunFiles.lastCheckpoint(dir), RunFiles.trainerState(dir)));
        for (RunFiles.Generation g : candidates) {
            Path where = g.checkpoint().getParent();
            String source = dir.relativize(g.checkpoint()).toString();
            if (!Files.exists(g.checkpoint()) && !Files.exists(g.state())) {
                if (g.step() >= 0) {
                    problems.add(where.getFileName() + " is empty");
                }
                continue;
            }
            try {
                io.github.adder4j.core.io.Checkpoint checkpoint = CheckpointFormat.read(g.checkpoint());
                TrainerState state = RunFiles.read(g.state(), TrainerState.class);
                if (!checkpoint.parametersSha256().equals(state.progress().checkpointSha256())) {
                    throw new IllegalStateException(g.checkpoint().getFileName() + " does not belong to "
                            + g.state().getFileName() + " (checksum " + checkpoint.parametersSha256() + " vs "
                            + state.progress().checkpointSha256() + ")");
                }
                if (!problems.isEmpty()) {
                    LOG.warn("run {}: resuming from {} (step {}); skipped: {}", dir, source, state.progress().nextStep(),
                            String.join("; ", problems));
                }
                return new Saved(checkpoint, state, source);
            } catch (RuntimeException e) {
                problems.add((g.step() >= 0 ? where.getFileName().toString() : "checkpoints/") + ": " + e.getMessage());
            }
        }
        if (problems.isEmpty()) {
            throw new IllegalStateException("run " + dir + " has no checkpoint yet; start it again");
        }
        throw new IllegalStateException("run " + dir + " has no complete checkpoint to resume from (" + String.join("; ", problems)
                + "); nothing was changed");
    }

    /**
     * The model a run starts at: the recipe's {@code initFrom} checkpoint, a fresh model of its {@code modelConfig}, a
     * fresh ViT for the {@value VitConfig#MICRO_VIT} preset, or a fresh {@link #newModel}.
     */
    private static TrainableModel startingModel(Recipe recipe, Path dir) {
        if (recipe.start().initFrom() != null) {
            return TrainableModel.load(initFrom(recipe, dir));
        }
        if (recipe.start().modelConfig() != null) {
            return fromModelConfig(recipe, dir);
        }
        return recipe.isVit() ? VitModel.of(recipe.vitConfig()) : newModel(recipe);
    }

    /** The run's copy of the configuration built from its {@code modelConfig} ({@value ModelConfigs#RUN_COPY}). */
    static Path modelConfigCopy(Path dir) {
        return dir.resolve(ModelConfigs.RUN_COPY);
    }

    /**
     * A fresh model of the recipe's {@code modelConfig}: the run's copy once it exists (a restarted run), else the file
     * the recipe names (a relative path resolved against the run directory).
     *
     * @throws IllegalArgumentException naming modelConfig when the file holds no configuration or one that does not fit the
     *                                  recipe's task
     */
    private static TrainableModel fromModelConfig(Recipe recipe, Path dir) {
        Path copy = dir == null ? null : modelConfigCopy(dir);
        com.google.gson.JsonObject config;
        if (copy != null && Files.isRegularFile(copy)) {
            config = ModelConfigs.read(copy, "modelConfig's copy " + copy);
        } else {
            Path given = Path.of(recipe.start().modelConfig().strip());
            Path file = inRun(dir, given);
            config = ModelConfigs.read(file, "modelConfig " + recipe.start().modelConfig() + (file.equals(given) ? "" : " (" + file + ")"));
        }
        ModelConfigs.requireFits(config, recipe, "modelConfig " + recipe.start().modelConfig());
        return ModelConfigs.build(config, recipe);
    }

    /**
     * The recipe's {@code initFrom} checkpoint: a relative path is resolved against the run directory; the file must be a
     * {@code .json} checkpoint (its content is never echoed in messages).
     *
     * @throws IllegalArgumentException naming initFrom when the path is not a regular {@code .json} file
     */
    static Path initFrom(Recipe recipe, Path dir) {
        return checkpointInRun("initFrom", recipe.start().initFrom(), dir);
    }

    /**
     * A checkpoint file a recipe field names ({@code initFrom}, {@code distillation.teacher}): a relative path is resolved
     * against the run directory; the file must be a regular {@code .json} file (its content is never echoed).
     *
     * @throws IllegalArgumentException naming the field and the path when it is not
     */
    private static Path checkpointInRun(String field, String value, Path dir) {
        Path given = Path.of(value);
        Path file = inRun(dir, given);
        if (!file.getFileName().toString().endsWith(".json")) {
            throw new IllegalArgumentException(field + " " + value + " is not a checkpoint (.json) file");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(field + " " + value + ": no such checkpoint file"
                    + (file.equals(given) ? "" : " (" + file + ")"));
        }
        return file;
    }

    /**
     * A path a recipe field names, relative paths resolved against the run directory and normalised: a new run's
     * directory does not exist yet, so {@code ../x.json} must not pass through it.
     */
    private static Path inRun(Path dir, Path given) {
        return given.isAbsolute() || dir == null ? given : dir.resolve(given).normalize();
    }

    /** The recipe's model: its preset, or for a modular task the preset's architecture on the modular format. */
    static AdderModel newModel(Recipe recipe) {
        AdderModel.Builder builder = Preset.byId(recipe.preset()).builder().seed(recipe.seed());
        if (recipe.start().init() != null) {
            builder.init(recipe.start().init());
        }
        recipe.start().applySizes(builder);
        if (recipe.data().modular() != null) {
            ModularFormat format = (ModularFormat) TokenFormats.byId(recipe.data().modular());
            builder.format(format).positions(io.github.adder4j.core.Positions.learned(format.contextLength()));
        }
        return builder.build();
    }

    private static Task task(Recipe recipe, TrainableModel model, ErrorPairPool pool) {
        if (recipe.isVit()) {
            int shift = recipe.data().kind().shift();
            if (recipe.evaluation().testSize() > 0) {
                return new ImageTask(Digits.embeddedTrainWithoutValidation(), Digits.embeddedValidation(), Digits.embeddedTest(), shift,
                        recipe.seed());
            }
            return new ImageTask(Digits.embeddedTrain(), Digits.embeddedTest(), shift, recipe.seed());
        }
        if (recipe.data().modular() != null) {
            return new ModularTask((ModularFormat) ((AdderModel) model).format(), recipe.data().trainFraction(), recipe.seed());
        }
        return additionTask(recipe, (AdderModel) model, pool);
    }

    /**
     * Round 0 of targeted fine-tuning: the pool of the {@code poolFrom} run (if any), then the pairs the starting model
     * gets wrong.
     */
    private static ErrorPairPool initialPool(Recipe recipe, AdderModel start) {
        ErrorPairPool pool = recipe.rounds().poolFrom() != null ? savedPool(Path.of(recipe.rounds().poolFrom())) : new ErrorPairPool();
        int inherited = pool.size();
        ErrorPairPool mined = mineRoundPairs(start, recipe.rounds(), miningSeed(recipe, 0));
        int added = pool.addAll(mined.a(), mined.b());
        LOG.info("targeted fine-tuning: {} error pairs mined ({} new), {} inherited, pool {}", mined.size(), added, inherited,
                pool.size());
        return pool;
    }

    /**
     * The accumulated error pool a run saved with its trainer state.
     *
     * @throws IllegalArgumentException if the run has no trainer state or saved no pool
     */
    static ErrorPairPool savedPool(Path runDir) {
        Path file = RunFiles.trainerState(runDir);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("poolFrom " + runDir + " has no trainer state (" + file.getFileName() + ")");
        }
        ErrorPairPool pool = RunFiles.read(file, TrainerState.class).errorPool();
        if (pool == null) {
            throw new IllegalArgumentException("poolFrom " + runDir + " saved no error pool (not a targeted fine-tuning run)");
        }
        return pool;
    }

    /**
     * The seed of the uniform pairs mined in round {@code round}: {@code validationSeed + 1 + miningOffset + round},
     * skipping the AdderBoard seed 2025.
     */
    static long miningSeed(Recipe recipe, long round) {
        long base = recipe.evaluation().validationSeed() + 1;
        long seed = base + recipe.rounds().miningOffset() + round;
        return base <= 2025 && seed >= 2025 ? seed + 1 : seed;
    }

    private static Task additionTask(Recipe recipe, AdderModel model, ErrorPairPool pool) {
        long dataSeed = recipe.seed() * 1_000_003L + 17;
        PairSampler sampler = switch (recipe.data().kind()) {
            case CARRY_MIX_57 -> AdditionSamplers.recipe57p(dataSeed);
            case CARRY_MIX_74 -> AdditionSamplers.recipe74p(dataSeed);
            case DIGIT_LENGTH -> AdditionSamplers.digitLengthRecipe(dataSeed);
            case UNIFORM -> new io.github.adder4j.train.data.UniformValueSampler(io.github.adder4j.train.data.DigitCurriculum.constant(10), dataSeed);
            case DIGIT_LENGTH_FLAT -> AdditionSamplers.digitLengthFlat(dataSeed);
            case DIGITS, DIGITS_SHIFTED, DIGITS_SHIFTED_1 -> throw new IllegalStateException("data " + recipe.data().kind() + " draws images, not pairs");
        };
        String description = recipe.data().kind() + " on " + model.format().id();
        if (pool != null) {
            RoundsSpec rounds = recipe.rounds();
            sampler = new ErrorPoolSampler(pool, sampler, rounds.poolPerBatch() > 0 ? rounds.poolPerBatch() : Integer.MAX_VALUE);
            description += ", plus " + pool.size() + " mined error pairs"
                    + (rounds.poolPerBatch() > 0 ? " (at most " + rounds.poolPerBatch() + " per batch)" : " in every batch")
                    + (rounds.mineEvery() > 0 ? ", mining again every " + rounds.mineEvery() + " steps" : "");
        }
        EvaluationSpec evaluation = recipe.evaluation();
        return new AdditionTask(model.format(), sampler, ValidationSet.uniform(evaluation.validationSize(), evaluation.validationSeed()),
                testSet(recipe).map(List::of).orElse(List.of()), evaluation.scoring() == Recipe.Scoring.EVERY_DIGIT, description);
    }

    /** The recipe's held-out test set, if it has one. */
    private static java.util.Optional<ValidationSet> testSet(Recipe recipe) {
        EvaluationSpec evaluation = recipe.evaluation();
        return evaluation.testSize() > 0 ? java.util.Optional.of(ValidationSet.uniform(evaluation.testSize(), evaluation.testSeed()))
                : java.util.Optional.empty();
    }

    /** Pairs the model gets wrong among {@code n} uniform pairs of {@code seed} and the carry suite. */
    static ErrorPairPool mineErrors(AdderModel model, int n, long seed) {
        ErrorPairPool pool = new ErrorPairPool();
        for (Suite suite : List.of(Suite.random(seed, n), Suite.carry())) {
            for (io.github.adder4j.core.eval.Failure f : new SuiteRunner().run(suite, model.adder(1024)).failures()) {
                pool.add(f.a(), f.b());
            }
        }
        return pool;
    }

    /**
     * One mining round of the recipe's targeted fine-tuning: the errors on fresh uniform pairs and the carry suite
     * ({@link #mineErrors}), then, with {@code proverPairs}, the wrong pairs the proof's unproved cells hold.
     */
    static ErrorPairPool mineRoundPairs(AdderModel model, RoundsSpec rounds, long seed) {
        ErrorPairPool pool = mineErrors(model, rounds.mineErrors(), seed);
        if (rounds.proverPairs() > 0) {
            Decider.Settings settings = new Decider.Settings(RoundsSpec.PROVER_BUDGET, 8, 30, 0, seed);
            List<CounterexampleSearch.Counterexample> found = Decider.counterexamples(model, settings, rounds.proverPairs(),
                    RoundsSpec.PROVER_TIME);
            found.forEach(c -> pool.add(c.a(), c.b()));
            LOG.info("proof-guided mining: {} wrong pairs in the unproved cells", found.size());
        }
        return pool;
    }

    /** Receives progress updates. */
    public Trainer listener(TrainingListener newListener) {
        this.listener = newListener;
        return this;
    }

    /** The model being trained. */
    public TrainableModel model() {
        return model;
    }

    /** The run's AdamW (its weight-decay multipliers; a population copies its state in before the run reads it). */
    AdamW optimizer() {
        return optimizer;
    }

    /** The step {@link #run} starts at: 0 for a new run, the checkpoint's step for a resumed one. */
    public long startStep() {
        return state.progress().nextStep();
    }

    /** The run directory. */
    public Path directory() {
        return dir;
    }

    /**
     * Asks a running {@link #run} to stop at its next metric line (within the recipe's {@code logEvery} steps, so that a
     * resumed run logs the same loss averages as an uninterrupted one): it saves its state at that step (so {@link #resume}
     * loses nothing), writes a summary with status {@link TrainingResult.Status#STOPPED} and returns. Safe from any thread,
     * e.g. a shutdown hook; a call before {@code run} makes it stop at once.
     */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * Waits until {@link #run} has returned (its summary written), at most {@code timeout}.
     *
     * @return whether it returned in time
     */
    public boolean awaitEnd(java.time.Duration timeout) throws InterruptedException {
        return ended.await(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** Runs until the recipe's last step, an early stop, divergence, or {@link #requestStop}. */
    public TrainingResult run() {
        try {
            return runSteps();
        } finally {
            ended.countDown();
        }
    }

    /** Starts the bookkeeping of a run whose updates a population makes ({@link Population}). */
    Session session() {
        return new Session();
    }

    /**
     * The run's recipe.
     *
     * @return the recipe this run trains with
     */
    public Recipe recipe() {
        return recipe;
    }

    /** The run's Grokfast filter, or null. */
    GrokfastEma grokfast() {
        return grokfast;
    }

    /** The run's learning-rate schedule. */
    LearningRateSchedule schedule() {
        return schedule;
    }

    /** The run's task. */
    Task task() {
        return task;
    }

    /** The weight decay of the next step (the adaptive rule reads this run's last evaluation). */
    double nextWeightDecay() {
        return weightDecay();
    }

    private TrainingResult runSteps() {
        Session session = new Session();
        while (session.step < recipe.schedule().steps()) {
            if (session.stopBefore()) {
                break;
            }
            double lr = schedule.learningRate(session.step);
            double wd = weightDecay();
            Lbfgs.Outcome polish = null;
            StepOutcome outcome;
            if (vector != null) {
                polish = polishStep();
                lr = polish.step();
                outcome = new StepOutcome(polish.loss(), polish.gradientNorm(), true);
            } else {
                outcome = trainStep(session.step, lr, wd);
            }
            if (session.after(lr, wd, outcome, polish)) {
                break;
            }
        }
        return session.finish();
    }

    /**
     * The bookkeeping of one {@link #run()} around its updates, step by step: the stop request before a step, and after
     * each update the loss average, the metric line, evaluation, checkpoints and the recipe's ending rules; then the
     * summary. The update itself is the caller's: this trainer's own step, or a population's step for this member.
     */
    final class Session {
        private final long started = System.nanoTime();
        private final double wallBefore = state.progress().wallSeconds();
        private double lossSum;
        private int lossCount;
        private double gradNorm;
        private TrainingResult.Status status = TrainingResult.Status.COMPLETED;
        private String message;
        /** The next step to take (or, once the run has ended, the step count it reports). */
        long step = state.progress().nextStep();

        Session() {
            event("rss_start", state.progress().nextStep(), Map.of("rssMb", rssMb()));
        }

        /**
         * Before step {@link #step}: ends the run when a stop was requested (a stop waits for the next metric line, at most
         * logEvery steps, so that the loss averages of a stopped and resumed run are those of an uninterrupted one).
         *
         * @return true when the run ends here
         */
        boolean stopBefore() {
            if (stopRequested && (step % recipe.evaluation().logEvery() == 0 || step == state.progress().nextStep())) {
                batches.settle();                            // the checkpoint saves the task's state
                double wall = wallBefore + (System.nanoTime() - started) / 1e9;
                if (step > state.progress().nextStep()) {
                    saveLast(step, state.scores(), wall);
                }
                status = TrainingResult.Status.STOPPED;
                message = "stopped on request after " + step + " steps; " + (state.progress().checkpointSha256() == null
                        ? "there is no checkpoint yet, so resume starts the run again"
                        : "resume continues from the checkpoint at step " + step);
                event("stopped", step, Map.of());
                LOG.warn(message);
                return true;
            }
            return false;
        }

        /** Whether {@link #stopBefore()} reads the model and optimizer now (it writes a checkpoint). */
        boolean stopReadsModel() {
            long next = state.progress().nextStep();
            return stopRequested && (step % recipe.evaluation().logEvery() == 0 || step == next) && step > next;
        }

        /** Whether {@link #after} reads the model after the update of step {@link #step} (it evaluates and checkpoints). */
        boolean afterReadsModel() {
            long done = step + 1;
            return done % recipe.evaluation().evalEvery() == 0 || done == recipe.schedule().steps();
        }

        /**
         * After the update of step {@link #step}, at learning rate {@code lr} and weight decay {@code wd}: the loss average,
         * the metric line, evaluation and checkpoints, and the recipe's ending rules.
         *
         * @return true when the run ends here
         */
        boolean after(double lr, double wd, StepOutcome outcome, Lbfgs.Outcome polish) {
            if (!plainAfter(step)) {
                batches.settle();                            // the task is read or changed below: no batch drawn ahead
            }
            double loss = outcome.loss();
            gradNorm = recipe.optimization().clipNorm() > 0 || polish != null ? outcome.gradNorm() : gradNorm;
            if (!outcome.applied()) {
                status = TrainingResult.Status.DIVERGED;
                message = "training diverged at step " + step + " (loss " + loss + ", gradient norm " + gradNorm
                        + "); the last good checkpoint is " + RunFiles.lastCheckpoint(dir);
                event("diverged", step, Map.of("loss", loss, "gradNorm", gradNorm));
                LOG.error(message);
                return true;
            }
            lossSum += loss;
            lossCount++;
            if (average != null) {
                average.afterStep(step);
            }
            long done = step + 1;
            if (minesAt(done)) {
                mineRound(done); // before this step's checkpoint, so that a resumed run has the grown pool
            }
            boolean converged = polish != null && polish.converged();
            boolean evaluate = done % recipe.evaluation().evalEvery() == 0 || done == recipe.schedule().steps() || converged;
            if (done % recipe.evaluation().logEvery() == 0 || evaluate) {
                double wall = wallBefore + (System.nanoTime() - started) / 1e9;
                Map<String, Object> line = new TreeMap<>();
                line.put("step", done);
                line.put("loss", lossSum / lossCount);
                line.put("lr", lr);
                line.put("wd", wd);
                line.put("gradNorm", gradNorm);
                line.put("wallSeconds", round(wall));
                if (lbfgs != null) {
                    line.put("evaluations", lbfgs.evaluations());
                }
                Task.Evaluation ev = null;
                if (evaluate) {
                    ev = task.evaluate(model);
                    line.put("valExact", ev.exact());
                    line.put("tokenAccuracy", ev.tokenAccuracy());
                    if (ev.loss() >= 0) {
                        line.put("valLoss", ev.loss());
                    }
                    if (ev.trainExact() >= 0) {
                        line.put("trainExact", ev.trainExact());
                    }
                    if (average != null && average.updates() > 0) {
                        Task.Evaluation avg = average.withAverage(() -> task.evaluate(model));
                        line.put("avgExact", avg.exact());
                        line.put("avgTokenAccuracy", avg.tokenAccuracy());
                        saveAverage(done, avg);
                    }
                }
                // the line goes before the checkpoint: a run resumed from this step's checkpoint has its line
                RunFiles.appendLine(RunFiles.metrics(dir), RunFiles.GSON.toJson(line));
                if (ev != null) {
                    recordEvaluation(done, ev, wall);
                }
                listener.progress(done, recipe.schedule().steps(), lossSum / lossCount, state.scores().lastExact());
                LOG.info("step {}/{} loss {} val exact {}", done, recipe.schedule().steps(), String.format("%.4f", lossSum / lossCount),
                        state.scores().lastExact() < 0 ? "-" : String.format("%.4f", state.scores().lastExact()));
                lossSum = 0;
                lossCount = 0;
                if (converged) {
                    status = TrainingResult.Status.EARLY_STOPPED;
                    message = "L-BFGS converged at step " + done + ": no step along the search direction or steepest descent "
                            + "lowered the loss " + loss;
                    event("converged", done, Map.of("loss", loss, "gradNorm", outcome.gradNorm()));
                    step = done;
                    return true;
                }
                Recipe.Abandon abandon = recipe.evaluation().abandon();
                if (evaluate && abandon != null && abandon.abandons(done, state.scores().lastTokenAccuracy())) {
                    status = TrainingResult.Status.ABANDONED;
                    message = "abandoned at step " + done + ": validation token accuracy " + state.scores().lastTokenAccuracy()
                            + " is below the recipe's " + abandon.minTokenAccuracy() + " (the run will not learn)";
                    event("abandoned", done, Map.of("tokenAccuracy", state.scores().lastTokenAccuracy()));
                    LOG.info(message);
                    step = done;
                    return true;
                }
                if (evaluate && recipe.evaluation().earlyStopAfter() > 0 && state.scores().perfectSince() >= 0
                        && done - state.scores().perfectSince() >= recipe.evaluation().earlyStopAfter()) {
                    status = TrainingResult.Status.EARLY_STOPPED;
                    message = "exact match 1.0 held from step " + state.scores().perfectSince() + " to " + done;
                    event("early_stop", done, Map.of("perfectSince", state.scores().perfectSince()));
                    step = done;
                    return true;
                }
            }
            step = done;
            return false;
        }

        /** Ends the run: the test-set score (unless stopped) and the summary file. */
        TrainingResult finish() {
            batches.settle();
            try {
                double wall = wallBefore + (System.nanoTime() - started) / 1e9;
                event("rss_end", Math.min(step, recipe.schedule().steps()), Map.of("rssMb", rssMb()));
                long steps = status == TrainingResult.Status.DIVERGED ? step : Math.min(step, recipe.schedule().steps());
                String text = message != null ? message : "completed " + steps + " steps";
                if (status != TrainingResult.Status.STOPPED && task instanceof AdditionTask addition) {
                    scoreTestSet(addition);
                }
                if (status != TrainingResult.Status.STOPPED && task instanceof ImageTask images && images.test() != null) {
                    scoreTestImages(images);
                }
                TrainerState.Scores scores = state.scores();
                TrainingResult result = new TrainingResult(status, steps, scores.bestExact(), scores.bestStep(), scores.grokStep(),
                        round(wall), text);
                RunFiles.writeAtomically(RunFiles.summary(dir), RunFiles.GSON.toJson(result));
                return result;
            } finally {
                ended.countDown();
            }
        }
    }

    /**
     * Scores the best checkpoint on the recipe's held-out test set (if any) and writes {@code test.json}: the set's seed and
     * size, the exact matches and the checkpoint's parameter digest.
     */
    private void scoreTestSet(AdditionTask addition) {
        java.util.Optional<ValidationSet> test = testSet(recipe);
        Path best = RunFiles.bestCheckpoint(dir);
        if (test.isEmpty() || !Files.isRegularFile(best)) {
            return;
        }
        io.github.adder4j.core.io.Checkpoint checkpoint = CheckpointFormat.read(best);
        try (AdderModel bestModel = AdderModel.fromCheckpoint(checkpoint, best.getFileName().toString())) {
            double exact = addition.exact(bestModel, test.get());
            Map<String, Object> json = new java.util.LinkedHashMap<>();
            json.put("testSeed", recipe.evaluation().testSeed());
            json.put("testSize", recipe.evaluation().testSize());
            json.put("exact", exact);
            json.put("correct", Math.round(exact * recipe.evaluation().testSize()));
            json.put("scoring", recipe.evaluation().scoring().name());
            json.put("checkpointStep", state.scores().bestStep());
            json.put("parametersSha256", checkpoint.parametersSha256());
            RunFiles.writeAtomically(dir.resolve(RunFiles.TEST_FILE), RunFiles.GSON.toJson(json) + "\n");
            event("test", state.scores().bestStep(), Map.of("exact", exact, "size", recipe.evaluation().testSize()));
            LOG.info("best checkpoint (step {}) on the {} held-out test pairs: exact {}", state.scores().bestStep(), recipe.evaluation().testSize(), exact);
        }
    }

    /**
     * Measures the best checkpoint (chosen on the validation images) once on the image task's test images and writes
     * {@code test.json}: the set and its size, the correct answers, the accuracy and the checkpoint's step and parameter digest.
     */
    private void scoreTestImages(ImageTask images) {
        Path best = RunFiles.bestCheckpoint(dir);
        if (!Files.isRegularFile(best)) {
            return;
        }
        io.github.adder4j.core.io.Checkpoint checkpoint = CheckpointFormat.read(best);
        try (TrainableModel bestModel = TrainableModel.load(best)) {
            int correct = images.testCorrect(bestModel);
            int size = images.test().size();
            double exact = (double) correct / size;
            Map<String, Object> json = new java.util.LinkedHashMap<>();
            json.put("testSet", images.test().name());
            json.put("testSize", size);
            json.put("exact", exact);
            json.put("correct", correct);
            json.put("selection", "best validation accuracy on " + Digits.EMBEDDED_VALIDATION_SIZE + " validation digits");
            json.put("checkpointStep", state.scores().bestStep());
            json.put("parametersSha256", checkpoint.parametersSha256());
            RunFiles.writeAtomically(dir.resolve(RunFiles.TEST_FILE), RunFiles.GSON.toJson(json) + "\n");
            event("test", state.scores().bestStep(), Map.of("exact", exact, "size", size));
            LOG.info("best checkpoint (step {}) on the {} test images: {} correct", state.scores().bestStep(), size, correct);
        }
    }

    /** A later round of targeted fine-tuning after {@code step} steps: the current model's errors on fresh pairs join the pool. */
    private void mineRound(long step) {
        long round = step / recipe.rounds().mineEvery();
        ErrorPairPool found = mineRoundPairs((AdderModel) model, recipe.rounds(), miningSeed(recipe, round));
        int added = pool.addAll(found.a(), found.b());
        event("mined", step, Map.of("round", round, "errors", found.size(), "added", added, "pool", pool.size()));
        LOG.info("round {} at step {}: {} errors on {} fresh pairs and the carry suite{}, {} new, pool {}", round, step, found.size(),
                recipe.rounds().mineErrors(), recipe.rounds().proverPairs() > 0 ? " and in the proof's unproved cells" : "", added,
                pool.size());
    }

    /**
     * The examples of {@code step}, the task's batch; when only the next step follows this one ({@link #plainAfter}),
     * the next batch is drawn on another core while this step trains.
     */
    Examples examples(long step) {
        Examples batch = batches.take(step);
        if (plainAfter(step)) {
            batches.drawAhead(step + 1);
        }
        return batch;
    }

    /**
     * Whether nothing but the next step follows the update of {@code step}: no metric line, evaluation, mining round or
     * checkpoint, not the last step, no stop requested. Only then is the next batch drawn ahead, since all of those may
     * read or change the task (and {@link Session#after} settles a batch drawn ahead otherwise).
     */
    private boolean plainAfter(long step) {
        long done = step + 1;
        return done < recipe.schedule().steps() && done % recipe.evaluation().logEvery() != 0
                && done % recipe.evaluation().evalEvery() != 0 && !minesAt(done) && !stopRequested;
    }

    /** Whether a mining round follows the update that completes {@code done} steps (targeted fine-tuning, not the last step). */
    private boolean minesAt(long done) {
        int mineEvery = recipe.rounds().mineEvery();
        return pool != null && mineEvery > 0 && done % mineEvery == 0 && done < recipe.schedule().steps();
    }

    /** The weight decay for the next step: the recipe's, or the adaptive rule's from the last evaluation. */
    private double weightDecay() {
        return adaptive == null ? recipe.optimization().weightDecay() : adaptive.weightDecay(Math.max(0, state.scores().lastExact()),
                Math.max(0, state.scores().lastTokenAccuracy()));
    }

    /**
     * One optimizer step on the task's batch for {@code step}: forward, backward, optional Grokfast filter, global-norm
     * clipping and AdamW. The update is skipped when the loss or the gradient norm is not finite.
     */
    private StepOutcome trainStep(long step, double lr, double wd) {
        clock.start();
        Examples batch = examples(step);
        if (teacher != null) {
            Recipe.Distillation d = recipe.distillation();
            batch = new DistilledBatch((Batch) batch, teacher, d.temperature(), d.weight());
        }
        clock.lap(PhaseClock.Part.DATA);
        return optimizerStep(model, parameters, optimizer, grokfast, batch, lr, wd, recipe.optimization().clipNorm(), clock);
    }

    /**
     * The update of one batch: forward, masked cross-entropy, backward, optional Grokfast filter, global-norm clipping
     * ({@code clipNorm > 0}) and AdamW at {@code lr} and {@code wd}; skipped when the loss or gradient norm is not finite.
     * {@code clock} is charged with the forward pass, the backward pass and the update (which includes freeing the step's
     * arrays).
     */
    static StepOutcome optimizerStep(TrainableModel model, List<Parameter> parameters, AdamW optimizer, GrokfastEma grokfast,
                                     Examples batch, double lr, double wd, double clipNorm, PhaseClock clock) {
        StepOutcome outcome;
        try (NDManager m = model.manager().newSubManager()) {
            double loss = backward(model, parameters, m, batch, clock);
            if (grokfast != null) {
                grokfast.filter();
            }
            double gradNorm = clipNorm > 0 ? GradientClipping.clipGlobalNorm(parameters, clipNorm) : 0;
            if (!Double.isFinite(loss) || !Double.isFinite(gradNorm)) {
                outcome = new StepOutcome(loss, gradNorm, false);
            } else {
                optimizer.setLearningRate(lr);
                optimizer.setWeightDecay(wd);
                optimizer.step();
                outcome = new StepOutcome(loss, gradNorm, true);
            }
        }
        clock.lap(PhaseClock.Part.UPDATE);
        return outcome;
    }

    /**
     * Zeroes the gradients, then the masked cross-entropy of {@code batch} (inputs created in {@code m}) and its backward
     * pass: afterwards every parameter holds the gradient of this batch alone. {@code clock} is charged with the forward pass
     * (the loss) and the backward pass.
     *
     * @return the loss
     */
    private static double backward(TrainableModel model, List<Parameter> parameters, NDManager m, Examples batch, PhaseClock clock) {
        Gradients.zero(parameters);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray l = batch.loss(model, m, true);
            clock.lap(PhaseClock.Part.FORWARD);
            gc.backward(l);
            double loss = l.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
            clock.lap(PhaseClock.Part.BACKWARD);
            return loss;
        }
    }

    /** One L-BFGS iteration on the fixed batch; the model holds the accepted point afterwards. */
    private Lbfgs.Outcome polishStep() {
        if (lbfgs == null) {
            lbfgs = new Lbfgs(Lbfgs.Config.defaults(), this::polishLoss, vector.values());
        }
        Lbfgs.Outcome outcome = lbfgs.iterate();
        vector.set(lbfgs.x());
        return outcome;
    }

    /** The polishing objective at {@code x}: masked cross-entropy on the fixed batch plus {@code wd/2 |theta|^2}. */
    private double polishLoss(double[] x, double[] gradient) {
        vector.set(x);
        double loss;
        try (NDManager m = model.manager().newSubManager()) {
            loss = backward(model, parameters, m, polishBatch, clock);
        }
        double[] g = vector.gradients();
        double wd = recipe.optimization().weightDecay();
        for (int j = 0; j < g.length; j++) {
            loss += 0.5 * wd * decayMask[j] * x[j] * x[j];
            gradient[j] = g[j] + wd * decayMask[j] * x[j];
        }
        return loss;
    }

    /** The loss and gradient norm (0 without clipping) of one step, and whether the update was applied. */
    record StepOutcome(double loss, double gradNorm, boolean applied) { }

    /** A trainer of the recipe's run that writes nothing (no run directory): for benchmarks. */
    static Trainer detached(Recipe recipe) {
        TrainableModel model = startingModel(recipe, null);
        try {
            ErrorPairPool pool = recipe.targeted() ? initialPool(recipe, (AdderModel) model) : null;
            return new Trainer(recipe, null, model, task(recipe, model, pool), pool);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Times the trainer's optimizer step for a recipe without a run directory: builds the recipe's model and task, runs
     * {@code warmupSteps} untimed steps, then {@code steps} timed ones (the recipe's schedule and data, no evaluation).
     * Nothing is written to disk.
     *
     * @param recipe the recipe (its model, data, batch size and optimizer settings)
     * @param warmupSteps untimed steps first, at least 0
     * @param steps timed steps, at least 1; warmup plus steps must not exceed the recipe's steps
     * @return mean wall-clock milliseconds per timed step
     * @throws IllegalArgumentException if a count is out of range
     * @throws IllegalStateException if a step diverges (non-finite loss or gradient norm)
     */
    public static double benchmark(Recipe recipe, int warmupSteps, int steps) {
        Checks.notNegative("warmupSteps", warmupSteps);
        Checks.positive("steps", steps);
        if (recipe.optimization().optimizer() != Recipe.Optimizer.ADAMW) {
            throw new IllegalArgumentException("the training benchmark times AdamW steps; optimizer " + recipe.optimization().optimizer()
                    + " polishes a fixed batch");
        }
        if ((long) warmupSteps + steps > recipe.schedule().steps()) {
            throw new IllegalArgumentException("warmupSteps + steps must not exceed the recipe's steps " + recipe.schedule().steps() + ": "
                    + ((long) warmupSteps + steps));
        }
        try (Trainer trainer = detached(recipe)) {
            long started = 0;
            for (int step = 0; step < warmupSteps + steps; step++) {
                if (step == warmupSteps) {
                    started = System.nanoTime();
                }
                trainer.benchmarkStep(step);
            }
            return (System.nanoTime() - started) / 1e6 / steps;
        }
    }

    /** Draws this trainer's batches ahead on {@code shared} ({@link NextBatch#drawOn}), a population's one thread. */
    void drawBatchesOn(java.util.concurrent.ExecutorService shared) {
        batches.drawOn(shared);
    }

    /** The clock of this trainer's steps. */
    PhaseClock clock() {
        return clock;
    }

    /**
     * One update of a benchmark ({@link #benchmark}, {@link Population#benchmarkInterleaved}) at the recipe's learning rate
     * and weight decay.
     *
     * @throws IllegalStateException if the step diverges (non-finite loss or gradient norm)
     */
    void benchmarkStep(long step) {
        StepOutcome outcome = trainStep(step, schedule.learningRate(step), weightDecay());
        if (!outcome.applied()) {
            throw new IllegalStateException("benchmark step " + step + " diverged (loss " + outcome.loss()
                    + ", gradient norm " + outcome.gradNorm() + ")");
        }
    }

    private void recordEvaluation(long done, Task.Evaluation ev, double wall) {
        boolean sawBelowHalf = state.scores().sawBelowHalf() || ev.exact() < 0.5;
        long grokStep = state.scores().grokStep();
        if (grokStep < 0 && state.scores().sawBelowHalf() && ev.exact() > 0.99) {
            grokStep = done;
            event("grok", done, Map.of("valExact", ev.exact()));
            LOG.info("grokked at step {} (validation exact {})", done, ev.exact());
        }
        long perfectSince = ev.exact() >= 1.0 ? (state.scores().perfectSince() >= 0 ? state.scores().perfectSince() : done) : -1;
        double bestExact = state.scores().bestExact();
        long bestStep = state.scores().bestStep();
        boolean better = ev.exact() > bestExact
                || recipe.evaluation().best() == Recipe.BestCheckpoint.LATEST && ev.exact() == bestExact;
        if (better) {
            bestExact = ev.exact();
            bestStep = done;
            model.save(RunFiles.bestCheckpoint(dir), provenance(done), Map.of("validation", String.format("%.6f", ev.exact()), "step",
                    Long.toString(done)));
            event("best", done, Map.of("valExact", ev.exact()));
        }
        saveLast(done, new TrainerState.Scores(ev.exact(), ev.tokenAccuracy(), bestExact, bestStep, sawBelowHalf, grokStep,
                perfectSince, averageBestExact), wall);
    }

    /**
     * Writes the weight average after {@code done} steps as {@code checkpoints/average.json}, and as
     * {@code average-best.json} when its validation exact match is the best the average has had; the score goes into the
     * next trainer state.
     */
    private void saveAverage(long done, Task.Evaluation avg) {
        Map<String, String> meta = Map.of("validation", String.format("%.6f", avg.exact()), "step", Long.toString(done),
                "average", recipe.averaging().kind().name());
        String what = provenance(done) + ", " + recipe.averaging().kind() + " weight average";
        boolean better = averageBestExact == null || avg.exact() > averageBestExact;
        io.github.adder4j.core.io.Checkpoint averaged = average.withAverage(() -> model.toCheckpoint(what, meta));
        CheckpointFormat.write(averaged, RunFiles.bestCheckpoint(dir).resolveSibling("average.json"));
        if (better) {
            CheckpointFormat.write(averaged, RunFiles.bestCheckpoint(dir).resolveSibling("average-best.json"));
        }
        if (better) {
            averageBestExact = avg.exact();
            event("average_best", done, Map.of("avgExact", avg.exact()));
        }
    }

    /** The weight average's best validation exact match so far (saved in the trainer state), or null. */
    private Double averageBestExact;

    private String provenance(long done) {
        String what = recipe.start().modelConfig() == null ? "preset " + recipe.preset()
                : "model config " + Path.of(recipe.start().modelConfig().strip()).getFileName() + " (recipe of preset " + recipe.preset() + ")";
        return "adder4j trainer: " + what + ", seed " + recipe.seed() + ", step " + done + " of "
                + recipe.schedule().steps() + ", data " + recipe.data().kind() + (vector != null ? ", L-BFGS polishing" : "");
    }

    /**
     * Writes the last checkpoint after {@code done} steps and the trainer state that resumes from it, with the evaluations'
     * {@code scores} (and the weight average's best score so far).
     */
    private void saveLast(long done, TrainerState.Scores scores, double wall) {
        io.github.adder4j.core.io.Checkpoint last = model.toCheckpoint(provenance(done), Map.of("step", Long.toString(done)));
        TrainerState saved = TrainerState.builder()
                .progress(new TrainerState.Progress(done, last.parametersSha256(), round(wall)))
                .optimizers(new TrainerState.Optimizers(optimizer.exportState(), grokfast == null ? null : grokfast.exportState(),
                        lbfgs == null ? null : lbfgs.exportState(),
                        average == null || average.updates() == 0 ? null : average.exportState()))
                .data(task.state())
                .scores(scores.withAverageBestExact(averageBestExact))
                .pool(pool == null ? null : new TrainerState.Pool(pool.a(), pool.b()))
                .build();
        RunFiles.saveGeneration(dir, done, CheckpointFormat.toJson(last).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                RunFiles.GSON.toJson(saved));
        state = saved;
    }

    private void event(String name, long step, Map<String, Object> data) {
        Map<String, Object> line = new TreeMap<>(data);
        line.put("event", name);
        line.put("step", step);
        RunFiles.appendLine(RunFiles.events(dir), RunFiles.GSON.toJson(line));
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }

    /** Resident set size of this process in MB (Linux), or -1. */
    static long rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    @Override
    public void close() {
        batches.close();
        optimizer.close();
        if (grokfast != null) {
            grokfast.close();
        }
        if (teacher != null) {
            teacher.close();
        }
        model.close();
    }
}
