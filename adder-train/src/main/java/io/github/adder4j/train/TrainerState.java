package io.github.adder4j.train;

import io.github.adder4j.train.data.ErrorPairPool;
import io.github.adder4j.train.data.SamplerState;
import io.github.adder4j.train.optim.AdamW;
import io.github.adder4j.train.optim.GrokfastEma;
import io.github.adder4j.train.optim.Lbfgs;
import io.github.adder4j.train.optim.WeightAverage;

/**
 * Everything besides the model weights that a resumed run needs to continue exactly, in parts: where the run is, the
 * optimizers' and filters' states, the data sampler's state, the scores of the evaluations so far and the error pool of
 * targeted fine-tuning. Written as {@code checkpoints/trainer-state.json}, nested in its parts; files written before the
 * parts existed (every field at the top level, {@link #FIELDS}) still read as the state they were.
 *
 * @param progress   the next step, the checkpoint it belongs to and the wall time
 * @param optimizers the optimizer and filter states
 * @param data       data-sampler state, or null before the first checkpoint
 * @param scores     the evaluations' bookkeeping
 * @param pool       targeted fine-tuning: the accumulated error pool, or null
 */
public record TrainerState(Progress progress, Optimizers optimizers, SamplerState data, Scores scores, Pool pool) {

    /** The state's fields by their flat names (the keys of the files written before the parts), each with its part. */
    public static final FlatForm FIELDS = FlatForm.of(TrainerState.class, "trainer state",
            "nextStep", "progress.nextStep",
            "checkpointSha256", "progress.checkpointSha256",
            "optimizer", "optimizers.adamw",
            "grokfast", "optimizers.grokfast",
            "data", "data",
            "lastExact", "scores.lastExact",
            "lastTokenAccuracy", "scores.lastTokenAccuracy",
            "bestExact", "scores.bestExact",
            "bestStep", "scores.bestStep",
            "sawBelowHalf", "scores.sawBelowHalf",
            "grokStep", "scores.grokStep",
            "perfectSince", "scores.perfectSince",
            "wallSeconds", "progress.wallSeconds",
            "lbfgs", "optimizers.lbfgs",
            "poolA", "pool.a",
            "poolB", "pool.b",
            "average", "optimizers.average",
            "averageBestExact", "scores.averageBestExact");

    /** A new run's state: step 0, no checkpoint, no optimizer state, no evaluation. */
    public static final TrainerState START = new TrainerState(new Progress(0, null, 0), Optimizers.NONE, null, Scores.NONE, null);

    /** Validates; null progress, optimizers or scores become those of {@link #START}. */
    public TrainerState {
        progress = progress == null ? new Progress(0, null, 0) : progress;
        optimizers = optimizers == null ? Optimizers.NONE : optimizers;
        scores = scores == null ? Scores.NONE : scores;
    }

    /**
     * Where the run is.
     *
     * @param nextStep         the step to run next
     * @param checkpointSha256 parameter checksum of the model checkpoint this state belongs to, or null before the first
     * @param wallSeconds      training wall time so far
     */
    public record Progress(long nextStep, String checkpointSha256, double wallSeconds) { }

    /**
     * The optimizers' and filters' states.
     *
     * @param adamw    AdamW state, or null before the first checkpoint (flat name {@code optimizer})
     * @param grokfast Grokfast state, or null
     * @param lbfgs    L-BFGS polishing state, or null
     * @param average  the recipe's weight average, or null (none, or a state from before averaging existed)
     */
    public record Optimizers(AdamW.State adamw, GrokfastEma.State grokfast, Lbfgs.State lbfgs, WeightAverage.State average) {
        /** No state yet. */
        public static final Optimizers NONE = new Optimizers(null, null, null, null);
    }

    /**
     * The bookkeeping of the evaluations so far.
     *
     * @param lastExact         validation exact match at the last evaluation (-1 before the first)
     * @param lastTokenAccuracy token accuracy at the last evaluation (-1 before the first)
     * @param bestExact         best validation exact match so far (-1 before the first)
     * @param bestStep          step of the best evaluation (-1 before the first)
     * @param sawBelowHalf      whether an evaluation had exact match below 0.5 (grokking detector)
     * @param grokStep          step at which exact match first exceeded 0.99 after being below 0.5, or -1
     * @param perfectSince      first step of the current run of evaluations at exact match 1.0, or -1
     * @param averageBestExact  the best validation exact match of the weight average so far, or null before its first
     *                          evaluation
     */
    public record Scores(double lastExact, double lastTokenAccuracy, double bestExact, long bestStep, boolean sawBelowHalf,
                         long grokStep, long perfectSince, Double averageBestExact) {
        /** Before the first evaluation. */
        public static final Scores NONE = new Scores(-1, -1, -1, -1, false, -1, -1, null);

        /**
         * A copy with another {@code averageBestExact}.
         *
         * @param v the weight average's best validation exact match, or null
         * @return the copy
         */
        public Scores withAverageBestExact(Double v) {
            return new Scores(lastExact, lastTokenAccuracy, bestExact, bestStep, sawBelowHalf, grokStep, perfectSince, v);
        }
    }

    /**
     * The accumulated error pool of targeted fine-tuning, as two arrays of operands.
     *
     * @param a first operands
     * @param b second operands, as many
     */
    public record Pool(long[] a, long[] b) {
        /**
         * The pool's pairs.
         *
         * @return the pool, or null when an array is missing
         */
        public ErrorPairPool pairs() {
            return a == null || b == null ? null : ErrorPairPool.of(a, b);
        }
    }

    /**
     * The saved error pool, or null when this state holds none.
     *
     * @return the pool, or null
     */
    public ErrorPairPool errorPool() {
        return pool == null ? null : pool.pairs();
    }

    /**
     * A builder holding this state's parts.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * A builder starting from {@link #START}.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder(START);
    }

    /** Sets a state's parts. */
    public static final class Builder {
        private Progress progress;
        private Optimizers optimizers;
        private SamplerState data;
        private Scores scores;
        private Pool pool;

        private Builder(TrainerState s) {
            progress = s.progress;
            optimizers = s.optimizers;
            data = s.data;
            scores = s.scores;
            pool = s.pool;
        }

        /** Sets {@code progress} (see {@link TrainerState}). */
        public Builder progress(Progress v) {
            progress = v;
            return this;
        }

        /** Sets {@code optimizers} (see {@link TrainerState}). */
        public Builder optimizers(Optimizers v) {
            optimizers = v;
            return this;
        }

        /** Sets {@code data} (see {@link TrainerState}). */
        public Builder data(SamplerState v) {
            data = v;
            return this;
        }

        /** Sets {@code scores} (see {@link TrainerState}). */
        public Builder scores(Scores v) {
            scores = v;
            return this;
        }

        /** Sets {@code pool} (see {@link TrainerState}). */
        public Builder pool(Pool v) {
            pool = v;
            return this;
        }

        /**
         * The state.
         *
         * @return the state
         */
        public TrainerState build() {
            return new TrainerState(progress, optimizers, data, scores, pool);
        }
    }
}
