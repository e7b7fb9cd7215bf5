package io.github.adder4j.examples.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.Preset;
import io.github.adder4j.core.eval.Suite;
import io.github.adder4j.core.eval.SuiteResult;
import io.github.adder4j.core.eval.SuiteRunner;
import io.github.adder4j.core.io.Checkpoint;
import io.github.adder4j.core.io.CheckpointFormat;
import io.github.adder4j.train.ModelConfigs;
import io.github.adder4j.train.Recipe;
import io.github.adder4j.train.RunFiles;
import io.github.adder4j.train.Trainer;
import io.github.adder4j.train.TrainingResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code adder sweep}: trains one preset for a range of seeds, one child JVM per run (DJL allows one gradient collector
 * per JVM) and at most {@code --jobs} at a time, each running {@code adder train} into {@code DIR/seed-S} with its output
 * in {@code DIR/seed-S.log}. Ended runs are kept and half-done runs resumed, so a sweep can be continued. When all runs
 * are done, each run's best checkpoint is measured on AdderBoard (reporting, not selection; the result is kept in
 * {@code DIR/seed-S/adderboard.json} with the checkpoint's checksum, so a continued sweep does not measure it again)
 * and the table is printed and saved as {@code DIR/sweep.md} and {@code DIR/sweep.json}.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        versionProvider = VersionProvider.class,
        description = {"Train a preset for a range of seeds, one JVM per run, --jobs at a time (run DIR/seed-S, log "
            + "DIR/seed-S.log); ended runs are kept, half-done ones resumed.",
            "Then measure each run's best checkpoint on AdderBoard and print and save the table (DIR/sweep.md, DIR/sweep.json)."})
public final class SweepCommand implements Callable<Integer> {

    private static final Pattern SEEDS = Pattern.compile("(-?\\d{1,18})\\.\\.(-?\\d{1,18})");

    /** The file in a run directory that records its best checkpoint's AdderBoard result. */
    static final String ADDERBOARD_FILE = "adderboard.json";

    /** System properties passed on to the child JVMs when set. */
    private static final List<String> PASSED_PROPERTIES = List.of(ModelOptions.SHARED_PROPERTY,
            "org.slf4j.simpleLogger.defaultLogLevel");

    @Spec
    private CommandSpec spec;

    @Option(names = "--preset", required = true, paramLabel = "NAME", converter = Converters.PresetConverter.class,
            completionCandidates = Converters.PresetIds.class,
            description = "Architecture preset, trained with its published recipe: ${COMPLETION-CANDIDATES}.")
    private Preset preset;

    @Option(names = "--seeds", required = true, paramLabel = "A..B", description = "The seeds A to B (inclusive), e.g. 1..10.")
    private String seeds;

    @Option(names = "--jobs", paramLabel = "J", defaultValue = "0", description = "Runs at a time (0: one per core).")
    private int jobs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The sweep directory (one run directory per seed).")
    private Path out;

    @Option(names = "--steps", paramLabel = "N", description = "Optimizer steps of each run. Default: the recipe's.")
    private Integer steps;

    @Option(names = "--set", paramLabel = "FIELD=VALUE", showDefaultValue = Help.Visibility.NEVER, description = "Set any recipe field by name for every run (repeatable).")
    private Map<String, String> sets = new LinkedHashMap<>();

    @Option(names = "--config", paramLabel = "FILE",
            description = "Train the model FILE describes (as train --config: a model configuration, a checkpoint or a run's "
                + "config.json) with the preset's recipe, at every seed.")
    private Path configFile;

    /** The {@code modelConfig} of every run: {@code --config} as an absolute path, or null. */
    private String modelConfig() {
        return configFile == null ? null : configFile.toAbsolutePath().normalize().toString();
    }

    /** Where the runs execute. */
    enum Engine {
        /** Child JVMs on this machine, --jobs at a time. */
        LOCAL,
        /** One Slurm job array, a task per seed (sbatch --array --requeue). */
        SLURM
    }

    @Option(names = "--engine", paramLabel = "E", defaultValue = "local", converter = EngineConverter.class,
            description = "local: child JVMs on this machine; slurm: one Slurm job array (a task per seed, requeue-safe); run the "
                + "same command again to collect, resume what is unfinished and write the table.")
    private Engine engine;

    @Option(names = "--max-running", paramLabel = "N", defaultValue = "0",
            description = "Slurm: tasks of the array running at once (0: no limit).")
    private int maxRunning;

    @Option(names = "--partition", paramLabel = "P", description = "Slurm: the partition (sbatch --partition).")
    private String partition;

    @Option(names = "--time", paramLabel = "T", description = "Slurm: each task's time limit (sbatch --time, e.g. 2:00:00); a task that "
            + "reaches it is resumed by the next sweep.")
    private String time;

    @Option(names = "--cpus-per-task", paramLabel = "C", defaultValue = "1", description = "Slurm: cores per task (sbatch --cpus-per-task).")
    private int cpusPerTask;

