package io.github.adder4j.train;

import io.github.adder4j.train.optim.Checks;

/**
 * Targeted fine-tuning: batches that hold the pairs a model gets wrong (the error pool) besides random fill, mined once or
 * in rounds. Part {@code rounds} of a {@link Recipe}; {@link #NONE} (every field 0) when the recipe is not targeted.
 *
 * @param mineErrors   0 (not targeted), or: the starting model is run on this many uniform pairs (seed
 *                     {@code validationSeed + 1}) plus the carry suite, and every batch then holds the pairs it got wrong
 *                     plus random fill; at most {@link Recipe#MAX_PAIRS}
 * @param mineEvery    0: the error pairs are mined once, from the starting model; else targeted fine-tuning in rounds of
 *                     this many steps: at every multiple of it the current model is run on {@code mineErrors} fresh
 *                     uniform pairs (round {@code r} uses seed {@code validationSeed + 1 + r}, skipping 2025) plus the
 *                     carry suite, and the pairs it gets wrong join the accumulated pool (the published "up to 10 rounds")
 * @param poolPerBatch 0: every batch holds the whole pool (up to the batch size); else at most this many pool pairs per
 *                     batch, consecutive batches taking consecutive windows of the pool, so a large pool does not crowd
 *                     out the random fill (at most the recipe's batch size)
 * @param poolFrom     null, or a run directory whose accumulated error pool (saved in its trainer state) starts this run's
 *                     pool, before the starting model's own errors are mined: a fine-tuning chain keeps the pairs earlier
 *                     rounds fixed
 * @param proverPairs  0, or proof-guided mining: in every mining round (the first and each {@code mineEvery}) the carry
 *                     partition proof ({@code core.prove.Decider#counterexamples}) runs on the current model with a budget
 *                     of {@value #PROVER_BUDGET} cells and at most {@link #PROVER_TIME}, and up to this many wrong pairs found inside the cells it could not
 *                     prove join the pool: the inputs neither uniform pairs nor the carry suite reach (long runs of 9s,
 *                     say). Nothing joins once the model is proved or the budget ends without a wrong pair
 * @param miningOffset 0, or the index of this run's first mining round in a chain of runs that keep one pool: round
 *                     {@code r} draws its uniform pairs with seed {@code validationSeed + 1 + miningOffset + r}, so a run
 *                     that continues an earlier run's pool ({@code poolFrom}) mines fresh pairs instead of the ones the
 *                     earlier run already mined. {@code finetune --keep-pool} sets it past every round of the run it
 *                     continues ({@link Recipe#continuedMiningOffset()}); at most {@value #MAX_MINING_OFFSET}
 */
public record RoundsSpec(int mineErrors, int mineEvery, int poolPerBatch, String poolFrom, int proverPairs, int miningOffset) {

    /** No targeted fine-tuning: the default. */
    public static final RoundsSpec NONE = new RoundsSpec(0, 0, 0, null, 0, 0);

    /** The largest mining offset: mining seeds stay below the held-out test set's ({@code validationSeed + 1,000,000}). */
    public static final int MAX_MINING_OFFSET = 500_000;

    /** The cells the proof may bound in one proof-guided mining round. */
    public static final int PROVER_BUDGET = 500_000;

    /** The most time the proof runs in one proof-guided mining round (tight margins make single cells slow to bound). */
    public static final java.time.Duration PROVER_TIME = java.time.Duration.ofSeconds(30);

    /** Validates. */
    public RoundsSpec {
        Checks.atMost("mineErrors", mineErrors, Recipe.MAX_PAIRS);
        Checks.notNegative("mineErrors", mineErrors);
        Checks.notNegative("mineEvery", mineEvery);
        Checks.notNegative("poolPerBatch", poolPerBatch);
        Checks.notNegative("proverPairs", proverPairs);
        Checks.atMost("proverPairs", proverPairs, Recipe.MAX_PAIRS);
        Checks.notNegative("miningOffset", miningOffset);
        Checks.atMost("miningOffset", miningOffset, MAX_MINING_OFFSET);
        if ((mineEvery > 0 || poolPerBatch > 0) && mineErrors == 0) {
            throw new IllegalStateException("mineEvery and poolPerBatch need targeted fine-tuning (mineErrors > 0): mineEvery="
                    + mineEvery + ", poolPerBatch=" + poolPerBatch);
        }
        if (proverPairs > 0 && mineErrors == 0) {
            throw new IllegalStateException("proverPairs needs targeted fine-tuning (mineErrors > 0): proverPairs=" + proverPairs);
        }
        if (miningOffset > 0 && mineErrors == 0) {
            throw new IllegalStateException("miningOffset needs targeted fine-tuning (mineErrors > 0): miningOffset=" + miningOffset);
        }
        if (poolFrom != null && mineErrors == 0) {
            throw new IllegalStateException("poolFrom needs targeted fine-tuning (mineErrors > 0): poolFrom=" + poolFrom);
        }
    }

    /**
     * Whether the recipe fine-tunes on mined errors ({@code mineErrors > 0}).
     *
     * @return true for targeted fine-tuning
     */
    public boolean targeted() {
        return mineErrors > 0;
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
     * A builder starting from {@link #NONE}.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder(NONE);
    }

    /** Sets the fields of a {@link RoundsSpec} by name; {@link #build()} validates them together. */
    public static final class Builder {
        private int mineErrors;
        private int mineEvery;
        private int poolPerBatch;
        private String poolFrom;
        private int proverPairs;
        private int miningOffset;

        private Builder(RoundsSpec s) {
            mineErrors = s.mineErrors;
            mineEvery = s.mineEvery;
            poolPerBatch = s.poolPerBatch;
            poolFrom = s.poolFrom;
            proverPairs = s.proverPairs;
            miningOffset = s.miningOffset;
        }

        /** Sets {@code mineErrors} (see {@link RoundsSpec}). */
        public Builder mineErrors(int v) {
            mineErrors = v;
            return this;
        }

        /** Sets {@code mineEvery} (see {@link RoundsSpec}). */
        public Builder mineEvery(int v) {
            mineEvery = v;
            return this;
        }

        /** Sets {@code poolPerBatch} (see {@link RoundsSpec}). */
        public Builder poolPerBatch(int v) {
            poolPerBatch = v;
            return this;
        }

        /** Sets {@code poolFrom} (see {@link RoundsSpec}). */
        public Builder poolFrom(String v) {
            poolFrom = v;
            return this;
        }

        /** Sets {@code proverPairs} (see {@link RoundsSpec}). */
        public Builder proverPairs(int v) {
            proverPairs = v;
            return this;
        }

        /** Sets {@code miningOffset} (see {@link RoundsSpec}). */
        public Builder miningOffset(int v) {
            miningOffset = v;
            return this;
        }

        /**
         * The validated part.
         *
         * @return the part
         */
        public RoundsSpec build() {
            return new RoundsSpec(mineErrors, mineEvery, poolPerBatch, poolFrom, proverPairs, miningOffset);
        }
    }
}
