package io.github.adder4j.core;

import io.github.adder4j.core.Options.OutputMode;
import io.github.adder4j.core.Options.QkMode;
import io.github.adder4j.core.Options.Softmax;
import io.github.adder4j.core.Options.Source;
import io.github.adder4j.core.Options.ValueMode;
import java.util.Objects;

/**
 * Attention options of every layer.
 *
 * @param layers number of transformer layers (each: attention then FFN)
 * @param heads query heads
 * @param kvHeads key/value heads (divides heads)
 * @param headDim query/key dimension per head
 * @param qkSource part of the normed residual that feeds queries and keys
 * @param vSource part of the normed residual that feeds values
 * @param qkMode how queries and keys are produced
 * @param sharedRank 0, or the rank r of a first factor {@code A (in, r)} shared by the q, k and v projections
 *        (each projection is then {@code g B} with {@code g = h A})
 * @param valueMode how values are produced
 * @param query query projection (the tied matrix Wqk for {@link QkMode#TIED_PHASE} is {@link #key})
 * @param key key projection
 * @param value value projection ({@link ValueMode#OWN})
 * @param outputMode how the attention output returns to the residual
 * @param out output projection ({@link OutputMode#PROJECTION})
 * @param softmax normaliser
 * @param scale score scale, or 0 for {@code 1/sqrt(headDim)}; a non-default scale is a constant in the strict count
 * @param bias whether q/k/v/out projections have biases
 */
public record AttentionSpec(int layers, int heads, int kvHeads, int headDim, Source qkSource, Source vSource, QkMode qkMode,
                            int sharedRank, ValueMode valueMode, Projection query, Projection key, Projection value,
                            OutputMode outputMode, Projection out, Softmax softmax, double scale, boolean bias) {

    /**
     * Validates single values; combinations are checked by {@link AdderConfig}.
     *
     * @param layers number of transformer layers (each: attention then FFN)
     * @param heads query heads
     * @param kvHeads key/value heads (divides heads)
     * @param headDim query/key dimension per head
     * @param qkSource part of the normed residual that feeds queries and keys
     * @param vSource part of the normed residual that feeds values
     * @param qkMode how queries and keys are produced
     * @param sharedRank 0, or the rank r of a first factor {@code A (in, r)} shared by the q, k and v projections (each
     *                   projection is then {@code g B} with {@code g = h A})
     * @param valueMode how values are produced
     * @param query query projection (the tied matrix Wqk for {@link QkMode#TIED_PHASE} is {@link #key})
     * @param key key projection
     * @param value value projection ({@link ValueMode#OWN})
     * @param outputMode how the attention output returns to the residual
     * @param out output projection ({@link OutputMode#PROJECTION})
     * @param softmax normaliser
     * @param scale score scale, or 0 for {@code 1/sqrt(headDim)}; a non-default scale is a constant in the strict count
     * @param bias whether q/k/v/out projections have biases
     */
    public AttentionSpec {
        Sizes.positive("layers", layers, Sizes.MAX_LAYERS);
        Sizes.positive("heads", heads, Sizes.MAX_HEADS);
        Sizes.positive("kvHeads", kvHeads, Sizes.MAX_HEADS);
        Sizes.positive("headDim", headDim, Sizes.MAX_WIDTH);
        Sizes.nonNegative("sharedRank", sharedRank, Sizes.MAX_WIDTH);
        if (scale < 0 || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("attention scale must be positive (or 0 for 1/sqrt(headDim)): " + scale);
        }
        Objects.requireNonNull(qkSource, "qkSource");
        Objects.requireNonNull(vSource, "vSource");
        Objects.requireNonNull(qkMode, "qkMode");
        Objects.requireNonNull(valueMode, "valueMode");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(outputMode, "outputMode");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(softmax, "softmax");
    }

    /**
     * The scale actually applied to scores.
     *
     * @return the fixed scale when one is set, else {@code 1 / sqrt(headDim)}
     */
    public double effectiveScale() {
        return scale > 0 ? scale : 1.0 / Math.sqrt(headDim);
    }

    /**
     * Value dimension per head.
     *
     * @param dModel the model width d
     * @return the width of one head's values
     */
    public int valueDim(int dModel) {
        return valueMode == ValueMode.HEAD ? dModel : headDim;
    }

    static void positive(String name, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + v);
        }
    }
}
