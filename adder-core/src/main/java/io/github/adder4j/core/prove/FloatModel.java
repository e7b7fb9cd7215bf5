package io.github.adder4j.core.prove;

import io.github.adder4j.core.Options.Precision;

/**
 * The rounding model of the evaluation being proved (the standard model of floating-point arithmetic): every basic
 * operation of the model's forward ({@code + - * /}, square root) returns its exact result times {@code (1 + delta)} with
 * {@code |delta| <= rel}, the unit roundoff of the precision (IEEE 754 rounds these correctly); a library transcendental
 * function ({@code exp}, {@code erf}, {@code cos}, {@code sin}, in libtorch's vectorised SLEEF kernels within 3.5 ulps) errs
 * by at most {@code fnRel}, 4 ulps; every operation may add an absolute {@code abs} (underflow); a sum or dot product of n
 * terms, in any order and with or without fused multiply-adds, errs by at most {@code n rel} times the sum of the terms'
 * magnitudes.
 *
 * @param rel   relative error of a basic operation
 * @param fnRel relative error of a transcendental function
 * @param abs   absolute error per operation
 */
public record FloatModel(double rel, double fnRel, double abs) {

    /**
     * Validates.
     *
     * @param rel relative error of a basic operation
     * @param fnRel relative error of a transcendental function
     * @param abs absolute error per operation
     */
    public FloatModel {
        if (!(rel >= 0) || !(fnRel >= 0) || !(abs >= 0) || !Double.isFinite(rel) || !Double.isFinite(fnRel) || !Double.isFinite(abs)) {
            throw new IllegalArgumentException("rounding errors must be finite and non-negative: rel=" + rel + ", fnRel=" + fnRel + ", abs=" + abs);
        }
    }

    /**
     * The rounding model of a precision: unit roundoff 2^-24 (float32) or 2^-53 (float64), 4 ulps for functions.
     *
     * @param precision the model's precision
     * @return the rounding model of that precision
     */
    public static FloatModel of(Precision precision) {
        return precision == Precision.FLOAT64 ? new FloatModel(Math.scalb(1.0, -53), Math.scalb(1.0, -51), Double.MIN_NORMAL)
                : new FloatModel(Math.scalb(1.0, -24), Math.scalb(1.0, -22), Float.MIN_NORMAL);
    }

    /**
     * One rounded basic operation: {@code x} widened by {@code rel |x| + abs}.
     *
     * @param x the exact result's enclosure
     * @return an enclosure of the rounded result
     */
    public Interval op(Interval x) {
        return x.widen(rel, abs);
    }

    /**
     * One transcendental function value: {@code x} widened by {@code fnRel |x| + abs}.
     *
     * @param x the exact value's enclosure
     * @return an enclosure of the computed value
     */
    public Interval fn(Interval x) {
        return x.widen(fnRel, abs);
    }

    /**
     * A rounded sum of {@code n} terms whose magnitudes sum to at most {@code magnitude}.
     *
     * @param x the exact sum's enclosure
     * @param n the number of terms
     * @param magnitude an upper bound of the sum of the terms' magnitudes
     * @return an enclosure of the rounded sum
     */
    public Interval sum(Interval x, int n, double magnitude) {
        return x.widen(0, Math.nextUp(n * rel * magnitude * (1 + n * rel) + n * abs));
    }
}
