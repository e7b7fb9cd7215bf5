package io.github.adder4j.core.eval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Carry-structured cases: the long carry chains and near-miss carry patterns that uniform pairs almost never contain.
 * Chains are as defined in {@link Carries}. Obtain it with {@link Suite#carry()} or {@link Suite#carry(long)}.
 *
 * <p>In order, the suite holds:
 * <ol>
 *   <li>{@link Structure#CARRY_CHAIN} cases: for every chain length L in 1..10 and every start column s with
 *       s + L &le; 10 (a chain ending in column 9 carries into the eleventh digit), {@value #CHAIN_FILLERS} cases
 *       whose carry chains include exactly one that starts at s with length L and none longer; the columns outside the
 *       chain are random. In even-numbered fillers every column after the first of the chain has digit sum exactly 9
 *       (it only propagates), in odd ones any digit sum that passes the carry on. L = 0 (no carry at all, start
 *       recorded as 0) gets {@value #CHAIN_FILLERS} cases too.</li>
 *   <li>{@link Structure#PROPAGATE_WITHOUT_CARRY} cases: for every run length L in 1..10 and start s with
 *       s + L &le; 10, {@value #RUN_FILLERS} cases where columns s..s+L-1 have digit sum exactly 9 but receive no
 *       carry, so nothing propagates (the trap of 5193798811 + 1806201129); the run is maximal (neighbouring columns
 *       have a digit sum other than 9). In odd-numbered fillers column s-2 (when it exists) produces a carry that
 *       column s-1 absorbs.</li>
 *   <li>Classic families, minus pairs already listed: (10^n - 1) + 1 and 1 + (10^n - 1) for n = 1..10,
 *       (10^k - 1) + 10^j and 10^j + (10^k - 1) for 0 &le; j &lt; k &le; 10, and 5193798811 + 1806201129 both
 *       ways.</li>
 * </ol>
 * All randomness comes from {@code new MersenneTwister(seed)}, so a seed fixes the suite. The generator checks every
 * structured case against {@link Carries} and fails with {@link IllegalStateException} if one does not have its
 * claimed structure.
 */
public final class CarrySuite implements Suite {

    /** The seed of {@link Suite#carry()}. */
    public static final long DEFAULT_SEED = 20_260_317L;

    /** Cases per (length, start) combination of {@link Structure#CARRY_CHAIN}. */
    public static final int CHAIN_FILLERS = 8;

    /** Cases per (length, start) combination of {@link Structure#PROPAGATE_WITHOUT_CARRY}. */
    public static final int RUN_FILLERS = 4;

    /** The kind of structure a generated case is built around. */
    public enum Structure {
        /** A carry chain of the given length and start, and no longer chain (length 0: no carry at all). */
        CARRY_CHAIN,
        /** A maximal run of columns with digit sum 9 that receives no carry, so no column of it carries. */
        PROPAGATE_WITHOUT_CARRY
    }

    /**
     * A generated case and the structure it was built to have.
     *
     * @param structure the kind of structure
     * @param length chain or run length: 0..10 for a carry chain, 1..10 for a propagate run
     * @param start lowest column of the chain or run, with {@code start + length <= 10}; 0 when length is 0
     * @param testCase the case
     */
    public record StructuredCase(Structure structure, int length, int start, Case testCase) {

        /**
         * Validates the structure's coordinates.
         *
         * @param structure the carry structure the case was built for
         * @param length the chain length it targets
         * @param start the column the chain starts at
         * @param testCase the operands
         * @throws IllegalArgumentException if length or start is out of its range
         * @throws IllegalStateException if start + length passes column 9, or a chain of length 0 has start != 0
         */
        public StructuredCase {
            Objects.requireNonNull(structure, "structure");
            Objects.requireNonNull(testCase, "testCase");
            int minLength = structure == Structure.CARRY_CHAIN ? 0 : 1;
            if (length < minLength || length > Carries.COLUMNS) {
                throw new IllegalArgumentException(
                        "length must be in [" + minLength + ", " + Carries.COLUMNS + "]: " + length);
            }
            if (start < 0 || start >= Carries.COLUMNS) {
                throw new IllegalArgumentException("start must be in [0, " + (Carries.COLUMNS - 1) + "]: " + start);
            }
            if (length == 0 && start != 0) {
                throw new IllegalStateException("a chain of length 0 must have start 0: " + start);
            }
            if (start + length > Carries.COLUMNS) {
                throw new IllegalStateException(
                        "start + length must be <= " + Carries.COLUMNS + ": start=" + start + ", length=" + length);
            }
        }
    }

    private final long seed;
    private final List<StructuredCase> structuredCases;
    private final List<Case> cases;

    CarrySuite(long seed) {
        RandomSuite.checkSeed(seed);
        this.seed = seed;
        Generator generator = new Generator(new MersenneTwister(seed));
        List<StructuredCase> structured = new ArrayList<>();
        for (int length = 0; length <= Carries.COLUMNS; length++) {
            int lastStart = length == 0 ? 0 : Carries.COLUMNS - length;
            for (int start = 0; start <= lastStart; start++) {
                for (int filler = 0; filler < CHAIN_FILLERS; filler++) {
                    structured.add(generator.carryChain(length, start, filler));
                }
            }
        }
        for (int length = 1; length <= Carries.COLUMNS; length++) {
            for (int start = 0; start + length <= Carries.COLUMNS; start++) {
                for (int filler = 0; filler < RUN_FILLERS; filler++) {
                    structured.add(generator.propagateWithoutCarry(length, start, filler));
                }
            }
        }
        structuredCases = List.copyOf(structured);
        List<Case> all = new ArrayList<>();
        structured.forEach(s -> all.add(s.testCase()));
        Set<Case> seen = new LinkedHashSet<>(all);
        for (Case family : classicFamilies()) {
            if (seen.add(family)) {
                all.add(family);
            }
        }
        cases = List.copyOf(all);
    }

    /** The classic hand-picked families, in suite order, duplicates included. */
    static List<Case> classicFamilies() {
        List<Case> families = new ArrayList<>();
        for (int n = 1; n <= Carries.COLUMNS; n++) {
            long nines = pow10(n) - 1;
            families.add(new Case(nines, 1L));
            families.add(new Case(1L, nines));
        }
        for (int k = 1; k <= Carries.COLUMNS; k++) {
            for (int j = 0; j < k; j++) {
                families.add(new Case(pow10(k) - 1, pow10(j)));
                families.add(new Case(pow10(j), pow10(k) - 1));
            }
        }
        families.add(new Case(5_193_798_811L, 1_806_201_129L));
        families.add(new Case(1_806_201_129L, 5_193_798_811L));
        return families;
    }

    private static long pow10(int exponent) {
        long value = 1;
        for (int i = 0; i < exponent; i++) {
            value *= 10;
        }
        return value;
    }

    /**
     * The seed the fillers were drawn with.
     *
     * @return the seed of the suite's random digits
     */
    public long seed() {
        return seed;
    }

    /** {@code carry} for {@link #DEFAULT_SEED}, {@code carry:SEED} otherwise. */
    @Override
    public String name() {
        return seed == DEFAULT_SEED ? "carry" : "carry:" + seed;
    }

    /** All cases: the structured ones in generation order, then the classic families not already present. */
    @Override
    public List<Case> cases() {
        return cases;
    }

    /**
     * The generated cases with the structure each was built to have (the first part of {@link #cases()}).
     *
     * @return every case with the structure it was built for
     */
    public List<StructuredCase> structuredCases() {
        return structuredCases;
    }

    @Override
    public String toString() {
        return name();
    }

    /** Digit-sum constraint on a column. */
    private enum SumRule { ANY, EXACTLY_NINE, NOT_NINE }

    /** Builds cases from a carry-out pattern and per-column digit-sum rules. */
    private static final class Generator {
        private final MersenneTwister rng;

        Generator(MersenneTwister rng) {
            this.rng = rng;
        }

        StructuredCase carryChain(int length, int start, int filler) {
            int[] carryOut = new int[Carries.COLUMNS];
            boolean[] fixed = new boolean[Carries.COLUMNS];
            if (length == 0) {
                java.util.Arrays.fill(fixed, true);
            } else {
                for (int c = start; c < start + length; c++) {
                    fix(carryOut, fixed, c, 1);
                }
                fix(carryOut, fixed, start - 1, 0);
                fix(carryOut, fixed, start + length, 0);
            }
            do {
                randomizeFree(carryOut, fixed);
            } while (longestRun(carryOut) > length);
            SumRule[] rules = new SumRule[Carries.COLUMNS];
            java.util.Arrays.fill(rules, SumRule.ANY);
            if (filler % 2 == 0) {
                for (int c = start + 1; c < start + length; c++) {
                    rules[c] = SumRule.EXACTLY_NINE;
                }
            }
            Case built = digits(carryOut, rules);
            StructuredCase result = new StructuredCase(Structure.CARRY_CHAIN, length, start, built);
            boolean ok = Carries.longestCarryChain(built.a(), built.b()) == length
                    && (length == 0
                        || Carries.carryChains(built.a(), built.b()).contains(new CarryChain(start, length)));
            if (!ok) {
                throw new IllegalStateException("generated case lacks its carry chain: " + result);
            }
            return result;
        }

        StructuredCase propagateWithoutCarry(int length, int start, int filler) {
            int[] carryOut = new int[Carries.COLUMNS];
            boolean[] fixed = new boolean[Carries.COLUMNS];
            for (int c = start - 1; c < start + length; c++) {
                fix(carryOut, fixed, c, 0);
            }
            if (filler % 2 == 1) {
                fix(carryOut, fixed, start - 2, 1);
            }
            randomizeFree(carryOut, fixed);
            SumRule[] rules = new SumRule[Carries.COLUMNS];
            java.util.Arrays.fill(rules, SumRule.ANY);
            for (int c = start; c < start + length; c++) {
                rules[c] = SumRule.EXACTLY_NINE;
            }
            setRule(rules, start - 1, SumRule.NOT_NINE);
            setRule(rules, start + length, SumRule.NOT_NINE);
            Case built = digits(carryOut, rules);
            StructuredCase result = new StructuredCase(Structure.PROPAGATE_WITHOUT_CARRY, length, start, built);
            if (!hasPropagateRun(built, start, length)) {
                throw new IllegalStateException("generated case lacks its propagate run: " + result);
            }
            return result;
        }

        private static boolean hasPropagateRun(Case built, int start, int length) {
            int mask = Carries.carryMask(built.a(), built.b());
            if (start > 0 && (mask >>> (start - 1) & 1) == 1) {
                return false;
            }
            for (int c = start - 1; c <= start + length; c++) {
                if (c < 0 || c >= Carries.COLUMNS) {
                    continue;
                }
                boolean nine = digitSum(built, c) == 9;
                boolean inside = c >= start && c < start + length;
                if (nine != inside) {
                    return false;
                }
            }
            return true;
        }

        private static int digitSum(Case c, int column) {
            long scale = pow10(column);
            return (int) (c.a() / scale % 10 + c.b() / scale % 10);
        }

        private static void fix(int[] carryOut, boolean[] fixed, int column, int value) {
            if (column >= 0 && column < Carries.COLUMNS) {
                carryOut[column] = value;
                fixed[column] = true;
            }
        }

        private static void setRule(SumRule[] rules, int column, SumRule rule) {
            if (column >= 0 && column < Carries.COLUMNS) {
                rules[column] = rule;
            }
        }

        private void randomizeFree(int[] carryOut, boolean[] fixed) {
            for (int c = 0; c < Carries.COLUMNS; c++) {
                if (!fixed[c]) {
                    carryOut[c] = (int) rng.getrandbits(1);
                }
            }
        }

        private static int longestRun(int[] carryOut) {
            int longest = 0;
            int run = 0;
            for (int bit : carryOut) {
                run = bit == 1 ? run + 1 : 0;
                longest = Math.max(longest, run);
            }
            return longest;
        }

        /** Draws digits column by column so that each column's carry-out and digit sum follow the pattern. */
        private Case digits(int[] carryOut, SumRule[] rules) {
            long a = 0;
            long b = 0;
            long scale = 1;
            int carryIn = 0;
            for (int c = 0; c < Carries.COLUMNS; c++) {
                if (!feasible(carryIn, carryOut[c], rules[c])) {
                    throw new IllegalStateException("no digits give carry-in " + carryIn + ", carry-out "
                            + carryOut[c] + " and digit sum rule " + rules[c] + " in column " + c);
                }
                int x;
                int y;
                do {
                    int pair = (int) rng.randbelow(100);
                    x = pair / 10;
                    y = pair % 10;
                } while (!accepts(carryIn, carryOut[c], rules[c], x + y));
                a += x * scale;
                b += y * scale;
                scale *= 10;
                carryIn = carryOut[c];
            }
            return new Case(a, b);
        }

        private static boolean feasible(int carryIn, int carryOut, SumRule rule) {
            for (int sum = 0; sum <= 18; sum++) {
                if (accepts(carryIn, carryOut, rule, sum)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean accepts(int carryIn, int carryOut, SumRule rule, int digitSum) {
            if ((digitSum + carryIn >= 10 ? 1 : 0) != carryOut) {
                return false;
            }
            switch (rule) {
                case EXACTLY_NINE:
                    return digitSum == 9;
                case NOT_NINE:
                    return digitSum != 9;
                default:
                    return true;
            }
        }
    }
}
