package io.github.adder4j.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

class ResumeTest {

    private static final PairSet VALIDATION = ValidationSet.digitLengths(300, 77, 1).pairSet();

    /** Every kind of sampler, built from a seed. */
    private static final List<LongFunction<PairSampler>> FACTORIES = List.of(
            seed -> new UniformValueSampler(DigitCurriculum.standard(), seed),
            seed -> new DigitLengthSampler(DigitCurriculum.standard(), 1, seed),
            AdditionSamplers::recipe57p,
            seed -> new ExcludingSampler(AdditionSamplers.digitLengthRecipe(seed), VALIDATION),
            seed -> new ErrorPoolSampler(pool(5), new ExcludingSampler(AdditionSamplers.recipe57p(seed), VALIDATION)),
            seed -> new ErrorPoolSampler(pool(37), AdditionSamplers.recipe57p(seed)));

    private static ErrorPairPool pool(int n) {
        ErrorPairPool pool = new ErrorPairPool();
        for (int i = 0; i < n; i++) {
            pool.add(i, 1000 - i);
        }
        return pool;
    }

    @Test
    void restoredSamplersDrawExactlyTheSameBatches() {
        for (int f = 0; f < FACTORIES.size(); f++) {
            PairSampler original = FACTORIES.get(f).apply(100);
            int step = 1990;
            for (; step < 2000; step++) {
                draw(original, step, 3);
            }
            SamplerState saved = original.state();
            assertEquals(2000, saved.nextStep());
            long[][][] expected = new long[20][][];
            for (int k = 0; k < expected.length; k++) {
                expected[k] = draw(original, step + k, 3);
            }
            PairSampler resumed = FACTORIES.get(f).apply(999);
            resumed.restore(saved);
            assertEquals(saved, resumed.state());
            for (int k = 0; k < expected.length; k++) {
                long[][] actual = draw(resumed, step + k, 3);
                assertArrayEquals(expected[k][0], actual[0], "sampler " + f + " batch " + k);
                assertArrayEquals(expected[k][1], actual[1], "sampler " + f + " batch " + k);
            }
            assertEquals(original.state(), resumed.state());
        }
    }

    @Test
    void stateIsASnapshot() {
        PairSampler s = AdditionSamplers.recipe57p(3);
        SamplerState before = s.state();
        draw(s, 0, 8);
        assertEquals(0, before.nextStep());
        assertEquals(1, s.state().nextStep());
        long[] words = before.words();
        words[0] ^= 1;
        assertFalse(Arrays.equals(words, before.words()));
        assertEquals(before, new SamplerState(before.nextStep(), before.words(), before.inner()));
    }

    @Test
    void mismatchedStatesAreRejected() {
        SamplerState uniform = new UniformValueSampler(DigitCurriculum.standard(), 1).state();
        PairSampler mix = AdditionSamplers.recipe57p(1);
        assertEquals("state for CarryMixSampler must have 4 words and 1 inner states: 4 words and 0 inner states",
                assertThrows(IllegalArgumentException.class, () -> mix.restore(uniform)).getMessage());
        assertEquals("nextStep must be >= 0: -2", assertThrows(IllegalArgumentException.class,
                () -> new SamplerState(-2, new long[0], List.of())).getMessage());
        PairSampler pool = new ErrorPoolSampler(new ErrorPairPool(), mix);
        SamplerState bad = new SamplerState(0, new long[] {-1}, List.of(mix.state()));
        assertEquals("cursor must be >= 0: -1",
                assertThrows(IllegalArgumentException.class, () -> pool.restore(bad)).getMessage());
    }

    private static long[][] draw(PairSampler s, int step, int batch) {
        long[] a = new long[batch * 5];
        long[] b = new long[batch * 5];
        s.sample(step, a, b);
        return new long[][] {a, b};
    }
}
