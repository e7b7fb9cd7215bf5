package io.github.adder4j.examples.cli;

import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.eval.Failure;
import io.github.adder4j.core.eval.Suite;
import io.github.adder4j.core.eval.SuiteResult;
import io.github.adder4j.core.eval.SuiteRunner;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code adder verify}: runs a suite on a model, prints the first failures and, as the last line, the suite's summary
 * ({@code AdderBoard: P/10010 passed}). Failing cases are a measurement, not an error: the exit code is 0.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        versionProvider = VersionProvider.class,
        description = "Run a test suite on a model; print failures and, last, the pass count (exit 0 even if cases fail).")
public final class VerifyCommand implements Callable<Integer> {

    /** Suites with at least this many cases show progress on stderr. */
    static final int PROGRESS_THRESHOLD = 1000;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelOptions model;

    @Option(names = "--suite", paramLabel = "SUITE", defaultValue = "adderboard", converter = Converters.SuiteConverter.class,
            description = "Test suite: " + Suite.ACCEPTED_FORMS + ".")
    private Suite suite;

    @Mixin
    private BatchOption batch;

    @Option(names = "--show-failures", paramLabel = "N", defaultValue = "20",
            description = "Print at most N failing cases.")
    private int showFailures;

    /** Creates the command (picocli instantiates it). */
    public VerifyCommand() {
        // fields are injected by picocli
    }

    /** Runs the suite and prints failures and summary. */
    @Override
    public Integer call() {
        if (showFailures < 0) {
            throw new ParameterException(spec.commandLine(), "--show-failures must not be negative: " + showFailures);
        }
        PrintWriter out = spec.commandLine().getOut();
        SuiteResult result;
        try (AdderModel m = model.open()) {
            ProgressBar bar = suite.size() >= PROGRESS_THRESHOLD
                    ? ProgressBar.create(suite.name(), suite.size(), spec.commandLine().getErr()) : null;
            IntConsumer progress = bar != null ? bar : done -> { };
            progress.accept(0);
            result = new SuiteRunner(batch.batch()).run(suite, m.adder(batch.batch()), progress);
            if (bar != null) {
                bar.finish();
            }
        }
        List<Failure> failures = result.failures();
        for (Failure f : failures.subList(0, Math.min(showFailures, failures.size()))) {
            out.println(f);
        }
        if (failures.size() > showFailures) {
            out.println("... and " + (failures.size() - showFailures) + " more failures");
        }
        out.println(result.summaryLine());
        out.flush();
        return 0;
    }
}
