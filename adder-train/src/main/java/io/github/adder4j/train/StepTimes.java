package io.github.adder4j.train;

import io.github.adder4j.train.optim.Checks;
import java.util.Locale;

/**
 * Where the time of training steps went, in milliseconds per step: making the batch ({@code data}), the forward pass with
 * the loss ({@code forward}), the backward pass ({@code backward}) and the update: gradient filter, clipping and optimizer
 * ({@code update}). A population's step trains every member: {@link #perSeed} divides it by their number.
 *
 * @param dataMs     the task's batch (or a population's batches, copied into one array)
 * @param forwardMs  the logits and the loss
 * @param backwardMs the gradients of the loss
 * @param updateMs   Grokfast, global-norm clipping and AdamW
 */
public record StepTimes(double dataMs, double forwardMs, double backwardMs, double updateMs) {
    /**
     * @throws IllegalArgumentException when a time is negative or NaN
     */
    public StepTimes {
        Checks.notNegative("dataMs", dataMs);
        Checks.notNegative("forwardMs", forwardMs);
        Checks.notNegative("backwardMs", backwardMs);
        Checks.notNegative("updateMs", updateMs);
    }

    /** The whole step: the sum of the four parts. */
    public double totalMs() {
        return dataMs + forwardMs + backwardMs + updateMs;
    }

    /**
     * The times of one member's share of a population step.
     *
     * @param seeds the members of the population, at least 1
     * @return every part divided by {@code seeds}
     * @throws IllegalArgumentException when seeds is below 1
     */
    public StepTimes perSeed(int seeds) {
        Checks.positive("seeds", seeds);
        return new StepTimes(dataMs / seeds, forwardMs / seeds, backwardMs / seeds, updateMs / seeds);
    }

    /** {@code data 0.07, forward 1.18, backward 2.05, update 0.36 ms}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "data %.2f, forward %.2f, backward %.2f, update %.2f ms", dataMs, forwardMs, backwardMs, updateMs);
    }
}
