package io.github.adder4j.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DataRngTest {

    @Test
    void xoshiroMatchesThePublishedReferenceOutputsForState1234() {
        DataRng rng = DataRng.fromState(new long[] {1, 2, 3, 4});
        assertEquals(11520L, rng.nextLong());
        assertEquals(0L, rng.nextLong());
        assertEquals(1509978240L, rng.nextLong());
        assertEquals(1215971899390074240L, rng.nextLong());
    }

    @Test
    void seedingUsesSplitMix64WhoseFirstOutputForSeedZeroIsTheReferenceValue() {
        assertEquals(0xE220A8397B1DCDAFL, new DataRng(0).state()[0]);
    }

    @Test
    void restoredGeneratorContinuesIdentically() {
        DataRng rng = new DataRng(42);
        for (int i = 0; i < 17; i++) {
            rng.nextLong();
        }
        long[] saved = rng.state();
        long[] expected = new long[100];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = rng.nextLong(1000 + i);
        }
        DataRng other = new DataRng(7);
        other.restore(saved);
        long[] actual = new long[100];
        for (int i = 0; i < actual.length; i++) {
            actual[i] = other.nextLong(1000 + i);
        }
        assertArrayEquals(expected, actual);
        assertArrayEquals(rng.state(), other.state());
    }

    @Test
    void stateIsASnapshot() {
        DataRng rng = new DataRng(1);
        long[] s = rng.state();
        s[0] = 0;
        assertNotEquals(0L, rng.state()[0]);
    }

    @Test
    void differentSeedsGiveDifferentStreams() {
        assertNotEquals(new DataRng(1).nextLong(), new DataRng(2).nextLong());
        assertNotEquals(DataRng.deriveSeed(5, 0), DataRng.deriveSeed(5, 1));
        assertNotEquals(DataRng.deriveSeed(5, 0), DataRng.deriveSeed(6, 0));
    }

    @Test
    void boundedDrawsStayInRangeAndCoverIt() {
        DataRng rng = new DataRng(3);
        int[] counts = new int[7];
        for (int i = 0; i < 70_000; i++) {
            counts[rng.nextInt(7)]++;
        }
        for (int c : counts) {
            assertTrue(c > 9_500 && c < 10_500, "count " + c);
        }
        for (int i = 0; i < 10_000; i++) {
            long v = rng.nextLongBetween(-3, 3);
            assertTrue(v >= -3 && v <= 3);
            double d = rng.nextDouble();
            assertTrue(d >= 0 && d < 1);
            long big = rng.nextLong(9_999_999_999L);
            assertTrue(big >= 0 && big < 9_999_999_999L);
        }
    }

    @Test
    void badArgumentsAreRejectedWithNamedMessages() {
        DataRng rng = new DataRng(0);
        assertEquals("bound must be > 0: 0",
                assertThrows(IllegalArgumentException.class, () -> rng.nextLong(0)).getMessage());
        assertEquals("hi must be >= lo (5): 4",
                assertThrows(IllegalArgumentException.class, () -> rng.nextLongBetween(5, 4)).getMessage());
        assertEquals("state must have 4 words: [1, 2, 3]",
                assertThrows(IllegalArgumentException.class, () -> rng.restore(new long[] {1, 2, 3})).getMessage());
        assertEquals("state must not be all zero: [0, 0, 0, 0]",
                assertThrows(IllegalArgumentException.class, () -> rng.restore(new long[4])).getMessage());
    }
}
