package io.github.adder4j.train.data;

import java.util.List;
import java.util.Objects;

/**
 * Keeps held-out pairs (validation, test) out of training: every drawn pair that is in the exclusion set is redrawn
 * by the wrapped sampler ({@link PairSampler#redraw}: a pair of the same kind, e.g. the same digit length), one pair at a
 * time at the same step, until it is not excluded.
 *
 * <p>The AdderBoard pairs are not excluded by default: they are never generated specially (a training pair equals one
 * of them only by chance) and the exclusion set is whatever the caller passes, normally a {@link ValidationSet}.
 *
 * <p>State words: {@code [redraws]}; inner states: the wrapped sampler's.
 */
public final class ExcludingSampler implements PairSampler {

    /** Default limit of consecutive redraws for one example before giving up. */
    public static final int DEFAULT_MAX_REDRAWS = 10_000;

    private final PairSampler inner;
    private final PairSet excluded;
    private final int maxRedraws;
    private long redraws;
    private int nextStep;

    /**
     * Wraps a sampler with the default redraw limit.
     *
     * @param inner the sampler to draw from
     * @param excluded the pairs never to return (copied)
     */
    public ExcludingSampler(PairSampler inner, PairSet excluded) {
        this(inner, excluded, DEFAULT_MAX_REDRAWS);
    }

    /**
     * Wraps a sampler.
     *
     * @param inner the sampler to draw from
     * @param excluded the pairs never to return (copied, so later additions to it have no effect)
     * @param maxRedraws consecutive redraws of one example after which sampling fails, positive
     */
    public ExcludingSampler(PairSampler inner, PairSet excluded, int maxRedraws) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.excluded = Objects.requireNonNull(excluded, "excluded").copy();
        if (maxRedraws < 1) {
            throw new IllegalArgumentException("maxRedraws must be >= 1: " + maxRedraws);
        }
        this.maxRedraws = maxRedraws;
    }

    /**
     * Total number of pairs redrawn so far (a diagnostic; part of the state).
     *
     * @return the count
     */
    public long redraws() {
        return redraws;
    }

    /**
     * Draws a batch with no excluded pair.
     *
     * @throws IllegalStateException if one example needed more than {@code maxRedraws} redraws (the step's
     *     distribution is (nearly) covered by the exclusion set)
     */
    @Override
    public void sample(int step, long[] a, long[] b) {
        Batches.check(step, a, b);
        inner.sample(step, a, b);
        for (int i = 0; i < a.length; i++) {
            int tries = 0;
            while (excluded.contains(a[i], b[i])) {
                if (tries == maxRedraws) {
                    throw new IllegalStateException("more than " + maxRedraws
                            + " consecutive redraws of an excluded pair at step " + step
                            + ": the exclusion set covers (nearly) all pairs the sampler draws");
                }
                inner.redraw(step, a, b, i);
                tries++;
                redraws++;
            }
        }
        nextStep = step + 1;
    }

    @Override
    public SamplerState state() {
        return new SamplerState(nextStep, new long[] {redraws}, List.of(inner.state()));
    }

    @Override
    public void restore(SamplerState state) {
        state.requireShape("ExcludingSampler", 1, 1);
        inner.restore(state.inner().get(0));
        redraws = state.word(0);
        nextStep = state.nextStep();
    }
}