    @Option(names = "--sbatch-arg", paramLabel = "ARG", showDefaultValue = Help.Visibility.NEVER,
            description = "Slurm: one more sbatch option for the job script, e.g. --sbatch-arg=--account=ml (repeatable).")
    private List<String> sbatchArgs = new ArrayList<>();

    @Option(names = "--wait", description = "Slurm: wait until the sweep's tasks have all left the queue, then write the table.")
    private boolean waitForSlurm;

    @Option(names = "--grok-threshold", paramLabel = "X", defaultValue = "0.9",
            description = "A run grokked when its best validation exact match exceeds X (the grok-rate statistic).")
    private double grokThreshold;

    @Option(names = "--report", description = "Start nothing: tabulate the runs as they are now (e.g. while the sweep runs elsewhere).")
    private boolean reportOnly;

    @Option(names = "--population", paramLabel = "P|auto", defaultValue = "1",
            description = "Train up to P seeds per child JVM as one population (one graph, each run still its own run "
                + "directory, metrics and ending; see Population). 1: one JVM per run. auto: time both on this machine first ("
                + "as bench sweep does, in turns, " + AUTO_STEPS + " steps each, populations of " + AUTO_FIRST + " doubling up to "
                + AUTO_MAX + ") and use the fastest size where it is at least " + AUTO_GAIN + "x faster. Local engine only.")
    private String populationText;

    /** What {@code --population} comes to: the largest population (1: one JVM per run). */
    private int population;

    /** {@code --population auto}: the smallest population it tries (doubling from there). */
    static final int AUTO_FIRST = 8;

    /** {@code --population auto}: the largest population it tries. */
    static final int AUTO_MAX = 64;

    /** {@code --population auto}: the timed steps of each measurement (after 5 untimed ones). */
    static final int AUTO_STEPS = 30;

    /** {@code --population auto}: the steps of each turn, alone and together. */
    static final int AUTO_BLOCK = 10;

    /** {@code --population auto}: the speedup in seed-steps per second a population must reach to be used. */
    static final double AUTO_GAIN = 1.2;

    @Option(names = "--run-population", paramLabel = "S,...", hidden = true, split = ",",
            description = "Train (or resume) the runs of these seeds as one population in this JVM, writing no table: what "
                + "each child of a --population sweep runs.")
    private List<Long> runPopulation;

    @Option(names = "--run-seed", paramLabel = "S", hidden = true,
            description = "Train (or resume) the run of seed S only, writing no table: what each Slurm task runs.")
    private Long runSeed;

    /** Parses --engine case-insensitively. */
    static final class EngineConverter implements picocli.CommandLine.ITypeConverter<Engine> {
        @Override
        public Engine convert(String value) {
            try {
                return Engine.valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("must be local or slurm: " + value);
            }
        }
    }

    /** Creates the command (picocli instantiates it). */
    public SweepCommand() {
        // fields are injected by picocli
    }

    /**
     * An inclusive range of seeds.
     *
     * @param first the first seed
     * @param last  the last seed, at least {@code first}
     */
    record SeedRange(long first, long last) {
        /** Validates. */
        SeedRange {
            if (last < first) {
                throw new IllegalArgumentException("--seeds must be ascending (A <= B): " + first + ".." + last);
            }
        }

        /**
         * Parses {@code A..B}.
         *
         * @throws IllegalArgumentException naming {@code --seeds} and the text otherwise
         */
        static SeedRange parse(String text) {
            Matcher m = SEEDS.matcher(text.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("--seeds must look like A..B: " + text);
            }
            return new SeedRange(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
        }

        /** The seeds in order. */
        List<Long> seeds() {
            List<Long> list = new ArrayList<>();
            for (long s = first; s <= last; s++) {
                list.add(s);
            }
            return list;
        }
    }

    /**
     * One row of the sweep table.
     *
     * @param seed             the seed
     * @param status           the run's status, or QUEUED/RUNNING (Slurm), FAILED/INCOMPLETE when it has no summary,
     *                         NOT_STARTED when it has no run directory yet
     * @param grokked          whether the best validation exact match exceeds the --grok-threshold
     * @param grokStep         the grokking step, or -1
     * @param bestExact        best validation exact match, or -1 without an evaluation
     * @param bestStep         its step, or -1
     * @param adderBoardPassed AdderBoard cases passed by the best checkpoint, or -1 without one
     * @param adderBoardTotal  AdderBoard cases
     * @param wallSeconds      training wall time, or -1
     * @param runDir           the run directory
     * @param faithful         whether the run's recipe is the preset's published recipe ({@code Recipe.forPreset}), unchanged
     *                         but for the sweep's {@code --config} architecture
     * @param ended            whether the run has ended for good (completed, early-stopped, abandoned by its rule, diverged)
     * @param steps            steps trained so far (from the metrics), or 0
     * @param tokenAccuracy    validation token accuracy at the last evaluation, or -1
     * @param testExact        the best checkpoint's exact match on the recipe's held-out test set, or -1
     */
    record Row(long seed, String status, boolean grokked, long grokStep, double bestExact, long bestStep, int adderBoardPassed,
               int adderBoardTotal, double wallSeconds, String runDir, boolean faithful, boolean ended, long steps,
               double tokenAccuracy, double testExact) { }

