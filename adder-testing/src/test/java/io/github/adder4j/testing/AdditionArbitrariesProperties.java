package io.github.adder4j.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adder4j.core.eval.Carries;
import io.github.adder4j.core.eval.CarryChain;
import io.github.adder4j.core.eval.Case;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The arbitraries build what they say, and the checks catch a wrong adder. */
class AdditionArbitrariesProperties {

    /** The carry chains of a pair: {@code [start, length]} of each. */
    private static List<CarryChain> chains(Case c) {
        return Carries.carryChains(c.a(), c.b());
    }

    @Property(tries = 200)
    void aCarryChainHasExactlyItsStartAndLength(@ForAll @IntRange(min = 0, max = 9) int start,
                                                @ForAll @IntRange(min = 1, max = 10) int length) {
        if (start + length > 10) {
            assertThrows(IllegalArgumentException.class, () -> AdditionArbitraries.carryChain(start, length));
            return;
        }
        Case c = AdditionArbitraries.carryChain(start, length).sample();
        assertEquals(length, Carries.longestCarryChain(c.a(), c.b()), c.toString());
        assertEquals(1, chains(c).size(), c.toString());
        assertEquals(start, chains(c).get(0).start(), c.toString());
    }

    @Property(tries = 300)
    void aNearMissStopsShortOfItsChain(@ForAll("nearMiss") Case c) {
        List<CarryChain> found = chains(c);
        assertEquals(1, found.size(), c.toString());
        int start = found.get(0).start();
        int length = found.get(0).length();
        // the column above the chain sums to 8 plus the carry: 9, so the carry just dies
        long column = c.a() / pow10(start + length) % 10 + c.b() / pow10(start + length) % 10;
        assertEquals(8, column, c.toString());
    }

    @Provide
    Arbitrary<Case> nearMiss() {
        return AdditionArbitraries.nearMissChains();
    }

    @Property(tries = 100)
    void mixedLengthsSpanOneToTenDigits(@ForAll("mixed") Case c) {
        assertTrue(c.a() <= Case.MAX_OPERAND && c.b() <= Case.MAX_OPERAND);
    }

    @Provide
    Arbitrary<Case> mixed() {
        return AdditionArbitraries.mixedLengths();
    }

    @Example
    void everyBoundaryPairIsGenerated() {
        List<Case> all = AdditionArbitraries.boundaries().allValues().orElseThrow().toList();
        assertEquals(21 * 21, all.size());
        assertTrue(all.contains(new Case(9_999_999_999L, 1L)));
        assertTrue(all.contains(new Case(999_999L, 1_000_000L)));
    }

    @Example
    void chainsThatDoNotFitAreRefusedNamingTheValue() {
        assertEquals("length must be in [1, 3] for start 7: 4",
                assertThrows(IllegalArgumentException.class, () -> AdditionArbitraries.carryChain(7, 4)).getMessage());
        assertEquals("start must be in [0, 9]: 10",
                assertThrows(IllegalArgumentException.class, () -> AdditionArbitraries.carryChain(10, 1)).getMessage());
    }

    @Example
    void theChecksListEveryWrongSum() {
        AssertionError e = assertThrows(AssertionError.class, () -> AdderChecks.check(
                (a, b) -> new long[] {a[0] + b[0], a[1] + b[1] - 1}, List.of(new Case(1, 2), new Case(9, 1))));
        assertEquals("1 of 2 sums wrong: 9 + 1 = 10, got 9", e.getMessage());
    }

    private static long pow10(int k) {
        long p = 1;
        for (int i = 0; i < k; i++) {
            p *= 10;
        }
        return p;
    }
}
