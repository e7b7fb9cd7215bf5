package io.github.adder4j.train.data;

/**
 * The step-based carry-mix probability: {@code startProbability} up to {@code fadeStart}, then falling linearly to 0 at
 * {@code fadeEnd}, 0 afterwards. With {@code fadeStart == fadeEnd} it drops from {@code startProbability} to 0 at that
 * step.
 *
 * @param startProbability probability before the fade, in [0, 1]
 * @param fadeStart first step of the fade, non-negative
 * @param fadeEnd step from which the probability is 0, {@code >= fadeStart}
 */
public record CarryMixSchedule(double startProbability, int fadeStart, int fadeEnd) {

    /**
     * Validates.
     *
     * @param startProbability in [0, 1]
     * @param fadeStart non-negative
     * @param fadeEnd {@code >= fadeStart}
     */
    public CarryMixSchedule {
        if (!(startProbability >= 0 && startProbability <= 1)) {
            throw new IllegalArgumentException("startProbability must be in [0, 1]: " + startProbability);
        }
        if (fadeStart < 0) {
            throw new IllegalArgumentException("fadeStart must be >= 0: " + fadeStart);
        }
        if (fadeEnd < fadeStart) {
            throw new IllegalStateException("fadeEnd must be >= fadeStart (" + fadeStart + "): " + fadeEnd);
        }
    }

    /**
     * The 57p recipe: 0.8 until step 15,000, fading linearly to 0 at 45,000.
     *
     * @return the schedule
     */
    public static CarryMixSchedule recipe57p() {
        return new CarryMixSchedule(0.8, 15_000, 45_000);
    }

    /**
     * The 74p variant: 0.8 until step 10,000, fading linearly to 0 at 80,000.
     *
     * @return the schedule
     */
    public static CarryMixSchedule recipe74p() {
        return new CarryMixSchedule(0.8, 10_000, 80_000);
    }

    /**
     * No carry mixing.
     *
     * @return the schedule
     */
    public static CarryMixSchedule off() {
        return new CarryMixSchedule(0, 0, 0);
    }

    /**
     * The probability that an example at {@code step} comes from the carry generator.
     *
     * @param step non-negative
     * @return the probability in [0, startProbability]
     */
    public double probability(int step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0: " + step);
        }
        if (step >= fadeEnd) {
            return 0;
        }
        if (step <= fadeStart) {
            return startProbability;
        }
        return startProbability * (fadeEnd - step) / (fadeEnd - fadeStart);
    }
}
