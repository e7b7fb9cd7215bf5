package io.github.adder4j.examples.cli;

import io.github.adder4j.core.Adder;
import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.eval.Suite;
import io.github.adder4j.core.eval.SuiteResult;
import io.github.adder4j.core.eval.SuiteRunner;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code adder bench eval}: decodes all 10,010 AdderBoard cases once to warm up, then {@code --repeat} timed times;
 * reports the best and the median run, the AdderBoard summary, and last {@code eval: 10010 cases in X s} (best run).
 */
@Command(name = "eval", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        versionProvider = VersionProvider.class,
        description = "Time decoding all 10,010 AdderBoard cases: one warm-up, then R timed runs (best and median).")
public final class BenchEvalCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelOptions model;

    @Mixin
    private BatchOption batch;

    @Option(names = "--repeat", paramLabel = "R", defaultValue = "3", description = "Timed runs after the warm-up.")
    private int repeat;

    @Option(names = "--no-cache", description = "Recompute the whole prefix at every decoding step (the reference) instead of "
            + "continuing from cached keys and values.")
    private boolean noCache;

    /** Creates the command (picocli instantiates it). */
    public BenchEvalCommand() {
        // fields are injected by picocli
    }

    /** Warms up, times the runs and prints the results. */
    @Override
    public Integer call() {
        if (repeat < 1) {
            throw new ParameterException(spec.commandLine(), "--repeat must be positive: " + repeat);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Suite suite = Suite.adderBoard();
        SuiteRunner runner = new SuiteRunner(batch.batch());
        double[] seconds = new double[repeat];
        SuiteResult result;
        try (AdderModel m = model.open()) {
            Adder adder = noCache ? m.recomputingAdder(batch.batch()) : m.adder(batch.batch());
            long t0 = System.nanoTime();
            result = runner.run(suite, adder);
            err.println(String.format(Locale.ROOT, "warm-up: %.3f s", (System.nanoTime() - t0) / 1e9));
            err.flush();
            for (int i = 0; i < repeat; i++) {
                long start = System.nanoTime();
                SuiteResult run = runner.run(suite, adder);
                seconds[i] = (System.nanoTime() - start) / 1e9;
                err.println(String.format(Locale.ROOT, "run %d/%d: %.3f s", i + 1, repeat, seconds[i]));
                err.flush();
                if (run.passed() != result.passed()) {
                    throw new IllegalStateException("decoding is not deterministic: run " + (i + 1) + " gave "
                            + run.summaryLine() + ", the warm-up " + result.summaryLine());
                }
            }
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        out.println(String.format(Locale.ROOT, "%s, batch %d%s: best %.3f s, median %.3f s over %d runs",
                model.name(), batch.batch(), noCache ? ", recomputing every prefix" : "", sorted[0], median(sorted), repeat));
        out.println(result.summaryLine());
        out.println(String.format(Locale.ROOT, "eval: %d cases in %.3f s", suite.size(), sorted[0]));
        out.flush();
        return 0;
    }

    /** The median of sorted values (the mean of the middle two for an even count). */
    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
