package io.github.adder4j.core.block;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import io.github.adder4j.core.Options;
import java.util.SplittableRandom;

/**
 * Seeded initial values, drawn in Java in a fixed parameter order so that the same seed gives the same model on every engine
 * and thread count.
 */
final class Seeded {
    /** The standard deviation of N(0, 1) truncated to [-2, 2]: dividing by it gives the truncated draws unit variance. */
    private static final double TRUNCATED_STD = 0.87962566103423978;

    private final SplittableRandom random;
    private final Options.Init init;

    Seeded(long seed, Options.Init init) {
        this.random = new SplittableRandom(seed);
        this.init = init;
    }

    /** nanoGPT's standard deviation of embeddings and linear layers. */
    private static final double GPT2_STD = 0.02;

    /** The starting rotation angle of {@link Options.Init#QWEN_SMALL}; every other scheme starts angles at 0. */
    static final double QWEN_SMALL_ANGLE = 0.1;

    /** Whether the scheme draws its tables and projections from N(0, 0.02^2) (nanoGPT and the 36p repository). */
    private boolean smallNormal() {
        return init == Options.Init.NANOGPT || init == Options.Init.QWEN_SMALL;
    }

    /** A learned rotation angle: 0.1 under {@link Options.Init#QWEN_SMALL}, else 0 (no rotation at the start). */
    void angle(Parameter p) {
        fill(p, init == Options.Init.QWEN_SMALL ? QWEN_SMALL_ANGLE : 0.0);
    }

    /**
     * A learned table of width {@code dims} (token or position table), by the scheme: N(0, 1), for Flax N(0, 1/dims), for
     * nanoGPT N(0, 0.02^2).
     */
    void table(Parameter p, long dims) {
        normal(p, switch (init) {
            case FLAX -> 1.0 / Math.sqrt(dims);
            case NANOGPT, QWEN_SMALL -> GPT2_STD;
            default -> 1.0;
        });
    }

    /** The factors {@code a} (rows x rank) and {@code b} (rank x dims) of a low-rank table: N(0, 1) and Xavier, or nanoGPT's N(0, 0.02^2). */
    void tableFactors(Parameter a, Parameter b, long rank, long dims) {
        if (smallNormal()) {
            normal(a, GPT2_STD);
            normal(b, GPT2_STD);
        } else {
            normal(a, 1.0);
            xavier(b, rank, dims);
        }
    }

    /**
     * A factor of a low-rank projection with the given fan-in and fan-out: Xavier-uniform, or under nanoGPT a normal of
     * the same variance {@code 2 / (in + out)}.
     */
    void factor(Parameter p, long fanIn, long fanOut) {
        if (smallNormal()) {
            normal(p, Math.sqrt(2.0 / (fanIn + fanOut)));
        } else {
            xavier(p, fanIn, fanOut);
        }
    }

    /** Whether output projections start at zero (the structural rule); nanoGPT draws them like any other projection. */
    boolean zeroOutputs() {
        return !smallNormal();
    }

    /** An untied output table: N(0, 1), or nanoGPT's N(0, 0.02^2). */
    void outputTable(Parameter p) {
        normal(p, smallNormal() ? GPT2_STD : 1.0);
    }

    /** A full projection matrix with the given fan-in and fan-out, by the scheme (see {@link Options.Init}). */
    void dense(Parameter p, long fanIn, long fanOut) {
        switch (init) {
            case XAVIER -> xavier(p, fanIn, fanOut);
            case TORCH -> uniform(p, 1.0 / Math.sqrt(fanIn));
            case FLAX -> truncatedNormal(p, 1.0 / Math.sqrt(fanIn));
            case NANOGPT, QWEN_SMALL -> normal(p, GPT2_STD);
        }
    }

    /** Normal values truncated to two standard deviations, rescaled so that their standard deviation is {@code std}. */
    void truncatedNormal(Parameter p, double std) {
        double[] v = new double[size(p)];
        for (int i = 0; i < v.length; i++) {
            double g;
            do {
                g = gaussian();
            } while (Math.abs(g) > 2);
            v[i] = g / TRUNCATED_STD * std;
        }
        set(p, v);
    }

    void uniform(Parameter p, double bound) {
        double[] v = new double[size(p)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (random.nextDouble() * 2 - 1) * bound;
        }
        set(p, v);
    }

    /** Xavier-uniform for a matrix stored with the given fan-in and fan-out. */
    void xavier(Parameter p, long fanIn, long fanOut) {
        uniform(p, Math.sqrt(6.0 / (fanIn + fanOut)));
    }

    void normal(Parameter p, double std) {
        double[] v = new double[size(p)];
        for (int i = 0; i < v.length; i++) {
            v[i] = gaussian() * std;
        }
        set(p, v);
    }

    void fill(Parameter p, double... values) {
        if (values.length == 1 && size(p) != 1) {
            double[] v = new double[size(p)];
            java.util.Arrays.fill(v, values[0]);
            set(p, v);
        } else {
            set(p, values);
        }
    }

    private double gaussian() {
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static int size(Parameter p) {
        return Math.toIntExact(p.getArray().getShape().size());
    }

    static void set(Parameter p, double[] v) {
        NDArray a = p.getArray();
        if (v.length != a.getShape().size()) {
            throw new IllegalArgumentException("parameter " + p.getName() + " has " + a.getShape().size() + " values, got " + v.length);
        }
        if (a.getDataType() == DataType.FLOAT64) {
            a.set(v);
        } else {
            float[] f = new float[v.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) v[i];
            }
            a.set(f);
        }
    }
}
