package io.github.adder4j.core.block;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.adder4j.core.Options.Softmax;
import io.github.adder4j.core.params.Component;
import java.util.function.Consumer;

/**
 * Scaled dot-product attention over heads, with the mask or bias as an input; no parameters.
 *
 * <pre>
 * scores  = (scale q) k^T + bias        (B, H, T, T)
 * weights = softmax(scores)             or softmax1: exp(s) / (1 + sum exp(s))
 * out     = weights v                   (B, H, T, vd) -> (B, T, H vd)
 * </pre>
 * The bias {@code (T, T)} comes from an {@link AttentionMask} (causal, none, ALiBi) and broadcasts over the batch and heads.
 *
 * <p>Standalone: inputs {@code q (B, H, T, hd), k (B, H, T, hd), v (B, H, T, vd), bias (T, T)}, output {@code (B, T, H vd)}.
 */
public final class AttentionCore extends ModelBlock {
    private final String name;
    private final double scale;
    private final Softmax softmax;

    /**
     * @param name    the block's path, used in messages
     * @param scale   the score scale, {@code 1/sqrt(hd)} for standard attention
     * @param softmax standard softmax or softmax1
     * @param dtype   activation type
     * @throws IllegalArgumentException when the scale is not positive and finite
     */
    public AttentionCore(String name, double scale, Softmax softmax, DataType dtype) {
        super(dtype);
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("attention scale must be positive: " + scale);
        }
        this.name = name;
        this.scale = scale;
        this.softmax = java.util.Objects.requireNonNull(softmax, "softmax");
    }

    /** The softmax weights {@code (B, H, T, T)} of queries {@code q (B, H, T, hd)} on keys {@code k (B, H, T, hd)}. */
    NDArray weights(Fwd f, NDArray q, NDArray k, NDArray bias) {
        // the scale goes on q (B, H, T, hd), not on the scores (B, H, T, T): the same product, hd/T of the multiplications
        NDArray scores = q.mul(f.scalar(scale)).matMul(k.swapAxes(-1, -2)).add(bias);               // (B, H, T, T)
        if (softmax == Softmax.SOFTMAX1) {
            Shape s = scores.getShape();
            long length = s.get(s.dimension() - 1);
            NDArray zero = f.manager.zeros(s.slice(0, s.dimension() - 1).add(1), f.dtype);           // (B, H, T, 1)
            return scores.concat(zero, -1).softmax(-1).get("..., :" + length);                         // exp(s) / (1 + sum exp(s))
        }
        return scores.softmax(-1);
    }

    /**
     * The weighted values, heads side by side: {@code weights (B, H, T, T)}, {@code v (B, H, T, vd) -> (B, T, H vd)}. Weights
     * {@code (1, H, T, T)} shared by every example broadcast over the batch; with one head and one number per key the whole
     * batch's mix is then one product {@code (B, keys) (keys, T)}.
     */
    NDArray mix(NDArray weights, NDArray v) {
        Shape ws = weights.getShape();
        Shape vs = v.getShape();
        int r = vs.dimension();
        long batch = vs.get(r - 4);
        NDArray mixed;
        if (ws.get(r - 4) == 1 && batch > 1 && vs.get(r - 3) == 1 && vs.get(r - 1) == 1) {
            Shape lead = vs.slice(0, r - 4);                                                          // () or (P)
            long rows = ws.get(r - 2);
            long keys = ws.get(r - 1);
            NDArray w = weights.reshape(lead.add(rows, keys)).swapAxes(-1, -2);                       // (1, 1, T, keys) -> (keys, T)
            mixed = v.reshape(lead.add(batch, keys)).matMul(w)                                        // (B, 1, keys, 1) -> (B, keys) -> (B, T)
                    .reshape(lead.add(batch, 1, rows, 1));                                            // (B, 1, T, 1)
        } else {
            mixed = weights.matMul(v);                                                                // (B, H, T, vd)
        }
        Shape s = mixed.getShape();
        return mixed.swapAxes(-2, -3)
                .reshape(s.slice(0, r - 3).add(s.get(r - 2), s.get(r - 3) * s.get(r - 1)));           // (B, T, H, vd) -> (B, T, H vd)
    }

    @Override
    NDList forward(Fwd f, NDList inputs) {
        return new NDList(mix(weights(f, inputs.get(0), inputs.get(1), inputs.get(3)), inputs.get(2)));
    }

    @Override
    void checkInputs(NDList inputs) {
        if (inputs.size() != 4) {
            throw new IllegalArgumentException("AttentionCore " + name + " expects q, k, v and bias, got " + inputs.size() + " arrays");
        }
        Shape q = inputs.get(0).getShape();
        Shape k = inputs.get(1).getShape();
        Shape v = inputs.get(2).getShape();
        Shape bias = inputs.get(3).getShape();
        if (q.dimension() != 4 || !q.equals(k) || v.dimension() != 4 || !v.slice(0, 3).equals(q.slice(0, 3))
                || !bias.equals(new Shape(q.get(2), q.get(2)))) {
            throw new IllegalArgumentException("AttentionCore " + name + " expects q (B, H, T, hd), k (B, H, T, hd), v (B, H, T, vd),"
                    + " bias (T, T), got " + q + ", " + k + ", " + v + ", " + bias);
        }
    }

    @Override
    String blockName() {
        return name;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        return new Shape[] {new Shape(in[0].get(0), in[0].get(2), in[0].get(1) * in[2].get(3))};
    }

    @Override
    void describe(Consumer<Component> out) {
        // no parameters: the scale and softmax are reported by the attention block that owns them
    }
}
