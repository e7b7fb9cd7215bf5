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

    /**
     * The first position (column) whose loss counts in some row: the columns before it carry no loss in any row, so a loss
     * need not compute their logits.
     *
     * @return the smallest column with a non-zero mask entry, or 0 when the mask is all zero
     */
    public int firstLossColumn() {
        int first = length;
        for (int r = 0; r < rows && first > 0; r++) {
            for (int c = 0; c < first; c++) {
                if (mask[r * length + c] != 0) {
                    first = c;
                    break;
                }
            }
        }
        return first == length ? 0 : first;
    }

    /** The masked next-token cross-entropy ({@link Forward#maskedCrossEntropy}). */
    @Override
    public ai.djl.ndarray.NDArray loss(io.github.adder4j.core.TrainableModel model, ai.djl.ndarray.NDManager manager, boolean training) {
        return Forward.maskedCrossEntropy(model, manager, this, training);
    }
}
