package io.github.adder4j.zoo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.github.adder4j.core.eval.BatchAdder;
import java.util.Objects;

/**
 * A DJL block that adds: operands {@code (B, 2)} int64, rows {@code [a, b]} with both in [0, 9999999999], to sums
 * {@code (B,)} int64. It runs the whole greedy decoding of an adder model (prompt encoding, one forward pass per answer
 * token, answer reading), so a single {@code forward} answers the additions; a row whose generated tokens do not spell a
 * number gives -1. The block has no parameters of its own: they belong to the model behind the {@link BatchAdder}.
 */
public final class AdditionBlock extends AbstractBlock {
    private final BatchAdder adder;

    /**
     * A block that delegates to {@code adder}.
     *
     * @param adder what adds the operands
     */
    public AdditionBlock(BatchAdder adder) {
        this.adder = Objects.requireNonNull(adder, "adder");
    }

    /**
     * Adds every row.
     *
     * @throws IllegalArgumentException when the input is not one int64 array of shape (B, 2), or an operand is out of
     *                                  range
     */
    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        if (inputs.size() != 1) {
            throw new IllegalArgumentException("inputs must hold one array of operands: " + inputs.size() + " arrays");
        }
        NDArray operands = inputs.head();
        Shape shape = operands.getShape();
        if (shape.dimension() != 2 || shape.get(1) != 2) {
            throw new IllegalArgumentException("operands must have shape (B, 2): " + shape);
        }
        if (operands.getDataType() != DataType.INT64) {
            throw new IllegalArgumentException("operands must be int64: " + operands.getDataType());
        }
        long[] flat = operands.toLongArray();
        int rows = flat.length / 2;
        long[] a = new long[rows];
        long[] b = new long[rows];
        for (int i = 0; i < rows; i++) {
            a[i] = flat[2 * i];
            b[i] = flat[2 * i + 1];
        }
        long[] sums = rows == 0 ? new long[0] : adder.add(a, b);
        return new NDList(operands.getManager().create(sums, new Shape(rows)));
    }

    /** {@code (B, 2) -> (B,)}. */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0))};
    }
}
