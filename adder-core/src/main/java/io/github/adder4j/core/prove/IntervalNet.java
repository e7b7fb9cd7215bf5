package io.github.adder4j.core.prove;

import io.github.adder4j.core.AdderConfig;
import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.AttentionSpec;
import io.github.adder4j.core.FfnSpec;
import io.github.adder4j.core.Options.Activation;
import io.github.adder4j.core.Options.Embedding;
import io.github.adder4j.core.Options.FfnOut;
import io.github.adder4j.core.Options.Norm;
import io.github.adder4j.core.Options.OutputMode;
import io.github.adder4j.core.Options.Pairing;
import io.github.adder4j.core.Options.Precision;
import io.github.adder4j.core.Options.QkMode;
import io.github.adder4j.core.Options.QkNorm;
import io.github.adder4j.core.Options.Residual;
import io.github.adder4j.core.Options.Softmax;
import io.github.adder4j.core.Options.Source;
import io.github.adder4j.core.Options.ValueMode;
import io.github.adder4j.core.Positions;
import io.github.adder4j.core.Projection;
import io.github.adder4j.core.format.TokenFormat;
import io.github.adder4j.core.format.TokenFormat.PositionRole;
import io.github.adder4j.core.io.Tensor;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The forward pass of a one-layer adder model in plain Java over {@link Interval}s, read from the model's configuration and
 * parameter tensors (not from its DJL blocks). Everything before attention is per position and token, so keys, values and
 * their images in the attention output's bottleneck are tabulated once per (position, token); the part after attention
 * (residual, norm, FFN, final norm, classifier) is a function of the query token and the bottleneck vector {@code z} only.
 *
 * <p>The bottleneck is the first factor of a low-rank attention output ({@code z = att A}, rank r, as split-57's rank-1
 * output), else the concatenated head outputs. Every operation is outward rounded and widened by the {@link FloatModel}.
 *
 * <p>Supported: one layer; any token embedding; no, learned, sinusoidal or spiral positions; RoPE or no relative positions;
 * RMS, plain RMS and LayerNorm; separate, tied-phase or rotated q/k (full, low-rank, basis or fixed projections, shared first
 * factor); own, head, k or q values; plain, shared or separate QK-norm; softmax or softmax1; projection, identity or Wq^T
 * output; GELU, ReLU or SwiGLU FFN with own, head or rotated output; tied or untied classifier. Others fail with
 * {@link UnsupportedOperationException} naming the option.
 */
public final class IntervalNet {
    private final AdderConfig config;
    private final TokenFormat format;
    private final FloatModel fm;
    private final Map<String, Tensor> params = new HashMap<>();
    private final int d;
    private final int vocab;
    private final int heads;
    private final int hd;
    private final int vd;
    private final Interval[][] table;
    private final Interval[][] head;
    private final Linear bottleneck;
    private final Linear afterBottleneck;
    private final int zDims;
    /** Bottleneck image of each (position, token, head): {@code [j][tok][h][r]}. */
    private final Interval[][][][] w;
    private final double[][][] wMag;
    private final Interval[][][][] keys;

    /**
     * Reads a model's configuration and parameters, with the rounding model of its precision.
     *
     * @param model the model to bound
     * @return the model's interval forward
     * @throws UnsupportedOperationException naming the first option the interval forward does not implement
     */
    public static IntervalNet of(AdderModel model) {
        return new IntervalNet(model.config(), model.tensors(), FloatModel.of(model.config().precision()));
    }

