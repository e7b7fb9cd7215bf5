package io.github.adder4j.train.optim;

import io.github.adder4j.core.engine.GradMode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;

import java.util.List;

/**
 * Gradient clipping by the global L2 norm over all parameters together, as {@code torch.nn.utils.clip_grad_norm_}
 * does it. (DJL's {@code optClipGrad} is something else: it clamps each gradient element.)
 */
public final class GradientClipping {

    /** The epsilon {@code clip_grad_norm_} adds to the norm before dividing. */
    public static final double EPSILON = 1e-6;

    private GradientClipping() {
    }

    /**
     * Computes the L2 norm of all gradients taken together and, when {@code maxNorm / (norm + 1e-6) < 1}, scales every
     * gradient in place by that factor.
     *
     * <p>As in PyTorch, the norm is the L2 norm of the per-parameter gradient norms, each computed natively in the
     * gradient's data type; with float32 gradients the factor is formed in float32 as well. Frozen parameters
     * ({@link Parameter#requiresGradient()} false) are ignored. Unlike PyTorch, a non-finite norm leaves the gradients
     * untouched: the caller sees the NaN or infinity in the return value and decides (typically skipping the step).
     *
     * @param parameters the parameters whose gradients are clipped; duplicates (tied weights) are counted once
     * @param maxNorm    the largest global norm allowed, positive
     * @return the global norm before clipping (0 if no parameter is trainable)
     * @throws IllegalArgumentException if {@code maxNorm} is not positive and finite or {@code parameters} is null
     */
    public static double clipGlobalNorm(List<Parameter> parameters, double maxNorm) {
        Checks.positive("maxNorm", maxNorm);
        List<Parameter> trainable = Gradients.uniqueTrainable(parameters);
        if (trainable.isEmpty()) {
            return 0.0;
        }
        NDArray sample = trainable.get(0).getArray();
        try (GradMode ignored = GradMode.off(sample);
             NDManager sm = sample.getManager().newSubManager()) {
            NDList grads = new NDList(trainable.size());
            NDList norms = new NDList(trainable.size());
            boolean allFloat32 = true;
            for (Parameter p : trainable) {
                NDArray g = p.getArray().getGradient();
                g.attach(sm);
                grads.add(g);
                NDArray n = g.norm();
                n.attach(sm);
                norms.add(n);
                allFloat32 &= g.getDataType() == DataType.FLOAT32;
            }
            if (!allFloat32) {
                for (int i = 0; i < norms.size(); i++) {
                    NDArray n = norms.get(i).toType(DataType.FLOAT64, false);
                    n.attach(sm);
                    norms.set(i, n);
                }
            }
            NDArray total = norms.size() == 1 ? norms.get(0) : own(own(NDArrays.stack(norms), sm).norm(), sm);
            double norm = allFloat32 ? total.getFloat() : total.getDouble();
            if (!Double.isFinite(norm)) {
                return norm;
            }
            // float32 throughout when every gradient is float32, as torch computes max_norm / (total + 1e-6) then
            double scale = allFloat32
                    ? (float) maxNorm / ((float) norm + (float) EPSILON)
                    : maxNorm / (norm + EPSILON);
            if (scale < 1.0) {
                NDArray factor32 = sm.create((float) scale);
                NDArray factor64 = sm.create(scale);
                for (NDArray g : grads) {
                    g.muli(g.getDataType() == DataType.FLOAT64 ? factor64 : factor32);
                }
            }
            return norm;
        }
    }

    private static NDArray own(NDArray array, NDManager sm) {
        array.attach(sm);
        return array;
    }
}
