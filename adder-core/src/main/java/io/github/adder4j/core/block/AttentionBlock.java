package io.github.adder4j.core.block;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.github.adder4j.core.AttentionSpec;
import io.github.adder4j.core.Options.OutputMode;
import io.github.adder4j.core.Options.Pairing;
import io.github.adder4j.core.Options.QkMode;
import io.github.adder4j.core.Options.QkNorm;
import io.github.adder4j.core.Options.Softmax;
import io.github.adder4j.core.Options.Source;
import io.github.adder4j.core.Options.ValueMode;
import io.github.adder4j.core.Positions;
import io.github.adder4j.core.params.Component;
import java.util.List;
import java.util.function.Consumer;

/**
 * Causal multi-head self-attention with every published way of producing q, k and v.
 *
 * <p>Parameters: the q/k/v projections that exist ({@link QkMode#TIED_PHASE}: one key matrix + 1 angle; {@link QkMode#K_ROTATES_Q}:
 * one query matrix + 1 angle; shared first factor: {@code in*r + r*(H hd) + r*(Hkv hd) [+ r*(Hkv hd)]}), QK-norm weights
 * (separate {@code 2 hd}, shared {@code hd}), and the output projection ({@code 0} for O = Wq^T or identity).
 */
final class AttentionBlock extends ModelBlock {
    final String name;
    final AttentionSpec spec;
    final int dModel;
    final int tokenDims;
    final Positions.Relative relative;
    private final ProjectionBlock query;
    private final ProjectionBlock key;
    private final ProjectionBlock value;
    private final ProjectionBlock out;
    private Parameter angle;
    private Parameter sharedA;
    private Parameter bq;
    private Parameter bk;
    private Parameter bv;
    private final NormBlock qNorm;
    private final NormBlock kNorm;
    private final Parameter head;
    private final String headName;
    private final QkNorm qkNormKind;
    /**
     * When non-null, every forward pass appends its attention weights here, {@code (B, H, T, T)} row-major as float32.
     * Set and cleared only by {@link AdderNet#attentionMaps}; null on the normal path, which then pays one null check.
     */
    List<float[]> capture;

    /**
     * @param head the head matrix H (tokenDims, d) for {@link ValueMode#HEAD}, owned by the model; may be null
     */
    AttentionBlock(String name, AttentionSpec spec, int dModel, int tokenDims, Positions.Relative relative, QkNorm qkNorm,
                   double normEps, Parameter head, String headName, DataType dtype) {
        super(dtype);
        this.qkNormKind = qkNorm;
        this.name = name;
        this.spec = spec;
        this.dModel = dModel;
        this.tokenDims = tokenDims;
        this.relative = relative;
        this.head = head;
        this.headName = headName;
        int qkIn = spec.qkSource() == Source.POSITION ? dModel - tokenDims : dModel;
        int vIn = spec.vSource() == Source.TOKEN ? tokenDims : dModel;
        int qOut = spec.heads() * spec.headDim();
        int kvOut = spec.kvHeads() * spec.headDim();
        if (spec.sharedRank() > 0) {
            int r = spec.sharedRank();
            sharedA = learned(name + ".shared.A", qkIn, r);
            bq = learned(name + ".query.B", r, qOut);
            bk = learned(name + ".key.B", r, kvOut);
            bv = spec.valueMode() == ValueMode.OWN ? learned(name + ".value.B", r, kvOut) : null;
            query = null;
            key = null;
            value = null;
        } else {
            query = spec.qkMode() == QkMode.TIED_PHASE ? null
                    : addChildBlock("query", new ProjectionBlock(name + ".query", qkIn, qOut, spec.query(), spec.bias(), dtype));
            key = spec.qkMode() == QkMode.K_ROTATES_Q ? null
                    : addChildBlock("key", new ProjectionBlock(name + ".key", qkIn, kvOut, spec.key(), spec.bias(), dtype));
            value = spec.valueMode() == ValueMode.OWN
                    ? addChildBlock("value", new ProjectionBlock(name + ".value", vIn, kvOut, spec.value(), spec.bias(), dtype)) : null;
        }
        if (spec.qkMode() != QkMode.SEPARATE) {
            angle = learned(name + (spec.qkMode() == QkMode.TIED_PHASE ? ".phase" : ".keyAngle"), 1);
        }
        qNorm = switch (qkNorm) {
            case NONE -> null;
            case PLAIN -> new NormBlock(name + ".qkNorm", io.github.adder4j.core.Options.Norm.RMS_PLAIN, spec.headDim(), normEps, dtype);
            case SHARED -> addChildBlock("qkNorm", new NormBlock(name + ".qkNorm", io.github.adder4j.core.Options.Norm.RMS, spec.headDim(), normEps, dtype));
            case SEPARATE -> addChildBlock("qNorm", new NormBlock(name + ".qNorm", io.github.adder4j.core.Options.Norm.RMS, spec.headDim(), normEps, dtype));
        };
        kNorm = qkNorm == QkNorm.SEPARATE
                ? addChildBlock("kNorm", new NormBlock(name + ".kNorm", io.github.adder4j.core.Options.Norm.RMS, spec.headDim(), normEps, dtype))
                : qNorm;
        int valueWidth = spec.heads() * spec.valueDim(dModel);
        out = spec.outputMode() == OutputMode.PROJECTION
                ? addChildBlock("out", new ProjectionBlock(name + ".out", valueWidth, dModel, spec.out(), spec.bias(), dtype)) : null;
    }

