package io.github.adder4j.core.params;

import io.github.adder4j.core.AdderConfig;
import io.github.adder4j.core.AttentionSpec;
import io.github.adder4j.core.FfnSpec;
import io.github.adder4j.core.NormSpec;
import io.github.adder4j.core.Options.Activation;
import io.github.adder4j.core.Options.Embedding;
import io.github.adder4j.core.Options.FfnOut;
import io.github.adder4j.core.Options.Norm;
import io.github.adder4j.core.Options.Output;
import io.github.adder4j.core.Options.OutputMode;
import io.github.adder4j.core.Options.QkMode;
import io.github.adder4j.core.Options.QkNorm;
import io.github.adder4j.core.Options.Slot;
import io.github.adder4j.core.Options.Source;
import io.github.adder4j.core.Options.ValueMode;
import io.github.adder4j.core.Positions;
import io.github.adder4j.core.Projection;

/**
 * The closed-form parameter count of a configuration, computed from its fields alone (no blocks, no native memory). It is
 * an independent statement of the counting rules; the test suite checks that it agrees with the report that the built
 * model derives from its blocks ({@link ParameterReport}).
 *
 * <p>Notation: {@code V} vocabulary size, {@code d} = dModel, {@code t} = tokenDims, {@code p} = positionDims
 * ({@code d - t} for a split residual, else {@code d}), {@code L} layers, {@code H} heads, {@code Hkv} kvHeads,
 * {@code hd} headDim, {@code vd} value dim per head ({@code d} for {@link ValueMode#HEAD}, else {@code hd}), {@code w} FFN width,
 * {@code [c]} 1 when c holds, else 0.
 *
 * <h2>Unique parameters (AdderBoard rule: learned, shared ones once)</h2>
 * <ul>
 *   <li>token embedding: table {@code V t}; low rank r {@code r (V + t)}; arc 3; arc2 4; parabolic 2;</li>
 *   <li>additive positions: none 0; learned {@code rows p}; learned rank r {@code r (rows + p)}; sinusoid 0 (fixed);
 *       spiral: the learned spiral scalars plus {@code 3} per learned special slot (frozen zero slots are free);</li>
 *   <li>relative positions: RoPE and ALiBi 0;</li>
 *   <li>head matrix H (split residual with a tied output): {@code t d}, counted once however many paths use it;</li>
 *   <li>norms, with {@code n(LAYER) = 2d}, {@code n(RMS) = d}, {@code n(RMS_PLAIN) = 0}: separate norms
 *       {@code L (1 + [w > 0]) n(kind) + n(finalKind)}; a shared norm {@code n(kind) + [finalKind != kind] n(finalKind)};</li>
 *   <li>per layer (times {@code L}), attention, with {@code in} = {@code p} for query/key source POSITION (else {@code d})
 *       and {@code vin} = {@code t} for value source TOKEN (else {@code d}), and {@code P(proj, in, out)} the cost of one
 *       linear map (full {@code in out}, low rank r {@code r (in + out)}, basis one per basis matrix, fixed 0, plus
 *       {@code out} for a bias):
 *       <ul>
 *         <li>shared first factor of rank r: {@code in r + r H hd + r Hkv hd + [valueMode OWN] r Hkv hd};</li>
 *         <li>otherwise {@code [qkMode != TIED_PHASE] P(query, in, H hd) + [qkMode != K_ROTATES_Q] P(key, in, Hkv hd)
 *             + [valueMode OWN] P(value, vin, Hkv hd)} (values equal to k, q or {@code u H} are free);</li>
 *         <li>{@code + [qkMode != SEPARATE]} (the phase or key angle);</li>
 *         <li>{@code +} QK-norm: separate {@code 2 hd}, shared {@code hd}, plain and none 0;</li>
 *         <li>{@code + [outputMode PROJECTION] P(out, H vd, d)} ({@code O = Wq^T} and identity are free);</li>
 *       </ul></li>
 *   <li>per layer, the FFN when {@code w > 0}: {@code P(in, d, w) + [SwiGLU] P(up, d, w)} plus the second layer: own
 *       {@code P(out, w, d)}, the head matrix 0, {@code down = R(psi) up^T} 1 angle;</li>
 *   <li>output classifier: tied 0 (it is the token table, through H for a split residual); untied {@code V d}.</li>
 * </ul>
 *
 * <h2>Strict count</h2>
 * The unique count plus every weight-like constant: each frozen spiral scalar that is not 0 (1 each), and per layer the
 * entries of basis and fixed matrices other than 0 and +-1, a non-default attention scale (1) and an ALiBi slope (1).
 * Fixed sinusoids, RoPE frequencies and frozen zero slots are free in both counts.
 */
public final class ParameterFormula {
    private ParameterFormula() { }

    /**
     * The AdderBoard count: unique learned parameters of a model built from {@code config}.
     *
     * @param config a model configuration
     * @return the count
     */
    public static long uniqueParameters(AdderConfig config) {
        AttentionSpec a = config.attention();
        return token(config) + positions(config) + head(config) + norms(config)
                + a.layers() * (attention(config) + feedForward(config)) + output(config);
    }

