package io.github.adder4j.core;

/**
 * The size bounds of a configuration: what a library of tiny transformers supports. Every size field of an
 * {@link AdderConfig} is checked against them when it is set (builder calls, record constructors, and so the
 * configuration of every checkpoint file), and the closed-form parameter count of a configuration is checked against
 * {@link #MAX_PARAMETERS} before {@link AdderModel} allocates anything. A crafted file therefore cannot make the library
 * allocate gigabytes: {@code dModel = 50000} or {@code layers = 2000000000} fail with a message naming the field.
 */
public final class Sizes {

    /** Largest width: dModel, tokenDims, headDim, ffnWidth, every rank and the rows of a learned position table. */
    public static final int MAX_WIDTH = 4096;

    /** Most transformer layers. */
    public static final int MAX_LAYERS = 64;

    /** Most attention heads (query or key/value). */
    public static final int MAX_HEADS = 64;

    /** Most parameters (unique count) of one model: 16 million, far above the largest tiny transformer. */
    public static final long MAX_PARAMETERS = 16_000_000L;

    private Sizes() { }

    /**
     * {@code value} when it is in {@code [1, max]}.
     *
     * @throws IllegalArgumentException {@code <name> must be positive: <value>} or {@code <name> must be at most <max>: <value>}
     */
    static int positive(String name, int value, int max) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return atMost(name, value, max);
    }

    /**
     * {@code value} when it is in {@code [0, max]}.
     *
     * @throws IllegalArgumentException {@code <name> must not be negative: <value>} or {@code <name> must be at most <max>: <value>}
     */
    static int nonNegative(String name, int value, int max) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
        return atMost(name, value, max);
    }

    private static int atMost(String name, int value, int max) {
        if (value > max) {
            throw new IllegalArgumentException(name + " must be at most " + max + ": " + value);
        }
        return value;
    }

    /**
     * Checks the closed-form parameter count of {@code config} (no allocation).
     *
     * @throws IllegalArgumentException when the model would have more than {@link #MAX_PARAMETERS} parameters
     */
    static void checkParameters(AdderConfig config) {
        long unique = io.github.adder4j.core.params.ParameterFormula.uniqueParameters(config);
        if (unique > MAX_PARAMETERS) {
            throw new IllegalArgumentException("the configuration has " + unique + " parameters; at most " + MAX_PARAMETERS
                    + " are supported (dModel=" + config.dModel() + ", layers=" + config.attention().layers() + ", ffnWidth="
                    + config.ffn().width() + ")");
        }
    }
}
