package io.github.adder4j.train.optim;

import ai.djl.ndarray.types.Shape;

/**
 * Argument checks shared by the trainer's classes (the optimisation classes here, the parts of a
 * {@link io.github.adder4j.train.Recipe}); every failure is an {@link IllegalArgumentException} whose message names the
 * argument and the value, e.g. {@code learningRate must be positive: 0.0}.
 */
public final class Checks {

    private Checks() {
    }

    /**
     * Requires an int greater than zero.
     *
     * @param name  the argument's name, for the message
     * @param value the value
     * @return {@code value}
     */
    public static int positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return value;
    }

    /**
     * Requires an int of at least zero ({@code <name> must not be negative: <value>}).
     *
     * @param name  the argument's name, for the message
     * @param value the value
     * @return {@code value}
     */
    public static int notNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
        return value;
    }

    /**
     * Requires a number of at least zero, not NaN ({@code <name> must not be negative: <value>}).
     *
     * @param name  the argument's name, for the message
     * @param value the value
     * @return {@code value}
     */
    public static double notNegative(String name, double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
        return value;
    }

    /**
     * Requires an int of at most {@code max}.
     *
     * @param name  the argument's name, for the message
     * @param value the value
     * @param max   the largest allowed value
     * @return {@code value}
     */
    public static int atMost(String name, int value, int max) {
        if (value > max) {
            throw new IllegalArgumentException(name + " must be at most " + max + ": " + value);
        }
        return value;
    }

    /**
     * Requires a value in (0, 1].
     *
     * @param name  the argument's name, for the message
     * @param value the value
     * @return {@code value}
     */
    public static double inLeftOpenUnit(String name, double value) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1]: " + value);
        }
        return value;
    }

    /**
     * Requires one of an enum's constants (not null).
     *
     * @param name   the argument's name, for the message
     * @param value  the value
     * @param values the enum's constants, listed in the message
     * @param <E>    the enum
     * @return {@code value}
     */
    public static <E extends Enum<E>> E oneOf(String name, E value, E[] values) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must be one of " + java.util.Arrays.toString(values) + ": null");
        }
        return value;
    }

    /** Requires a finite value greater than zero. */
    public static double positive(String name, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return finite(name, value);
    }

    /** Requires a finite value of at least zero. */
    static double nonNegative(String name, double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException(name + " must be non-negative: " + value);
        }
        return finite(name, value);
    }

    /** Requires a value in [0, 1). */
    static double inHalfOpenUnit(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1): " + value);
        }
        return value;
    }

    /** Requires a value in [0, 1]. */
    public static double inUnit(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1]: " + value);
        }
        return value;
    }

    /** Requires a long of at least zero. */
    static long nonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be non-negative: " + value);
        }
        return value;
    }

    /** Requires a non-null reference. */
    public static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    private static double finite(String name, double value) {
        if (Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite: " + value);
        }
        return value;
    }

    /** Formats dimensions the way DJL prints a shape, e.g. {@code (2, 3)}. */
    static String shapeText(long[] dims) {
        return new Shape(dims).toString();
    }
}
