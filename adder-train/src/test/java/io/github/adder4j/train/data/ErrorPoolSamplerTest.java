package io.github.adder4j.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ErrorPoolSamplerTest {

    @Test
    void poolDeduplicatesAndKeepsInsertionOrder() {
        ErrorPairPool pool = new ErrorPairPool();
        assertTrue(pool.add(5193798811L, 1806201129L));
        assertFalse(pool.add(5193798811L, 1806201129L));
        assertEquals(2, pool.addAll(new long[] {1, 5193798811L, 2, 1}, new long[] {1, 1806201129L, 2, 1}));
        assertEquals(3, pool.size());
        assertArrayEquals(new long[] {5193798811L, 1, 2}, pool.a());
        assertArrayEquals(new long[] {1806201129L, 1, 2}, pool.b());
        assertTrue(pool.contains(2, 2));
        assertFalse(pool.contains(2, 1));
        ErrorPairPool big = new ErrorPairPool();
        for (int i = 0; i < 100; i++) {
            big.add(i % 40, 0);
        }
        assertEquals(40, big.size());
        assertEquals(39, big.a(39));
        assertEquals(40, ErrorPairPool.of(big.a(), big.b()).size());
    }

    @Test
    void badPairsAreRejected() {
        ErrorPairPool pool = new ErrorPairPool();
        assertEquals("a must be in [0, 9999999999]: -1",
                assertThrows(IllegalArgumentException.class, () -> pool.add(-1, 0)).getMessage());
        assertEquals("b must be in [0, 9999999999]: 10000000000",
                assertThrows(IllegalArgumentException.class, () -> pool.add(0, 10_000_000_000L)).getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> pool.a(0));
    }

    @Test
    void everyBatchHoldsTheWholePoolThenFill() {
        ErrorPairPool pool = ErrorPairPool.of(new long[] {11, 22, 33}, new long[] {1, 2, 3});
        ErrorPoolSampler s = new ErrorPoolSampler(pool, AdditionSamplers.recipe57p(4));
        PairSampler twin = AdditionSamplers.recipe57p(4);
        long[] a = new long[8];
        long[] b = new long[8];
        long[] fa = new long[5];
        long[] fb = new long[5];
        for (int step = 0; step < 3; step++) {
            s.sample(step, a, b);
            twin.sample(step, fa, fb);
            assertArrayEquals(new long[] {11, 22, 33}, Arrays.copyOf(a, 3));
            assertArrayEquals(new long[] {1, 2, 3}, Arrays.copyOf(b, 3));
            assertArrayEquals(fa, Arrays.copyOfRange(a, 3, 8));
            assertArrayEquals(fb, Arrays.copyOfRange(b, 3, 8));
        }
        pool.add(44, 4);
        s.sample(3, a, b);
        assertArrayEquals(new long[] {11, 22, 33, 44}, Arrays.copyOf(a, 4), "pairs added later appear at once");
    }

    @Test
    void aPoolLargerThanTheBatchIsCycled() {
        ErrorPairPool pool = new ErrorPairPool();
        for (int i = 0; i < 10; i++) {
            pool.add(i, 100 + i);
        }
        ErrorPoolSampler s = new ErrorPoolSampler(pool, AdditionSamplers.recipe57p(4));
        long[] a = new long[4];
        long[] b = new long[4];
        long[][] expected = {{0, 1, 2, 3}, {4, 5, 6, 7}, {8, 9, 0, 1}, {2, 3, 4, 5}};
        for (int step = 0; step < expected.length; step++) {
            s.sample(step, a, b);
            assertArrayEquals(expected[step], a);
            for (int i = 0; i < 4; i++) {
                assertEquals(a[i] + 100, b[i]);
            }
        }
        assertEquals(6, s.state().word(0));
    }

    @Test
    void anEmptyPoolGivesPureFill() {
        ErrorPoolSampler s = new ErrorPoolSampler(new ErrorPairPool(), AdditionSamplers.recipe57p(4));
        PairSampler twin = AdditionSamplers.recipe57p(4);
        long[] a = new long[6];
        long[] b = new long[6];
        long[] ta = new long[6];
        long[] tb = new long[6];
        s.sample(10, a, b);
        twin.sample(10, ta, tb);
        assertArrayEquals(ta, a);
        assertArrayEquals(tb, b);
    }

    @Test
    void aCapLimitsThePoolShareAndCyclesWindowsOfTheCap() {
        ErrorPairPool pool = new ErrorPairPool();
        for (int i = 0; i < 5; i++) {
            pool.add(i, 100 + i);
        }
        ErrorPoolSampler s = new ErrorPoolSampler(pool, AdditionSamplers.recipe57p(4), 2);
        PairSampler twin = AdditionSamplers.recipe57p(4);
        long[] a = new long[6];
        long[] b = new long[6];
        long[] fa = new long[4];
        long[] fb = new long[4];
        long[][] expected = {{0, 1}, {2, 3}, {4, 0}, {1, 2}};
        for (int step = 0; step < expected.length; step++) {
            s.sample(step, a, b);
            twin.sample(step, fa, fb);
            assertArrayEquals(expected[step], Arrays.copyOf(a, 2), "step " + step);
            assertEquals(a[0] + 100, b[0]);
            assertArrayEquals(fa, Arrays.copyOfRange(a, 2, 6), "the other 4 are fill");
            assertArrayEquals(fb, Arrays.copyOfRange(b, 2, 6));
        }
        ErrorPoolSampler small = new ErrorPoolSampler(ErrorPairPool.of(new long[] {7}, new long[] {8}),
                AdditionSamplers.recipe57p(4), 2);
        small.sample(0, a, b);
        assertEquals(7, a[0], "a pool below the cap is whole in every batch");
        assertEquals("maxPerBatch must be positive: 0", assertThrows(IllegalArgumentException.class,
                () -> new ErrorPoolSampler(pool, AdditionSamplers.recipe57p(4), 0)).getMessage());
    }
}
