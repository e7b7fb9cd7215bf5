package io.github.adder4j.train;

import io.github.adder4j.train.data.SamplerState;
import io.github.adder4j.train.optim.AdamW;
import io.github.adder4j.train.optim.GrokfastEma;

/**
 * Everything besides the model weights that a resumed run needs to continue exactly: the next step, optimizer moments,
 * data-sampler state and the bookkeeping of evaluations.
 *
 * @param nextStep the step to run next
 * @param checkpointSha256 parameter checksum of the model checkpoint this state belongs to
 * @param optimizer AdamW state
 * @param grokfast Grokfast state, or null
 * @param data data-sampler state
 * @param lastExact validation exact match at the last evaluation (-1 before the first)
 * @param lastTokenAccuracy token accuracy at the last evaluation (-1 before the first)
 * @param bestExact best validation exact match so far
 * @param bestStep step of the best evaluation
 * @param sawBelowHalf whether an evaluation had exact match below 0.5 (grokking detector)
 * @param grokStep step at which exact match first exceeded 0.99 after being below 0.5, or -1
 * @param perfectSince first step of the current run of evaluations at exact match 1.0, or -1
 * @param wallSeconds training wall time so far
 * @param lbfgs L-BFGS polishing state, or null
 * @param poolA targeted fine-tuning: first operands of the accumulated error pool, or null
 * @param poolB second operands of the pool, or null
 * @param average the recipe's weight average, or null (none, or a state from before averaging existed)
 * @param averageBestExact the best validation exact match of the weight average so far, or null before its first evaluation
 */
public record TrainerState(long nextStep, String checkpointSha256, AdamW.State optimizer, GrokfastEma.State grokfast, SamplerState data,
                           double lastExact, double lastTokenAccuracy, double bestExact, long bestStep, boolean sawBelowHalf,
                           long grokStep, long perfectSince, double wallSeconds,
                           io.github.adder4j.train.optim.Lbfgs.State lbfgs, long[] poolA, long[] poolB,
                           io.github.adder4j.train.optim.WeightAverage.State average, Double averageBestExact) {

    /** The saved error pool, or null when this state holds none. */
    public io.github.adder4j.train.data.ErrorPairPool pool() {
        return poolA == null || poolB == null ? null : io.github.adder4j.train.data.ErrorPairPool.of(poolA, poolB);
    }
}
