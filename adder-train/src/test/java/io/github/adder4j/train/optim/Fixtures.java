package io.github.adder4j.train.optim;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.initializer.ConstantInitializer;

import java.util.List;

/** Test helpers: parameters with chosen values and gradients set through a real backward pass. */
final class Fixtures {

    private Fixtures() {
    }

    /** An initialized parameter of the given type holding {@code values} (row-major). */
    static Parameter parameter(NDManager manager, String name, DataType type, long[] shape, double[] values) {
        Parameter p = Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(shape))
                .optInitializer(new ConstantInitializer(0f))
                .build();
        p.initialize(manager, type);
        setValues(p, values);
        return p;
    }

    /** Overwrites a parameter's values. */
    static void setValues(Parameter p, double[] values) {
        NDArray a = p.getArray();
        if (a.getDataType() == DataType.FLOAT64) {
            a.set(values.clone());
        } else {
            a.set(toFloats(values));
        }
    }

    /** A parameter's values as doubles. */
    static double[] values(Parameter p) {
        NDArray a = p.getArray();
        if (a.getDataType() == DataType.FLOAT64) {
            return a.toDoubleArray();
        }
        return toDoubles(a.toFloatArray());
    }

    /** A parameter's current gradient as doubles. */
    static double[] gradient(Parameter p) {
        try (NDArray g = p.getArray().getGradient()) {
            return g.getDataType() == DataType.FLOAT64 ? g.toDoubleArray() : toDoubles(g.toFloatArray());
        }
    }

    /**
     * Makes {@code grads[i]} the gradient of parameter i: zeroes the gradients, then runs backward on
     * {@code sum_i sum(c_i * p_i)} whose gradient with respect to p_i is exactly c_i.
     */
    static void setGradients(List<Parameter> params, double[][] grads) {
        Gradients.zero(params);
        try (NDManager tmp = NDManager.newBaseManager();
             GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss = null;
            for (int i = 0; i < params.size(); i++) {
                NDArray p = params.get(i).getArray();
                NDArray c = p.getDataType() == DataType.FLOAT64
                        ? tmp.create(grads[i].clone(), p.getShape())
                        : tmp.create(toFloats(grads[i]), p.getShape());
                NDArray term = c.mul(p).sum();
                loss = loss == null ? term : loss.add(term);
            }
            gc.backward(loss);
        }
    }

    static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /** Values rounded to float32 and back, for references that start from what a float32 tensor holds. */
    static double[] roundToFloat(double[] d) {
        return toDoubles(toFloats(d));
    }
}
