package io.github.adder4j.core.block;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import io.github.adder4j.core.Options.Norm;
import io.github.adder4j.core.params.Component;
import java.util.function.Consumer;

/**
 * Normalisation over the last axis.
 * <ul>
 *   <li>RMS: {@code x / sqrt(mean(x^2) + eps) * w} ({@code dims} parameters);</li>
 *   <li>plain RMS: the same without w (0 parameters);</li>
 *   <li>LayerNorm: {@code (x - mean) / sqrt(var + eps) * w + b} ({@code 2 dims} parameters).</li>
 * </ul>
 * A shared norm is one instance used at several sites: its weight is then one parameter.
 *
 * <p>Standalone: {@code x (..., dims) -> (..., dims)}; every leading axis (batch, time, heads, a population) is free.
 */
public final class NormBlock extends ModelBlock {
    final String name;
    final Norm kind;
    final int dims;
    final double eps;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * @param name  the block's path; its parameters are {@code name.weight} and {@code name.bias}
     * @param kind  RMS, plain RMS or LayerNorm
     * @param dims  size of the normalised last axis
     * @param eps   epsilon inside the square root
     * @param dtype parameter type
     * @throws IllegalArgumentException when dims or eps is not positive
     */
    public NormBlock(String name, Norm kind, int dims, double eps, DataType dtype) {
        super(dtype);
        if (dims <= 0) {
            throw new IllegalArgumentException("norm dims must be positive: " + dims);
        }
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException("normEps must be positive: " + eps);
        }
        this.name = name;
        this.kind = kind;
        this.dims = dims;
        this.eps = eps;
        this.weight = kind == Norm.RMS_PLAIN ? null : learned(name + ".weight", dims);
        this.bias = kind == Norm.LAYER ? learned(name + ".bias", dims) : null;
    }

    NDArray apply(Fwd f, NDArray x) {
        NDArray y;
        if (kind == Norm.LAYER) {
            NDArray centred = x.sub(x.mean(new int[] {-1}, true));
            NDArray variance = centred.mul(centred).mean(new int[] {-1}, true);
            y = centred.mul(variance.add(eps).pow(f.scalar(-0.5)));         // (..., dims)
        } else {
            NDArray inverseRms = x.mul(x).mean(new int[] {-1}, true).add(eps).pow(f.scalar(-0.5));  // (..., 1)
            y = x.mul(inverseRms);                                           // (..., dims): a product, not a quotient, over d
        }
        int rank = x.getShape().dimension();
        if (weight != null) {
            y = y.mul(f.align(f.p(weight), rank));
        }
        return bias == null ? y : y.add(f.align(f.p(bias), rank));
    }

    @Override
    NDList forward(Fwd f, NDList inputs) {
        return new NDList(apply(f, inputs.head()));
    }

    @Override
    void checkInputs(NDList inputs) {
        checkLast(inputs.head(), "(..., " + dims + ")", 1, dims);
    }

    @Override
    String blockName() {
        return name;
    }

    Parameter weight() {
        return weight;
    }

    void initialize(Seeded r) {
        if (weight != null) {
            r.fill(weight, 1.0);
        }
        if (bias != null) {
            r.fill(bias, 0.0);
        }
    }

    @Override
    void describe(Consumer<Component> sink) {
        String what = (kind == Norm.LAYER ? "LayerNorm" : "RMSNorm") + " eps " + eps;
        if (weight != null) {
            sink.accept(Component.learned(name + ".weight", new long[] {dims}, what));
        }
        if (bias != null) {
            sink.accept(Component.learned(name + ".bias", new long[] {dims}, what));
        }
    }
}
