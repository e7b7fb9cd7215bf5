package io.github.adder4j.train.data;

import java.util.List;
import java.util.Objects;

/**
 * A digit curriculum: the largest operand length allowed at each training step, as a list of phases each starting at a
 * step and lasting until the next phase starts (the last one forever).
 *
 * <p>The published recipes (57p, 311p, 777p) all use {@link #standard()}: 3 digits for steps [0, 2000), 6 for
 * [2000, 7000), 10 afterwards.
 *
 * @param phases phases sorted by strictly increasing {@code fromStep}, the first starting at step 0
 */
public record DigitCurriculum(List<Phase> phases) {

    /**
     * One phase.
     *
     * @param fromStep first step of the phase, non-negative
     * @param maxDigits largest operand length in the phase, in [1, 10]
     */
    public record Phase(int fromStep, int maxDigits) {
        /**
         * Validates.
         *
         * @param fromStep non-negative
         * @param maxDigits in [1, 10]
         */
        public Phase {
            if (fromStep < 0) {
                throw new IllegalArgumentException("fromStep must be >= 0: " + fromStep);
            }
            Batches.checkDigits("maxDigits", maxDigits);
        }
    }

    /**
     * Validates and copies.
     *
     * @param phases non-empty, first {@code fromStep} 0, strictly increasing {@code fromStep}
     */
    public DigitCurriculum {
        Objects.requireNonNull(phases, "phases");
        phases = List.copyOf(phases);
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("phases must not be empty: []");
        }
        if (phases.get(0).fromStep() != 0) {
            throw new IllegalArgumentException("phases must start at step 0: " + phases.get(0).fromStep());
        }
        for (int i = 1; i < phases.size(); i++) {
            if (phases.get(i).fromStep() <= phases.get(i - 1).fromStep()) {
                throw new IllegalArgumentException("phases must be sorted by strictly increasing fromStep: "
                        + phases.get(i - 1).fromStep() + " then " + phases.get(i).fromStep());
            }
        }
    }

    /**
     * The published curriculum: 3 digits for [0, 2000), 6 for [2000, 7000), 10 afterwards.
     *
     * @return the curriculum
     */
    public static DigitCurriculum standard() {
        return new DigitCurriculum(List.of(new Phase(0, 3), new Phase(2000, 6), new Phase(7000, 10)));
    }

    /**
     * No curriculum: always {@code maxDigits}.
     *
     * @param maxDigits in [1, 10]
     * @return the curriculum
     */
    public static DigitCurriculum constant(int maxDigits) {
        return new DigitCurriculum(List.of(new Phase(0, maxDigits)));
    }

    /**
     * The largest operand length at {@code step}.
     *
     * @param step non-negative
     * @return digits in [1, 10]
     */
    public int maxDigits(int step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0: " + step);
        }
        int lo = 0;
        int hi = phases.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (phases.get(mid).fromStep() <= step) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return phases.get(lo).maxDigits();
    }

    /**
     * The smallest {@code maxDigits} over all phases.
     *
     * @return digits in [1, 10]
     */
    public int smallestMaxDigits() {
        int min = Batches.MAX_DIGITS;
        for (Phase p : phases) {
            min = Math.min(min, p.maxDigits());
        }
        return min;
    }
}