    /** {@code h (B, T, d)}, the normed residual, to the attention update {@code (B, T, d)}. */
    NDArray apply(Fwd f, NDArray h) {
        Shape s = h.getShape();
        long batch = s.get(0);
        int length = (int) s.get(1);
        int hd = spec.headDim();
        NDArray qkIn = spec.qkSource() == Source.POSITION ? h.get("..., " + tokenDims + ":") : h;     // (B, T, dPos)
        NDArray vIn = spec.vSource() == Source.TOKEN ? h.get("..., :" + tokenDims) : h;              // (B, T, tokenDims)
        NDArray q;
        NDArray k;
        NDArray v = null;
        if (sharedA != null) {
            NDArray g = qkIn.matMul(f.p(sharedA));                                                    // (B, T, r)
            q = g.matMul(f.p(bq));                                                                    // (B, T, H hd)
            k = g.matMul(f.p(bk));                                                                    // (B, T, Hkv hd)
            v = bv != null ? g.matMul(f.p(bv)) : null;
        } else if (spec.qkMode() == QkMode.TIED_PHASE) {
            k = key.apply(f, qkIn);                                                                   // (B, T, H hd)
            q = Rotations.rotate(f, k.reshape(batch, length, spec.heads(), hd), f.p(angle), hd, Pairing.INTERLEAVED)
                    .reshape(batch, length, spec.heads() * hd);                                       // q = R(theta) k per head
        } else if (spec.qkMode() == QkMode.K_ROTATES_Q) {
            q = query.apply(f, qkIn);                                                                 // (B, T, H hd)
            k = Rotations.rotate(f, q.reshape(batch, length, spec.heads(), hd), f.p(angle), hd, Pairing.INTERLEAVED)
                    .reshape(batch, length, spec.heads() * hd);                                       // k = R(phi) q
        } else {
            q = query.apply(f, qkIn);
            k = key.apply(f, qkIn);
        }
        v = switch (spec.valueMode()) {
            case OWN -> v != null ? v : value.apply(f, vIn);                                          // (B, T, Hkv hd)
            case EQUALS_K -> k;
            case EQUALS_Q -> q;
            case HEAD -> vIn.matMul(f.p(head));                                                       // (B, T, d) = u H
        };
        int vd = spec.valueDim(dModel);
        q = q.reshape(batch, length, spec.heads(), hd).transpose(0, 2, 1, 3);                         // (B, H, T, hd)
        k = k.reshape(batch, length, spec.kvHeads(), hd).transpose(0, 2, 1, 3);                       // (B, Hkv, T, hd)
        v = v.reshape(batch, length, spec.valueMode() == ValueMode.EQUALS_Q ? spec.heads() : spec.kvHeads(), vd)
                .transpose(0, 2, 1, 3);                                                               // (B, Hkv, T, vd)
        if (qNorm != null) {
            q = qNorm.apply(f, q);
            k = kNorm.apply(f, k);
        }
        if (relative instanceof Positions.Rope rope) {
            NDArray[] cs = Rotations.ropeTables(f, length, hd, rope.pairing(), i -> rope.frequency(i, hd)); // (T, hd) each
            NDArray turn = f.constant(Rotations.quarterTurn(hd, rope.pairing()));
            q = q.mul(cs[0]).add(q.matMul(turn).mul(cs[1]));
            k = k.mul(cs[0]).add(k.matMul(turn).mul(cs[1]));
        }
        int groups = spec.heads() / spec.kvHeads();
        if (groups > 1) {
            k = k.repeat(1, groups);                                                                  // (B, H, T, hd)
            if (spec.valueMode() != ValueMode.EQUALS_Q) {
                v = v.repeat(1, groups);                                                              // (B, H, T, vd)
            }
        }
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul(f.scalar(spec.effectiveScale()))     // (B, H, T, T)
                .add(f.constant(bias(length), new Shape(length, length)));
        NDArray weights;
        if (spec.softmax() == Softmax.SOFTMAX1) {
            NDArray zero = f.manager.zeros(new Shape(batch, spec.heads(), length, 1), f.dtype);
            weights = scores.concat(zero, 3).softmax(-1).get("..., :" + length);                      // exp(s) / (1 + sum exp(s))
        } else {
            weights = scores.softmax(-1);
        }
        if (capture != null) {
            capture.add(weights.toType(DataType.FLOAT32, false).toFloatArray());
        }
        NDArray att = weights.matMul(v).transpose(0, 2, 1, 3).reshape(batch, length, spec.heads() * vd); // (B, T, H vd)
        return switch (spec.outputMode()) {
            case PROJECTION -> out.apply(f, att);
            case QUERY_TRANSPOSE -> att.matMul(query.weight(f));                                      // O = Wq^T
            case IDENTITY -> att;
        };
    }

