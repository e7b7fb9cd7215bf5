package io.github.adder4j.core.prove;

import io.github.adder4j.core.Options.Precision;

/**
 * The rounding model of the evaluation being proved: every elementary operation of the model's floating-point forward (an
 * addition, product, quotient, square root, or a library {@code exp}, {@code erf}, {@code cos}) returns its exact result
 * times {@code (1 + delta)} with {@code |delta| <= rel}, plus an absolute error of at most {@code abs} (underflow); a sum or
 * dot product of n terms, in any order, errs by at most {@code n rel} times the sum of the terms' magnitudes. The default
 * {@code rel} is 4 units in the last place of the precision (2^-22 for float32, 2^-51 for float64): correctly rounded
 * basic operations err by half an ulp, and libtorch's vectorised transcendental functions (SLEEF) by at most 3.5 ulps.
 *
 * @param rel relative error per operation
 * @param abs absolute error per operation
 */
public record FloatModel(double rel, double abs) {

    /** Validates. */
    public FloatModel {
        if (!(rel >= 0) || !(abs >= 0) || !Double.isFinite(rel) || !Double.isFinite(abs)) {
            throw new IllegalArgumentException("rounding errors must be finite and non-negative: rel=" + rel + ", abs=" + abs);
        }
    }

    /** The rounding model of a precision: 4 ulps relative per operation, and the smallest normal number absolute. */
    public static FloatModel of(Precision precision) {
        return precision == Precision.FLOAT64 ? new FloatModel(Math.scalb(1.0, -51), Double.MIN_NORMAL)
                : new FloatModel(Math.scalb(1.0, -22), Float.MIN_NORMAL);
    }

    /** One rounded operation: {@code x} widened by {@code rel |x| + abs}. */
    public Interval op(Interval x) {
        return x.widen(rel, abs);
    }

    /** A rounded sum of {@code n} terms whose magnitudes sum to at most {@code magnitude}. */
    public Interval sum(Interval x, int n, double magnitude) {
        return x.widen(0, Math.nextUp(n * rel * magnitude + n * abs));
    }
}
