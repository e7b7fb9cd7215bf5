package io.github.adder4j.core.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Worked examples of the carry-chain definition and argument checks. */
class CarriesTest {

    @Test
    void noCarry() {
        assertEquals(0, Carries.carryMask(1_234_567_890L, 1_004L));
        assertEquals(List.of(), Carries.carryChains(0L, 0L));
        assertArrayEquals(new int[0], Carries.carryChainLengths(4_444_444_444L, 5_555_555_555L));
        assertEquals(0, Carries.longestCarryChain(4_444_444_444L, 5_555_555_555L));
        assertEquals(0, Carries.carryCount(4_444_444_444L, 5_555_555_555L));
    }

    @Test
    void allNinesPlusOneIsOneChainThroughTheCarryOutDigit() {
        assertEquals(0b11_1111_1111, Carries.carryMask(9_999_999_999L, 1L));
        assertEquals(List.of(new CarryChain(0, 10)), Carries.carryChains(9_999_999_999L, 1L));
        assertEquals(10, Carries.longestCarryChain(1L, 9_999_999_999L));
        assertEquals(10, Carries.carryCount(9_999_999_999L, 9_999_999_999L));
        assertEquals(9, new CarryChain(0, 10).end());
    }

    @Test
    void separateChains() {
        long a = 9_950_095L;
        long b = 50_005L;
        // column 0: 5+5=10 carries; 1: 9+0+1=10 carries; 2: 0+0+1=1; 3: 0+0=0; 4: 5+5=10; 5 and 6: 9+0+1=10
        assertEquals(List.of(new CarryChain(0, 2), new CarryChain(4, 3)), Carries.carryChains(a, b));
        assertArrayEquals(new int[] {2, 3}, Carries.carryChainLengths(a, b));
        assertEquals(3, Carries.longestCarryChain(a, b));
        assertEquals(5, Carries.carryCount(a, b));
        assertEquals(0b111_0011, Carries.carryMask(a, b));
    }

    @Test
    void propagateRunWithoutCarryIsNoChain() {
        // the counterexample to a published hand-coded model: one carry out of column 0, then sums of 9 that carry nothing
        assertEquals(List.of(new CarryChain(0, 1)), Carries.carryChains(5_193_798_811L, 1_806_201_129L));
        assertEquals(1, Carries.longestCarryChain(5_193_798_811L, 1_806_201_129L));
    }

    @Test
    void rejectsOperandsOutOfRange() {
        assertEquals("a must be in [0, 9999999999]: -1",
                assertThrows(IllegalArgumentException.class, () -> Carries.carryMask(-1L, 0L)).getMessage());
        assertEquals("b must be in [0, 9999999999]: 10000000000",
                assertThrows(IllegalArgumentException.class,
                        () -> Carries.longestCarryChain(0L, 10_000_000_000L)).getMessage());
    }

    @Test
    void chainRecordRejectsBadCoordinates() {
        assertEquals("start must be in [0, 9]: 10",
                assertThrows(IllegalArgumentException.class, () -> new CarryChain(10, 1)).getMessage());
        assertEquals("length must be in [1, 10]: 0",
                assertThrows(IllegalArgumentException.class, () -> new CarryChain(3, 0)).getMessage());
        assertEquals("chain must end by column 9: start=5, length=6",
                assertThrows(IllegalStateException.class, () -> new CarryChain(5, 6)).getMessage());
    }
}
