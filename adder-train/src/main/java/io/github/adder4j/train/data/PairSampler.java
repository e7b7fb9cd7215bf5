package io.github.adder4j.train.data;

/**
 * Draws training batches of addition operand pairs. Implementations are deterministic functions of their
 * configuration, their seed and the sequence of calls, and their state can be exported and restored so that a resumed
 * run continues with exactly the batches an uninterrupted run would have drawn.
 */
public interface PairSampler {

    /**
     * Fills {@code a} and {@code b} with one batch of operand pairs for training step {@code step}.
     *
     * @param step the training step (selects curriculum phase and mixing probability), non-negative
     * @param a first operands, filled in place
     * @param b second operands, filled in place; same length as {@code a}
     */
    void sample(int step, long[] a, long[] b);

    /**
     * The state to restore later; a snapshot, unaffected by further sampling.
     *
     * @return the state
     */
    SamplerState state();

    /**
     * Continues from a state exported by a sampler of the same kind and configuration.
     *
     * @param state the state
     */
    void restore(SamplerState state);
}
