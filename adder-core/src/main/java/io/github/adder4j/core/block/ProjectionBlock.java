package io.github.adder4j.core.block;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.github.adder4j.core.Projection;
import io.github.adder4j.core.params.Component;
import java.util.function.Consumer;

/**
 * A linear map {@code y = x W^T (+ b)} from {@code in} to {@code out} features.
 *
 * <p>Parameters: full {@code out*in}; low rank {@code r*(in+out)} ({@code y = x A B}); basis: one per basis matrix
 * ({@code W = sum_p theta_p B_p}); fixed: 0. Plus {@code out} for a bias. Basis and fixed entries other than 0 and +-1
 * count in the strict count.
 *
 * <p>Standalone: {@code x (..., in) -> (..., out)}; every leading axis is free.
 */
public final class ProjectionBlock extends ModelBlock {
    final String name;
    final int in;
    final int out;
    final Projection spec;
    private Parameter weight;
    private Parameter a;
    private Parameter b;
    private Parameter theta;
    private Parameter bias;
    private double[] basisFlat;

    /**
     * @param name    the block's path; parameters are {@code name.weight}, {@code name.A}/{@code .B}, {@code name.theta},
     *                {@code name.bias}
     * @param in      input features
     * @param out     output features
     * @param spec    full, low rank, basis or fixed
     * @param hasBias whether {@code y} gets a learned bias
     * @param dtype   parameter type
     * @throws IllegalArgumentException when in or out is not positive, or the spec does not fit {@code in -> out}
     */
    public ProjectionBlock(String name, int in, int out, Projection spec, boolean hasBias, DataType dtype) {
        super(dtype);
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("projection " + name + " needs positive sizes: in=" + in + ", out=" + out);
        }
        this.name = name;
        this.in = in;
        this.out = out;
        this.spec = spec;
        spec.checkShape(name, in, out);
        if (spec instanceof Projection.Full) {
            weight = learned(name + ".weight", out, in);
        } else if (spec instanceof Projection.LowRank lr) {
            a = learned(name + ".A", in, lr.rank());
            b = learned(name + ".B", lr.rank(), out);
        } else if (spec instanceof Projection.Basis basis) {
            theta = learned(name + ".theta", basis.bases().size());
            basisFlat = new double[basis.bases().size() * out * in];
            int k = 0;
            for (double[][] m : basis.bases()) {
                for (double[] row : m) {
                    for (double v : row) {
                        basisFlat[k++] = v;
                    }
                }
            }
        } else if (spec instanceof Projection.Fixed fixed) {
            basisFlat = new double[out * in];
            int k = 0;
            for (double[] row : fixed.matrix()) {
                for (double v : row) {
                    basisFlat[k++] = v;
                }
            }
        }
        if (hasBias) {
            bias = learned(name + ".bias", out);
        }
    }

    /** {@code x (..., in) -> (..., out)}. */
    NDArray apply(Fwd f, NDArray x) {
        if (a != null) {
            return secondFactor(f, firstFactor(f, x));                           // (..., in) A B (+ b)
        }
        return withBias(f, f.mm(x, transposedWeight(f)));                        // (..., in) W^T (+ b)
    }

    /** The first factor of a low-rank map: {@code x (..., in) -> x A (..., r)}. */
    NDArray firstFactor(Fwd f, NDArray x) {
        if (a == null) {
            throw new IllegalStateException("projection " + name + " is not low rank");
        }
        return f.mm(x, f.p(a));                                                  // (..., r)
    }

    /** The rest of a low-rank map after {@link #firstFactor}: {@code g (..., r) -> g B (+ b) (..., out)}. */
    NDArray secondFactor(Fwd f, NDArray g) {
        if (b == null) {
            throw new IllegalStateException("projection " + name + " is not low rank");
        }
        return withBias(f, f.mm(g, f.p(b)));                                     // (..., out)
    }

    /** {@code y (..., out)} plus the bias, when the map has one. */
    private NDArray withBias(Fwd f, NDArray y) {
        return bias == null ? y : y.add(f.featureVector(f.p(bias), y.getShape().dimension()));
    }

    @Override
    NDList forward(Fwd f, NDList inputs) {
        return new NDList(apply(f, inputs.head()));
    }

    @Override
    void checkInputs(NDList inputs) {
        checkLast(inputs.head(), "(..., " + in + ")", 1, in);
    }

    @Override
    String blockName() {
        return name;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {s.slice(0, s.dimension() - 1).add(out)};
    }

    /** {@code W^T} as an {@code (in, out)} array owned by the pass. */
    NDArray transposedWeight(Fwd f) {
        if (a != null) {
            return f.own(f.p(a).matMul(f.p(b)));
        }
        return f.own(weight(f).swapAxes(-1, -2));
    }

    /** {@code W} as an {@code (out, in)} array. */
    NDArray weight(Fwd f) {
        if (weight != null) {
            return f.p(weight);
        }
        if (a != null) {
            return f.own(f.p(a).matMul(f.p(b)).swapAxes(-1, -2));
        }
        if (theta != null) {
            int n = basisFlat.length / (out * in);
            NDArray bases = f.constant(basisFlat, new Shape(n, out, in)); // (n, out, in)
            NDArray t = f.p(theta);                                         // (n)
            Shape ts = t.getShape();
            return bases.mul(f.own(t.reshape(ts.addAll(new Shape(1, 1))))).sum(new int[] {-3}); // (n, 1, 1) -> (out, in)
        }
        return f.perMember(f.constant(basisFlat, new Shape(out, in)));
    }

    /** The learned full matrix (for O = Wq^T tying), or null. */
    Parameter fullWeight() {
        return weight;
    }

    void initialize(Seeded r, boolean zeroOutput) {
        if (weight != null) {
            r.dense(weight, in, out);
        }
        if (a != null) {
            if (zeroOutput && r.zeroOutputs()) {
                r.uniform(a, 1.0);
                r.fill(b, 0.0);
            } else {
                r.factor(a, in, ((Projection.LowRank) spec).rank());
                r.factor(b, ((Projection.LowRank) spec).rank(), out);
            }
        }
        if (theta != null) {
            r.fill(theta, ((Projection.Basis) spec).init());
        }
        if (bias != null) {
            r.fill(bias, 0.0);
        }
    }

    @Override
    void describe(Consumer<Component> sink) {
        if (weight != null) {
            sink.accept(Component.learned(name + ".weight", new long[] {out, in}, "full " + in + "->" + out));
        }
        if (a != null) {
            int rank = ((Projection.LowRank) spec).rank();
            sink.accept(Component.learned(name + ".A", new long[] {in, rank}, "low rank " + rank + ", y = x A B"));
            sink.accept(Component.learned(name + ".B", new long[] {rank, out}, "low rank " + rank));
        }
        if (theta != null) {
            int n = basisFlat.length / (out * in);
            sink.accept(Component.learned(name + ".theta", new long[] {n}, "coefficients of " + n + " fixed basis matrices"));
            sink.accept(Component.constant(name + ".bases", new long[] {n, out, in}, weightLike(basisFlat), "fixed basis matrices"));
        }
        if (spec instanceof Projection.Fixed) {
            sink.accept(Component.constant(name + ".fixed", new long[] {out, in}, weightLike(basisFlat), "fixed matrix"));
        }
        if (bias != null) {
            sink.accept(Component.learned(name + ".bias", new long[] {out}, "bias"));
        }
    }

    /** Entries that are neither 0 nor +-1 (structural values are free in the strict count). */
    static long weightLike(double[] values) {
        long n = 0;
        for (double v : values) {
            if (v != 0 && Math.abs(v) != 1) {
                n++;
            }
        }
        return n;
    }
}
