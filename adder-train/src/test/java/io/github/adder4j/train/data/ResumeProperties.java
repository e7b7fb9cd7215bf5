package io.github.adder4j.train.data;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/** Saving and restoring at any point gives the same continuation as never stopping. */
class ResumeProperties {

    private static final PairSet HELD_OUT = ValidationSet.digitLengths(200, 5, 1).pairSet();

    @Property(tries = 200)
    boolean restoreAnywhereContinuesIdentically(@ForAll long seed, @ForAll @IntRange(max = 50_000) int start,
            @ForAll @IntRange(max = 6) int before, @ForAll @IntRange(min = 1, max = 6) int after,
            @ForAll @IntRange(max = 40) int poolSize, @ForAll @IntRange(min = 1, max = 32) int batch) {
        Statistics.label("pool larger than batch").collect(poolSize > batch);
        PairSampler original = build(seed, poolSize);
        int step = start;
        for (int k = 0; k < before; k++) {
            draw(original, step++, batch);
        }
        SamplerState saved = original.state();
        long[][] expected = new long[after][];
        for (int k = 0; k < after; k++) {
            expected[k] = draw(original, step + k, batch);
        }
        PairSampler resumed = build(~seed, poolSize);
        resumed.restore(saved);
        for (int k = 0; k < after; k++) {
            if (!Arrays.equals(expected[k], draw(resumed, step + k, batch))) {
                return false;
            }
        }
        return original.state().equals(resumed.state());
    }

    private static PairSampler build(long seed, int poolSize) {
        ErrorPairPool pool = new ErrorPairPool();
        for (int i = 0; i < poolSize; i++) {
            pool.add(9_999_999_999L - i, i);
        }
        return new ErrorPoolSampler(pool, new ExcludingSampler(AdditionSamplers.recipe57p(seed), HELD_OUT));
    }

    /** a and b of one batch, concatenated. */
    private static long[] draw(PairSampler s, int step, int batch) {
        long[] a = new long[batch];
        long[] b = new long[batch];
        s.sample(step, a, b);
        long[] both = Arrays.copyOf(a, 2 * batch);
        System.arraycopy(b, 0, both, batch, batch);
        return both;
    }
}
