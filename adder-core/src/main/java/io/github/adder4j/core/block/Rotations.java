package io.github.adder4j.core.block;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.github.adder4j.core.Options.Pairing;

/**
 * Planar rotations of pairs of dimensions, as products with small constant matrices so that they stay differentiable
 * through a learned angle: {@code rot(x) = x P + (x J) sin + ...}.
 */
final class Rotations {
    private Rotations() { }

    /** Index of the partner of dimension i under a pairing of n dims, or -1 when i is not paired (odd n, last dim). */
    static int partner(int i, int n, Pairing pairing) {
        if (pairing == Pairing.INTERLEAVED) {
            int p = (i % 2 == 0) ? i + 1 : i - 1;
            return p < n - (n % 2) ? p : -1;
        }
        int half = n / 2;
        if (i >= 2 * half) {
            return -1;
        }
        return i < half ? i + half : i - half;
    }

    /** {@code J (n, n)} with {@code (x J)_first = -x_second, (x J)_second = x_first} for every pair. */
    static double[][] quarterTurn(int n, Pairing pairing) {
        double[][] j = new double[n][n];
        for (int i = 0; i < n; i++) {
            int p = partner(i, n, pairing);
            if (p > i) {
                j[p][i] = -1;
                j[i][p] = 1;
            }
        }
        return j;
    }

    /** Rotates every pair of the last axis of {@code x (..., n)} by the learned scalar {@code angle (1)}. */
    static NDArray rotate(Fwd f, NDArray x, NDArray angle, int n, Pairing pairing) {
        double[][] paired = new double[n][n];
        double[][] unpaired = new double[n][n];
        for (int i = 0; i < n; i++) {
            (partner(i, n, pairing) >= 0 ? paired : unpaired)[i][i] = 1;
        }
        NDArray cos = f.own(angle.cos());
        NDArray sin = f.own(angle.sin());
        NDArray r = f.constant(unpaired).add(f.constant(paired).mul(cos)).add(f.constant(quarterTurn(n, pairing)).mul(sin)); // (n, n)
        return x.matMul(r);
    }

    /** RoPE tables {@code cos, sin (T, n)}: pair i at position t turns by {@code t * freq_i}. */
    static NDArray[] ropeTables(Fwd f, int length, int n, Pairing pairing, java.util.function.IntToDoubleFunction frequency) {
        double[] cos = new double[length * n];
        double[] sin = new double[length * n];
        for (int t = 0; t < length; t++) {
            for (int i = 0; i < n; i++) {
                int pairIndex = pairing == Pairing.INTERLEAVED ? i / 2 : i % (n / 2);
                double angle = t * frequency.applyAsDouble(pairIndex);
                cos[t * n + i] = Math.cos(angle);
                sin[t * n + i] = Math.sin(angle);
            }
        }
        return new NDArray[] {f.constant(cos, new Shape(length, n)), f.constant(sin, new Shape(length, n))};
    }
}
