package io.github.adder4j.train;

/**
 * One training batch as flat row-major arrays: {@code inputs} and {@code targets} are token ids of shape (rows, length),
 * {@code mask} marks (with 1) the positions whose loss counts.
 *
 * @param inputs input tokens
 * @param targets next-token targets
 * @param mask loss mask
 * @param rows batch size
 * @param length sequence length
 */
public record Batch(long[] inputs, long[] targets, float[] mask, int rows, int length) implements Examples {
    /** Validates the sizes. */
    public Batch {
        long n = (long) rows * length;
        if (rows <= 0 || length <= 0 || inputs.length != n || targets.length != n || mask.length != n) {
            throw new IllegalArgumentException("batch arrays must all have rows * length = " + n + " entries: inputs "
                    + inputs.length + ", targets " + targets.length + ", mask " + mask.length);
        }
    }

    /** The masked next-token cross-entropy ({@link Forward#maskedCrossEntropy}). */
    @Override
    public ai.djl.ndarray.NDArray loss(io.github.adder4j.core.TrainableModel model, ai.djl.ndarray.NDManager manager, boolean training) {
        return Forward.maskedCrossEntropy(model, manager, this, training);
    }
}
