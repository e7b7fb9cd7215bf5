package io.github.adder4j.train.optim;

/**
 * A learning rate as a function of the 0-based training step: the trainer asks for {@code learningRate(step)} before
 * step {@code step} and hands it to {@link AdamW#setLearningRate(double)}.
 */
public sealed interface LearningRateSchedule permits LearningRateSchedule.Constant, LearningRateSchedule.WarmupCosine,
        LearningRateSchedule.WarmupCosineOpenEnd, LearningRateSchedule.CosineRestarts {

    /**
     * The learning rate for a 0-based step.
     *
     * @param step the step about to be taken, at least 0
     * @return a positive learning rate
     * @throws IllegalArgumentException if {@code step} is negative
     */
    double learningRate(long step);

    /**
     * The same learning rate at every step.
     *
     * @param learningRate positive learning rate
     * @return the schedule
     * @throws IllegalArgumentException if the rate is not positive and finite
     */
    static LearningRateSchedule constant(double learningRate) {
        return new Constant(learningRate);
    }

    /**
     * Linear warmup then cosine decay to an absolute floor; see {@link WarmupCosine} for the exact formula.
     *
     * @param peak        learning rate reached at step {@code warmupSteps}
     * @param warmupSteps number of warmup steps (0 for none)
     * @param totalSteps  number of steps in the run; the last one, {@code totalSteps - 1}, gets {@code floor}
     * @param floor       final learning rate, in (0, peak]
     * @return the schedule
     * @throws IllegalArgumentException for a bad single value
     * @throws IllegalStateException    if the floor exceeds the peak or {@code totalSteps <= warmupSteps + 1}
     */
    static LearningRateSchedule warmupCosine(double peak, long warmupSteps, long totalSteps, double floor) {
        return new WarmupCosine(peak, warmupSteps, totalSteps, floor);
    }

    /**
     * Linear warmup then cosine decay to {@code peak * floorRatio} (the published recipes use 0.1 and 0.01).
     *
     * @param peak        learning rate reached at step {@code warmupSteps}
     * @param warmupSteps number of warmup steps (0 for none)
     * @param totalSteps  number of steps in the run
     * @param floorRatio  final learning rate as a fraction of the peak, in (0, 1]
     * @return the schedule
     * @throws IllegalArgumentException for a bad single value
     * @throws IllegalStateException    if {@code totalSteps <= warmupSteps + 1}
     */
    static LearningRateSchedule warmupCosineToRatio(double peak, long warmupSteps, long totalSteps,
                                                    double floorRatio) {
        Checks.positive("peak", peak);
        if (!(floorRatio > 0 && floorRatio <= 1)) {
            throw new IllegalArgumentException("floorRatio must be in (0, 1]: " + floorRatio);
        }
        return new WarmupCosine(peak, warmupSteps, totalSteps, Math.min(peak, peak * floorRatio));
    }

    /**
     * A constant learning rate.
     *
     * @param learningRate the rate, positive and finite
     */
    record Constant(double learningRate) implements LearningRateSchedule {

        /**
         * Validates the rate.
         *
         * @throws IllegalArgumentException if it is not positive and finite
         */
        public Constant {
            Checks.positive("learningRate", learningRate);
        }

        @Override
        public double learningRate(long step) {
            Checks.nonNegative("step", step);
            return learningRate;
        }
    }

    /**
     * Linear warmup followed by a cosine decay that ends exactly at the floor on the last step (the 57p convention).
     * With W = {@code warmupSteps}, T = {@code totalSteps} and s the 0-based step:
     * <ul>
     *   <li>s &lt; W: {@code peak * ((s + 1) / W)}, so the first step already trains at {@code peak / W} and step
     *       W - 1 reaches the peak;</li>
     *   <li>W &le; s &lt; T - 1: with {@code progress = (s - W) / (T - 1 - W)},
     *       {@code peak - (peak - floor) * (1 - cos(pi * progress)) / 2}, clamped to [floor, peak]: exactly the peak at
     *       s = W, falling monotonically;</li>
     *   <li>s &ge; T - 1: exactly {@code floor} (also for steps past the planned end).</li>
     * </ul>
     *
     * @param peak        the peak learning rate, positive and finite
     * @param warmupSteps W, at least 0
     * @param totalSteps  T, at least W + 2 so that the cosine phase has a start and an end
     * @param floor       the final learning rate, in (0, peak]
     */
    record WarmupCosine(double peak, long warmupSteps, long totalSteps, double floor) implements LearningRateSchedule {

        /**
         * Validates the fields.
         *
         * @throws IllegalArgumentException for a bad single value
         * @throws IllegalStateException    if {@code floor > peak} or {@code totalSteps <= warmupSteps + 1}
         */
        public WarmupCosine {
            Checks.positive("peak", peak);
            Checks.nonNegative("warmupSteps", warmupSteps);
            Checks.positive("floor", floor);
            if (floor > peak) {
                throw new IllegalStateException("floor must not exceed peak: floor=" + floor + ", peak=" + peak);
            }
            if (warmupSteps == Long.MAX_VALUE || totalSteps <= warmupSteps + 1) {
                throw new IllegalStateException("totalSteps must exceed warmupSteps + 1: totalSteps=" + totalSteps
                        + ", warmupSteps=" + warmupSteps);
            }
        }

        @Override
        public double learningRate(long step) {
            Checks.nonNegative("step", step);
            if (step < warmupSteps) {
                return peak * ((double) (step + 1) / warmupSteps);
            }
            long last = totalSteps - 1;
            if (step >= last) {
                return floor;
            }
            double progress = (double) (step - warmupSteps) / (last - warmupSteps);
            double lr = peak - (peak - floor) * (0.5 * (1 - Math.cos(Math.PI * progress)));
            return Math.max(floor, Math.min(peak, lr));
        }
    }

    /**
     * Linear warmup followed by a cosine decay whose end lies one step past the last (the low-rank seed code's schedule).
     * With W = {@code warmupSteps}, T = {@code totalSteps} and s the 0-based step:
     * <ul>
     *   <li>s &lt; W: {@code peak * ((s + 1) / W)};</li>
     *   <li>W &le; s &lt; T: with {@code progress = (s - W) / (T - W)},
     *       {@code peak - (peak - floor) * (1 - cos(pi * progress)) / 2}, clamped to [floor, peak]: exactly the peak at
     *       s = W, and at the last step T - 1 one step short of the floor;</li>
     *   <li>s &ge; T: exactly {@code floor}.</li>
     * </ul>
     *
     * @param peak        the peak learning rate, positive and finite
     * @param warmupSteps W, at least 0
     * @param totalSteps  T, greater than W
     * @param floor       the learning rate the cosine ends at, in (0, peak]
     */
    record WarmupCosineOpenEnd(double peak, long warmupSteps, long totalSteps, double floor) implements LearningRateSchedule {

        /**
         * Validates the fields.
         *
         * @throws IllegalArgumentException for a bad single value
         * @throws IllegalStateException    if {@code floor > peak} or {@code totalSteps <= warmupSteps}
         */
        public WarmupCosineOpenEnd {
            Checks.positive("peak", peak);
            Checks.nonNegative("warmupSteps", warmupSteps);
            Checks.positive("floor", floor);
            if (floor > peak) {
                throw new IllegalStateException("floor must not exceed peak: floor=" + floor + ", peak=" + peak);
            }
            if (totalSteps <= warmupSteps) {
                throw new IllegalStateException("totalSteps must exceed warmupSteps: totalSteps=" + totalSteps
                        + ", warmupSteps=" + warmupSteps);
            }
        }

        /**
         * The schedule with its floor at {@code peak * floorRatio}.
         *
         * @throws IllegalArgumentException if {@code floorRatio} is not in (0, 1]
         */
        static WarmupCosineOpenEnd toRatio(double peak, long warmupSteps, long totalSteps, double floorRatio) {
            Checks.positive("peak", peak);
            if (!(floorRatio > 0 && floorRatio <= 1)) {
                throw new IllegalArgumentException("floorRatio must be in (0, 1]: " + floorRatio);
            }
            return new WarmupCosineOpenEnd(peak, warmupSteps, totalSteps, Math.min(peak, peak * floorRatio));
        }

        @Override
        public double learningRate(long step) {
            Checks.nonNegative("step", step);
            if (step < warmupSteps) {
                return peak * ((double) (step + 1) / warmupSteps);
            }
            if (step >= totalSteps) {
                return floor;
            }
            double progress = (double) (step - warmupSteps) / (totalSteps - warmupSteps);
            double lr = peak - (peak - floor) * (0.5 * (1 - Math.cos(Math.PI * progress)));
            return Math.max(floor, Math.min(peak, lr));
        }
    }

    /**
     * Linear warmup then cosine with progress {@code (s - W) / (T - W)} to {@code peak * floorRatio}; see
     * {@link WarmupCosineOpenEnd}.
     *
     * @param peak        learning rate reached at step {@code warmupSteps}
     * @param warmupSteps number of warmup steps (0 for none)
     * @param totalSteps  number of steps in the run
     * @param floorRatio  the floor as a fraction of the peak, in (0, 1]
     * @return the schedule
     */
    static LearningRateSchedule warmupCosineOpenEnd(double peak, long warmupSteps, long totalSteps, double floorRatio) {
        return WarmupCosineOpenEnd.toRatio(peak, warmupSteps, totalSteps, floorRatio);
    }

    /**
     * Cosine with warm restarts (SGDR): after a linear warmup of W steps, cycles of {@code firstCycle},
     * {@code firstCycle * growth}, {@code firstCycle * growth^2}, ... steps (each rounded down, at least 1), each falling by a
     * cosine from the peak to the floor and then restarting at the peak. Within a cycle of length L, at its step t (0-based):
     * {@code peak - (peak - floor) * (1 - cos(pi * t / L)) / 2}. With growth 1 every cycle has the same length, and the
     * cycles' last steps ({@link #endsCycle(long)}) are where stochastic weight averaging across restarts samples.
     *
     * @param peak        the learning rate at the start of every cycle, positive and finite
     * @param warmupSteps W, at least 0
     * @param firstCycle  the first cycle's length, positive
     * @param growth      the factor of each cycle's length over the previous one, at least 1
     * @param floor       the learning rate a cycle falls towards, in (0, peak]
     */
    record CosineRestarts(double peak, long warmupSteps, long firstCycle, double growth, double floor) implements LearningRateSchedule {

        /**
         * Validates the fields.
         *
         * @throws IllegalArgumentException for a bad single value
         * @throws IllegalStateException    if {@code floor > peak}
         */
        public CosineRestarts {
            Checks.positive("peak", peak);
            Checks.nonNegative("warmupSteps", warmupSteps);
            if (firstCycle < 1) {
                throw new IllegalArgumentException("firstCycle must be positive: " + firstCycle);
            }
            if (!(growth >= 1) || Double.isInfinite(growth)) {
                throw new IllegalArgumentException("growth must be at least 1: " + growth);
            }
            Checks.positive("floor", floor);
            if (floor > peak) {
                throw new IllegalStateException("floor must not exceed peak: floor=" + floor + ", peak=" + peak);
            }
        }

        @Override
        public double learningRate(long step) {
            Checks.nonNegative("step", step);
            if (step < warmupSteps) {
                return peak * ((double) (step + 1) / warmupSteps);
            }
            long[] cycle = cycle(step);
            double progress = (double) cycle[0] / cycle[1];
            double lr = peak - (peak - floor) * (0.5 * (1 - Math.cos(Math.PI * progress)));
            return Math.max(floor, Math.min(peak, lr));
        }

        /** Whether {@code step} (at or after the warmup) is the last step of its cycle. */
        public boolean endsCycle(long step) {
            Checks.nonNegative("step", step);
            if (step < warmupSteps) {
                return false;
            }
            long[] cycle = cycle(step);
            return cycle[0] == cycle[1] - 1;
        }

        /** {position in the cycle, cycle length} of a step at or after the warmup. */
        private long[] cycle(long step) {
            long t = step - warmupSteps;
            double length = firstCycle;
            while (t >= (long) length) {
                t -= (long) length;
                length = Math.max(1, Math.floor(length * growth));
            }
            return new long[] {t, (long) length};
        }
    }
}