    /**
     * The strict count: {@link #uniqueParameters} plus every weight-like constant.
     *
     * @param config a model configuration
     * @return the count
     */
    public static long strictParameters(AdderConfig config) {
        return uniqueParameters(config) + constants(config);
    }

    /**
     * Token embedding: table {@code V t}, low rank {@code r (V + t)}, arc 3 (amplitude, start, stride), arc2 4, parabolic 2
     * ({@code c0, c1}).
     */
    private static long token(AdderConfig c) {
        long vocab = c.format().vocabSize();
        long t = c.tokenDims();
        Embedding e = c.embedding();
        return switch (e) {
            case TABLE -> vocab * t;
            case LOW_RANK -> (long) c.embeddingRank() * (vocab + t);
            case ARC -> 3;
            case ARC2 -> 4;
            case PARABOLIC -> 2;
        };
    }

    /**
     * Additive positions: learned {@code rows p} or {@code r (rows + p)}; spiral: learned scalars + {@code 3} per learned
     * special slot; none and sinusoid 0.
     */
    private static long positions(AdderConfig c) {
        long p = c.positionDims();
        Positions pos = c.positions();
        if (pos instanceof Positions.Learned learned) {
            return learned.rank() == 0 ? learned.rows() * p : (long) learned.rank() * (learned.rows() + p);
        }
        if (pos instanceof Positions.Spiral spiral) {
            long slots = spiral.specials().values().stream().filter(s -> s == Slot.LEARNED).count();
            return spiral.learnedScalars() + 3 * slots;
        }
        return 0;
    }

    /** The head matrix H: {@code t d} for a split residual with a tied output, else 0. */
    private static long head(AdderConfig c) {
        return c.hasHeadMatrix() ? (long) c.tokenDims() * c.dModel() : 0;
    }

    /**
     * Residual-stream norms. Sites: pre-attention in every layer, pre-FFN in every layer when {@code w > 0}, and the final
     * norm. Separate: {@code L (1 + [w > 0]) n(kind) + n(finalKind)}; shared: {@code n(kind) + [finalKind != kind] n(finalKind)}.
     * QK-norms are counted per layer in {@code attention}.
     */
    private static long norms(AdderConfig c) {
        NormSpec n = c.norm();
        int d = c.dModel();
        if (n.shared()) {
            return normSize(n.kind(), d) + (n.finalKind() != n.kind() ? normSize(n.finalKind(), d) : 0);
        }
        long sites = (long) c.attention().layers() * (1 + (c.ffn().width() > 0 ? 1 : 0));
        return sites * normSize(n.kind(), d) + normSize(n.finalKind(), d);
    }

    /**
     * One attention layer. With {@code in} = {@code d - t} for query/key source POSITION (else {@code d}) and
     * {@code vin} = {@code t} for value source TOKEN (else {@code d}):
     * <ul>
     *   <li>shared first factor of rank r: {@code in r + r H hd + r Hkv hd + [valueMode OWN] r Hkv hd} (no q/k/v biases);</li>
     *   <li>otherwise the projections that exist, each by {@code projection}: query {@code in -> H hd} unless
     *       {@link QkMode#TIED_PHASE}; key {@code in -> Hkv hd} unless {@link QkMode#K_ROTATES_Q}; value {@code vin -> Hkv hd}
     *       for {@link ValueMode#OWN} (values that equal k, q or {@code u H} are free);</li>
     *   <li>{@code 1} angle for {@link QkMode#TIED_PHASE} and {@link QkMode#K_ROTATES_Q};</li>
     *   <li>QK-norm: separate {@code 2 hd}, shared {@code hd}, plain and none 0;</li>
     *   <li>output: {@link OutputMode#PROJECTION} {@code H vd -> d} by {@code projection}; {@code O = Wq^T} and identity 0.</li>
     * </ul>
     */
    private static long attention(AdderConfig c) {
        AttentionSpec a = c.attention();
        int d = c.dModel();
        int qkIn = a.qkSource() == Source.POSITION ? d - c.tokenDims() : d;
        int vIn = a.vSource() == Source.TOKEN ? c.tokenDims() : d;
        long qOut = (long) a.heads() * a.headDim();
        long kvOut = (long) a.kvHeads() * a.headDim();
        long n = 0;
        if (a.sharedRank() > 0) {
            long r = a.sharedRank();
            n += qkIn * r + r * qOut + r * kvOut + (a.valueMode() == ValueMode.OWN ? r * kvOut : 0);
        } else {
            if (a.qkMode() != QkMode.TIED_PHASE) {
                n += projection(a.query(), qkIn, qOut, a.bias());
            }
            if (a.qkMode() != QkMode.K_ROTATES_Q) {
                n += projection(a.key(), qkIn, kvOut, a.bias());
            }
            if (a.valueMode() == ValueMode.OWN) {
                n += projection(a.value(), vIn, kvOut, a.bias());
            }
        }
        if (a.qkMode() != QkMode.SEPARATE) {
            n += 1;
        }
        QkNorm qk = c.norm().qkNorm();
        n += qk == QkNorm.SEPARATE ? 2L * a.headDim() : qk == QkNorm.SHARED ? a.headDim() : 0;
        if (a.outputMode() == OutputMode.PROJECTION) {
            n += projection(a.out(), (long) a.heads() * a.valueDim(d), d, a.bias());
        }
        return n;
    }

