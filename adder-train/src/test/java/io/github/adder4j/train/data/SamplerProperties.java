package io.github.adder4j.train.data;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/** Sampled operands stay within the bounds of the step's curriculum phase. */
class SamplerProperties {

    @Property(tries = 300)
    boolean uniformValueStaysBelowTenToTheMax(@ForAll long seed, @ForAll @IntRange(max = 70_000) int step,
            @ForAll @IntRange(max = 64) int batch) {
        DigitCurriculum c = DigitCurriculum.standard();
        int max = c.maxDigits(step);
        Statistics.label("max digits").collect(max);
        long[][] ab = draw(new UniformValueSampler(c, seed), step, batch);
        return allBelow(ab[0], Batches.pow10(max)) && allBelow(ab[1], Batches.pow10(max));
    }

    @Property(tries = 300)
    boolean digitLengthStaysBelowTenToTheMax(@ForAll long seed, @ForAll @IntRange(max = 70_000) int step,
            @ForAll @IntRange(max = 64) int batch, @ForAll @IntRange(min = 1, max = 3) int minDigits) {
        DigitCurriculum c = DigitCurriculum.standard();
        int max = c.maxDigits(step);
        Statistics.label("max digits").collect(max);
        long[][] ab = draw(new DigitLengthSampler(c, minDigits, seed), step, batch);
        return allBelow(ab[0], Batches.pow10(max)) && allBelow(ab[1], Batches.pow10(max));
    }

    /**
     * Carry-mixed batches: a always fits the phase; b fits it too except for the two published one-digit overshoots
     * (chain {@code b = 10^nd}, boundary {@code b <= 20}).
     */
    @Property(tries = 300)
    boolean carryMixStaysWithinThePublishedBounds(@ForAll long seed, @ForAll @IntRange(max = 50_000) int step,
            @ForAll @IntRange(min = 1, max = 64) int batch, @ForAll @IntRange(min = 1, max = 10) int digits) {
        DigitCurriculum c = DigitCurriculum.constant(digits);
        PairSampler s = new CarryMixSampler(new UniformValueSampler(c, seed), c, CarryMixSchedule.recipe57p(),
                DataRng.deriveSeed(seed, 1));
        long[][] ab = draw(s, step, batch);
        long bound = Batches.pow10(digits);
        Statistics.label("b overshoots").collect(!allBelow(ab[1], bound));
        return allBelow(ab[0], bound) && allBelow(ab[1], Math.max(bound, 20) + 1);
    }

    private static long[][] draw(PairSampler s, int step, int batch) {
        long[] a = new long[batch];
        long[] b = new long[batch];
        s.sample(step, a, b);
        return new long[][] {a, b};
    }

    private static boolean allBelow(long[] values, long bound) {
        for (long v : values) {
            if (v < 0 || v >= bound) {
                return false;
            }
        }
        return true;
    }
}
