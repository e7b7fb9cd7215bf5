package io.github.adder4j.examples;

import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.Preset;
import io.github.adder4j.core.eval.Failure;
import io.github.adder4j.core.eval.Suite;
import io.github.adder4j.core.eval.SuiteResult;
import io.github.adder4j.core.eval.SuiteRunner;
import java.io.PrintStream;

/**
 * Verifies the hand-coded 10-parameter RoPE period-19 model ({@link Preset#ROPE19_10}) on AdderBoard's test set: the ten
 * edge cases and the 10,000 pairs of CPython's {@code random.Random(2025)}, reproduced in Java. A case passes iff the
 * model's answer equals {@code a + b} exactly. Another suite can be named on the command line ({@code carry},
 * {@code random:SEED:N}).
 *
 * <pre>
 * java -Dai.djl.offline=true -cp adder-examples/target/adder.jar io.github.adder4j.examples.VerifyAdderBoardExample [SUITE]
 * </pre>
 */
public final class VerifyAdderBoardExample {
    private VerifyAdderBoardExample() { }

    /** Failures printed at most. */
    static final int SHOWN_FAILURES = 10;

    /** Runs {@code suite} on the hand-coded model and prints its size, the first failures and the summary line last. */
    public static SuiteResult run(Suite suite, PrintStream out) {
        try (AdderModel model = Preset.ROPE19_10.create()) {
            out.println(Preset.ROPE19_10.id() + ": " + model.parameterReport().uniqueParameters() + " parameters, "
                    + suite.size() + " cases in suite " + suite.name());
            SuiteResult result = new SuiteRunner().run(suite, model.adder());
            for (Failure f : result.failures().subList(0, Math.min(SHOWN_FAILURES, result.failures().size()))) {
                out.println(f);
            }
            out.println(result.summaryLine());
            return result;
        }
    }

    /** {@code [SUITE]}, default {@code adderboard}. */
    public static void main(String[] args) {
        if (args.length > 1) {
            throw new IllegalArgumentException("arguments must be [SUITE]: " + String.join(" ", args));
        }
        run(args.length == 1 ? Suite.parse(args[0]) : Suite.adderBoard(), System.out);
    }
}
