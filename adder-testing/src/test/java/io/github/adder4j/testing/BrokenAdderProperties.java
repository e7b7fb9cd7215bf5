package io.github.adder4j.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adder4j.core.eval.BatchAdder;
import io.github.adder4j.core.eval.Carries;
import io.github.adder4j.core.eval.Case;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * An adder that is exact except on carry chains of 7 or more columns (as a learned adder that never saw long chains):
 * uniform pairs rarely expose it, the carry-chain arbitrary always does.
 */
class BrokenAdderProperties {
    /** Drops the carry out of the top column of every chain of 7 or more. */
    private static final BatchAdder SHORT_CHAINS_ONLY = (a, b) -> {
        long[] sums = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            sums[i] = a[i] + b[i] - (Carries.longestCarryChain(a[i], b[i]) >= 7 ? 1 : 0);
        }
        return sums;
    };

    @Provide
    Arbitrary<Case> chains() {
        return AdditionArbitraries.carryChains();
    }

    @Provide
    Arbitrary<Case> uniform() {
        return AdditionArbitraries.uniform();
    }

    @Property(tries = 5, edgeCases = EdgeCasesMode.NONE)
    void theCarryChainArbitraryExposesIt(@ForAll @Size(200) List<@From("chains") Case> pairs) {
        long exposing = pairs.stream().filter(p -> Carries.longestCarryChain(p.a(), p.b()) >= 7).count();
        assertTrue(exposing > 40, exposing + " of 200 have a chain of 7 or more (expected about 80)");
        AssertionError e = assertThrows(AssertionError.class, () -> AdderChecks.check(SHORT_CHAINS_ONLY, pairs));
        assertTrue(e.getMessage().startsWith(exposing + " of 200 sums wrong: "), e.getMessage());
    }

    @Property(tries = 5, edgeCases = EdgeCasesMode.NONE)
    void uniformPairsRarelyDo(@ForAll @Size(200) List<@From("uniform") Case> pairs) {
        long exposing = pairs.stream().filter(p -> Carries.longestCarryChain(p.a(), p.b()) >= 7).count();
        // a chain of 7 or more needs 7 carrying columns in a row: a few percent of uniform pairs
        assertTrue(exposing < 40, exposing + " of 200");
    }
}