    /**
     * The interval forward of a configuration with the given parameter values.
     *
     * @param config  the model's configuration
     * @param tensors every parameter of the model, named by its path
     * @param fm      the rounding model of the model's precision
     * @throws UnsupportedOperationException naming the first option the interval forward does not implement
     */
    public IntervalNet(AdderConfig config, Iterable<Tensor> tensors, FloatModel fm) {
        this.config = config;
        this.format = config.format();
        this.fm = fm;
        for (Tensor t : tensors) {
            params.put(t.name(), t);
        }
        AttentionSpec a = config.attention();
        if (a.layers() != 1) {
            throw new UnsupportedOperationException("layers=" + a.layers() + " (the interval forward handles one layer)");
        }
        if (a.kvHeads() != a.heads()) {
            throw new UnsupportedOperationException("kvHeads=" + a.kvHeads() + " != heads=" + a.heads());
        }
        this.d = config.dModel();
        this.vocab = format.vocabSize();
        this.heads = a.heads();
        this.hd = a.headDim();
        this.vd = a.valueDim(d);
        this.table = tokenTable();
        this.head = config.hasHeadMatrix() ? matrix("head.H") : null;
        String at = "layer0.attention";
        Linear outMap;
        if (a.outputMode() == OutputMode.PROJECTION && a.out() instanceof Projection.LowRank) {
            bottleneck = new Linear(new Interval[][][] {matrix(at + ".out.A")}, null);
            outMap = new Linear(new Interval[][][] {matrix(at + ".out.B")}, bias(at + ".out", a.bias()));
        } else {
            bottleneck = null;
            outMap = switch (a.outputMode()) {
                case PROJECTION -> projection(at + ".out", a.out(), heads * vd, d, a.bias());
                case QUERY_TRANSPOSE -> new Linear(new Interval[][][] {transpose(projection(at + ".query", a.query(), d, heads * hd, false).single())}, null);
                case IDENTITY -> null;
            };
        }
        afterBottleneck = outMap;
        zDims = bottleneck != null ? bottleneck.outDims() : heads * vd;
        int rows = format.contextLength();
        w = new Interval[rows][vocab][][];
        wMag = new double[rows][vocab][heads];
        keys = new Interval[rows][vocab][][];
        for (int j = 0; j < rows; j++) {
            for (int tok = 0; tok < vocab; tok++) {
                Qkv qkv = qkv(j, tok);
                keys[j][tok] = qkv.k;
                w[j][tok] = new Interval[heads][];
                for (int h = 0; h < heads; h++) {
                    Interval[] vh = qkv.v[h];
                    if (bottleneck != null) {
                        Interval[] full = new Interval[heads * vd];
                        java.util.Arrays.fill(full, Interval.ZERO);
                        System.arraycopy(vh, 0, full, h * vd, vd);
                        w[j][tok][h] = bottleneck.apply(full);
                    } else {
                        w[j][tok][h] = vh;
                    }
                    // the float model computes (sum_j a_j v_j) A: its error scales with sum_c |v_c| |A_cr|, not with |v A|
                    double m = 0;
                    for (int r = 0; r < w[j][tok][h].length; r++) {
                        double terms = w[j][tok][h][r].mag();
                        if (bottleneck != null) {
                            terms = 0;
                            Interval[][] first = bottleneck.factors[0];
                            for (int c = 0; c < vd; c++) {
                                terms += vh[c].mag() * first[h * vd + c][r].mag();
                            }
                        }
                        m = Math.max(m, terms);
                    }
                    wMag[j][tok][h] = m;
                }
            }
        }
    }

    /**
     * The configuration.
     *
     * @return the configuration given to the constructor
     */
    public AdderConfig config() {
        return config;
    }

    /**
     * The rounding model.
     *
     * @return the rounding model given to the constructor
     */
    public FloatModel floatModel() {
        return fm;
    }

    /**
     * Dimensions of the bottleneck vector z.
     *
     * @return the width of the bottleneck vector
     */
    public int zDims() {
        return zDims;
    }

    /**
     * Attention heads.
     *
     * @return the number of attention heads
     */
    public int heads() {
        return heads;
    }

    /** Bottleneck image {@code [h][r]} of token {@code tok} at position {@code j}, summed over heads by {@link #zOfHeads}. */
    Interval[] w(int j, int tok, int h) {
        return w[j][tok][h];
    }

    double wMag(int j, int tok, int h) {
        return wMag[j][tok][h];
    }

