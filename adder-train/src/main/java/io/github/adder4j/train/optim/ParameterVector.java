package io.github.adder4j.train.optim;

import io.github.adder4j.core.engine.GradMode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;

import java.util.List;

/**
 * The trainable parameters of a model as one flat vector, for optimisers that work on vectors ({@link Lbfgs}). Each
 * parameter appears once (tied weights share their coordinates), in list order, row-major within a parameter; frozen
 * parameters are left out.
 */
public final class ParameterVector {
    private final List<Parameter> parameters;
    private final int size;

    /**
     * @param parameters the model's parameters (duplicates and frozen ones are skipped)
     * @throws IllegalArgumentException if there is nothing to train
     */
    public ParameterVector(List<Parameter> parameters) {
        this.parameters = Gradients.uniqueTrainable(parameters);
        long total = 0;
        for (Parameter p : this.parameters) {
            total += p.getArray().size();
        }
        if (total == 0) {
            throw new IllegalArgumentException("no trainable parameters");
        }
        this.size = Math.toIntExact(total);
    }

    /** Coordinates. */
    public int size() {
        return size;
    }

    /** The parameters' current values. */
    public double[] values() {
        double[] out = new double[size];
        int at = 0;
        for (Parameter p : parameters) {
            at = copy(p.getArray(), out, at);
        }
        return out;
    }

    /** The parameters' current gradients (zero where a parameter has none yet). */
    public double[] gradients() {
        double[] out = new double[size];
        int at = 0;
        for (Parameter p : parameters) {
            NDArray array = p.getArray();
            NDArray gradient = array.getGradient();
            at = gradient == null ? at + (int) array.size() : copy(gradient, out, at);
            if (gradient != null) {
                gradient.close();
            }
        }
        return out;
    }

    /** 1 for coordinates of parameters with at least two dimensions (matrices), else 0. */
    public double[] matrixMask() {
        double[] out = new double[size];
        int at = 0;
        for (Parameter p : parameters) {
            int count = (int) p.getArray().size();
            java.util.Arrays.fill(out, at, at + count, p.getArray().getShape().dimension() >= 2 ? 1 : 0);
            at += count;
        }
        return out;
    }

    /**
     * Writes {@code x} into the parameters in place (rounded to float32 unless a parameter is float64), outside autograd.
     *
     * @throws IllegalArgumentException if the length is not {@link #size()}
     */
    public void set(double[] x) {
        if (x.length != size) {
            throw new IllegalArgumentException("x must have " + size + " coordinates: " + x.length);
        }
        try (GradMode ignored = GradMode.off(parameters.get(0).getArray())) {
            int at = 0;
            for (Parameter p : parameters) {
                NDArray array = p.getArray();
                int count = (int) array.size();
                if (array.getDataType() == DataType.FLOAT64) {
                    array.set(java.util.Arrays.copyOfRange(x, at, at + count));
                } else {
                    float[] values = new float[count];
                    for (int i = 0; i < count; i++) {
                        values[i] = (float) x[at + i];
                    }
                    array.set(values);
                }
                at += count;
            }
        }
    }

    private static int copy(NDArray from, double[] to, int at) {
        if (from.getDataType() == DataType.FLOAT64) {
            double[] v = from.toDoubleArray();
            System.arraycopy(v, 0, to, at, v.length);
            return at + v.length;
        }
        for (float v : from.toFloatArray()) {
            to[at++] = v;
        }
        return at;
    }
}
