package io.github.adder4j.examples.cli;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.eval.Failure;
import io.github.adder4j.core.eval.Suite;
import io.github.adder4j.core.eval.SuiteResult;
import io.github.adder4j.core.eval.SuiteRunner;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
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
 * ({@code AdderBoard: P/10010 passed}). Failing cases are a measurement, not an error: the exit code is 0, unless
 * {@code --fail-under PERCENT} is given and fewer cases passed (exit 1, for CI pipelines). {@code --json} prints one JSON
 * object instead ({@code model}, {@code suite}, {@code passed}, {@code total}, {@code accuracy}, {@code failures} (the
 * first {@code --show-failures} of them), {@code failuresShown}, {@code wallSeconds} and, with {@code --fail-under},
 * {@code failUnder} and {@code belowThreshold}).
 */
@Command(name = "verify", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        versionProvider = VersionProvider.class,
        description = {"Run a test suite on a model; print failures and, last, the pass count.",
            "Exit 0 even if cases fail, unless --fail-under is given and fewer pass (exit 1)."})
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

    @Option(names = "--fail-under", paramLabel = "PERCENT",
            description = "Exit with 1 when less than PERCENT %% of the cases pass (0 to 100), e.g. 99 for the zoo's bar.")
    private Double failUnder;

    @Option(names = "--json", description = "Print one JSON object (counts, accuracy, the first failures) instead of text.")
    private boolean json;

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
        if (failUnder != null && !(failUnder >= 0 && failUnder <= 100)) {
            throw new ParameterException(spec.commandLine(), "--fail-under must be a percentage in [0, 100]: " + failUnder);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (model.zooId().isPresent() && io.github.adder4j.zoo.ImageZoo.contains(model.zooId().get())) {
            return verifyImageEntry(out, model.zooId().get());
        }
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
        List<Failure> shown = failures.subList(0, Math.min(showFailures, failures.size()));
        boolean below = failUnder != null && result.passed() * 100.0 < failUnder * result.total();
        if (json) {
            out.println(json(result, shown, below));
        } else {
            for (Failure f : shown) {
                out.println(f);
            }
            if (failures.size() > showFailures) {
                out.println("... and " + (failures.size() - showFailures) + " more failures");
            }
            out.println(result.summaryLine());
        }
        out.flush();
        if (below) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("error: " + result.passed() + "/" + result.total() + " passed ("
                    + String.format(Locale.ROOT, "%.2f", 100.0 * result.passed() / result.total()) + " %) is below --fail-under "
                    + failUnder);
            err.flush();
            return 1;
        }
        return 0;
    }

    /**
     * An image entry of the zoo: its accuracy on the embedded test digits per class, the claim of the index, and last
     * {@code mnist test: P/N correct}; exit 1 when the measurement differs from the claim, or with --fail-under when it is
     * below.
     */
    private int verifyImageEntry(PrintWriter out, String id) {
        if (!suite.name().equals(Suite.adderBoard().name()) || json) {
            throw new ParameterException(spec.commandLine(), "zoo entry " + id + " classifies images: --suite and --json do not apply");
        }
        io.github.adder4j.zoo.ImageZooEntry entry = io.github.adder4j.zoo.ImageZoo.entry(id);
        io.github.adder4j.core.vision.ImageSet test = io.github.adder4j.core.vision.Digits.embeddedTest();
        io.github.adder4j.core.vision.Predictions p;
        try (io.github.adder4j.core.vision.VitModel vit = io.github.adder4j.zoo.ImageZoo.loadModel(id)) {
            p = io.github.adder4j.core.vision.Predictions.of(vit, test);
        }
        int[][] m = p.confusion();
        out.println("digit  correct/total");
        for (int d = 0; d < p.classes(); d++) {
            int total = java.util.Arrays.stream(m[d]).sum();
            out.println(String.format(Locale.ROOT, "%5d  %d/%d", d, m[d][d], total));
        }
        out.println("claimed by the zoo index: " + entry.test() + " (" + entry.date() + ")");
        out.println(p.summaryLine("mnist"));
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        if (p.correct() != entry.test().passed() || p.total() != entry.test().total()) {
            err.println("error: zoo entry " + id + " measures " + p.correct() + "/" + p.total() + " but claims " + entry.test());
            err.flush();
            return 1;
        }
        if (failUnder != null && p.correct() * 100.0 < failUnder * p.total()) {
            err.println("error: " + p.correct() + "/" + p.total() + " correct ("
                    + String.format(Locale.ROOT, "%.2f", 100.0 * p.correct() / p.total()) + " %) is below --fail-under " + failUnder);
            err.flush();
            return 1;
        }
        return 0;
    }

    private String json(SuiteResult result, List<Failure> shown, boolean below) {
        JsonObject o = new JsonObject();
        o.addProperty("model", model.name());
        o.addProperty("suite", result.suite());
        o.addProperty("passed", result.passed());
        o.addProperty("total", result.total());
        o.addProperty("accuracy", result.accuracy());
        JsonArray list = new JsonArray();
        for (Failure f : shown) {
            JsonObject x = new JsonObject();
            x.addProperty("a", f.a());
            x.addProperty("b", f.b());
            x.addProperty("expected", f.expected());
            x.addProperty("got", f.got());
            list.add(x);
        }
        o.add("failures", list);
        o.addProperty("failuresShown", shown.size());
        o.addProperty("wallSeconds", result.wallTime().toMillis() / 1000.0);
        if (failUnder != null) {
            o.addProperty("failUnder", failUnder);
            o.addProperty("belowThreshold", below);
        }
        return new Gson().toJson(o);
    }
}
