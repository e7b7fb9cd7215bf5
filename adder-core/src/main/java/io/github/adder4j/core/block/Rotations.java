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

    /** {@code J (n, n)} with {@code (x J)_first = -x_second, (x J)_second = x_first} for every pair. */
    static double[][] quarterTurn(int n, Pairing pairing) {
        double[][] j = new double[n][n];
        for (int i = 0; i < n; i++) {
            int p = pairing.partner(i, n);
            if (p > i) {
                j[p][i] = -1;
                j[i][p] = 1;
            }
        }
        return j;
    }

    /**
     * Rotates every pair of the last axis of {@code x (..., n)} (rows or a weight matrix, whatever the pass's layout) by the
     * learned scalar {@code angle (1)}.
     */
    static NDArray rotate(Fwd f, NDArray x, NDArray angle, int n, Pairing pairing) {
        double[][] paired = new double[n][n];
        double[][] unpaired = new double[n][n];
        for (int i = 0; i < n; i++) {
            (pairing.partner(i, n) >= 0 ? paired : unpaired)[i][i] = 1;
        }
        NDArray cos = f.own(angle.cos().expandDims(-1));                                           // (1, 1)
        NDArray sin = f.own(angle.sin().expandDims(-1));
        NDArray r = f.constant(unpaired).add(f.constant(paired).mul(cos)).add(f.constant(quarterTurn(n, pairing)).mul(sin)); // (n, n)
        return f.rows().mm(x, r);                                                                  // x's last axis: rows, also for a weight
    }

    /** RoPE tables {@code cos, sin (T, n)}: pair i at position t turns by {@code t * freq_i}. */
    static NDArray[] ropeTables(Fwd f, int offset, int length, int n, Pairing pairing, java.util.function.IntToDoubleFunction frequency) {
        double[] cos = new double[length * n];
        double[] sin = new double[length * n];
        for (int t = 0; t < length; t++) {
            for (int i = 0; i < n; i++) {
                int pairIndex = pairing == Pairing.INTERLEAVED ? i / 2 : i % (n / 2);
                double angle = (offset + t) * frequency.applyAsDouble(pairIndex);
                cos[t * n + i] = Math.cos(angle);
                sin[t * n + i] = Math.sin(angle);
            }
        }
        return new NDArray[] {f.constant(cos, new Shape(length, n)), f.constant(sin, new Shape(length, n))};
    }
}
