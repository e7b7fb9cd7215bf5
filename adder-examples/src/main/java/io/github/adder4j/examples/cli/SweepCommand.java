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
import io.github.adder4j.train.Recipe;
import io.github.adder4j.train.RunFiles;
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
     * @param status           the run's status, or FAILED/INCOMPLETE when it has no summary
     * @param grokked          whether the grokking detector fired
     * @param grokStep         the grokking step, or -1
     * @param bestExact        best validation exact match, or -1 without an evaluation
     * @param bestStep         its step, or -1
     * @param adderBoardPassed AdderBoard cases passed by the best checkpoint, or -1 without one
     * @param adderBoardTotal  AdderBoard cases
     * @param wallSeconds      training wall time, or -1
     * @param runDir           the run directory
     */
    record Row(long seed, String status, boolean grokked, long grokStep, double bestExact, long bestStep, int adderBoardPassed,
               int adderBoardTotal, double wallSeconds, String runDir) { }

    /** Runs the sweep and prints the table. */
    @Override
    public Integer call() throws InterruptedException {
        SeedRange range;
        try {
            range = SeedRange.parse(seeds);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (jobs < 0) {
            throw new ParameterException(spec.commandLine(), "--jobs must not be negative: " + jobs);
        }
        int parallel = jobs == 0 ? Runtime.getRuntime().availableProcessors() : jobs;
        PrintWriter err = spec.commandLine().getErr();
        List<Long> all = range.seeds();
        List<Long> toRun = new ArrayList<>();
        int ended = 0;
        int resumed = 0;
        for (long seed : all) {
            Recipe recipe = new RecipeOverrides().option("--steps", "steps", steps).sets(sets)
                    .applyTo(Recipe.forPreset(preset.id(), seed));
            Path dir = runDir(seed);
            if (TrainingRuns.holdsRun(dir)) {
                if (!TrainingRuns.recipe(dir).equals(recipe)) {
                    throw new ParameterException(spec.commandLine(), "--out " + out + ": " + dir.getFileName()
                            + " holds a run with a different recipe; choose another --out");
                }
                if (TrainingRuns.finished(dir)) {
                    ended++;
                    continue;
                }
                resumed++;
            }
            toRun.add(seed);
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out, e);
        }
        err.println(String.format(Locale.ROOT, "sweep %s, seeds %d..%d: %d to train (%d to resume), %d already ended; %d at a time",
                preset.id(), range.first(), range.last(), toRun.size(), resumed, ended, parallel));
        err.flush();
        Map<Long, Integer> exitCodes = runChildren(toRun, parallel, err);
        List<Row> rows = new ArrayList<>();
        for (long seed : all) {
            rows.add(row(seed, exitCodes.getOrDefault(seed, 0), err));
        }
        String table = markdown(rows);
        RunFiles.writeAtomically(out.resolve("sweep.md"), "# Sweep: " + preset.id() + ", seeds " + range.first() + ".." + range.last()
                + "\n\n" + table);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("preset", preset.id());
        json.put("seeds", range.first() + ".." + range.last());
        json.put("steps", steps);
        json.put("set", sets);
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

    private Path runDir(long seed) {
        return out.resolve("seed-" + seed);
    }

    /** Runs {@code adder train} (or {@code --resume}) for each seed in child JVMs, at most {@code parallel} at a time. */
    private Map<Long, Integer> runChildren(List<Long> seedsToRun, int parallel, PrintWriter err) throws InterruptedException {
        Map<Long, Integer> exitCodes = new ConcurrentHashMap<>();
        if (seedsToRun.isEmpty()) {
            return exitCodes;
        }
        Set<Process> live = ConcurrentHashMap.newKeySet();
        Thread killer = new Thread(() -> live.forEach(Process::destroy), "adder-sweep-children");
        Runtime.getRuntime().addShutdownHook(killer);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, seedsToRun.size()));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (long seed : seedsToRun) {
                futures.add(pool.submit(() -> {
                    exitCodes.put(seed, runChild(seed, live, err));
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
        List<String> command = childCommand(seed, dir);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        String what = TrainingRuns.holdsRun(dir) ? "resuming" : "started";
        long started = System.nanoTime();
        Process process = pb.start();
        live.add(process);
        message(err, String.format(Locale.ROOT, "seed %d: %s (pid %d), log %s", seed, what, process.pid(), log));
        try {
            int code = process.waitFor();
            message(err, String.format(Locale.ROOT, "seed %d: exit %d after %s", seed, code,
                    TrainingRuns.duration((System.nanoTime() - started) / 1e9)));
            return code;
        } finally {
            live.remove(process);
            process.destroy();
        }
    }

    private static void message(PrintWriter err, String line) {
        synchronized (err) {
            err.println(line);
            err.flush();
        }
    }

    /** The child JVM's command: this JVM's java and class path, offline, one PyTorch thread, {@code adder train}. */
    List<String> childCommand(long seed, Path dir) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-Dai.djl.offline=true");
        command.add("-Dai.djl.pytorch.num_threads=1");
        for (String property : PASSED_PROPERTIES) {
            String value = System.getProperty(property);
            if (value != null && !value.isEmpty()) {
                command.add("-D" + property + "=" + value);
            }
        }
        command.add(AdderCli.class.getName());
        command.add("train");
        if (TrainingRuns.holdsRun(dir)) {
            command.add("--resume");
            command.add(dir.toString());
            return command;
        }
        command.addAll(List.of("--preset", preset.id(), "--seed", Long.toString(seed), "--out", dir.toString()));
        if (steps != null) {
            command.addAll(List.of("--steps", steps.toString()));
        }
        for (Map.Entry<String, String> e : sets.entrySet()) {
            command.addAll(List.of("--set", e.getKey() + "=" + e.getValue()));
        }
        return command;
    }

    /** The row of one seed, measuring its best checkpoint on AdderBoard. */
    private Row row(long seed, int exitCode, PrintWriter err) {
        Path dir = runDir(seed);
        String status;
        long grokStep = -1;
        double bestExact = -1;
        long bestStep = -1;
        double wall = -1;
        if (TrainingRuns.finished(dir)) {
            TrainingResult r = TrainingRuns.summary(dir);
            status = r.status().name();
            grokStep = r.grokStep();
            bestExact = r.bestStep() < 0 ? -1 : r.bestExact();
            bestStep = r.bestStep();
            wall = r.wallSeconds();
        } else {
            status = exitCode != 0 ? "FAILED (exit " + exitCode + ")" : "INCOMPLETE";
        }
        int passed = -1;
        Suite suite = Suite.adderBoard();
        Path best = RunFiles.bestCheckpoint(dir);
        if (Files.isRegularFile(best)) {
            passed = adderBoardPassed(seed, best, suite, err);
        }
        return new Row(seed, status, grokStep >= 0, grokStep, bestExact, bestStep, passed, suite.size(), wall,
                dir.toAbsolutePath().normalize().toString());
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

    /** The table in Markdown: seed, status, grokked, grok step, best val exact, AdderBoard, wall time. */
    static String markdown(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| seed | status | grokked | grok step | best val exact | AdderBoard | wall time |\n");
        sb.append("|---:|---|---|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s |\n", r.seed(), r.status(),
                    r.grokked() ? "yes" : "no", r.grokStep() < 0 ? "-" : Long.toString(r.grokStep()),
                    r.bestStep() < 0 ? "-" : String.format(Locale.ROOT, "%.4f (step %d)", r.bestExact(), r.bestStep()),
                    r.adderBoardPassed() < 0 ? "-" : r.adderBoardPassed() + "/" + r.adderBoardTotal(),
                    r.wallSeconds() < 0 ? "-" : TrainingRuns.duration(r.wallSeconds())));
        }
        return sb.toString();
    }

    private static Gson pretty() {
        return new GsonBuilder().setPrettyPrinting().serializeNulls().serializeSpecialFloatingPointValues().disableHtmlEscaping()
                .create();
    }
}
