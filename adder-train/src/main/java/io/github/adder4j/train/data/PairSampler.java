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
     * Replaces pair {@code i} of the batch just drawn by {@link #sample} for {@code step} (a held-out pair that must not
     * be trained on) with another pair of the same kind. By default a fresh pair is drawn from the sampler; samplers whose
     * examples have a kind the redraw must keep override it (the digit-length sampler keeps the example's length).
     *
     * @param step the step of the batch
     * @param a the batch's first operands
     * @param b the batch's second operands
     * @param i the index of the pair to replace
     */
    default void redraw(int step, long[] a, long[] b, int i) {
        long[] oneA = new long[1];
        long[] oneB = new long[1];
        sample(step, oneA, oneB);
        a[i] = oneA[0];
        b[i] = oneB[0];
    }

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
