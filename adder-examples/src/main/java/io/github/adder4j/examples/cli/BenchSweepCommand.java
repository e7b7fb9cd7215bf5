package io.github.adder4j.examples.cli;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.github.adder4j.train.Population;
import io.github.adder4j.train.Recipe;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code adder bench sweep}: seeds per hour. Trains N seeds of a preset's recipe for the same steps twice, on the same
 * PyTorch thread budget: each seed as its own trainer (what a sweep with one JVM per seed does, minus the JVMs'
 * start-up), and all N together as one {@link Population}, in alternating turns of {@code --block} steps
 * ({@link Population#benchmarkInterleaved}: the speed of a shared machine drifts, and both sides then see the same drift).
 * Prints both throughputs in seed-steps per second, then where one seed-step's time goes on each side (batch, forward,
 * backward, update: {@link io.github.adder4j.train.StepTimes}); the last line is {@code sweep speedup: R}, R = population throughput /
 * one-at-a-time throughput. With {@code --repeat}, the whole measurement runs that many times and the one with the median
 * ratio is reported. Nothing is written to disk.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        versionProvider = VersionProvider.class,
        description = {"Seed-steps per second of N seeds trained one at a time versus together as one population (same "
                + "seeds, same steps, same threads; nothing written). Last line: sweep speedup: R."})
public final class BenchSweepCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private PresetOption preset;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "8", description = "Seeds 1..N.")
    private int seeds;

    @Option(names = "--batch", paramLabel = "B", description = "Examples per step. Default: the preset recipe's.")
    private Integer batch;

    @Option(names = "--steps", paramLabel = "K", defaultValue = "100", description = "Timed steps of each seed.")
    private int steps;

    @Option(names = "--warmup", paramLabel = "W", defaultValue = "20", description = "Untimed steps first, in each measurement.")
    private int warmup;

    @Option(names = "--block", paramLabel = "S", defaultValue = "10",
            description = "Timed steps per turn: each seed alone for S steps, then the population for S steps, and again.")
    private int block;

    @Option(names = "--repeat", paramLabel = "R", defaultValue = "1",
            description = "Whole measurements; the one with the median ratio is reported.")
    private int repeat;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "1",
            description = "PyTorch intra-op threads for both measurements (a sweep runs each JVM at 1 thread, one per core).")
    private int threads;

    @Option(names = "--set", paramLabel = "FIELD=VALUE", showDefaultValue = Help.Visibility.NEVER,
            description = "Set any recipe field by name (repeatable).")
    private Map<String, String> sets = new LinkedHashMap<>();

    @Option(names = "--profile", paramLabel = "FILE",
            description = "After timing, run the population's steps again under PyTorch's operator profiler: write its Chrome "
                    + "trace to FILE and print the operators with the most self time per population step.")
    private java.nio.file.Path profile;

    /** Creates the command (picocli instantiates it). */
    public BenchSweepCommand() {
        // fields are injected by picocli
    }

    /** Times both ways and prints the figures. */
    @Override
    public Integer call() {
        if (seeds < 1) {
            throw new ParameterException(spec.commandLine(), "--seeds must be positive: " + seeds);
        }
        if (steps < 1) {
            throw new ParameterException(spec.commandLine(), "--steps must be positive: " + steps);
        }
        if (warmup < 0) {
            throw new ParameterException(spec.commandLine(), "--warmup must not be negative: " + warmup);
        }
        if (block < 1) {
            throw new ParameterException(spec.commandLine(), "--block must be positive: " + block);
        }
        if (repeat < 1) {
            throw new ParameterException(spec.commandLine(), "--repeat must be positive: " + repeat);
        }
        if (threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be positive: " + threads);
        }
        if (batch != null && batch < 1) {
            throw new ParameterException(spec.commandLine(), "--batch must be positive: " + batch);
        }
        List<Recipe> recipes = new ArrayList<>();
        for (long seed = 1; seed <= seeds; seed++) {
            Recipe base = Recipe.forPreset(preset.preset().id(), seed);
            recipes.add(new RecipeOverrides()
                    .option("--batch", "batchSize", batch)
                    .option("--steps", "steps", Math.max(base.schedule().steps(), warmup + steps))
                    .sets(sets)
                    .applyTo(base));
        }
        PrintWriter out = spec.commandLine().getOut();
        Engine.getInstance();
        int before = JniUtils.getNumThreads();
        Population.Interleaved[] pairs = new Population.Interleaved[repeat];
        JniUtils.setNumThreads(threads);
        try {
            for (int k = 0; k < repeat; k++) {
                pairs[k] = Population.benchmarkInterleaved(recipes, warmup, steps, block);
            }
        } finally {
            JniUtils.setNumThreads(before);
        }
        java.util.Arrays.sort(pairs, java.util.Comparator.comparingDouble(Population.Interleaved::speedup));
        Population.Interleaved median = pairs[repeat / 2];
        double aloneMs = median.aloneMs();
        double populationMs = median.populationMs();
        if (profile != null) {
            JniUtils.setNumThreads(threads);
            try {
                // the profiled run repeats warm-up and timed steps; the table is per population step of both
                OperatorProfile.run(() -> Population.benchmark(recipes, warmup, steps), profile, warmup + steps,
                        "step", 16, out);
            } finally {
                JniUtils.setNumThreads(before);
            }
        }
        double alone = 1000 / aloneMs;
        double together = seeds * 1000 / populationMs;
        out.println(String.format(Locale.ROOT, "%s, batch %d, %d thread%s, seeds 1..%d, %d timed steps each (after %d warm-up), turns of %d%s",
                preset.preset().id(), recipes.get(0).data().batchSize(), threads, threads == 1 ? "" : "s", seeds, steps, warmup, block,
                repeat == 1 ? "" : String.format(Locale.ROOT, "; the median of %d measurements", repeat)));
        out.println(String.format(Locale.ROOT, "one at a time: %.2f ms/step per seed, %.1f seed-steps/s", aloneMs, alone));
        out.println(String.format(Locale.ROOT, "population of %d: %.2f ms/step for all, %.1f seed-steps/s", seeds, populationMs, together));
        out.println("per seed-step alone: " + median.alone());
        out.println("per seed-step in the population: " + median.population().perSeed(seeds));
        out.println(String.format(Locale.ROOT, "sweep speedup: %.2f", median.speedup()));
        out.flush();
        return 0;
    }
}
