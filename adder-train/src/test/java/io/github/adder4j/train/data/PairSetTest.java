package io.github.adder4j.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PairSetTest {

    @Test
    void orderMattersAndDuplicatesAreIgnored() {
        PairSet s = new PairSet();
        assertTrue(s.add(1, 2));
        assertFalse(s.add(1, 2));
        assertTrue(s.add(2, 1));
        assertTrue(s.contains(1, 2));
        assertTrue(s.contains(2, 1));
        assertFalse(s.contains(1, 1));
        assertFalse(s.contains(-1, 2));
        assertEquals(2, s.size());
    }

    @Test
    void growsPastItsInitialCapacityAndCopiesAreIndependent() {
        PairSet s = new PairSet(4);
        for (long i = 0; i < 50_000; i++) {
            assertTrue(s.add(i * 7_919L % 9_999_999_999L, 9_999_999_999L - i));
        }
        assertEquals(50_000, s.size());
        PairSet copy = s.copy();
        copy.add(123, 456);
        assertFalse(s.contains(123, 456));
        for (long i = 0; i < 50_000; i++) {
            assertTrue(s.contains(i * 7_919L % 9_999_999_999L, 9_999_999_999L - i));
            assertFalse(s.contains(i * 7_919L % 9_999_999_999L, i));
        }
        assertEquals(3, PairSet.of(new long[] {0, 0, 5, 0}, new long[] {0, 1, 0, 0}).size());
    }

    @Test
    void invalidArgumentsAreRejected() {
        PairSet s = new PairSet();
        assertEquals("a must be >= 0: -1",
                assertThrows(IllegalArgumentException.class, () -> s.add(-1, 0)).getMessage());
        assertEquals("b must be >= 0: -7",
                assertThrows(IllegalArgumentException.class, () -> s.add(0, -7)).getMessage());
        assertEquals("expected must be >= 0: -3",
                assertThrows(IllegalArgumentException.class, () -> new PairSet(-3)).getMessage());
        assertEquals("b.length must equal a.length (1): 0", assertThrows(IllegalArgumentException.class,
                () -> PairSet.of(new long[1], new long[0])).getMessage());
    }
}
