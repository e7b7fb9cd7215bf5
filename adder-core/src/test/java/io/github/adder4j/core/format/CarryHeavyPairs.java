package io.github.adder4j.core.format;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.util.List;

/**
 * Operand pairs for property tests of anything that adds, biased towards long carry chains.
 *
 * <p>Uniform random 10-digit pairs almost never contain a long carry chain (a carry has to survive a column whose
 * digits sum to 9 or more, so a chain of length k has probability of roughly 0.55^k), yet long chains are exactly where
 * adders fail. {@link #arbitrary()} therefore mixes five sources:
 * <ul>
 *   <li>uniform pairs in [0, 9999999999] (about 20 %);</li>
 *   <li>column pairs: every digit column independently sums to 9 or more with probability 0.85, so carries tend to
 *       ripple through many columns (about 30 %);</li>
 *   <li>{@code 10^k - 1 + small}: a run of k nines plus a number of at most k digits whose lowest digit is not zero,
 *       in either order, e.g. {@code 9999999999 + 1} (about 20 %);</li>
 *   <li>a run of nines at a random column range of one uniform operand, with a carry forced at the bottom of the run
 *       (about 20 %);</li>
 *   <li>edge pairs built from 0, 1 and 9999999999 (about 10 %).</li>
 * </ul>
 * {@link #longestCarryChain(long, long)} measures a pair, for {@code Statistics.collect}.
 */
public final class CarryHeavyPairs {

    /** Largest operand: ten decimal digits. */
    public static final long MAX = 9_999_999_999L;

    private CarryHeavyPairs() {
    }

    /**
     * An operand pair, both in [0, {@link #MAX}].
     *
     * @param a first operand
     * @param b second operand
     */
    public record Pair(long a, long b) {

        /** Validates the operand range. */
        public Pair {
            if (a < 0 || a > MAX) {
                throw new IllegalArgumentException("a must be in [0, " + MAX + "]: " + a);
            }
            if (b < 0 || b > MAX) {
                throw new IllegalArgumentException("b must be in [0, " + MAX + "]: " + b);
            }
        }

        /** {@code a + b}. */
        public long sum() {
            return a + b;
        }

        /** The longest run of consecutive columns that produce a carry, see {@link #longestCarryChain}. */
        public int longestCarryChain() {
            return CarryHeavyPairs.longestCarryChain(a, b);
        }
    }

    /** The carry-heavy mix described in the class comment. */
    public static Arbitrary<Pair> arbitrary() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, uniform()),
                Tuple.of(3, columnPairs()),
                Tuple.of(2, ninesPlusSmall()),
                Tuple.of(2, ninesRun()),
                Tuple.of(1, edges()));
    }

    /** Uniform pairs in [0, {@link #MAX}]. */
    public static Arbitrary<Pair> uniform() {
        Arbitrary<Long> operand = Arbitraries.longs().between(0, MAX);
        return Combinators.combine(operand, operand).as(Pair::new);
    }

    /** Pairs whose digit columns mostly sum to 9 or more. */
    public static Arbitrary<Pair> columnPairs() {
        Arbitrary<Integer> digit = Arbitraries.integers().between(0, 9);
        Arbitrary<int[]> propagating = digit.flatMap(
                x -> Arbitraries.integers().between(9 - x, 9).map(y -> new int[] {x, y}));
        Arbitrary<int[]> any = Combinators.combine(digit, digit).as((x, y) -> new int[] {x, y});
        Arbitrary<int[]> column = Arbitraries.frequencyOf(Tuple.of(85, propagating), Tuple.of(15, any));
        return column.list().ofSize(10).map(CarryHeavyPairs::fromColumns);
    }

    /** {@code 10^k - 1} plus a number of at most k digits with a non-zero lowest digit, in either order. */
    public static Arbitrary<Pair> ninesPlusSmall() {
        return Arbitraries.integers().between(1, 10).flatMap(k -> {
            long nines = pow10(k) - 1;
            Arbitrary<Long> small = Arbitraries.longs().between(0, nines / 10).flatMap(
                    high -> Arbitraries.longs().between(1, 9).map(low -> high * 10 + low));
            return Combinators.combine(small, Arbitraries.of(true, false))
                    .as((s, swap) -> swap ? new Pair(s, nines) : new Pair(nines, s));
        });
    }

    /**
     * A uniform pair in which operand a holds nines in columns [lo, lo + length) and operand b a non-zero digit at
     * column lo, so the carry chain is at least {@code length} long.
     */
    public static Arbitrary<Pair> ninesRun() {
        Arbitrary<Integer> lo = Arbitraries.integers().between(0, 9);
        return lo.flatMap(start -> Combinators.combine(
                        uniform(),
                        Arbitraries.integers().between(1, 10 - start),
                        Arbitraries.integers().between(1, 9),
                        Arbitraries.of(true, false))
                .as((base, length, bottom, swap) -> {
                    long a = base.a();
                    long b = base.b();
                    for (int col = start; col < start + length; col++) {
                        a = withDigit(a, col, 9);
                    }
                    b = withDigit(b, start, bottom);
                    return swap ? new Pair(b, a) : new Pair(a, b);
                }));
    }

    /** Pairs of 0, 1 and {@link #MAX}. */
    public static Arbitrary<Pair> edges() {
        List<Long> values = List.of(0L, 1L, MAX);
        return Combinators.combine(Arbitraries.of(values), Arbitraries.of(values)).as(Pair::new);
    }

    /**
     * The longest run of consecutive digit columns (of the ten) whose column addition produces a carry out; 0 when no
     * column carries, 10 for e.g. {@code 9999999999 + 1}.
     */
    public static int longestCarryChain(long a, long b) {
        int carry = 0;
        int run = 0;
        int longest = 0;
        for (int col = 0; col < 10; col++) {
            long s = a % 10 + b % 10 + carry;
            a /= 10;
            b /= 10;
            carry = s >= 10 ? 1 : 0;
            run = carry == 1 ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    private static Pair fromColumns(List<int[]> columns) {
        long a = 0;
        long b = 0;
        for (int col = columns.size() - 1; col >= 0; col--) {
            a = a * 10 + columns.get(col)[0];
            b = b * 10 + columns.get(col)[1];
        }
        return new Pair(a, b);
    }

    private static long withDigit(long value, int col, int digit) {
        long p = pow10(col);
        long old = value / p % 10;
        return value + (digit - old) * p;
    }

    private static long pow10(int k) {
        long p = 1;
        for (int i = 0; i < k; i++) {
            p *= 10;
        }
        return p;
    }
}
