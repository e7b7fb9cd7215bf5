package io.github.adder4j.core.block;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
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
        NDArray mean = mean(f);                                                             // (dims, 1): a row's mean
        NDArray y = kind == Norm.LAYER ? x.sub(f.mm(f.mm(x, mean), ones(f))) : x;            // (..., dims), centred for LayerNorm
        y = y.mul(scale(f, y, mean));                                                       // (..., dims): y * (1/rms) w
        return bias == null ? y : y.add(f.featureVector(f.p(bias), x.getShape().dimension()));
    }

    /**
     * The scale {@code w / sqrt(mean(y^2) + eps)} of rows {@code y (..., dims)}, spread over each row: {@code (..., dims)};
     * {@code mean} is the column {@link #mean}.
     */
    private NDArray scale(Fwd f, NDArray y, NDArray mean) {
        NDArray inverseRms = f.mm(y.mul(y), mean).add(eps).pow(f.scalar(-0.5));            // (..., 1)
        return f.mm(inverseRms, weight == null ? ones(f) : row(f, f.p(weight)));            // (..., dims)
    }

    /**
     * The RMS norm of rows {@code x (..., B, T, dims)} whose mean square is the same in every example (row t of each example
     * has the mean square of row t of the first): the scale {@code w / rms} is computed once, from the first example's
     * rows, and multiplies every example's. Equal to {@link #apply} under that premise, which the model proves before it
     * asks for this ({@link AdderNet#firstNormScaleByPosition}).
     *
     * @throws IllegalStateException for a LayerNorm, whose centring depends on every example's own row
     */
    NDArray applyWithSharedScale(Fwd f, NDArray x) {
        if (kind == Norm.LAYER) {
            throw new IllegalStateException("norm " + name + " is a LayerNorm: its scale cannot be shared across examples");
        }
        return x.mul(scale(f, x.get("..., 0:1, :, :"), mean(f)));                           // (B, T, dims) * (1, T, dims): the first example's
    }

    /*
     * Every reduction and broadcast over the short last axis is a matrix product with a constant column or row: PyTorch's
     * reduction over an axis of a few elements (and the reduction in the backward of a broadcast product) is many times
     * slower per element than a small product, and the product's backward is two products again. The sums are the same
     * up to float rounding.
     */

    /** A column {@code (dims, 1)} of {@code 1 / dims}: a row's mean. */
    private NDArray mean(Fwd f) {
        return f.constant(filled(dims, 1.0 / dims), new Shape(dims, 1));
    }

    /** A row {@code (1, dims)} of ones: spreads a per-row value over the row. */
    private NDArray ones(Fwd f) {
        return f.constant(filled(dims, 1.0), new Shape(1, dims));
    }

    /** A parameter vector {@code (dims)} as a row {@code (1, dims)}, or {@code (P, 1, dims)} in a population pass. */
    private static NDArray row(Fwd f, NDArray w) {
        return f.own(w.expandDims(-2));
    }

    private static double[] filled(int n, double value) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, value);
        return a;
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