    /** Additive causal mask (0 / -inf) plus the ALiBi bias, {@code (T, T)}. */
    private double[] bias(int length) {
        double slope = relative instanceof Positions.Alibi alibi ? alibi.slope() : 0;
        double[] b = new double[length * length];
        for (int t = 0; t < length; t++) {
            for (int j = 0; j < length; j++) {
                b[t * length + j] = j > t ? Double.NEGATIVE_INFINITY : -slope * (t - j);
            }
        }
        return b;
    }

    void initialize(Seeded r) {
        if (sharedA != null) {
            r.factor(sharedA, sharedA.getShape().get(0), spec.sharedRank());
            r.factor(bq, spec.sharedRank(), bq.getShape().get(1));
            r.factor(bk, spec.sharedRank(), bk.getShape().get(1));
            if (bv != null) {
                r.factor(bv, spec.sharedRank(), bv.getShape().get(1));
            }
        }
        if (query != null) {
            query.initialize(r, false);
        }
        if (key != null) {
            key.initialize(r, false);
        }
        if (value != null) {
            value.initialize(r, false);
        }
        if (angle != null) {
            r.fill(angle, 0.0);
        }
        if (qNorm != null) {
            qNorm.initialize(r);
        }
        if (kNorm != null && kNorm != qNorm) {
            kNorm.initialize(r);
        }
        if (out != null) {
            out.initialize(r, true);
        }
    }

    @Override
    void describe(Consumer<Component> sink) {
        if (sharedA != null) {
            sink.accept(Component.learned(sharedA.getName(), sharedA.getShape().getShape(), "first factor shared by q, k" + (bv != null ? ", v" : "")));
            sink.accept(Component.learned(bq.getName(), bq.getShape().getShape(), "q = (h A) Bq"));
            sink.accept(Component.learned(bk.getName(), bk.getShape().getShape(),
                    spec.valueMode() == ValueMode.EQUALS_K ? "k = v = (h A) Bkv" : "k = (h A) Bk"));
            if (bv != null) {
                sink.accept(Component.learned(bv.getName(), bv.getShape().getShape(), "v = (h A) Bv"));
            }
        }
        if (query != null) {
            query.describe(sink);
        }
        if (key != null) {
            key.describe(sink);
        }
        if (angle != null) {
            sink.accept(Component.learned(angle.getName(), new long[] {1},
                    spec.qkMode() == QkMode.TIED_PHASE ? "q = R(theta) k" : "k = R(phi) q"));
        }
        if (value != null) {
            value.describe(sink);
        }
        switch (spec.valueMode()) {
            case EQUALS_K -> sink.accept(Component.tied(name + ".value", new long[0], "the keys (v = k)"));
            case EQUALS_Q -> sink.accept(Component.tied(name + ".value", new long[0], "the queries (v = q)"));
            case HEAD -> sink.accept(Component.tied(name + ".value", head.getShape().getShape(), headName + " (v = u H)"));
            default -> { }
        }
        if (qNorm != null && qkNormKind != QkNorm.PLAIN) {
            qNorm.describe(sink);
            if (kNorm != qNorm) {
                kNorm.describe(sink);
            }
        }
        if (spec.scale() > 0) {
            sink.accept(Component.constant(name + ".scale", new long[] {1}, 1, "score scale " + spec.scale()));
        }
        if (relative instanceof Positions.Alibi alibi) {
            sink.accept(Component.constant(name + ".alibi", new long[] {1}, 1, "ALiBi slope " + alibi.slope()));
        }
        if (out != null) {
            out.describe(sink);
        } else if (spec.outputMode() == OutputMode.QUERY_TRANSPOSE) {
            sink.accept(Component.tied(name + ".out", new long[] {dModel, spec.heads() * spec.headDim()}, name + ".query.weight (O = Wq^T)"));
        }
    }
}
