package io.github.adder4j.train.data;

import java.util.List;
import java.util.Objects;

/**
 * Uniform-over-value sampling with a digit curriculum (57p style): at step s, with {@code m = maxDigits(s)}, both
 * operands are drawn independently from U[0, 10^m - 1]. Most pairs therefore have the full m digits.
 *
 * <p>State words: the 4 RNG words; no inner states.
 */
public final class UniformValueSampler implements PairSampler {

    private final DigitCurriculum curriculum;
    private final DataRng rng;
    private int nextStep;

    /**
     * Creates the sampler.
     *
     * @param curriculum the digit curriculum
     * @param seed RNG seed
     */
    public UniformValueSampler(DigitCurriculum curriculum, long seed) {
        this.curriculum = Objects.requireNonNull(curriculum, "curriculum");
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

    @Override
    public void sample(int step, long[] a, long[] b) {
        Batches.check(step, a, b);
        long bound = Batches.pow10(curriculum.maxDigits(step));
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextLong(bound);
            b[i] = rng.nextLong(bound);
        }
        nextStep = step + 1;
    }

    @Override
    public SamplerState state() {
        return new SamplerState(nextStep, rng.state(), List.of());
    }

    @Override
    public void restore(SamplerState state) {
        state.requireShape("UniformValueSampler", DataRng.STATE_WORDS, 0);
        rng.restore(state.words());
        nextStep = state.nextStep();
    }
}
