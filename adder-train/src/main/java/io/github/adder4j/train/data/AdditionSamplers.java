package io.github.adder4j.train.data;

/**
 * The training samplers of the published addition recipes, built from one seed (sub-streams derived with
 * {@link DataRng#deriveSeed(long, long)}). Wrap the result in an {@link ExcludingSampler} with a
 * {@link ValidationSet#pairSet()} to hold validation pairs out.
 */
public final class AdditionSamplers {

    private AdditionSamplers() {
    }

    /**
     * 57p: uniform-over-value operands with the {@link DigitCurriculum#standard() standard} curriculum, carry-mixed with
     * {@link CarryMixSchedule#recipe57p()} (0.8 until step 15,000, 0 from 45,000).
     *
     * @param seed the run's data seed
     * @return the sampler
     */
    public static PairSampler recipe57p(long seed) {
        return carryMix(seed, CarryMixSchedule.recipe57p());
    }

    /**
     * 74p: as {@link #recipe57p(long)} with {@link CarryMixSchedule#recipe74p()} (fade from 10,000 to 80,000).
     *
     * @param seed the run's data seed
     * @return the sampler
     */
    public static PairSampler recipe74p(long seed) {
        return carryMix(seed, CarryMixSchedule.recipe74p());
    }

    /**
     * 311p and 777p: per-example digit lengths {@code n ~ U{1..max}} with the standard curriculum (1-3 digits for 2K
     * steps, 1-6 for 5K, then 1-10).
     *
     * @param seed the run's data seed
     * @return the sampler
     */
    public static PairSampler digitLengthRecipe(long seed) {
        return new DigitLengthSampler(DigitCurriculum.standard(), 1, DataRng.deriveSeed(seed, 0));
    }

    /**
     * The 311p fine-tuning rounds' data: per-example digit lengths {@code n ~ U{1..10}} from the first step (no curriculum).
     *
     * @param seed the run's data seed
     * @return the sampler
     */
    public static PairSampler digitLengthFlat(long seed) {
        return new DigitLengthSampler(DigitCurriculum.constant(Batches.MAX_DIGITS), 1, DataRng.deriveSeed(seed, 0));
    }

    private static PairSampler carryMix(long seed, CarryMixSchedule schedule) {
        DigitCurriculum curriculum = DigitCurriculum.standard();
        return new CarryMixSampler(new UniformValueSampler(curriculum, DataRng.deriveSeed(seed, 0)), curriculum,
                schedule, DataRng.deriveSeed(seed, 1));
    }
}
