package io.github.adder4j.testing;

import io.github.adder4j.core.eval.BatchAdder;
import io.github.adder4j.core.eval.Carries;
import io.github.adder4j.core.eval.Case;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.statistics.Statistics;

/**
 * Runs a batch of pairs through an adder, records each pair's longest carry chain in jqwik's statistics, and fails on
 * the first wrong sums with every wrong pair listed.
 */
public final class AdderChecks {
    /** The statistics label of the longest carry chain of each pair. */
    public static final String CHAIN_LABEL = "longest carry chain";

    private AdderChecks() {
    }

    /**
     * Adds every pair in one batch and checks the sums.
     *
     * @param adder the adder under test
     * @param pairs the pairs
     * @throws AssertionError listing the wrong sums ({@code a + b = expected, got actual})
     */
    public static void check(BatchAdder adder, List<Case> pairs) {
        long[] a = new long[pairs.size()];
        long[] b = new long[pairs.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = pairs.get(i).a();
            b[i] = pairs.get(i).b();
            Statistics.label(CHAIN_LABEL).collect(Carries.longestCarryChain(a[i], b[i]));
        }
        long[] sums = a.length == 0 ? new long[0] : adder.add(a, b);
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            if (sums[i] != a[i] + b[i]) {
                wrong.add(a[i] + " + " + b[i] + " = " + (a[i] + b[i]) + ", got " + sums[i]);
            }
        }
        if (!wrong.isEmpty()) {
            throw new AssertionError(wrong.size() + " of " + a.length + " sums wrong: " + String.join("; ", wrong));
        }
    }
}
