package io.github.adder4j.train.data;

import java.util.List;
import java.util.Objects;

/**
 * Per-example digit-length sampling with a digit curriculum (311p/777p style): at step s, for every example
 * independently, {@code n ~ U{minDigits..maxDigits(s)}}, then both operands are drawn from U[0, 10^n). Short operands
 * are therefore as frequent as long ones.
 *
 * <p>State words: the 4 RNG words; no inner states.
 */
public final class DigitLengthSampler implements PairSampler {

    private final DigitCurriculum curriculum;
    private final int minDigits;
    private final DataRng rng;
    private int nextStep;
    /** The digit length of each pair of the last batch, for {@link #redraw}. */
    private int[] lengths = new int[0];

    /**
     * Creates the sampler.
     *
     * @param curriculum the digit curriculum
     * @param minDigits smallest length, in [1, 10], at most every phase's {@code maxDigits}
     * @param seed RNG seed
     */
    public DigitLengthSampler(DigitCurriculum curriculum, int minDigits, long seed) {
        this.curriculum = Objects.requireNonNull(curriculum, "curriculum");
        this.minDigits = Batches.checkDigits("minDigits", minDigits);
        if (minDigits > curriculum.smallestMaxDigits()) {
            throw new IllegalStateException("minDigits must be <= the curriculum's smallest maxDigits ("
                    + curriculum.smallestMaxDigits() + "): " + minDigits);
        }
        this.rng = new DataRng(seed);
    }

    /**
     * The curriculum.
     *
     * @return the curriculum
     */
    public DigitCurriculum curriculum() {
        return curriculum;
    }

    /**
     * The smallest operand length.
     *
     * @return digits
     */
    public int minDigits() {
        return minDigits;
    }

    @Override
    public void sample(int step, long[] a, long[] b) {
        Batches.check(step, a, b);
        int max = curriculum.maxDigits(step);
        if (lengths.length != a.length) {
            lengths = new int[a.length];
        }
        for (int i = 0; i < a.length; i++) {
            lengths[i] = rng.nextIntBetween(minDigits, max);
            long bound = Batches.pow10(lengths[i]);
            a[i] = rng.nextLong(bound);
            b[i] = rng.nextLong(bound);
        }
        nextStep = step + 1;
    }

    /**
     * Redraws pair {@code i} of the last batch with the same digit length n (both operands again from U[0, 10^n)), as the
     * published 311p code redraws a held-out pair.
     *
     * @throws IllegalStateException if no batch with a pair {@code i} has been drawn at {@code step}
     */
    @Override
    public void redraw(int step, long[] a, long[] b, int i) {
        if (step != nextStep - 1 || i < 0 || i >= lengths.length) {
            throw new IllegalStateException("redraw of pair " + i + " at step " + step + " follows no batch of that step with that pair");
        }
        long bound = Batches.pow10(lengths[i]);
        a[i] = rng.nextLong(bound);
        b[i] = rng.nextLong(bound);
    }

    @Override
    public SamplerState state() {
        return new SamplerState(nextStep, rng.state(), List.of());
    }

    @Override
    public void restore(SamplerState state) {
        state.requireShape("DigitLengthSampler", DataRng.STATE_WORDS, 0);
        rng.restore(state.words());
        nextStep = state.nextStep();
    }
}
