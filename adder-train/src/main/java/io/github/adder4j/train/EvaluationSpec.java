package io.github.adder4j.train;

import io.github.adder4j.train.optim.Checks;

/**
 * How a {@link Recipe}'s run is watched and when it ends early: metric lines, evaluations on held-out pairs, the best
 * checkpoint, the held-out test set, early stopping and the abandon rule. Part {@code evaluation} of a recipe.
 *
 * @param evalEvery      steps between evaluations, positive and a multiple of {@code logEvery}
 * @param logEvery       steps between metric lines, positive
 * @param validationSize validation pairs, in [1, {@link Recipe#MAX_PAIRS}]; for an image recipe with a test set the 797
 *                       validation digits carved out of the training split
 * @param validationSeed seed of the validation pairs (never 2025, the AdderBoard test seed)
 * @param earlyStopAfter stop once validation exact match 1.0 has held this many steps (0: never)
 * @param testSize       0, or the size of a held-out test set of uniform pairs (seed {@link #testSeed()}), kept out of
 *                       training like the validation pairs and scored once on the best checkpoint when the run ends
 *                       ({@code test.json}); for an image recipe 0 (runs made before the validation split: evaluations on
 *                       the test digits) or the 1,996 embedded test digits
 * @param best           which evaluation at the top validation score becomes {@code best.json}; null (files written before
 *                       the field existed) means {@link Recipe.BestCheckpoint#FIRST}
 * @param scoring        how a validation answer counts as exact; null means {@link Recipe.Scoring#FORMAT_READER}
 * @param abandon        null, or the rule that ends a run early as {@link TrainingResult.Status#ABANDONED} when its metrics
 *                       say it will not learn (its step a multiple of {@code evalEvery}), so that a sweep's compute goes to
 *                       fresh seeds
 */
public record EvaluationSpec(int evalEvery, int logEvery, int validationSize, long validationSeed, int earlyStopAfter, int testSize,
                             Recipe.BestCheckpoint best, Recipe.Scoring scoring, Recipe.Abandon abandon) {

    /**
     * The defaults, those of the 57p published recipe: an evaluation every 2,000 steps on 2,000 pairs of seed 7, a metric
     * line every 100 steps, early stopping once 1.0 has held 10,000 steps, no test set, the first best checkpoint, the
     * format's reader.
     */
    public static final EvaluationSpec DEFAULTS = new EvaluationSpec(2000, 100, 2000, 7, 10_000, 0, Recipe.BestCheckpoint.FIRST,
            Recipe.Scoring.FORMAT_READER, null);

    /** The AdderBoard test seed, which never steers a run. */
    private static final long ADDERBOARD_SEED = 2025;

    /** Validates; a null best or scoring becomes its default. */
    public EvaluationSpec {
        best = best == null ? Recipe.BestCheckpoint.FIRST : best;
        scoring = scoring == null ? Recipe.Scoring.FORMAT_READER : scoring;
        Checks.positive("evalEvery", evalEvery);
        Checks.positive("logEvery", logEvery);
        Checks.positive("validationSize", validationSize);
        Checks.atMost("validationSize", validationSize, Recipe.MAX_PAIRS);
        if (validationSeed == ADDERBOARD_SEED) {
            throw new IllegalArgumentException("validationSeed 2025 is the AdderBoard test seed; use another seed for validation");
        }
        if (evalEvery % logEvery != 0) {
            throw new IllegalStateException("evalEvery must be a multiple of logEvery: evalEvery=" + evalEvery + ", logEvery=" + logEvery);
        }
        Checks.atMost("testSize", testSize, Recipe.MAX_PAIRS);
        Checks.notNegative("testSize", testSize);
        if (abandon != null && abandon.step() % evalEvery != 0) {
            throw new IllegalStateException("abandon.step must be a multiple of evalEvery: abandon.step=" + abandon.step()
                    + ", evalEvery=" + evalEvery);
        }
    }

    /**
     * The seed of the held-out test set: {@code validationSeed + 1,000,000}, skipping the AdderBoard seed 2025.
     *
     * @return the seed
     */
    public long testSeed() {
        long seed = validationSeed + 1_000_000L;
        return seed == ADDERBOARD_SEED ? seed + 1 : seed;
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

    /** Sets the fields of an {@link EvaluationSpec} by name; {@link #build()} validates them together. */
    public static final class Builder {
        private int evalEvery;
        private int logEvery;
        private int validationSize;
        private long validationSeed;
        private int earlyStopAfter;
        private int testSize;
        private Recipe.BestCheckpoint best;
        private Recipe.Scoring scoring;
        private Recipe.Abandon abandon;

        private Builder(EvaluationSpec s) {
            evalEvery = s.evalEvery;
            logEvery = s.logEvery;
            validationSize = s.validationSize;
            validationSeed = s.validationSeed;
            earlyStopAfter = s.earlyStopAfter;
            testSize = s.testSize;
            best = s.best;
            scoring = s.scoring;
            abandon = s.abandon;
        }

        /** Sets {@code evalEvery} (see {@link EvaluationSpec}). */
        public Builder evalEvery(int v) {
            evalEvery = v;
            return this;
        }

        /** Sets {@code logEvery} (see {@link EvaluationSpec}). */
        public Builder logEvery(int v) {
            logEvery = v;
            return this;
        }

        /** Sets {@code validationSize} (see {@link EvaluationSpec}). */
        public Builder validationSize(int v) {
            validationSize = v;
            return this;
        }

        /** Sets {@code validationSeed} (see {@link EvaluationSpec}). */
        public Builder validationSeed(long v) {
            validationSeed = v;
            return this;
        }

        /** Sets {@code earlyStopAfter} (see {@link EvaluationSpec}). */
        public Builder earlyStopAfter(int v) {
            earlyStopAfter = v;
            return this;
        }

        /** Sets {@code testSize} (see {@link EvaluationSpec}). */
        public Builder testSize(int v) {
            testSize = v;
            return this;
        }

        /** Sets {@code best} (see {@link EvaluationSpec}). */
        public Builder best(Recipe.BestCheckpoint v) {
            best = v;
            return this;
        }

        /** Sets {@code scoring} (see {@link EvaluationSpec}). */
        public Builder scoring(Recipe.Scoring v) {
            scoring = v;
            return this;
        }

        /** Sets {@code abandon} (see {@link EvaluationSpec}). */
        public Builder abandon(Recipe.Abandon v) {
            abandon = v;
            return this;
        }

        /**
         * The validated part.
         *
         * @return the part
         */
        public EvaluationSpec build() {
            return new EvaluationSpec(evalEvery, logEvery, validationSize, validationSeed, earlyStopAfter, testSize, best, scoring,
                    abandon);
        }
    }
}
