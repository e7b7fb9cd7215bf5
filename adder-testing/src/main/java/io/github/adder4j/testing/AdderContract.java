package io.github.adder4j.testing;

import io.github.adder4j.core.eval.BatchAdder;
import io.github.adder4j.core.eval.Carries;
import io.github.adder4j.core.eval.Case;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * The property battery of an adder: implement {@link #adder()} in a test class and jqwik runs every property below
 * against it.
 *
 * <pre>{@code
 * class MyAdderProperties implements AdderContract {
 *     public Adder adder() { return AdderZoo.load("split-57"); }
 * }
 * }</pre>
 * 26 tries in all; each try sends a batch of 50 to 100 pairs to the adder in one call and checks every sum. The pairs come from
 * {@link AdditionArbitraries}: uniform pairs, carry chains of every length at every column, near-miss chains,
 * boundaries ({@code 10^k - 1}, {@code 10^k}, 0, 9999999999) and mixed digit lengths. jqwik's statistics report, per
 * property, how often each longest-carry-chain length occurred ({@code longest carry chain}); the chain property also
 * checks with jqwik's coverage that every length from 1 to 10 was tried. {@link #adder()} is called once per try, so
 * return a shared adder (e.g. {@code AdderZoo.load}) rather than a new model each time.
 */
public interface AdderContract {

    /**
     * The adder under test: an {@code io.github.adder4j.core.Adder} (a model's, e.g. {@code AdderZoo.load(ID)}, which
     * may be declared with that return type) or any other {@link BatchAdder}.
     *
     * @return the adder; called once per try
     */
    BatchAdder adder();

    /** Uniform pairs. */
    @Provide
    default Arbitrary<Case> uniformPairs() {
        return AdditionArbitraries.uniform();
    }

    /** Chains of every length at every column. */
    @Provide
    default Arbitrary<Case> carryChainPairs() {
        return AdditionArbitraries.carryChains();
    }

    /** Chains broken one column short. */
    @Provide
    default Arbitrary<Case> nearMissPairs() {
        return AdditionArbitraries.nearMissChains();
    }

    /** 10^k - 1, 10^k, 0, 1, 9999999999. */
    @Provide
    default Arbitrary<Case> boundaryPairs() {
        return AdditionArbitraries.boundaries();
    }

    /** Operands of 1 to 10 digits. */
    @Provide
    default Arbitrary<Case> mixedLengthPairs() {
        return AdditionArbitraries.mixedLengths();
    }

    /**
     * Uniform pairs add exactly.
     *
     * @param pairs one batch
     */
    @Property(tries = 5)
    default void addsUniformPairs(@ForAll @Size(min = 50, max = 100) List<@From("uniformPairs") Case> pairs) {
        AdderChecks.check(adder(), pairs);
    }

    /**
     * Carry chains of every length at every column add exactly; every length from 1 to 10 is covered.
     *
     * @param pairs one batch
     */
    @Property(tries = 10)
    default void addsCarryChainsOfEveryLength(
            @ForAll @Size(min = 50, max = 100) List<@From("carryChainPairs") Case> pairs) {
        AdderChecks.check(adder(), pairs);
        Statistics.label(AdderChecks.CHAIN_LABEL).coverage(checker -> {
            for (int length = 1; length <= Carries.COLUMNS; length++) {
                checker.check(length).count(c -> c > 0);
            }
        });
    }

    /**
     * Near-miss chains add exactly.
     *
     * @param pairs one batch
     */
    @Property(tries = 5)
    default void addsNearMissChains(@ForAll @Size(min = 50, max = 100) List<@From("nearMissPairs") Case> pairs) {
        AdderChecks.check(adder(), pairs);
    }

    /**
     * Boundary pairs add exactly.
     *
     * @param pairs one batch
     */
    @Property(tries = 3)
    default void addsBoundaries(@ForAll @Size(min = 50, max = 100) List<@From("boundaryPairs") Case> pairs) {
        AdderChecks.check(adder(), pairs);
    }

    /**
     * Operands of mixed digit lengths add exactly.
     *
     * @param pairs one batch
     */
    @Property(tries = 3)
    default void addsMixedLengths(@ForAll @Size(min = 50, max = 100) List<@From("mixedLengthPairs") Case> pairs) {
        AdderChecks.check(adder(), pairs);
    }
}
