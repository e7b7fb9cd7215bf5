package io.github.adder4j.testing;

import io.github.adder4j.core.eval.Carries;
import io.github.adder4j.core.eval.Case;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik arbitraries of operand pairs for property tests of anything that adds two numbers in [0, 9999999999].
 *
 * <p>Uniform pairs almost never hold a long carry chain (a carry survives a column only when its digits sum to 9 or
 * more, so a chain of length k has a probability of roughly 0.55^k), yet long chains are where learned adders fail.
 * So besides {@link #uniform()} there are pairs built column by column:
 * <ul>
 *   <li>{@link #carryChain(int, int)} / {@link #carryChains()}: a chain of exactly a given length starting at a given
 *       column: the bottom column sums to 10 or more, the ones above it to exactly 9, the column above the chain and the
 *       one below it to at most 8;</li>
 *   <li>{@link #nearMissChains()}: the same with one column inside the chain summing to 8, so the carry dies one column
 *       short;</li>
 *   <li>{@link #boundaries()}: {@code 10^k - 1}, {@code 10^k}, 0, 1 and 9999999999 against each other;</li>
 *   <li>{@link #mixedLengths()}: operands of independent digit lengths 1 to 10.</li>
 * </ul>
 * {@link #all()} mixes them. Pairs are {@link Case}s; {@link Carries#longestCarryChain(long, long)} measures one.
 */
public final class AdditionArbitraries {
    /** Digit columns of an operand. */
    public static final int COLUMNS = Carries.COLUMNS;

    private AdditionArbitraries() {
    }

    /** Uniform pairs in [0, 9999999999]. */
    public static Arbitrary<Case> uniform() {
        Arbitrary<Long> operand = Arbitraries.longs().between(0, Case.MAX_OPERAND);
        return Combinators.combine(operand, operand).as(Case::new);
    }

    /**
     * Pairs whose longest carry chain is exactly {@code length} columns, starting at column {@code start} (0 = units).
     *
     * @param start  the chain's lowest column, in [0, 9]
     * @param length the chain's length, in [1, 10 - start]
     * @return pairs with digits drawn at random within those constraints
     * @throws IllegalArgumentException when the chain does not fit in ten columns
     */
    public static Arbitrary<Case> carryChain(int start, int length) {
        if (start < 0 || start >= COLUMNS) {
            throw new IllegalArgumentException("start must be in [0, " + (COLUMNS - 1) + "]: " + start);
        }
        if (length < 1 || start + length > COLUMNS) {
            throw new IllegalArgumentException("length must be in [1, " + (COLUMNS - start) + "] for start " + start + ": "
                    + length);
        }
        return columns(start, length, -1);
    }

    /** Chains of every length at every column: a length in [1, 10] (each equally likely), then a start where it fits. */
    public static Arbitrary<Case> carryChains() {
        return Arbitraries.integers().between(1, COLUMNS).flatMap(length ->
                Arbitraries.integers().between(0, COLUMNS - length).flatMap(start -> carryChain(start, length)));
    }

    /**
     * Chains of two or more columns broken one column short: a column inside the chain sums to 8, so the carry stops
     * there and the columns above it do not carry.
     */
    public static Arbitrary<Case> nearMissChains() {
        return Arbitraries.integers().between(0, COLUMNS - 2).flatMap(start ->
                Arbitraries.integers().between(2, COLUMNS - start).flatMap(length ->
                        Arbitraries.integers().between(start + 1, start + length - 1).flatMap(broken ->
                                columns(start, length, broken))));
    }

    /** {@code 10^k - 1}, {@code 10^k} (k = 1 to 9), 0, 1 and 9999999999, against each other. */
    public static Arbitrary<Case> boundaries() {
        List<Long> values = new ArrayList<>(List.of(0L, 1L, Case.MAX_OPERAND));
        long p = 10;
        for (int k = 1; k < COLUMNS; k++, p *= 10) {
            values.add(p - 1);
            values.add(p);
        }
        return Combinators.combine(Arbitraries.of(values), Arbitraries.of(values)).as(Case::new);
    }

    /** Operands with independent digit lengths 1 to 10 (a length-1 operand may be 0). */
    public static Arbitrary<Case> mixedLengths() {
        Arbitrary<Long> operand = Arbitraries.integers().between(1, COLUMNS).flatMap(digits -> digits == 1
                ? Arbitraries.longs().between(0, 9)
                : Arbitraries.longs().between(pow10(digits - 1), pow10(digits) - 1));
        return Combinators.combine(operand, operand).as(Case::new);
    }

    /** All of the above: uniform 20 %, carry chains 35 %, near misses 20 %, boundaries 10 %, mixed lengths 15 %. */
    public static Arbitrary<Case> all() {
        return Arbitraries.frequencyOf(Tuple.of(20, uniform()), Tuple.of(35, carryChains()), Tuple.of(20, nearMissChains()),
                Tuple.of(10, boundaries()), Tuple.of(15, mixedLengths()));
    }

    /** Column digits: generate at start, propagate (sum 9) above it, kill (sum <= 8) at {@code broken} and outside. */
    private static Arbitrary<Case> columns(int start, int length, int broken) {
        Arbitrary<int[]> generate = Arbitraries.integers().between(1, 9)
                .flatMap(a -> Arbitraries.integers().between(10 - a, 9).map(b -> new int[] {a, b}));
        Arbitrary<int[]> propagate = Arbitraries.integers().between(0, 9).map(a -> new int[] {a, 9 - a});
        Arbitrary<int[]> kill = Arbitraries.integers().between(0, 8)
                .flatMap(a -> Arbitraries.integers().between(0, 8 - a).map(b -> new int[] {a, b}));
        Arbitrary<int[]> nearMiss = Arbitraries.integers().between(0, 8).map(a -> new int[] {a, 8 - a});
        List<Arbitrary<int[]>> perColumn = new ArrayList<>();
        for (int col = 0; col < COLUMNS; col++) {
            boolean inChain = col >= start && col < start + length;
            perColumn.add(col == broken ? nearMiss : col == start ? generate : inChain ? propagate : kill);
        }
        return Combinators.combine(perColumn).as(AdditionArbitraries::fromColumns);
    }

    private static Case fromColumns(List<int[]> columns) {
        long a = 0;
        long b = 0;
        for (int col = columns.size() - 1; col >= 0; col--) {
            a = a * 10 + columns.get(col)[0];
            b = b * 10 + columns.get(col)[1];
        }
        return new Case(a, b);
    }

    private static long pow10(int k) {
        long p = 1;
        for (int i = 0; i < k; i++) {
            p *= 10;
        }
        return p;
    }
}
