package io.github.adder4j.train.optim;

import io.github.adder4j.core.engine.GradMode;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Small gradient utilities a training loop needs around the optimiser.
 *
 * <p>With the PyTorch engine, gradients accumulate over backward passes (DJL's gradient collector does not clear
 * them), so a loop calls {@link #zero(List)} once per step, before the forward pass.
 */
public final class Gradients {

    private Gradients() {
    }

    /**
     * Sets the gradient of every trainable parameter to zero (NaN and infinite entries included).
     *
     * @param parameters the parameters; frozen ones are skipped and duplicates are zeroed once
     * @throws IllegalArgumentException if {@code parameters} is null or contains null
     * @throws IllegalStateException    if a parameter array does not belong to the PyTorch engine
     */
    public static void zero(List<Parameter> parameters) {
        List<Parameter> trainable = uniqueTrainable(parameters);
        if (trainable.isEmpty()) {
            return;
        }
        try (GradMode ignored = GradMode.off(trainable.get(0).getArray())) {
            for (Parameter p : trainable) {
                NDArray array = p.getArray();
                if (!(array instanceof PtNDArray pt)) {
                    throw new IllegalStateException("zeroing gradients needs the PyTorch engine, not "
                            + array.getManager().getEngine().getEngineName());
                }
                JniUtils.zeroGrad(pt);
            }
        }
    }

    /**
     * Sets the gradient of every array to zero in place (arrays that require a gradient, e.g. a population's values).
     *
     * @param arrays arrays created with {@code setRequiresGradient(true)}
     * @throws IllegalStateException when an array is not a PyTorch array
     */
    public static void zeroArrays(java.util.Collection<NDArray> arrays) {
        Checks.notNull("arrays", arrays);
        if (arrays.isEmpty()) {
            return;
        }
        try (GradMode ignored = GradMode.off(arrays.iterator().next())) {
            for (NDArray array : arrays) {
                if (!(array instanceof PtNDArray pt)) {
                    throw new IllegalStateException("zeroing gradients needs the PyTorch engine, not "
                            + array.getManager().getEngine().getEngineName());
                }
                JniUtils.zeroGrad(pt);
            }
        }
    }

    /** The initialized parameters that require a gradient, each once, in list order. */
    static List<Parameter> uniqueTrainable(List<Parameter> parameters) {
        Checks.notNull("parameters", parameters);
        List<Parameter> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Parameter p : parameters) {
            if (p == null) {
                throw new IllegalArgumentException("parameters must not contain null");
            }
            if (p.isInitialized() && p.requiresGradient() && ids.add(p.getId())) {
                out.add(p);
            }
        }
        return out;
    }
}
