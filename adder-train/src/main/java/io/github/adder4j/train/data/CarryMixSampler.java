package io.github.adder4j.train.data;

import java.util.List;
import java.util.Objects;

/**
 * Carry mixing (57p recipe): a base sampler fills the batch, then every example is independently replaced, with
 * probability {@link CarryMixSchedule#probability(int) p(step)}, by a {@link CarryGenerator} pair with
 * {@code max = curriculum.maxDigits(step)}. Once {@code p(step) = 0} no further random numbers are drawn here and the
 * output is exactly the base sampler's.
 *
 * <p>State words: the 4 words of this sampler's own RNG (mix decisions and carry pairs); inner states: the base
 * sampler's.
 */
public final class CarryMixSampler implements PairSampler {

    private final PairSampler base;
    private final DigitCurriculum curriculum;
    private final CarryMixSchedule schedule;
    private final DataRng rng;
    private int nextStep;

    /**
     * Creates the sampler.
     *
     * @param base draws the examples that are not replaced
     * @param curriculum gives the carry generator's largest length at each step
     * @param schedule the mixing probability by step
     * @param seed seed of this sampler's own RNG (use a different one from the base sampler's)
     */
    public CarryMixSampler(PairSampler base, DigitCurriculum curriculum, CarryMixSchedule schedule, long seed) {
        this.base = Objects.requireNonNull(base, "base");
        this.curriculum = Objects.requireNonNull(curriculum, "curriculum");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.rng = new DataRng(seed);
    }

    /**
     * The mixing schedule.
     *
     * @return the schedule
     */
    public CarryMixSchedule schedule() {
        return schedule;
    }

    @Override
    public void sample(int step, long[] a, long[] b) {
        Batches.check(step, a, b);
        base.sample(step, a, b);
        double p = schedule.probability(step);
        if (p > 0) {
            int max = curriculum.maxDigits(step);
            for (int i = 0; i < a.length; i++) {
                if (rng.nextDouble() < p) {
                    CarryPair pair = CarryGenerator.next(rng, max);
                    a[i] = pair.a();
                    b[i] = pair.b();
                }
            }
        }
        nextStep = step + 1;
    }

    @Override
    public SamplerState state() {
        return new SamplerState(nextStep, rng.state(), List.of(base.state()));
    }

    @Override
    public void restore(SamplerState state) {
        state.requireShape("CarryMixSampler", DataRng.STATE_WORDS, 1);
        base.restore(state.inner().get(0));
        rng.restore(state.words());
        nextStep = state.nextStep();
    }
}