    /** Which coordinates of z head h feeds: all r for a low-rank bottleneck, else its own block. */
    int[] zCoordinates(int h) {
        int n = bottleneck != null ? zDims : vd;
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            c[i] = bottleneck != null ? i : h * vd + i;
        }
        return c;
    }

    /** Attention score intervals {@code [h]} of key position j with token tok for the query (position t, token qtok). */
    Interval[] scores(int t, long qtok, int j, int tok) {
        Interval[][] q = qkv(t, (int) qtok).q;
        Interval[][] k = keys[j][tok];
        Interval[] s = new Interval[heads];
        double slope = config.relative() instanceof Positions.Alibi alibi ? alibi.slope() : 0;
        for (int h = 0; h < heads; h++) {
            Interval[] qh = rope(q[h], t);
            Interval[] kh = rope(k[h], j);
            Interval dot = dot(qh, kh);
            Interval x = fm.op(dot.mul(c(config.attention().effectiveScale())));
            if (slope != 0) {
                x = fm.op(x.add(c(-slope * (t - j))));
            }
            s[h] = x;
        }
        return s;
    }

    /**
     * The query of head h at position t with token qtok after RoPE: the one floating-point vector every score of that query
     * is a dot product with (so its rounding error is common to all of them).
     */
    Interval[] rotatedQuery(int t, long qtok, int h) {
        return rope(qkv(t, (int) qtok).q[h], t);
    }

    /** The key of head h at position j with token tok, after RoPE. */
    Interval[] rotatedKey(int j, int tok, int h) {
        return rope(keys[j][tok][h], j);
    }

    /** The float constant the score of key position j is scaled by (the attention scale, as the model creates it). */
    Interval scoreScale() {
        return c(config.attention().effectiveScale());
    }

    /** The float constant added to the score of key position j for a query at t (ALiBi's {@code -slope (t - j)}, else 0). */
    Interval scoreBias(int t, int j) {
        double slope = config.relative() instanceof Positions.Alibi alibi ? alibi.slope() : 0;
        return slope != 0 ? c(-slope * (t - j)) : Interval.ZERO;
    }

    /**
     * A bound on the rounding error of one score: the model's float score of a query q and key k deviates from
     * {@code scale (q . k) + bias} (exact real arithmetic on the float vectors q, k) by at most this, when
     * {@code sum_i |q_i k_i| <= magnitude}. It follows {@link #scores}: a rounded dot product of {@code n} terms, a rounded
     * product with the scale and, with ALiBi, a rounded sum with the bias.
     */
    double scoreError(int n, double magnitude, Interval bias) {
        double rel = fm.rel();
        double abs = fm.abs();
        double scale = scoreScale().mag();
        double dot = n * rel * magnitude * (1 + n * rel) + n * abs;
        double scaled = rel * scale * (magnitude + dot) + abs;
        double err = scale * dot + scaled;
        if (bias.mag() != 0) {
            err += rel * (scale * (magnitude + dot) + scaled + bias.mag()) + abs;
        }
        return Math.nextUp(err * (1 + 1e-12));
    }

    /** Whether attention weights are softmax1 ({@code exp(s) / (1 + sum exp(s))}). */
    boolean softmaxOne() {
        return config.attention().softmax() == Softmax.SOFTMAX1;
    }

    /**
     * Logit differences {@code logit[correct] - logit[k]} for every k at the query (position t, token qtok) with bottleneck
     * vector z, each an enclosure of the model's floating-point difference; entry {@code correct} is {@code [0, 0]}.
     */
    Interval[] margins(int t, long qtok, Interval[] z, int correct) {
        Interval[] y = tail(t, (int) qtok, z);
        Interval[] out = new Interval[vocab];
        for (int k = 0; k < vocab; k++) {
            if (k == correct) {
                out[k] = Interval.ZERO;
                continue;
            }
            Interval sum = Interval.ZERO;
            double magnitude = 0;
            for (int m = 0; m < y.length; m++) {
                Interval ec = classifier(correct, m);
                Interval ek = classifier(k, m);
                sum = sum.add(ec.sub(ek).mul(y[m]));
                magnitude += (ec.mag() + ek.mag()) * y[m].mag();
            }
            // each logit is its own rounded dot product: both errors count
            out[k] = fm.sum(sum, y.length + 1, magnitude);
        }
        return out;
    }

    /** Logit enclosures at the query (position t, token qtok) for bottleneck vector z. */
    Interval[] logits(int t, long qtok, Interval[] z) {
        Interval[] y = tail(t, (int) qtok, z);
        Interval[] out = new Interval[vocab];
        for (int k = 0; k < vocab; k++) {
            Interval sum = Interval.ZERO;
            double magnitude = 0;
            for (int m = 0; m < y.length; m++) {
                sum = sum.add(classifier(k, m).mul(y[m]));
                magnitude += classifier(k, m).mag() * y[m].mag();
            }
            out[k] = fm.sum(sum, y.length, magnitude);
        }
        return out;
    }

    private Interval classifier(int k, int m) {
        return config.output() == io.github.adder4j.core.Options.Output.UNTIED ? matrix("output.weight")[k][m] : table[k][m];
    }

    /** The classifier's input: {@code H normf(x)} (split, tied), or {@code normf(x)}. */
    private Interval[] tail(int t, int qtok, Interval[] z) {
        Interval[] x = embed(t, qtok);
        Interval[] o = afterBottleneck == null ? z : afterBottleneck.apply(z);
        Interval[] r = add(x, o);
        FfnSpec f = config.ffn();
        if (f.width() > 0) {
            Interval[] h = norm(r, config.norm().kind(), normName("layer0.norm2"));
            r = add(r, ffn(h));
        }
        Interval[] y = norm(r, config.norm().finalKind(), config.norm().shared() && config.norm().finalKind() == config.norm().kind()
                ? "norm" : "final.norm");
        if (head != null && config.output() != io.github.adder4j.core.Options.Output.UNTIED) {
            y = matVec(head, y);
        }
        return y;
    }

    private Interval[] ffn(Interval[] h) {
        FfnSpec f = config.ffn();
        String p = "layer0.ffn";
        Interval[] hidden;
        if (f.activation() == Activation.SWIGLU) {
            Interval[] gate = projection(p + ".gate", f.in(), d, f.width(), f.bias()).apply(h);
            Interval[] up = projection(p + ".up", f.up(), d, f.width(), f.bias()).apply(h);
            hidden = new Interval[gate.length];
            for (int i = 0; i < gate.length; i++) {
                hidden[i] = fm.op(fm.fn(Activations.silu(gate[i])).mul(up[i]));
            }
        } else {
            Interval[] pre = projection(p + ".in", f.in(), d, f.width(), f.bias()).apply(h);
            hidden = new Interval[pre.length];
            for (int i = 0; i < pre.length; i++) {
                hidden[i] = f.activation() == Activation.GELU ? fm.fn(Activations.gelu(pre[i])) : Activations.relu(pre[i]);
            }
        }
        return switch (f.outMode()) {
            case OWN -> projection(p + (f.activation() == Activation.SWIGLU ? ".down" : ".out"), f.out(), f.width(), d, f.bias()).apply(hidden);
            case HEAD -> matVecT(head, hidden);
            case ROTATED_UP_TRANSPOSE -> {
                Interval[][] up = transpose(projection(p + ".up", f.up(), d, f.width(), false).single()); // (width, d): hidden Wup
                yield rotate(matVecT(up, hidden), scalar(p + ".downAngle"), d);
            }
        };
    }

    /** Residual vector of a token at a position: {@code E[tok] + P[pos]} or {@code [E[tok] | P[pos]]}. */
    Interval[] embed(int position, int tok) {
        Interval[] e = table[tok];
        Interval[] p = position(position);
        if (p == null) {
            return e.clone();
        }
        if (config.residual() == Residual.SPLIT) {
            Interval[] x = new Interval[d];
            System.arraycopy(e, 0, x, 0, e.length);
            System.arraycopy(p, 0, x, e.length, p.length);
            return x;
        }
        return add(e, p);
    }

    private record Qkv(Interval[][] q, Interval[][] k, Interval[][] v) { }

    private final Map<Long, Qkv> qkvCache = new HashMap<>();

    /** q, k (per head, after QK-norm, before RoPE) and v (per head) of a token at a position. */
    private Qkv qkv(int position, int tok) {
        return qkvCache.computeIfAbsent((long) position * 1000 + tok, key -> computeQkv(position, tok));
    }

    private Qkv computeQkv(int position, int tok) {
        AttentionSpec a = config.attention();
        String at = "layer0.attention";
        Interval[] x = embed(position, tok);
        Interval[] h = norm(x, config.norm().kind(), normName("layer0.norm1"));
        int tokenDims = config.tokenDims();
        Interval[] qkIn = a.qkSource() == Source.POSITION ? java.util.Arrays.copyOfRange(h, tokenDims, d) : h;
        Interval[] vIn = a.vSource() == Source.TOKEN ? java.util.Arrays.copyOfRange(h, 0, tokenDims) : h;
        Interval[] q;
        Interval[] k;
        Interval[] v = null;
        if (a.sharedRank() > 0) {
            Interval[] g = matVecT(matrix(at + ".shared.A"), qkIn);
            q = matVecT(matrix(at + ".query.B"), g);
            k = matVecT(matrix(at + ".key.B"), g);
            if (a.valueMode() == ValueMode.OWN) {
                v = matVecT(matrix(at + ".value.B"), g);
            }
        } else if (a.qkMode() == QkMode.TIED_PHASE) {
            k = projection(at + ".key", a.key(), qkIn.length, heads * hd, a.bias()).apply(qkIn);
            q = perHeadRotate(k, scalar(at + ".phase"));
        } else if (a.qkMode() == QkMode.K_ROTATES_Q) {
            q = projection(at + ".query", a.query(), qkIn.length, heads * hd, a.bias()).apply(qkIn);
            k = perHeadRotate(q, scalar(at + ".keyAngle"));
        } else {
            q = projection(at + ".query", a.query(), qkIn.length, heads * hd, a.bias()).apply(qkIn);
            k = projection(at + ".key", a.key(), qkIn.length, heads * hd, a.bias()).apply(qkIn);
        }
        v = switch (a.valueMode()) {
            case OWN -> v != null ? v : projection(at + ".value", a.value(), vIn.length, heads * hd, a.bias()).apply(vIn);
            case EQUALS_K -> k;
            case EQUALS_Q -> q;
            case HEAD -> matVecT(head, vIn);
        };
        Interval[][] qh = split(q, heads, hd);
        Interval[][] kh = split(k, heads, hd);
        Interval[][] vh = split(v, heads, vd);
        QkNorm qn = config.norm().qkNorm();
        if (qn != QkNorm.NONE) {
            for (int i = 0; i < heads; i++) {
                qh[i] = switch (qn) {
                    case PLAIN -> norm(qh[i], Norm.RMS_PLAIN, null);
                    case SHARED -> norm(qh[i], Norm.RMS, at + ".qkNorm");
                    case SEPARATE -> norm(qh[i], Norm.RMS, at + ".qNorm");
                    case NONE -> qh[i];
                };
                kh[i] = switch (qn) {
                    case PLAIN -> norm(kh[i], Norm.RMS_PLAIN, null);
                    case SHARED -> norm(kh[i], Norm.RMS, at + ".qkNorm");
                    case SEPARATE -> norm(kh[i], Norm.RMS, at + ".kNorm");
                    case NONE -> kh[i];
                };
            }
        }
        return new Qkv(qh, kh, vh);
    }

    private String normName(String site) {
        return config.norm().shared() ? "norm" : site;
    }

    private Interval[] perHeadRotate(Interval[] x, Interval angle) {
        Interval[] out = new Interval[x.length];
        for (int h = 0; h < heads; h++) {
            Interval[] r = rotate(java.util.Arrays.copyOfRange(x, h * hd, (h + 1) * hd), angle, hd);
            System.arraycopy(r, 0, out, h * hd, hd);
        }
        return out;
    }

    /** Rotates interleaved pairs (0,1), (2,3), ... by an angle; an odd last dimension stays. */
    private Interval[] rotate(Interval[] x, Interval angle, int n) {
        Interval cos = fm.fn(angle.cos());
        Interval sin = fm.fn(angle.sin());
        Interval[] out = x.clone();
        for (int i = 0; i + 1 < n; i += 2) {
            out[i] = fm.op(fm.op(x[i].mul(cos)).sub(fm.op(x[i + 1].mul(sin))));
            out[i + 1] = fm.op(fm.op(x[i + 1].mul(cos)).add(fm.op(x[i].mul(sin))));
        }
        return out;
    }

    /** RoPE at a position: pair members turn by {@code t * freq} ({@code x cos + (x J) sin}). */
    private Interval[] rope(Interval[] x, int t) {
        if (!(config.relative() instanceof Positions.Rope rope)) {
            return x;
        }
        int n = x.length;
        Interval[] out = new Interval[n];
        for (int i = 0; i < n; i++) {
            int partner = rope.pairing().partner(i, n);
            int pair = rope.pairing() == Pairing.INTERLEAVED ? i / 2 : i % (n / 2);
            double angle = t * rope.frequency(pair, n);
            Interval cos = c(Math.cos(angle));
            Interval sin = c(Math.sin(angle));
            if (partner < 0) {
                out[i] = fm.op(x[i].mul(cos));
                continue;
            }
            Interval turned = partner > i ? x[partner].neg() : x[partner];
            out[i] = fm.op(fm.op(x[i].mul(cos)).add(fm.op(turned.mul(sin))));
        }
        return out;
    }

    private Interval[] norm(Interval[] x, Norm kind, String name) {
        int n = x.length;
        double eps = config.norm().eps();
        Interval[] centred = x;
        if (kind == Norm.LAYER) {
            double total = 0;
            for (Interval v : x) {
                total += v.mag();
            }
            Interval mean = fm.op(fm.sum(sumOf(x), n, total).div(Interval.point(n)));
            centred = new Interval[n];
            for (int i = 0; i < n; i++) {
                centred[i] = fm.op(x[i].sub(mean));
            }
        }
        Interval ms = Interval.ZERO;
        double magnitude = 0;
        for (Interval c : centred) {
            Interval s = c.sqr();
            ms = ms.add(s);
            magnitude += s.mag();
        }
        ms = fm.op(fm.sum(ms, n, magnitude).div(Interval.point(n)));
        ms = Interval.of(Math.max(0, ms.lo), ms.hi); // a mean of squares is never negative, in reals or in floating point
        Interval scale = fm.op(fm.op(ms.add(c(eps))).sqrt());
        Tensor weight = kind == Norm.RMS_PLAIN || name == null ? null : params.get(name + ".weight");
        Tensor bias = kind == Norm.LAYER && name != null ? params.get(name + ".bias") : null;
        Interval[] y = new Interval[n];
        for (int i = 0; i < n; i++) {
            y[i] = fm.op(centred[i].div(scale));
            if (weight != null) {
                y[i] = fm.op(y[i].mul(Interval.point(weight.value(i))));
            }
            if (bias != null) {
                y[i] = fm.op(y[i].add(Interval.point(bias.value(i))));
            }
        }
        return y;
    }

    private Interval[] position(int p) {
        Positions pos = config.positions();
        int dims = config.positionDims();
        if (pos instanceof Positions.None) {
            return null;
        }
        if (pos instanceof Positions.Learned learned) {
            if (learned.rank() == 0) {
                return row(matrix("position.table"), p);
            }
            Interval[][] a = matrix("position.A");
            return matVecT(matrix("position.B"), a[p]);
        }
        if (pos instanceof Positions.Sinusoid s) {
            Interval[] v = new Interval[dims];
            java.util.Arrays.fill(v, Interval.ZERO);
            for (int j = 0; j < dims / 2; j++) {
                double angle = 2 * Math.PI * (j + 1) * p / s.period();
                v[2 * j] = c(Math.cos(angle));
                v[2 * j + 1] = c(Math.sin(angle));
            }
            return v;
        }
        if (pos instanceof Positions.Spiral s) {
            PositionRole role = format.role(p);
            if (role.kind().isDigit() && role.kind() != PositionRole.Kind.SUM_CARRY) {
                int i = role.slot();
                Interval angle = fm.op(c(2 * Math.PI * i / 10).add(spiral("phase", s.phase())));
                Interval amp = spiral("amplitude", s.amp());
                Interval third = fm.op(fm.op(c(i).mul(spiral("slope", s.slope()))).add(spiral("offset", s.offset())));
                return new Interval[] {fm.op(fm.fn(angle.cos()).mul(amp)), fm.op(fm.fn(angle.sin()).mul(amp)), third};
            }
            Tensor special = params.get("position." + role.kind().name().toLowerCase(Locale.ROOT));
            Interval[] v = new Interval[3];
            for (int i = 0; i < 3; i++) {
                v[i] = special == null ? Interval.ZERO : Interval.point(special.value(i));
            }
            return v;
        }
        throw new UnsupportedOperationException("positions " + pos);
    }

    private Interval spiral(String name, Positions.Scalar s) {
        return s.learned() ? scalar("position.spiral." + name) : c(s.value());
    }

    private Interval[][] tokenTable() {
        Embedding kind = config.embedding();
        int dims = config.tokenDims();
        Interval[][] e = new Interval[vocab][dims];
        switch (kind) {
            case TABLE -> e = matrix("token.table");
            case LOW_RANK -> {
                Interval[][] a = matrix("token.A");
                Interval[][] b = matrix("token.B");
                for (int k = 0; k < vocab; k++) {
                    e[k] = matVecT(b, a[k]);
                }
            }
            case ARC, ARC2 -> {
                Interval amp = scalar("token.arc.amplitude");
                Interval amp2 = kind == Embedding.ARC2 ? scalar("token.arc.amplitude2") : amp;
                for (int k = 0; k < vocab; k++) {
                    Interval angle = fm.op(fm.op(c(k).mul(scalar("token.arc.stride"))).add(scalar("token.arc.start")));
                    java.util.Arrays.fill(e[k], Interval.ZERO);
                    e[k][0] = fm.op(fm.fn(angle.cos()).mul(amp));
                    e[k][1] = fm.op(fm.fn(angle.sin()).mul(amp2));
                }
            }
            case PARABOLIC -> {
                for (int k = 0; k < vocab; k++) {
                    e[k][0] = fm.op(fm.op(c((double) k * k).mul(scalar("token.parabola.c1")).neg()).add(scalar("token.parabola.c0")));
                    e[k][1] = c(-k);
                }
            }
            default -> throw new UnsupportedOperationException("embedding " + kind);
        }
        return e;
    }

    /** A linear map as a chain of factors, each applied as {@code x M} with M (in, out), plus a bias. */
    private final class Linear {
        final Interval[][][] factors;
        final Interval[] bias;

        Linear(Interval[][][] factors, Interval[] bias) {
            this.factors = factors;
            this.bias = bias;
        }

        int outDims() {
            Interval[][] last = factors[factors.length - 1];
            return last[0].length;
        }

        Interval[][] single() {
            if (factors.length != 1) {
                throw new UnsupportedOperationException("a low-rank projection where one matrix is needed");
            }
            return factors[0];
        }

        Interval[] apply(Interval[] x) {
            Interval[] y = x;
            for (Interval[][] m : factors) {
                y = matVecT(m, y);
            }
            return bias == null ? y : add(y, bias);
        }
    }

    /** A projection {@code in -> out} as the model applies it. */
    private Linear projection(String name, Projection spec, int in, int out, boolean hasBias) {
        Interval[] b = bias(name, hasBias);
        if (spec instanceof Projection.Full) {
            return new Linear(new Interval[][][] {transpose(matrix(name + ".weight"))}, b);
        }
        if (spec instanceof Projection.LowRank) {
            return new Linear(new Interval[][][] {matrix(name + ".A"), matrix(name + ".B")}, b);
        }
        if (spec instanceof Projection.Basis basis) {
            Tensor theta = params.get(name + ".theta");
            Interval[][] m = new Interval[out][in];
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < in; i++) {
                    Interval sum = Interval.ZERO;
                    double magnitude = 0;
                    for (int p = 0; p < basis.bases().size(); p++) {
                        double term = basis.bases().get(p)[o][i] * theta.value(p);
                        sum = sum.add(c(basis.bases().get(p)[o][i]).mul(Interval.point(theta.value(p))));
                        magnitude += Math.abs(term);
                    }
                    m[o][i] = fm.sum(fm.op(sum), basis.bases().size(), magnitude);
                }
            }
            return new Linear(new Interval[][][] {transpose(m)}, b);
        }
        if (spec instanceof Projection.Fixed fixed) {
            Interval[][] m = new Interval[out][in];
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < in; i++) {
                    m[o][i] = c(fixed.matrix()[o][i]);
                }
            }
            return new Linear(new Interval[][][] {transpose(m)}, b);
        }
        throw new UnsupportedOperationException("projection " + spec + " at " + name);
    }

    private Interval[] bias(String name, boolean hasBias) {
        if (!hasBias) {
            return null;
        }
        Tensor t = require(name + ".bias");
        Interval[] b = new Interval[t.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = Interval.point(t.value(i));
        }
        return b;
    }

    private Tensor require(String name) {
        Tensor t = params.get(name);
        if (t == null) {
            throw new UnsupportedOperationException("no parameter " + name + " (has " + params.keySet() + ")");
        }
        return t;
    }

    private Interval scalar(String name) {
        return Interval.point(require(name).value(0));
    }

    /** A rank-2 parameter as an interval matrix of its stored shape. */
    private Interval[][] matrix(String name) {
        Tensor t = require(name);
        int rows = (int) t.dim(0);
        int cols = (int) t.dim(1);
        Interval[][] m = new Interval[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                m[r][c] = Interval.point(t.value(r * cols + c));
            }
        }
        return m;
    }

    /** A constant as the model creates it: rounded to float32 when the model runs in float32. */
    private Interval c(double v) {
        return Interval.point(config.precision() == Precision.FLOAT64 ? v : (float) v);
    }

    private static Interval[][] transpose(Interval[][] m) {
        Interval[][] t = new Interval[m[0].length][m.length];
        for (int r = 0; r < m.length; r++) {
            for (int c = 0; c < m[0].length; c++) {
                t[c][r] = m[r][c];
            }
        }
        return t;
    }

    private static Interval[] row(Interval[][] m, int r) {
        return m[r].clone();
    }

    /** {@code x M} for M (in, out), a rounded dot product per output. */
    private Interval[] matVecT(Interval[][] m, Interval[] x) {
        int out = m[0].length;
        Interval[] y = new Interval[out];
        for (int o = 0; o < out; o++) {
            Interval sum = Interval.ZERO;
            double magnitude = 0;
            for (int i = 0; i < x.length; i++) {
                Interval p = x[i].mul(m[i][o]);
                sum = sum.add(p);
                magnitude += p.mag();
            }
            y[o] = fm.sum(sum, x.length, magnitude);
        }
        return y;
    }

    /** {@code M x} for M (out, in). */
    private Interval[] matVec(Interval[][] m, Interval[] x) {
        return matVecT(transpose(m), x);
    }

    private Interval dot(Interval[] a, Interval[] b) {
        Interval sum = Interval.ZERO;
        double magnitude = 0;
        for (int i = 0; i < a.length; i++) {
            Interval p = a[i].mul(b[i]);
            sum = sum.add(p);
            magnitude += p.mag();
        }
        return fm.sum(sum, a.length, magnitude);
    }

    private Interval[] add(Interval[] a, Interval[] b) {
        Interval[] y = new Interval[a.length];
        for (int i = 0; i < a.length; i++) {
            y[i] = fm.op(a[i].add(b[i]));
        }
        return y;
    }

    private static Interval sumOf(Interval[] x) {
        Interval s = Interval.ZERO;
        for (Interval v : x) {
            s = s.add(v);
        }
        return s;
    }

    private static Interval[][] split(Interval[] x, int parts, int size) {
        Interval[][] out = new Interval[parts][size];
        for (int p = 0; p < parts; p++) {
            System.arraycopy(x, p * size, out[p], 0, size);
        }
        return out;
    }
}
