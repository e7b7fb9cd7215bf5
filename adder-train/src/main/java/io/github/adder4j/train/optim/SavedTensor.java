package io.github.adder4j.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.Arrays;

/**
 * A tensor copied out of native memory for a checkpoint: its shape and its values in row-major order.
 *
 * <p>Values are held as doubles, which represent float32 values exactly, so a float32 state survives an export and
 * import bit for bit. The record copies its arrays in and out, so instances are immutable.
 *
 * @param shape  the dimensions, each at least 0
 * @param values the elements; there must be exactly as many as the shape holds
 */
public record SavedTensor(long[] shape, double[] values) {

    /**
     * Validates and copies the arrays.
     *
     * @throws IllegalArgumentException if an array is null or a dimension is negative
     * @throws IllegalStateException    if the number of values does not match the shape
     */
    public SavedTensor {
        Checks.notNull("shape", shape);
        Checks.notNull("values", values);
        long size = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("shape dimensions must be non-negative: " + Arrays.toString(shape));
            }
            size *= d;
        }
        if (size != values.length) {
            throw new IllegalStateException("values must have " + size + " elements for shape "
                    + Checks.shapeText(shape) + ": " + values.length);
        }
        shape = shape.clone();
        values = values.clone();
    }

    /** A copy of the dimensions. */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** A copy of the values. */
    @Override
    public double[] values() {
        return values.clone();
    }

    /** Number of elements. */
    public int size() {
        return values.length;
    }

    /** Whether this tensor has exactly the given dimensions. */
    public boolean hasShape(long[] dims) {
        return Arrays.equals(shape, dims);
    }

    /** The shape as text, e.g. {@code (2, 3)}. */
    public String shapeText() {
        return Checks.shapeText(shape);
    }

    /** Copies a float32 or float64 array out of native memory. */
    static SavedTensor of(NDArray array) {
        long[] dims = array.getShape().getShape();
        if (array.getDataType() == DataType.FLOAT64) {
            return new SavedTensor(dims, array.toDoubleArray());
        }
        float[] f = array.toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return new SavedTensor(dims, d);
    }

    /**
     * A new native array with these values, of the given floating data type (float32 values are rounded to nearest),
     * on the manager's device.
     *
     * @param manager the manager that owns the new array
     * @param type    {@code FLOAT32} or {@code FLOAT64}
     * @return the array, of this tensor's shape
     */
    public NDArray toArray(NDManager manager, DataType type) {
        Shape s = new Shape(shape);
        if (type == DataType.FLOAT64) {
            return manager.create(values.clone(), s);
        }
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return manager.create(f, s);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SavedTensor t && Arrays.equals(shape, t.shape) && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "SavedTensor[shape=" + shapeText() + ", values=" + values.length + " elements]";
    }
}
