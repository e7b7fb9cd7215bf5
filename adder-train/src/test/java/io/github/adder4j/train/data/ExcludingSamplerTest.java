package io.github.adder4j.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExcludingSamplerTest {

    @Test
    void excludedPairsAreRedrawnAndTheRestStillAppear() {
        PairSet excluded = new PairSet();
        for (int a = 0; a < 10; a++) {
            for (int b = 0; b < 10; b++) {
                if (a != b) {
                    excluded.add(a, b);
                }
            }
        }
        ExcludingSampler s = new ExcludingSampler(new UniformValueSampler(DigitCurriculum.constant(1), 4), excluded);
        long[] a = new long[2000];
        long[] b = new long[2000];
        s.sample(0, a, b);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], "only the 10 pairs (x, x) are allowed");
            seen.add(a[i]);
        }
        assertEquals(10, seen.size());
        assertTrue(s.redraws() > 2000 * 5, "about 9 redraws per pair: " + s.redraws());
    }

    @Test
    void validationPairsNeverReachTraining() {
        ValidationSet validation = ValidationSet.digitLengths(1000, 31, 1);
        PairSet held = validation.pairSet();
        PairSampler plain = AdditionSamplers.digitLengthRecipe(8);
        ExcludingSampler s = new ExcludingSampler(AdditionSamplers.digitLengthRecipe(8), held);
        long[] a = new long[512];
        long[] b = new long[512];
        int leaksWithoutExclusion = 0;
        for (int step = 0; step < 40; step++) {
            plain.sample(step * 250, a, b);
            for (int i = 0; i < a.length; i++) {
                leaksWithoutExclusion += held.contains(a[i], b[i]) ? 1 : 0;
            }
            s.sample(step * 250, a, b);
            for (int i = 0; i < a.length; i++) {
                assertFalse(held.contains(a[i], b[i]), "(" + a[i] + ", " + b[i] + ")");
            }
        }
        assertTrue(leaksWithoutExclusion > 0, "short validation pairs do occur in training draws");
        assertTrue(s.redraws() > 0);
    }

    @Test
    void theExclusionSetIsCopied() {
        PairSet excluded = new PairSet();
        ExcludingSampler s = new ExcludingSampler(new UniformValueSampler(DigitCurriculum.constant(1), 4), excluded);
        for (int a = 0; a < 10; a++) {
            for (int b = 0; b < 10; b++) {
                excluded.add(a, b);
            }
        }
        s.sample(0, new long[100], new long[100]);
        assertEquals(0, s.redraws());
    }

    @Test
    void aFullyCoveredDistributionFailsInsteadOfLooping() {
        PairSet excluded = new PairSet();
        for (int a = 0; a < 10; a++) {
            for (int b = 0; b < 10; b++) {
                excluded.add(a, b);
            }
        }
        ExcludingSampler s = new ExcludingSampler(new UniformValueSampler(DigitCurriculum.constant(1), 4), excluded, 50);
        assertEquals("more than 50 consecutive redraws of an excluded pair at step 3: the exclusion set covers "
                + "(nearly) all pairs the sampler draws", assertThrows(IllegalStateException.class,
                        () -> s.sample(3, new long[1], new long[1])).getMessage());
        assertEquals("maxRedraws must be >= 1: 0", assertThrows(IllegalArgumentException.class,
                () -> new ExcludingSampler(AdditionSamplers.recipe57p(1), excluded, 0)).getMessage());
    }

    @Test
    void aDigitLengthRedrawKeepsTheExamplesLength() {
        // every 1-digit pair but (3, 4) is held out; lengths 1 and 2 are drawn equally often. Keeping n, each 1-digit draw
        // must end as (3, 4): about half the batch. Drawing a new length instead would make (3, 4) rare (about 1 in 200).
        PairSet excluded = new PairSet();
        for (int a = 0; a < 10; a++) {
            for (int b = 0; b < 10; b++) {
                if (a != 3 || b != 4) {
                    excluded.add(a, b);
                }
            }
        }
        ExcludingSampler s = new ExcludingSampler(new DigitLengthSampler(DigitCurriculum.constant(2), 1, 11), excluded);
        long[] a = new long[4000];
        long[] b = new long[4000];
        s.sample(0, a, b);
        int kept = 0;
        for (int i = 0; i < a.length; i++) {
            assertFalse(excluded.contains(a[i], b[i]));
            kept += a[i] == 3 && b[i] == 4 ? 1 : 0;
        }
        assertTrue(kept > 1800 && kept < 2200, "1-digit examples kept their length: " + kept + " of 4000 are (3, 4)");
    }

    @Test
    void aRedrawNeedsTheBatchOfItsStep() {
        DigitLengthSampler s = new DigitLengthSampler(DigitCurriculum.constant(2), 1, 11);
        long[] a = new long[4];
        long[] b = new long[4];
        s.sample(5, a, b);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.redraw(6, a, b, 0));
        assertEquals("redraw of pair 0 at step 6 follows no batch of that step with that pair", e.getMessage());
        assertThrows(IllegalStateException.class, () -> s.redraw(5, a, b, 4));
    }
}
