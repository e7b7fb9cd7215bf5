package io.github.adder4j.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PairSamplersTest {

    private static final int BATCH = 20_000;

    @Test
    void uniformValueFollowsTheCurriculumAndFillsTheWholeRange() {
        UniformValueSampler s = new UniformValueSampler(DigitCurriculum.standard(), 1);
        long[] a = new long[BATCH];
        long[] b = new long[BATCH];
        int[] steps = {0, 1999, 2000, 6999, 7000, 50_000};
        int[] digits = {3, 3, 6, 6, 10, 10};
        for (int k = 0; k < steps.length; k++) {
            s.sample(steps[k], a, b);
            long bound = Batches.pow10(digits[k]);
            long max = Math.max(Arrays.stream(a).max().orElseThrow(), Arrays.stream(b).max().orElseThrow());
            long min = Math.min(Arrays.stream(a).min().orElseThrow(), Arrays.stream(b).min().orElseThrow());
            assertTrue(max < bound && max > bound - bound / 100, "step " + steps[k] + ": max " + max);
            assertTrue(min >= 0 && min < bound / 100, "step " + steps[k] + ": min " + min);
            long fullLength = Arrays.stream(a).filter(v -> v >= bound / 10).count();
            assertEquals(0.9, fullLength / (double) BATCH, 0.01, "most operands have the full length");
        }
    }

    @Test
    void digitLengthDrawsShortOperandsAsOftenAsLongOnes() {
        DigitLengthSampler s = new DigitLengthSampler(DigitCurriculum.constant(10), 1, 2);
        long[] a = new long[BATCH];
        long[] b = new long[BATCH];
        s.sample(0, a, b);
        int[] lengths = new int[11];
        for (int i = 0; i < BATCH; i++) {
            lengths[Carries.length(Math.max(a[i], b[i]))]++;
        }
        // P(max(a, b) < 10^k) = sum over n of P(n) * (10^k / 10^n)^2 for n >= k, plus P(n <= k)
        for (int k = 1; k <= 9; k++) {
            double expected = 0;
            for (int n = 1; n <= 10; n++) {
                expected += 0.1 * (n <= k ? 1 : Math.pow(10, 2.0 * (k - n)));
            }
            int below = 0;
            for (int len = 1; len <= k; len++) {
                below += lengths[len];
            }
            assertEquals(expected, below / (double) BATCH, 0.012, "P(length <= " + k + ")");
        }
    }

    @Test
    void digitLengthRespectsMinDigitsAndTheCurriculum() {
        DigitLengthSampler s = new DigitLengthSampler(DigitCurriculum.standard(), 3, 3);
        long[] a = new long[BATCH];
        long[] b = new long[BATCH];
        s.sample(100, a, b);
        for (int i = 0; i < BATCH; i++) {
            assertTrue(a[i] < 1000 && b[i] < 1000);
        }
        long twoDigitPairs = 0;
        for (int i = 0; i < BATCH; i++) {
            twoDigitPairs += Math.max(a[i], b[i]) < 100 ? 1 : 0;
        }
        assertEquals(0.01, twoDigitPairs / (double) BATCH, 0.003, "n is always 3 in the 3-digit phase");
        assertEquals("minDigits must be <= the curriculum's smallest maxDigits (3): 4",
                assertThrows(IllegalStateException.class,
                        () -> new DigitLengthSampler(DigitCurriculum.standard(), 4, 0)).getMessage());
        assertEquals("minDigits must be in [1, 10]: 0", assertThrows(IllegalArgumentException.class,
                () -> new DigitLengthSampler(DigitCurriculum.standard(), 0, 0)).getMessage());
    }

    @Test
    void carryMixReplacesTheScheduledFractionAndNothingAfterTheFade() {
        CarryMixSchedule schedule = CarryMixSchedule.recipe57p();
        DigitCurriculum curriculum = DigitCurriculum.standard();
        int[] steps = {0, 15_000, 30_000, 45_000, 59_999};
        double[] expected = {0.8, 0.8, 0.4, 0.0, 0.0};
        for (int k = 0; k < steps.length; k++) {
            PairSampler mix = new CarryMixSampler(new UniformValueSampler(curriculum, 5), curriculum, schedule, 6);
            PairSampler base = new UniformValueSampler(curriculum, 5);
            long[] a = new long[BATCH];
            long[] b = new long[BATCH];
            long[] ba = new long[BATCH];
            long[] bb = new long[BATCH];
            mix.sample(steps[k], a, b);
            base.sample(steps[k], ba, bb);
            int replaced = 0;
            for (int i = 0; i < BATCH; i++) {
                replaced += a[i] != ba[i] || b[i] != bb[i] ? 1 : 0;
            }
            double fraction = replaced / (double) BATCH;
            if (expected[k] == 0) {
                assertEquals(0, replaced, "step " + steps[k]);
            } else {
                assertEquals(expected[k], fraction, 0.015, "step " + steps[k]);
            }
        }
    }

    @Test
    void carryMixDuringThe3DigitPhaseStaysWithinThePublishedBounds() {
        DigitCurriculum curriculum = DigitCurriculum.standard();
        PairSampler mix = new CarryMixSampler(new UniformValueSampler(curriculum, 1), curriculum,
                new CarryMixSchedule(1.0, 100_000, 100_000), 2);
        long[] a = new long[BATCH];
        long[] b = new long[BATCH];
        mix.sample(0, a, b);
        boolean sawChainEdge = false;
        for (int i = 0; i < BATCH; i++) {
            assertTrue(a[i] <= 999, "a " + a[i]);
            assertTrue(b[i] <= 1000, "b " + b[i]);
            sawChainEdge |= b[i] == 1000;
        }
        assertTrue(sawChainEdge, "as published, chain pairs can have b = 10^3 in the 3-digit phase");
        int longChains = 0;
        for (int i = 0; i < BATCH; i++) {
            longChains += Carries.longestChain(a[i], b[i]) >= 3 ? 1 : 0;
        }
        assertTrue(longChains > BATCH / 20, "carry chains of length 3 are common: " + longChains);
    }

    @Test
    void recipesAreDeterministicPerSeed() {
        long[][] first = draw(AdditionSamplers.recipe57p(9), 3000);
        assertArrayEquals(first[0], draw(AdditionSamplers.recipe57p(9), 3000)[0]);
        assertArrayEquals(first[1], draw(AdditionSamplers.recipe57p(9), 3000)[1]);
        assertFalse(Arrays.equals(first[0], draw(AdditionSamplers.recipe57p(10), 3000)[0]));
        assertFalse(Arrays.equals(first[0], draw(AdditionSamplers.recipe74p(9), 20_000)[0]));
        long[][] lengths = draw(AdditionSamplers.digitLengthRecipe(9), 1000);
        for (int i = 0; i < lengths[0].length; i++) {
            assertTrue(lengths[0][i] < 1000 && lengths[1][i] < 1000);
        }
    }

    @Test
    void batchArgumentsAreChecked() {
        PairSampler s = AdditionSamplers.recipe57p(1);
        assertEquals("step must be >= 0: -1", assertThrows(IllegalArgumentException.class,
                () -> s.sample(-1, new long[2], new long[2])).getMessage());
        assertEquals("b.length must equal a.length (3): 2", assertThrows(IllegalArgumentException.class,
                () -> s.sample(0, new long[3], new long[2])).getMessage());
    }

    private static long[][] draw(PairSampler s, int step) {
        long[] a = new long[64];
        long[] b = new long[64];
        s.sample(step, a, b);
        return new long[][] {a, b};
    }
}
