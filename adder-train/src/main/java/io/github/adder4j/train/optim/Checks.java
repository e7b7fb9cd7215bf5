package io.github.adder4j.train.optim;

import ai.djl.ndarray.types.Shape;

/** Argument checks shared by the optimisation classes; every failure names the argument and the value. */
final class Checks {

    private Checks() {
    }

    /** Requires a finite value greater than zero. */
    static double positive(String name, double value) {
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
    static double inUnit(String name, double value) {
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
    static <T> T notNull(String name, T value) {
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
