package io.github.adder4j.train.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * Rows of a {@link ModularDataset} ready for a model: {@code inputs} is the row-major (rows, 4) token matrix
 * {@code a op b =}, {@code targets} the (rows) residues.
 *
 * @param rows number of rows
 * @param inputs {@code rows * 4} token ids, row-major
 * @param targets {@code rows} target residues
 */
public record ModularBatch(int rows, long[] inputs, long[] targets) {

    /**
     * Validates and copies.
     *
     * @param rows non-negative
     * @param inputs length {@code rows * 4}
     * @param targets length {@code rows}
     */
    public ModularBatch {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0: " + rows);
        }
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(targets, "targets");
        if (inputs.length != rows * ModularDataset.SEQUENCE_LENGTH) {
            throw new IllegalArgumentException("inputs.length must be rows * " + ModularDataset.SEQUENCE_LENGTH
                    + " (" + rows * ModularDataset.SEQUENCE_LENGTH + "): " + inputs.length);
        }
        if (targets.length != rows) {
            throw new IllegalArgumentException("targets.length must be rows (" + rows + "): " + targets.length);
        }
        inputs = inputs.clone();
        targets = targets.clone();
    }

    /**
     * The inputs (a copy), row-major (rows, 4).
     *
     * @return the tokens
     */
    @Override
    public long[] inputs() {
        return inputs.clone();
    }

    /**
     * The targets (a copy).
     *
     * @return the residues
     */
    @Override
    public long[] targets() {
        return targets.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModularBatch m && m.rows == rows && Arrays.equals(m.inputs, inputs)
                && Arrays.equals(m.targets, targets);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rows, Arrays.hashCode(inputs), Arrays.hashCode(targets));
    }

    @Override
    public String toString() {
        return "ModularBatch[rows=" + rows + "]";
    }
}