    /**
     * One FFN layer (0 when {@code w = 0}): the first projection {@code d -> w} (the gate for SwiGLU), the SwiGLU up
     * projection {@code d -> w}, each by {@code projection}; the second layer: {@link FfnOut#OWN} {@code w -> d} by
     * {@code projection}, {@link FfnOut#HEAD} 0 (it is H), {@link FfnOut#ROTATED_UP_TRANSPOSE} 1 angle.
     */
    private static long feedForward(AdderConfig c) {
        FfnSpec f = c.ffn();
        long w = f.width();
        if (w == 0) {
            return 0;
        }
        long d = c.dModel();
        long n = projection(f.in(), d, w, f.bias());
        if (f.activation() == Activation.SWIGLU) {
            n += projection(f.up(), d, w, f.bias());
        }
        n += switch (f.outMode()) {
            case OWN -> projection(f.out(), w, d, f.bias());
            case HEAD -> 0;
            case ROTATED_UP_TRANSPOSE -> 1;
        };
        return n;
    }

    /** Output classifier: untied {@code V d}, tied 0. */
    private static long output(AdderConfig c) {
        return c.output() == Output.UNTIED ? (long) c.format().vocabSize() * c.dModel() : 0;
    }

    /**
     * A linear map {@code in -> out}: full {@code in out}; low rank r {@code r (in + out)}; basis: one per basis matrix;
     * fixed 0; plus {@code out} for a bias.
     */
    private static long projection(Projection p, long in, long out, boolean bias) {
        long n = 0;
        if (p instanceof Projection.Full) {
            n = in * out;
        } else if (p instanceof Projection.LowRank lr) {
            n = lr.rank() * (in + out);
        } else if (p instanceof Projection.Basis b) {
            n = b.bases().size();
        }
        return n + (bias ? out : 0);
    }

    /**
     * Weight-like constants: frozen non-zero spiral scalars (once), and per layer the basis/fixed entries other than 0 and
     * +-1 of every projection that exists, {@code [scale > 0]} and {@code [ALiBi]}.
     */
    private static long constants(AdderConfig c) {
        long n = 0;
        if (c.positions() instanceof Positions.Spiral s) {
            for (Positions.Scalar v : new Positions.Scalar[] {s.amp(), s.phase(), s.slope(), s.offset()}) {
                n += !v.learned() && v.value() != 0 ? 1 : 0;
            }
        }
        AttentionSpec a = c.attention();
        long perLayer = 0;
        if (a.sharedRank() == 0) {
            if (a.qkMode() != QkMode.TIED_PHASE) {
                perLayer += weightLike(a.query());
            }
            if (a.qkMode() != QkMode.K_ROTATES_Q) {
                perLayer += weightLike(a.key());
            }
            if (a.valueMode() == ValueMode.OWN) {
                perLayer += weightLike(a.value());
            }
        }
        if (a.outputMode() == OutputMode.PROJECTION) {
            perLayer += weightLike(a.out());
        }
        perLayer += a.scale() > 0 ? 1 : 0;
        perLayer += c.relative() instanceof Positions.Alibi ? 1 : 0;
        FfnSpec f = c.ffn();
        if (f.width() > 0) {
            perLayer += weightLike(f.in());
            if (f.activation() == Activation.SWIGLU) {
                perLayer += weightLike(f.up());
            }
            if (f.outMode() == FfnOut.OWN) {
                perLayer += weightLike(f.out());
            }
        }
        return n + a.layers() * perLayer;
    }

    /** Entries of the basis or fixed matrices of a projection that are neither 0 nor +-1; 0 for learned forms. */
    private static long weightLike(Projection p) {
        long n = 0;
        if (p instanceof Projection.Basis b) {
            for (double[][] m : b.bases()) {
                n += weightLike(m);
            }
        } else if (p instanceof Projection.Fixed f) {
            n = weightLike(f.matrix());
        }
        return n;
    }

    private static long weightLike(double[][] m) {
        long n = 0;
        for (double[] row : m) {
            for (double v : row) {
                n += v != 0 && Math.abs(v) != 1 ? 1 : 0;
            }
        }
        return n;
    }

    private static long normSize(Norm kind, int d) {
        return switch (kind) {
            case LAYER -> 2L * d;
            case RMS -> d;
            case RMS_PLAIN -> 0;
        };
    }
}