    /** Runs the sweep and prints the table. */
    @Override
    public Integer call() throws InterruptedException {
        SeedRange range;
        SlurmEngine.Options slurmOptions;
        try {
            range = SeedRange.parse(seeds);
            slurmOptions = new SlurmEngine.Options(maxRunning, partition, time, cpusPerTask, sbatchArgs);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (jobs < 0) {
            throw new ParameterException(spec.commandLine(), "--jobs must not be negative: " + jobs);
        }
        if (!(grokThreshold >= 0 && grokThreshold < 1)) {
            throw new ParameterException(spec.commandLine(), "--grok-threshold must be in [0, 1): " + grokThreshold);
        }
        if (configFile != null) {
            ModelConfigs.requireFits(ModelConfigs.read(configFile, "--config " + configFile), Recipe.forPreset(preset.id(),
                    range.first()), "--config " + configFile);
        }
        boolean auto = populationText.strip().equalsIgnoreCase("auto");
        if (!auto) {
            try {
                population = Integer.parseInt(populationText.strip());
            } catch (NumberFormatException e) {
                throw new ParameterException(spec.commandLine(), "--population must be a positive number or auto: " + populationText);
            }
            if (population < 1) {
                throw new ParameterException(spec.commandLine(), "--population must be positive: " + population);
            }
        } else {
            population = 1;
        }
        if ((population > 1 || auto) && engine != Engine.LOCAL) {
            throw new ParameterException(spec.commandLine(), "--population works with the local engine only: --engine " + engine
                    .name().toLowerCase(Locale.ROOT));
        }
        int parallel = jobs == 0 ? Runtime.getRuntime().availableProcessors() : jobs;
        PrintWriter err = spec.commandLine().getErr();
        if (runPopulation != null) {
            for (long s : runPopulation) {
                if (s < range.first() || s > range.last()) {
                    throw new ParameterException(spec.commandLine(), "--run-population seeds must be in --seeds " + seeds + ": " + s);
                }
                checkRecipe(s);
            }
            createOut();
            return trainPopulation(runPopulation, err);
        }
        if (runSeed != null) {
            if (runSeed < range.first() || runSeed > range.last()) {
                throw new ParameterException(spec.commandLine(), "--run-seed must be one of --seeds " + seeds + ": " + runSeed);
            }
            checkRecipe(runSeed);
            createOut();
            Set<Process> live = ConcurrentHashMap.newKeySet();
            Thread killer = new Thread(() -> live.forEach(Process::destroy), "adder-sweep-child");
            Runtime.getRuntime().addShutdownHook(killer);
            try {
                return runChild(runSeed, live, err);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the run of seed " + runSeed, e);
            }
        }
        List<Long> all = range.seeds();
        List<Long> toRun = new ArrayList<>();
        int ended = 0;
        int resumed = 0;
        for (long seed : all) {
            Path dir = runDir(seed);
            if (checkRecipe(seed)) {
                if (TrainingRuns.finished(dir)) {
                    ended++;
                    continue;
                }
                resumed++;
            }
            toRun.add(seed);
        }
        createOut();
        Map<Long, Integer> exitCodes = new java.util.HashMap<>();
        Map<Long, SlurmEngine.Task> active = Map.of();
        if (reportOnly) {
            err.println(String.format(Locale.ROOT, "sweep %s, seeds %d..%d: report only; %d ended, %d not", preset.id(), range.first(),
                    range.last(), ended, toRun.size()));
            err.flush();
        } else if (engine == Engine.LOCAL) {
            if (auto) {
                population = choosePopulation(toRun, err);
            }
            err.println(String.format(Locale.ROOT, "sweep %s, seeds %d..%d: %d to train (%d to resume), %d already ended; %d at a time%s",
                    preset.id(), range.first(), range.last(), toRun.size(), resumed, ended, parallel,
                    population > 1 ? ", in populations of up to " + population : ""));
            err.flush();
            exitCodes = runChildren(toRun, parallel, err);
        } else {
            active = submitToSlurm(range, toRun, resumed, ended, slurmOptions, err);
        }
        List<Row> rows = new ArrayList<>();
        for (long seed : all) {
            rows.add(row(seed, exitCodes.getOrDefault(seed, 0), active.get(seed), err));
        }
        GrokRate rate = grokRate(rows);
        String table = markdown(rows) + "\n" + statistics(rows, rate, grokThreshold);
        RunFiles.writeAtomically(out.resolve("sweep.md"), "# Sweep: " + preset.id() + ", seeds " + range.first() + ".." + range.last()
                + "\n\n" + table);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("preset", preset.id());
        json.put("seeds", range.first() + ".." + range.last());
        json.put("steps", steps);
        json.put("set", sets);
        if (configFile != null) {
            json.put("modelConfig", modelConfig());
        }
        json.put("engine", engine.name().toLowerCase(Locale.ROOT));
        json.put("grokThreshold", grokThreshold);
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("grokked", rate.grokked());
        stats.put("counted", rate.runs());
        stats.put("rate", rate.runs() == 0 ? null : rate.rate());
        stats.put("wilson95Low", rate.low());
        stats.put("wilson95High", rate.high());
        stats.put("notCounted", rows.stream().filter(r -> !counted(r)).map(Row::seed).toList());
        json.put("grokRate", stats);
        json.put("rows", rows);
        RunFiles.writeAtomically(out.resolve("sweep.json"), pretty().toJson(json) + "\n");
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(table);
        stdout.flush();
        List<Long> failed = exitCodes.entrySet().stream().filter(e -> e.getValue() != 0).map(Map.Entry::getKey).sorted().toList();
        if (!failed.isEmpty()) {
            err.println("error: " + failed.size() + " of " + toRun.size() + " runs failed (seeds " + failed + "); see "
                    + out.resolve("seed-" + failed.get(0) + ".log"));
            err.flush();
            return 1;
        }
        return 0;
    }

    /**
     * Submits the seeds that are neither ended nor already queued or running as one job array, prints the job id and how to
     * watch it, and with {@code --wait} waits for the sweep's tasks to leave the queue.
     *
     * @return the tasks still queued or running (empty after {@code --wait})
     */
    private Map<Long, SlurmEngine.Task> submitToSlurm(SeedRange range, List<Long> toRun, int resumed, int ended,
                                                      SlurmEngine.Options options, PrintWriter err) throws InterruptedException {
        SlurmEngine slurm = new SlurmEngine(out, range.first());
        Map<Long, SlurmEngine.Task> active = slurm.activeTasks();
        java.util.TreeSet<Long> submit = new java.util.TreeSet<>(toRun);
        submit.removeAll(active.keySet());
        err.println(String.format(Locale.ROOT, "sweep %s, seeds %d..%d on Slurm: %d to submit (%d to resume), %d queued or running, %d "
                + "already ended", preset.id(), range.first(), range.last(), submit.size(), submit.stream().filter(
                        s -> TrainingRuns.holdsRun(runDir(s))).count(), active.size(), ended));
        if (!submit.isEmpty()) {
            String jobId = slurm.submit(submit, taskCommand(), options);
            err.println("submitted job " + jobId + " (" + slurm.jobName() + "): seeds " + submit + ", task i = seed " + range.first()
                    + " + i" + (options.maxRunning() > 0 ? ", " + options.maxRunning() + " at a time" : ""));
            err.println("watch it with: squeue -r --name=" + slurm.jobName() + "   (task logs: " + slurm.slurmDir() + ", run logs: "
                    + out.resolve("seed-S.log") + ")");
            err.println("collect, resume what is unfinished and write the table: run this command again");
        }
        err.flush();
        if (waitForSlurm) {
            slurm.awaitIdle(java.time.Duration.ofSeconds(2));
            return Map.of();
        }
        return slurm.activeTasks();
    }

    /** What each Slurm task runs, before {@code --run-seed S}: this sweep, by this JVM's java and class path. */
    private List<String> taskCommand() {
        List<String> command = new ArrayList<>(javaCommand());
        command.addAll(List.of(AdderCli.class.getName(), "sweep", "--preset", preset.id(), "--seeds", seeds, "--out",
                out.toAbsolutePath().normalize().toString()));
        command.addAll(recipeArguments());
        return command;
    }

    /** The options that make each run's recipe: {@code --config}, {@code --steps} and every {@code --set}. */
    private List<String> recipeArguments() {
        List<String> args = new ArrayList<>();
        if (configFile != null) {
            args.addAll(List.of("--config", modelConfig()));
        }
        if (steps != null) {
            args.addAll(List.of("--steps", steps.toString()));
        }
        for (Map.Entry<String, String> e : sets.entrySet()) {
            args.addAll(List.of("--set", e.getKey() + "=" + e.getValue()));
        }
        return args;
    }

    /**
     * Whether the seed's run directory holds a run, after checking that its recipe is this sweep's.
     *
     * @throws ParameterException when it holds a run with another recipe
     */
    private boolean checkRecipe(long seed) {
        Recipe recipe = seedRecipe(seed);
        Path dir = runDir(seed);
        if (!TrainingRuns.holdsRun(dir)) {
            return false;
        }
        if (!TrainingRuns.recipe(dir).equals(recipe)) {
            throw new ParameterException(spec.commandLine(), "--out " + out + ": " + dir.getFileName()
                    + " holds a run with a different recipe; choose another --out");
        }
        return true;
    }

    /** The recipe of the seed's run: the preset's, with --steps, --config and --set applied (as {@code adder train}). */
    private Recipe seedRecipe(long seed) {
        return new RecipeOverrides().option("--steps", "steps", steps).option("--config", "modelConfig", modelConfig()).sets(sets)
                .applyTo(Recipe.forPreset(preset.id(), seed));
    }

    private void createOut() {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out, e);
        }
    }

