package io.github.adder4j.train;

import io.github.adder4j.train.optim.Checks;
import io.github.adder4j.train.optim.LearningRateSchedule;

/**
 * How long a {@link Recipe} trains and how its learning rate moves: the step count and the learning-rate schedule. Part
 * {@code schedule} of a recipe (its flat names: {@code steps}, {@code schedule} for the kind, {@code warmupSteps},
 * {@code floorRatio}, {@code restarts}).
 *
 * @param steps       total optimizer steps, positive
 * @param kind        the learning-rate schedule
 * @param warmupSteps linear warmup steps ({@code lr (step+1) / warmup}), at least 0; a cosine schedule needs
 *                    {@code steps > warmupSteps + 1}
 * @param floorRatio  final learning rate as a fraction of the peak (cosine schedules), in (0, 1]
 * @param restarts    the cycles of {@link Recipe.Schedule#COSINE_RESTARTS} (required by it, refused by every other
 *                    schedule), else null
 */
public record ScheduleSpec(int steps, Recipe.Schedule kind, int warmupSteps, double floorRatio, Recipe.Restarts restarts) {

    /** The defaults, those of the 57p published recipe: 60,000 steps, a warmup of 1,000, then cosine to 0.1 lr. */
    public static final ScheduleSpec DEFAULTS = new ScheduleSpec(60_000, Recipe.Schedule.WARMUP_COSINE, 1000, 0.1, null);

    /** Validates. */
    public ScheduleSpec {
        Checks.oneOf("schedule", kind, Recipe.Schedule.values());
        Checks.positive("steps", steps);
        Checks.notNegative("warmupSteps", warmupSteps);
        Checks.inLeftOpenUnit("floorRatio", floorRatio);
        if ((kind == Recipe.Schedule.COSINE_RESTARTS) != (restarts != null)) {
            throw new IllegalStateException("restarts goes with schedule COSINE_RESTARTS and only with it: schedule=" + kind
                    + ", restarts=" + restarts);
        }
        if (kind != Recipe.Schedule.CONSTANT && steps <= warmupSteps + 1) {
            throw new IllegalStateException("steps must exceed warmupSteps + 1 for a cosine schedule: steps=" + steps + ", warmupSteps="
                    + warmupSteps);
        }
    }

    /**
     * The learning rate at every step for a peak learning rate.
     *
     * @param peak the peak learning rate (the recipe's {@code learningRate})
     * @return the schedule
     */
    public LearningRateSchedule learningRates(double peak) {
        return switch (kind) {
            case WARMUP_COSINE -> LearningRateSchedule.warmupCosineToRatio(peak, warmupSteps, steps, floorRatio);
            case WARMUP_COSINE_OPEN_END -> LearningRateSchedule.warmupCosineOpenEnd(peak, warmupSteps, steps, floorRatio);
            // linear warmup, then constant
            case CONSTANT -> warmupSteps == 0 ? LearningRateSchedule.constant(peak)
                    : LearningRateSchedule.warmupCosine(peak, warmupSteps, Integer.MAX_VALUE, peak);
            case COSINE_RESTARTS -> new LearningRateSchedule.CosineRestarts(peak, warmupSteps, restarts.firstCycle(), restarts.growth(),
                    floorRatio * peak);
        };
    }

    /**
     * A builder holding these values.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * A builder starting from {@link #DEFAULTS}.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /** Sets the fields of a {@link ScheduleSpec} by name; {@link #build()} validates them together. */
    public static final class Builder {
        private int steps;
        private Recipe.Schedule kind;
        private int warmupSteps;
        private double floorRatio;
        private Recipe.Restarts restarts;

        private Builder(ScheduleSpec s) {
            steps = s.steps;
            kind = s.kind;
            warmupSteps = s.warmupSteps;
            floorRatio = s.floorRatio;
            restarts = s.restarts;
        }

        /** Sets {@code steps} (see {@link ScheduleSpec}). */
        public Builder steps(int v) {
            steps = v;
            return this;
        }

        /** Sets {@code kind} (see {@link ScheduleSpec}). */
        public Builder kind(Recipe.Schedule v) {
            kind = v;
            return this;
        }

        /** Sets {@code warmupSteps} (see {@link ScheduleSpec}). */
        public Builder warmupSteps(int v) {
            warmupSteps = v;
            return this;
        }

        /** Sets {@code floorRatio} (see {@link ScheduleSpec}). */
        public Builder floorRatio(double v) {
            floorRatio = v;
            return this;
        }

        /** Sets {@code restarts} (see {@link ScheduleSpec}). */
        public Builder restarts(Recipe.Restarts v) {
            restarts = v;
            return this;
        }

        /**
         * The validated part.
         *
         * @return the part
         */
        public ScheduleSpec build() {
            return new ScheduleSpec(steps, kind, warmupSteps, floorRatio, restarts);
        }
    }
}
