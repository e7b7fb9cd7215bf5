package io.github.adder4j.core.block;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/**
 * The state of one forward pass: where parameter values come from and which manager owns every array the pass creates.
 *
 * <p>DJL attaches an op's result to the manager of its first operand. A result computed from a parameter first would land in
 * the model's long-lived manager and leak once per step, so every such result goes through {@link #own(NDArray)}, and
 * constants are created per pass in the pass's manager (scalars as arrays, never {@code mul(Number)}, which corrupts
 * gradients on the PyTorch engine).
 */
final class Fwd {
    final ParameterStore store;
    final NDManager manager;
    final boolean training;
    final DataType dtype;
    final Device device;

    Fwd(ParameterStore store, NDManager manager, boolean training, DataType dtype) {
        this.store = store;
        this.manager = manager;
        this.training = training;
        this.dtype = dtype;
        this.device = manager.getDevice();
    }

    /** The current value of a parameter. */
    NDArray p(Parameter parameter) {
        return store.getValue(parameter, device, training);
    }

    /** Moves an array computed from parameters into this pass's manager. */
    NDArray own(NDArray array) {
        array.attach(manager);
        return array;
    }

    /** A scalar constant of the model's dtype. */
    NDArray scalar(double value) {
        return dtype == DataType.FLOAT64 ? manager.create(value) : manager.create((float) value);
    }

    /** A constant of the model's dtype from row-major doubles. */
    NDArray constant(double[] values, Shape shape) {
        if (dtype == DataType.FLOAT64) {
            return manager.create(values, shape);
        }
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return manager.create(f, shape);
    }

    /** A constant matrix of the model's dtype. */
    NDArray constant(double[][] m) {
        int rows = m.length;
        int cols = m[0].length;
        double[] flat = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(m[i], 0, flat, i * cols, cols);
        }
        return constant(flat, new Shape(rows, cols));
    }
}