    /** Whether a row counts in the grok rate: a faithful run that has ended by the recipe's own rules. */
    static boolean counted(Row r) {
        return r.faithful() && r.ended() && !r.status().equals("STOPPED");
    }

    /** The grok rate over the counted rows. */
    static GrokRate grokRate(List<Row> rows) {
        List<Row> counted = rows.stream().filter(SweepCommand::counted).toList();
        return GrokRate.wilson((int) counted.stream().filter(Row::grokked).count(), counted.size());
    }

    /** The statistics lines under the table: the grok rate and the runs it does not count, with why. */
    static String statistics(List<Row> rows, GrokRate rate, double threshold) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "grok rate (best validation exact > %s), faithful ended runs: %s%n",
                new java.math.BigDecimal(Double.toString(threshold)).stripTrailingZeros().toPlainString(), rate));
        List<String> off = rows.stream().filter(r -> !r.faithful() && !r.status().equals("NOT_STARTED"))
                .map(r -> Long.toString(r.seed())).toList();
        List<String> open = rows.stream().filter(r -> r.faithful() && !counted(r)).map(r -> r.seed() + " (" + r.status() + ")").toList();
        List<String> notStarted = rows.stream().filter(r -> r.status().equals("NOT_STARTED")).map(r -> Long.toString(r.seed())).toList();
        if (!off.isEmpty()) {
            sb.append("not counted, off-recipe (the recipe was changed): seeds ").append(String.join(", ", off)).append('\n');
        }
        if (!open.isEmpty()) {
            sb.append("not counted, not ended: seeds ").append(String.join(", ", open)).append('\n');
        }
        if (!notStarted.isEmpty()) {
            sb.append("not started: seeds ").append(String.join(", ", notStarted)).append('\n');
        }
        return sb.toString();
    }

    private Path runDir(long seed) {
        return out.resolve("seed-" + seed);
    }

    /**
     * Runs {@code adder train} (or {@code --resume}) for each seed in child JVMs, at most {@code parallel} at a time; with
     * {@code --population P}, each child trains up to P seeds together.
     */
    private Map<Long, Integer> runChildren(List<Long> seedsToRun, int parallel, PrintWriter err) throws InterruptedException {
        Map<Long, Integer> exitCodes = new ConcurrentHashMap<>();
        if (seedsToRun.isEmpty()) {
            return exitCodes;
        }
        List<List<Long>> groups = new ArrayList<>();
        for (int i = 0; i < seedsToRun.size(); i += population) {
            groups.add(seedsToRun.subList(i, Math.min(seedsToRun.size(), i + population)));
        }
        Set<Process> live = ConcurrentHashMap.newKeySet();
        Thread killer = new Thread(() -> live.forEach(Process::destroy), "adder-sweep-children");
        Runtime.getRuntime().addShutdownHook(killer);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, groups.size()));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (List<Long> group : groups) {
                futures.add(pool.submit(() -> {
                    if (population == 1) {
                        exitCodes.put(group.get(0), runChild(group.get(0), live, err));
                    } else {
                        int code = runPopulationChild(group, live, err);
                        group.forEach(seed -> exitCodes.put(seed, code));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
                }
            }
        } finally {
            pool.shutdownNow();
            live.forEach(Process::destroy);
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException e) {
                // the JVM is shutting down; the hook runs anyway
            }
        }
        return exitCodes;
    }

    private int runChild(long seed, Set<Process> live, PrintWriter err) throws IOException, InterruptedException {
        Path dir = runDir(seed);
        Path log = out.resolve("seed-" + seed + ".log");
        String what = TrainingRuns.holdsRun(dir) ? "resuming" : "started";
        return runLogged(childCommand(seed, dir), log, "seed " + seed, what, process -> { }, live, err);
    }

    /**
     * Runs a child JVM with its output appended to {@code log}, saying on stderr when it starts ({@code LABEL: WHAT (pid
     * N), log L}) and how it ended ({@code LABEL: exit C after T}); {@code onStart} runs once the process exists.
     *
     * @return the child's exit code
     */
    private static int runLogged(List<String> command, Path log, String label, String what,
                                 java.util.function.Consumer<Process> onStart, Set<Process> live, PrintWriter err)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        long started = System.nanoTime();
        Process process = pb.start();
        live.add(process);
        try {
            onStart.accept(process);
            message(err, String.format(Locale.ROOT, "%s: %s (pid %d), log %s", label, what, process.pid(), log));
            int code = process.waitFor();
            message(err, String.format(Locale.ROOT, "%s: exit %d after %s", label, code,
                    TrainingRuns.duration((System.nanoTime() - started) / 1e9)));
            return code;
        } finally {
            live.remove(process);
            process.destroy();
        }
    }

    /**
     * {@code --population auto}: for population sizes from {@value #AUTO_FIRST} (or fewer seeds) doubling up to
     * {@value #AUTO_MAX} (and at most the seeds to run), times {@value #AUTO_STEPS} steps of that many seeds each alone
     * and as one population, in turns of {@value #AUTO_BLOCK} steps ({@code Population.benchmarkInterleaved}), both at one
     * PyTorch thread as each child runs; returns the size with the highest speedup in seed-steps per second when that is
     * at least {@value #AUTO_GAIN}, else 1.
     */
    private int choosePopulation(List<Long> toRun, PrintWriter err) {
        int most = Math.min(AUTO_MAX, toRun.size());
        if (most < 2) {
            return 1;
        }
        List<Integer> sizes = new ArrayList<>();
        for (int n = Math.min(AUTO_FIRST, most); ; n *= 2) {
            sizes.add(Math.min(n, most));
            if (n >= most) {
                break;
            }
        }
        List<Recipe> recipes = new ArrayList<>();
        for (long seed : toRun.subList(0, most)) {
            Recipe r = seedRecipe(seed);
            recipes.add(r.schedule().steps() >= 5 + AUTO_STEPS ? r : r.with(Map.of("steps", Integer.toString(5 + AUTO_STEPS))));
        }
        ai.djl.engine.Engine.getInstance();
        int before = ai.djl.pytorch.jni.JniUtils.getNumThreads();
        int best = 1;
        double bestSpeedup = 0;
        ai.djl.pytorch.jni.JniUtils.setNumThreads(1);
        try {
            for (int size : sizes) {
                io.github.adder4j.train.Population.Interleaved ms = io.github.adder4j.train.Population.benchmarkInterleaved(
                        recipes.subList(0, size), 5, AUTO_STEPS, AUTO_BLOCK);                              // in turns
                double speedup = ms.speedup();
                message(err, String.format(Locale.ROOT, "population auto: one seed %.2f ms/step, %d seeds together %.2f ms/step:"
                        + " speedup %.2f", ms.aloneMs(), size, ms.populationMs(), speedup));
                if (speedup > bestSpeedup) {
                    bestSpeedup = speedup;
                    best = size;
                }
            }
        } catch (IllegalArgumentException e) {
            message(err, "population auto: these runs cannot share a population (" + e.getMessage() + "); one JVM per run");
            return 1;
        } finally {
            ai.djl.pytorch.jni.JniUtils.setNumThreads(before);
        }
        int chosen = bestSpeedup >= AUTO_GAIN ? best : 1;
        message(err, String.format(Locale.ROOT, "population auto: best speedup %.2f with %d seeds; %s", bestSpeedup, best,
                chosen > 1 ? "populations of up to " + chosen : "one JVM per run"));
        return chosen;
    }

    /** One child JVM that trains {@code group} as one population ({@code --run-population}), its output in one log. */
    private int runPopulationChild(List<Long> group, Set<Process> live, PrintWriter err) throws IOException, InterruptedException {
        String name = "population-" + group.get(0) + "-" + group.get(group.size() - 1) + ".log";
        List<String> command = new ArrayList<>(taskCommand());
        command.add("--run-population");
        command.add(group.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")));
        return runLogged(command, out.resolve(name), "seeds " + group, "population started", process -> {
            for (long seed : group) {
                try {
                    Files.writeString(out.resolve("seed-" + seed + ".log"), "trained in the population of seeds " + group + " (pid "
                            + process.pid() + "); its output is in " + name + "\n", java.nio.charset.StandardCharsets.UTF_8,
                            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + out.resolve("seed-" + seed + ".log"), e);
                }
            }
        }, live, err);
    }

    /**
     * Trains the runs of {@code group} as one population in this JVM: a new run starts with the command line
     * {@code adder train} would record, a run with a checkpoint resumes, one stopped before its first checkpoint starts
     * again, an ended one is left alone.
     */
    private int trainPopulation(List<Long> group, PrintWriter err) {
        List<Trainer> members = new ArrayList<>();
        try {
            for (long seed : group) {
                Path dir = runDir(seed);
                if (TrainingRuns.holdsRun(dir)) {
                    if (TrainingRuns.finished(dir)) {
                        err.println("seed " + seed + ": the run has already ended");
                        continue;
                    }
                    members.add(RunFiles.hasCheckpoint(dir) ? Trainer.resume(dir)
                            : Trainer.restart(dir));
                } else {
                    List<String> child = childCommand(seed, dir);
                    String recorded = TrainingRuns.commandLine(child.subList(child.indexOf("train"), child.size()));
                    members.add(Trainer.start(seedRecipe(seed), dir, recorded));
                }
            }
        } catch (RuntimeException e) {
            members.forEach(Trainer::close);
            throw e;
        }
        if (members.isEmpty()) {
            return 0;
        }
        err.println("population of seeds " + members.stream().map(t -> t.directory().getFileName().toString()).toList()
                + ", starting at steps " + members.stream().map(Trainer::startStep).toList());
        err.flush();
        List<TrainingResult> results = TrainingRuns.runPopulation(members, err);
        for (int i = 0; i < results.size(); i++) {
            TrainingResult r = results.get(i);
            err.println(members.get(i).directory().getFileName() + ": " + r.status() + " after " + r.steps() + " steps (" + r.message() + ")");
        }
        err.flush();
        return 0;
    }

    private static void message(PrintWriter err, String line) {
        synchronized (err) {
            err.println(line);
            err.flush();
        }
    }

    /** The child JVM's command: this JVM's java and class path, offline, one PyTorch thread, {@code adder train}. */
    List<String> childCommand(long seed, Path dir) {
        List<String> command = new ArrayList<>(javaCommand());
        command.add(AdderCli.class.getName());
        command.add("train");
        if (TrainingRuns.holdsRun(dir)) {
            command.add("--resume");
            command.add(dir.toString());
            return command;
        }
        command.addAll(List.of("--preset", preset.id(), "--seed", Long.toString(seed), "--out", dir.toString()));
        command.addAll(recipeArguments());
        return command;
    }

    /**
     * The heap sizes among a JVM's options ({@code -Xmn}, {@code -Xms}, {@code -Xmx}, {@code -XX:NewSize=},
     * {@code -XX:MaxNewSize=}), in their order: a child JVM trains with the heap its parent was given (the {@code adder}
     * launcher bounds the young generation, which a training loop needs on a virtual machine: docs/benchmarks.md).
     */
    static List<String> heapOptions(List<String> jvmOptions) {
        return jvmOptions.stream().filter(o -> o.startsWith("-Xmn") || o.startsWith("-Xms") || o.startsWith("-Xmx")
                || o.startsWith("-XX:NewSize=") || o.startsWith("-XX:MaxNewSize=")).toList();
    }

    /** This JVM's java and class path and heap sizes, offline, one PyTorch thread, with the passed-on properties. */
    private static List<String> javaCommand() {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.addAll(heapOptions(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()));
        command.add("-Dai.djl.offline=true");
        command.add("-Dai.djl.pytorch.num_threads=1");
        for (String property : PASSED_PROPERTIES) {
            String value = System.getProperty(property);
            if (value != null && !value.isEmpty()) {
                command.add("-D" + property + "=" + value);
            }
        }
        return command;
    }

    /**
     * The recipe a faithful run of the sweep has: the preset's published recipe, on the {@code --config} architecture when
     * the sweep has one (a sweep of another architecture under the same recipe counts its runs like the preset's).
     */
    static Recipe publishedRecipe(String preset, long seed, String modelConfig) {
        Recipe published = Recipe.forPreset(preset, seed);
        return modelConfig == null ? published : published.toBuilder().modelConfig(modelConfig).build();
    }

    /** The row of one seed, measuring its best checkpoint on AdderBoard. */
    private Row row(long seed, int exitCode, SlurmEngine.Task task, PrintWriter err) {
        Path dir = runDir(seed);
        String status;
        long grokStep = -1;
        double bestExact = -1;
        long bestStep = -1;
        double wall = -1;
        boolean ended = false;
        boolean faithful = false;
        if (TrainingRuns.holdsRun(dir)) {
            faithful = TrainingRuns.recipe(dir).equals(publishedRecipe(preset.id(), seed, modelConfig()));
        }
        if (Files.exists(RunFiles.summary(dir)) && (task == null || TrainingRuns.finished(dir))) {
            TrainingResult r = TrainingRuns.summary(dir);
            status = r.status().name();
            ended = r.ended();
            grokStep = r.grokStep();
            bestExact = r.bestStep() < 0 ? -1 : r.bestExact();
            bestStep = r.bestStep();
            wall = r.wallSeconds();
        } else if (task != null) {
            status = task.state().equals("PENDING") ? "QUEUED" : "RUNNING";
        } else if (!TrainingRuns.holdsRun(dir) && exitCode == 0) {
            status = "NOT_STARTED";
        } else {
            status = exitCode != 0 ? "FAILED (exit " + exitCode + ")" : "INCOMPLETE";
        }
        RunMetrics metrics = null;
        if (Files.isRegularFile(RunFiles.metrics(dir))) {
            try {
                metrics = RunMetrics.read(dir, "--out");
            } catch (IllegalArgumentException e) {
                message(err, "seed " + seed + ": " + e.getMessage());
            }
        }
        long stepsDone = metrics == null ? 0 : metrics.lastStep();
        double tokenAccuracy = metrics == null ? -1 : metrics.points().stream().filter(p -> !Double.isNaN(p.tokenAccuracy()))
                .reduce((first, second) -> second).map(RunMetrics.Point::tokenAccuracy).orElse(-1.0);
        if (bestStep < 0 && metrics != null && metrics.best().isPresent()) {
            bestExact = metrics.best().get().valExact();
            bestStep = metrics.best().get().step();
        }
        int passed = -1;
        Suite suite = Suite.adderBoard();
        Path best = RunFiles.bestCheckpoint(dir);
        if (ended && Files.isRegularFile(best)) {
            passed = adderBoardPassed(seed, best, suite, err);
        }
        boolean grokked = bestExact > grokThreshold;
        return new Row(seed, status, grokked, grokStep, bestExact, bestStep, passed, suite.size(), wall,
                dir.toAbsolutePath().normalize().toString(), faithful, ended, stepsDone, tokenAccuracy, testExact(dir));
    }

    /** The best checkpoint's exact match on the held-out test set ({@code test.json}), or -1. */
    private static double testExact(Path dir) {
        Path file = dir.resolve(RunFiles.TEST_FILE);
        if (!Files.isRegularFile(file)) {
            return -1;
        }
        try {
            return JsonParser.parseString(Files.readString(file)).getAsJsonObject().get("exact").getAsDouble();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * AdderBoard cases the checkpoint passes: measured, or taken from {@code adderboard.json} beside it when that was
     * measured on the same parameters (so that continuing a sweep does not measure ended runs again).
     */
    private static int adderBoardPassed(long seed, Path best, Suite suite, PrintWriter err) {
        Checkpoint checkpoint = CheckpointFormat.read(best);
        Path cache = best.getParent().getParent().resolve(ADDERBOARD_FILE);
        if (Files.isRegularFile(cache)) {
            try {
                JsonObject cached = JsonParser.parseString(Files.readString(cache)).getAsJsonObject();
                if (cached.get("checkpointSha256").getAsString().equals(checkpoint.parametersSha256())
                        && cached.get("total").getAsInt() == suite.size()) {
                    return cached.get("passed").getAsInt();
                }
            } catch (IOException | RuntimeException e) {
                message(err, "seed " + seed + ": ignoring unreadable " + cache + " (" + e.getMessage() + ")");
            }
        }
        SuiteResult result;
        try (AdderModel model = AdderModel.fromCheckpoint(checkpoint, best.toString())) {
            ProgressBar bar = ProgressBar.create("AdderBoard seed " + seed, suite.size(), err);
            result = new SuiteRunner(BatchOption.DEFAULT).run(suite, model.adder(BatchOption.DEFAULT), bar);
            bar.finish();
        }
        JsonObject record = new JsonObject();
        record.addProperty("checkpointSha256", checkpoint.parametersSha256());
        record.addProperty("suite", result.suite());
        record.addProperty("passed", result.passed());
        record.addProperty("total", result.total());
        RunFiles.writeAtomically(cache, RunFiles.GSON.toJson(record) + "\n");
        return result.passed();
    }

    /**
     * The table in Markdown: seed, status, faithful, steps, best val exact (step), token accuracy, grokked, grok step,
     * AdderBoard, test exact, wall time.
     */
    static String markdown(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| seed | status | faithful | steps | best val exact | token accuracy | grokked | grok step | AdderBoard | test exact "
                + "| wall time |\n");
        sb.append("|---:|---|---|---:|---:|---:|---|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %d | %s | %s | %d | %s | %s | %s | %s | %s | %s | %s |\n", r.seed(), r.status(),
                    r.status().equals("NOT_STARTED") ? "-" : r.faithful() ? "yes" : "no", r.steps(),
                    r.bestStep() < 0 ? "-" : String.format(Locale.ROOT, "%.4f (step %d)", r.bestExact(), r.bestStep()),
                    r.tokenAccuracy() < 0 ? "-" : String.format(Locale.ROOT, "%.4f", r.tokenAccuracy()),
                    r.grokked() ? "yes" : "no", r.grokStep() < 0 ? "-" : Long.toString(r.grokStep()),
                    r.adderBoardPassed() < 0 ? "-" : r.adderBoardPassed() + "/" + r.adderBoardTotal(),
                    r.testExact() < 0 ? "-" : String.format(Locale.ROOT, "%.4f", r.testExact()),
                    r.wallSeconds() < 0 ? "-" : TrainingRuns.duration(r.wallSeconds())));
        }
        return sb.toString();
    }

    private static Gson pretty() {
        return new GsonBuilder().setPrettyPrinting().serializeNulls().serializeSpecialFloatingPointValues().disableHtmlEscaping()
                .create();
    }
}
