package io.github.adder4j.core;

import io.github.adder4j.core.Options.Activation;
import io.github.adder4j.core.Options.FfnOut;
import java.util.Objects;

/**
 * Feed-forward options of every layer.
 *
 * @param width hidden width (0 disables the FFN)
 * @param activation activation; {@link Activation#SWIGLU} adds an up projection
 * @param bias whether the FFN projections have biases
 * @param in first projection (the gate for SwiGLU), d -> width
 * @param up up projection for SwiGLU, d -> width
 * @param outMode where the second layer comes from
 * @param out second projection ({@link FfnOut#OWN}), width -> d
 */
public record FfnSpec(int width, Activation activation, boolean bias, Projection in, Projection up, FfnOut outMode,
                      Projection out) {
    /**
     * Validates single values.
     *
     * @param width hidden width (0 disables the FFN)
     * @param activation activation; {@link Activation#SWIGLU} adds an up projection
     * @param bias whether the FFN projections have biases
     * @param in first projection (the gate for SwiGLU), d -> width
     * @param up up projection for SwiGLU, d -> width
     * @param outMode where the second layer comes from
     * @param out second projection ({@link FfnOut#OWN}), width -> d
     */
    public FfnSpec {
        Sizes.nonNegative("ffnWidth", width, Sizes.MAX_WIDTH);
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(up, "up");
        Objects.requireNonNull(outMode, "outMode");
        Objects.requireNonNull(out, "out");
    }
}
