package io.github.adder4j.core.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** {@link Carries} against a digit-by-digit reference on carry-heavy pairs. */
class CarriesProperties {

    private static final long[] POW10 = new long[11];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    /**
     * Pairs built column by column, mostly from digit pairs that propagate (sum 9) or generate (sum &ge; 10) a carry,
     * mixed with uniform pairs and the extremes.
     */
    @Provide
    Arbitrary<Case> pairs() {
        Arbitrary<int[]> propagate = Arbitraries.integers().between(0, 9).map(x -> new int[] {x, 9 - x});
        Arbitrary<int[]> generate = Arbitraries.integers().between(1, 9)
                .flatMap(x -> Arbitraries.integers().between(10 - x, 9).map(y -> new int[] {x, y}));
        Arbitrary<int[]> anyDigits = Arbitraries.integers().between(0, 99).map(p -> new int[] {p / 10, p % 10});
        Arbitrary<int[]> column = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, propagate),
                net.jqwik.api.Tuple.of(3, generate),
                net.jqwik.api.Tuple.of(2, anyDigits));
        Arbitrary<Case> structured = column.list().ofSize(Carries.COLUMNS).map(columns -> {
            long a = 0;
            long b = 0;
            for (int i = 0; i < columns.size(); i++) {
                a += columns.get(i)[0] * POW10[i];
                b += columns.get(i)[1] * POW10[i];
            }
            return new Case(a, b);
        });
        Arbitrary<Long> operand = Arbitraries.longs().between(0, Case.MAX_OPERAND);
        Arbitrary<Case> uniform = operand.flatMap(a -> operand.map(b -> new Case(a, b)));
        Arbitrary<Long> extreme = Arbitraries.of(0L, 1L, 9_999_999_999L, 5_000_000_000L, 999_999_999L);
        Arbitrary<Case> extremes = extreme.flatMap(a -> extreme.map(b -> new Case(a, b)));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(7, structured),
                net.jqwik.api.Tuple.of(2, uniform),
                net.jqwik.api.Tuple.of(1, extremes));
    }

    /** Reference: the chains as (start, length) pairs, read from the zero-padded decimal strings. */
    private static List<int[]> referenceChains(Case c) {
        String a = String.format("%010d", c.a());
        String b = String.format("%010d", c.b());
        boolean[] carries = new boolean[10];
        int carry = 0;
        for (int column = 0; column < 10; column++) {
            int pos = 9 - column;
            int sum = (a.charAt(pos) - '0') + (b.charAt(pos) - '0') + carry;
            carry = sum > 9 ? 1 : 0;
            carries[column] = carry == 1;
        }
        List<int[]> chains = new ArrayList<>();
        for (int column = 0; column < 10; column++) {
            boolean startsHere = carries[column] && (column == 0 || !carries[column - 1]);
            if (startsHere) {
                int end = column;
                while (end + 1 < 10 && carries[end + 1]) {
                    end++;
                }
                chains.add(new int[] {column, end - column + 1});
            }
        }
        return chains;
    }

    private static int digitSum(long x) {
        int sum = 0;
        for (long y = x; y > 0; y /= 10) {
            sum += (int) (y % 10);
        }
        return sum;
    }

    @Property
    boolean chainsMatchTheReference(@ForAll("pairs") Case c) {
        List<int[]> reference = referenceChains(c);
        int longest = reference.stream().mapToInt(r -> r[1]).max().orElse(0);
        Statistics.label("longest chain").collect(longest);
        Statistics.label("chains").collect(reference.size());
        List<CarryChain> expected = reference.stream().map(r -> new CarryChain(r[0], r[1])).toList();
        int[] lengths = reference.stream().mapToInt(r -> r[1]).toArray();
        return Carries.carryChains(c.a(), c.b()).equals(expected)
                && Arrays.equals(Carries.carryChainLengths(c.a(), c.b()), lengths)
                && Carries.longestCarryChain(c.a(), c.b()) == longest
                && Carries.carryCount(c.a(), c.b()) == Arrays.stream(lengths).sum();
    }

    @Property
    boolean maskBitIsTheCarryOfTheTruncatedSum(@ForAll("pairs") Case c) {
        int mask = Carries.carryMask(c.a(), c.b());
        Statistics.label("carry out of column 9").collect((mask >>> 9 & 1) == 1);
        for (int column = 0; column < 10; column++) {
            long m = POW10[column + 1];
            boolean carry = c.a() % m + c.b() % m >= m;
            if (carry != ((mask >>> column & 1) == 1)) {
                return false;
            }
        }
        return true;
    }

    @Property
    boolean carryCountFollowsFromDigitSums(@ForAll("pairs") Case c) {
        int carries = Carries.carryCount(c.a(), c.b());
        Statistics.label("carries").collect(carries);
        // every carry turns a column sum of 10 + d into d and adds 1 to the next column: loses exactly 9
        return 9 * carries == digitSum(c.a()) + digitSum(c.b()) - digitSum(c.a() + c.b());
    }

    @Property
    boolean chainsAreSymmetric(@ForAll("pairs") Case c) {
        return Carries.carryChains(c.a(), c.b()).equals(Carries.carryChains(c.b(), c.a()));
    }

    @Property
    boolean chainsAreOrderedDisjointAndSeparated(@ForAll("pairs") Case c) {
        List<CarryChain> chains = Carries.carryChains(c.a(), c.b());
        for (int i = 1; i < chains.size(); i++) {
            if (chains.get(i).start() <= chains.get(i - 1).end() + 1) {
                return false;
            }
        }
        return true;
    }
}
