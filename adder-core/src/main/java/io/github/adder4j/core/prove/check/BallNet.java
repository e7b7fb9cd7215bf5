package io.github.adder4j.core.prove.check;

import io.github.adder4j.core.AdderConfig;
import io.github.adder4j.core.AttentionSpec;
import io.github.adder4j.core.FfnSpec;
import io.github.adder4j.core.Options.Activation;
import io.github.adder4j.core.Options.Embedding;
import io.github.adder4j.core.Options.FfnOut;
import io.github.adder4j.core.Options.Norm;
import io.github.adder4j.core.Options.OutputMode;
import io.github.adder4j.core.Options.Output;
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
import io.github.adder4j.core.format.TokenFormat.PositionRole;
import io.github.adder4j.core.io.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The checker's forward pass in {@link Ball} arithmetic, for the architectures of the committed certificates: one layer;
 * parabolic, arc or table embeddings; no or spiral positions; RoPE or none; RMS (plain or weighted) norms; plain or no
 * QK-norm; separate or tied-phase q/k; own or head values; softmax; projection (low-rank bottleneck or full) or identity
 * output; GELU or SwiGLU FFN with own or head output; tied classifier. Anything else is refused with
 * {@link UnsupportedOperationException}.
 */
final class BallNet {
    final AdderConfig cfg;
    final double rel;
    final double fnRel;
    final double abs;
    private final Map<String, Tensor> p = new HashMap<>();
    final int vocab;
    final int heads;
    private final int hd;
    private final int vd;
    private final boolean lowRankOut;
    final int zDims;

    BallNet(AdderConfig cfg, List<Tensor> tensors) {
        this.cfg = cfg;
        boolean f64 = cfg.precision() == Precision.FLOAT64;
        this.rel = f64 ? 0x1p-53 : 0x1p-24;      // unit roundoff of +, -, *, /, sqrt
        this.fnRel = f64 ? 0x1p-51 : 0x1p-22;    // 4 ulps for exp, erf, cos, sin
        this.abs = f64 ? Double.MIN_NORMAL : Float.MIN_NORMAL;
        tensors.forEach(t -> p.put(t.name(), t));
        AttentionSpec a = cfg.attention();
        refuseUnless(a.layers() == 1, "layers " + a.layers());
        refuseUnless(a.kvHeads() == a.heads(), "grouped heads");
        refuseUnless(a.sharedRank() == 0, "a shared q/k/v factor");
        refuseUnless(a.qkMode() == QkMode.SEPARATE || a.qkMode() == QkMode.TIED_PHASE, "q/k mode " + a.qkMode());
        refuseUnless(a.valueMode() == ValueMode.OWN || a.valueMode() == ValueMode.HEAD, "value mode " + a.valueMode());
        refuseUnless(a.softmax() == Softmax.STANDARD, "softmax1");
        refuseUnless(a.outputMode() != OutputMode.QUERY_TRANSPOSE, "O = Wq^T");
        refuseUnless(cfg.norm().qkNorm() == QkNorm.NONE || cfg.norm().qkNorm() == QkNorm.PLAIN, "QK-norm " + cfg.norm().qkNorm());
        refuseUnless(cfg.norm().kind() != Norm.LAYER && cfg.norm().finalKind() != Norm.LAYER, "LayerNorm");
        refuseUnless(cfg.output() == Output.TIED, "an untied classifier");
        refuseUnless(cfg.positions() instanceof Positions.None || cfg.positions() instanceof Positions.Spiral, "positions " + cfg.positions());
        refuseUnless(!(cfg.relative() instanceof Positions.Alibi), "ALiBi");
        FfnSpec f = cfg.ffn();
        refuseUnless(f.width() > 0 && f.activation() != Activation.RELU && f.outMode() != FfnOut.ROTATED_UP_TRANSPOSE, "this FFN");
        refuseUnless(cfg.embedding() != Embedding.LOW_RANK && cfg.embedding() != Embedding.ARC2, "embedding " + cfg.embedding());
        this.vocab = cfg.format().vocabSize();
        this.heads = a.heads();
        this.hd = a.headDim();
        this.vd = a.valueDim(cfg.dModel());
        this.lowRankOut = a.outputMode() == OutputMode.PROJECTION && a.out() instanceof Projection.LowRank;
        this.zDims = lowRankOut ? ((Projection.LowRank) a.out()).rank() : heads * vd;
    }

    private static void refuseUnless(boolean ok, String what) {
        if (!ok) {
            throw new UnsupportedOperationException("the checker does not support " + what);
        }
    }

    // ---- rounding model ----

    Ball fl(Ball x) {
        return x.rounded(rel, abs);
    }

    /** A library function's value. */
    Ball fn(Ball x) {
        return x.rounded(fnRel, abs);
    }

    /** A rounded sum of terms. */
    Ball sum(Ball[] terms) {
        Ball s = Ball.of(0);
        double magnitude = 0;
        for (Ball t : terms) {
            s = s.plus(t);
            magnitude += t.abs();
        }
        return new Ball(s.m, Math.nextUp(s.r + terms.length * (rel * magnitude + abs)));
    }

    private Ball konst(double v) {
        return Ball.of(cfg.precision() == Precision.FLOAT64 ? v : (float) v);
    }

    private double value(String name, int i) {
        Tensor t = p.get(name);
        if (t == null) {
            throw new UnsupportedOperationException("the checker found no parameter " + name);
        }
        return t.value(i);
    }

    private int cols(String name) {
        return (int) p.get(name).dim(1);
    }

    // ---- per position ----

    Ball[] embedding(int tok) {
        int n = cfg.tokenDims();
        Ball[] e = new Ball[n];
        for (int i = 0; i < n; i++) {
            e[i] = Ball.of(0);
        }
        switch (cfg.embedding()) {
            case TABLE -> {
                for (int i = 0; i < n; i++) {
                    e[i] = Ball.of(value("token.table", tok * n + i));
                }
            }
            case PARABOLIC -> {
                e[0] = fl(Ball.of(value("token.parabola.c0", 0)).minus(fl(konst((double) tok * tok).times(value("token.parabola.c1", 0)))));
                e[1] = konst(-tok);
            }
            case ARC -> {
                Ball angle = fl(fl(konst(tok).times(value("token.arc.stride", 0))).plus(Ball.of(value("token.arc.start", 0))));
                double amp = value("token.arc.amplitude", 0);
                e[0] = fl(fn(angle.cos()).times(amp));
                e[1] = fl(fn(angle.sin()).times(amp));
            }
            default -> throw new UnsupportedOperationException("the checker does not support embedding " + cfg.embedding());
        }
        return e;
    }

    Ball[] position(int pos) {
        if (!(cfg.positions() instanceof Positions.Spiral s)) {
            return new Ball[0];
        }
        PositionRole role = cfg.format().role(pos);
        if (role.kind().isDigit() && role.kind() != PositionRole.Kind.SUM_CARRY) {
            int i = role.slot();
            Ball phase = s.phase().learned() ? Ball.of(value("position.spiral.phase", 0)) : konst(s.phase().value());
            Ball amp = s.amp().learned() ? Ball.of(value("position.spiral.amplitude", 0)) : konst(s.amp().value());
            Ball slope = s.slope().learned() ? Ball.of(value("position.spiral.slope", 0)) : konst(s.slope().value());
            Ball offset = s.offset().learned() ? Ball.of(value("position.spiral.offset", 0)) : konst(s.offset().value());
            Ball angle = fl(konst(2 * Math.PI * i / 10).plus(phase));
            return new Ball[] {fl(fn(angle.cos()).times(amp)), fl(fn(angle.sin()).times(amp)), fl(fl(konst(i).times(slope)).plus(offset))};
        }
        String name = "position." + role.kind().name().toLowerCase(Locale.ROOT);
        Ball[] v = new Ball[3];
        for (int i = 0; i < 3; i++) {
            v[i] = p.containsKey(name) ? Ball.of(value(name, i)) : Ball.of(0);
        }
        return v;
    }

    Ball[] residual(int pos, int tok) {
        Ball[] e = embedding(tok);
        Ball[] q = position(pos);
        if (q.length == 0) {
            return e;
        }
        if (cfg.residual() == Residual.SPLIT) {
            Ball[] x = new Ball[e.length + q.length];
            System.arraycopy(e, 0, x, 0, e.length);
            System.arraycopy(q, 0, x, e.length, q.length);
            return x;
        }
        Ball[] x = new Ball[e.length];
        for (int i = 0; i < e.length; i++) {
            x[i] = fl(e[i].plus(q[i]));
        }
        return x;
    }

    Ball[] rms(Ball[] x, String weight) {
        Ball[] squares = new Ball[x.length];
        for (int i = 0; i < x.length; i++) {
            double a = x[i].abs();
            // x^2 over the ball: [0 or min^2, max^2]
            double min = Math.max(0, Math.min(Math.abs(x[i].lo()), Math.abs(x[i].hi())));
            if (x[i].lo() <= 0 && x[i].hi() >= 0) {
                min = 0;
            }
            squares[i] = Ball.ofRange(Math.nextDown(min * min), Math.nextUp(a * a));
        }
        Ball mean = fl(sum(squares).over(Ball.of(x.length)));
        double meanLo = Math.max(0, mean.lo());
        Ball scale = fl(fl(Ball.ofRange(meanLo, mean.hi()).plus(konst(cfg.norm().eps()))).sqrt());
        Ball inv = scale.reciprocal();
        Ball[] y = new Ball[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = fl(x[i].times(inv)).rounded(rel, 0);
            if (weight != null) {
                y[i] = fl(y[i].times(value(weight, i)));
            }
        }
        return y;
    }

    private String normWeight(Norm kind, String site) {
        if (kind == Norm.RMS_PLAIN) {
            return null;
        }
        return (cfg.norm().shared() ? "norm" : site) + ".weight";
    }

    /** {@code y = x W^T (+ b)} for a projection, with W (out, in). */
    Ball[] project(String name, Projection spec, Ball[] x, int out, boolean bias) {
        Ball[] y;
        if (spec instanceof Projection.LowRank lr) {
            Ball[] g = times(x, name + ".A", lr.rank());
            y = times(g, name + ".B", out);
        } else {
            int in = x.length;
            y = new Ball[out];
            for (int o = 0; o < out; o++) {
                Ball[] terms = new Ball[in];
                for (int i = 0; i < in; i++) {
                    terms[i] = x[i].times(weight(name, spec, o, i, in));
                }
                y[o] = sum(terms);
            }
        }
        if (bias) {
            for (int o = 0; o < out; o++) {
                y[o] = fl(y[o].plus(Ball.of(value(name + ".bias", o))));
            }
        }
        return y;
    }

    private Ball weight(String name, Projection spec, int o, int i, int in) {
        if (spec instanceof Projection.Full) {
            return Ball.of(value(name + ".weight", o * in + i));
        }
        if (spec instanceof Projection.Fixed f) {
            return konst(f.matrix()[o][i]);
        }
        if (spec instanceof Projection.Basis b) {
            Ball[] terms = new Ball[b.bases().size()];
            for (int k = 0; k < terms.length; k++) {
                terms[k] = konst(b.bases().get(k)[o][i]).times(value(name + ".theta", k));
            }
            return fl(sum(terms));
        }
        throw new UnsupportedOperationException("the checker does not support projection " + spec);
    }

    /** {@code x M} for a stored matrix M (in, out). */
    Ball[] times(Ball[] x, String matrix, int out) {
        int c = cols(matrix);
        Ball[] y = new Ball[out];
        for (int o = 0; o < out; o++) {
            Ball[] terms = new Ball[x.length];
            for (int i = 0; i < x.length; i++) {
                terms[i] = x[i].times(value(matrix, i * c + o));
            }
            y[o] = sum(terms);
        }
        return y;
    }

    /** Keys [head][hd] and values [head][vd] of a token at a position, and the query. */
    record Heads(Ball[][] q, Ball[][] k, Ball[][] v) { }

    Heads heads(int pos, int tok) {
        AttentionSpec a = cfg.attention();
        String at = "layer0.attention";
        Ball[] h = rms(residual(pos, tok), normWeight(cfg.norm().kind(), "layer0.norm1"));
        int td = cfg.tokenDims();
        Ball[] qkIn = a.qkSource() == Source.POSITION ? java.util.Arrays.copyOfRange(h, td, h.length) : h;
        Ball[] vIn = a.vSource() == Source.TOKEN ? java.util.Arrays.copyOfRange(h, 0, td) : h;
        Ball[] k = project(at + ".key", a.key(), qkIn, heads * hd, a.bias());
        Ball[] q;
        if (a.qkMode() == QkMode.TIED_PHASE) {
            Ball phase = Ball.of(value(at + ".phase", 0));
            Ball cos = fn(phase.cos());
            Ball sin = fn(phase.sin());
            q = k.clone();
            for (int hh = 0; hh < heads; hh++) {
                for (int i = 0; i + 1 < hd; i += 2) { // interleaved pairs within a head; an odd last coordinate stays
                    int g = hh * hd + i;
                    q[g] = fl(fl(k[g].times(cos)).minus(fl(k[g + 1].times(sin))));
                    q[g + 1] = fl(fl(k[g + 1].times(cos)).plus(fl(k[g].times(sin))));
                }
            }
        } else {
            q = project(at + ".query", a.query(), qkIn, heads * hd, a.bias());
        }
        Ball[] v = a.valueMode() == ValueMode.HEAD ? times(vIn, "head.H", cfg.dModel())
                : project(at + ".value", a.value(), vIn, heads * hd, a.bias());
        Ball[][] qh = new Ball[heads][];
        Ball[][] kh = new Ball[heads][];
        Ball[][] vh = new Ball[heads][];
        for (int hh = 0; hh < heads; hh++) {
            qh[hh] = java.util.Arrays.copyOfRange(q, hh * hd, (hh + 1) * hd);
            kh[hh] = java.util.Arrays.copyOfRange(k, hh * hd, (hh + 1) * hd);
            vh[hh] = java.util.Arrays.copyOfRange(v, hh * vd, (hh + 1) * vd);
            if (cfg.norm().qkNorm() == QkNorm.PLAIN) {
                qh[hh] = rms(qh[hh], null);
                kh[hh] = rms(kh[hh], null);
            }
            qh[hh] = rope(qh[hh], pos);
            kh[hh] = rope(kh[hh], pos);
        }
        return new Heads(qh, kh, vh);
    }

    private Ball[] rope(Ball[] x, int pos) {
        if (!(cfg.relative() instanceof Positions.Rope rope)) {
            return x;
        }
        int n = x.length;
        int half = n / 2;
        Ball[] y = x.clone();
        for (int pair = 0; pair < half; pair++) {
            int i = rope.pairing() == Pairing.INTERLEAVED ? 2 * pair : pair;
            int j = rope.pairing() == Pairing.INTERLEAVED ? 2 * pair + 1 : pair + half;
            double angle = pos * rope.frequency(pair, n);
            Ball c = konst(Math.cos(angle)).rounded(0, Math.ulp(1.0));
            Ball s = konst(Math.sin(angle)).rounded(0, Math.ulp(1.0));
            y[i] = fl(fl(x[i].times(c)).minus(fl(x[j].times(s))));
            y[j] = fl(fl(x[j].times(c)).plus(fl(x[i].times(s))));
        }
        return y;
    }

    Ball score(Ball[] q, Ball[] k) {
        Ball[] terms = new Ball[q.length];
        for (int i = 0; i < q.length; i++) {
            terms[i] = q[i].times(k[i]);
        }
        return fl(sum(terms).times(konst(cfg.attention().effectiveScale())));
    }

    /** The attention scale as the model's constant. */
    Ball scale() {
        return konst(cfg.attention().effectiveScale());
    }

    /**
     * How far the model's float score of q and k (as {@link #score} models it: a rounded sum of {@code n} products, then a
     * rounded product with the scale) may lie from {@code scale * sum_i q_i k_i} in real arithmetic, when
     * {@code sum_i |q_i k_i| <= magnitude}.
     */
    double scoreRoundoff(int n, double magnitude) {
        double s = scale().abs();
        double sumError = n * (rel * magnitude * (1 + n * rel) + abs); // gamma_n, any order, with or without FMA
        return Math.nextUp((s * sumError + rel * s * (magnitude + sumError) + abs) * (1 + 1e-12));
    }

    /** The bottleneck image of a head's value: {@code v A_h} (low-rank output) or v itself placed in the head's block. */
    Ball[] image(Ball[] v, int head) {
        if (!lowRankOut) {
            return v;
        }
        String a = "layer0.attention.out.A";
        int c = cols(a);
        Ball[] y = new Ball[zDims];
        for (int r = 0; r < zDims; r++) {
            Ball[] terms = new Ball[v.length];
            for (int i = 0; i < v.length; i++) {
                terms[i] = v[i].times(value(a, (head * vd + i) * c + r));
            }
            y[r] = sum(terms);
        }
        return y;
    }

    /** The largest {@code sum_c |v_c| |A_cr|} (low-rank output) or {@code |v_c|}: what the float sums' errors scale with. */
    double magnitude(Ball[] v, int head) {
        double m = 0;
        String a = "layer0.attention.out.A";
        for (int r = 0; r < (lowRankOut ? zDims : v.length); r++) {
            double terms = 0;
            if (lowRankOut) {
                for (int i = 0; i < v.length; i++) {
                    terms += v[i].abs() * Math.abs(value(a, (head * vd + i) * cols(a) + r));
                }
            } else {
                terms = v[r].abs();
            }
            m = Math.max(m, terms);
        }
        return Math.nextUp(m);
    }

    /** Which z coordinate the r-th image coordinate of a head adds to. */
    int zIndex(int head, int r) {
        return lowRankOut ? r : head * vd + r;
    }

    /** {@code logit[correct] - logit[k]} enclosures at the query for a bottleneck box. */
    Ball[] margins(int pos, int qtok, Ball[] z, int correct) {
        AttentionSpec a = cfg.attention();
        Ball[] o;
        if (lowRankOut) {
            o = times(z, "layer0.attention.out.B", cfg.dModel());
            if (a.bias()) {
                for (int i = 0; i < o.length; i++) {
                    o[i] = fl(o[i].plus(Ball.of(value("layer0.attention.out.bias", i))));
                }
            }
        } else if (a.outputMode() == OutputMode.PROJECTION) {
            o = project("layer0.attention.out", a.out(), z, cfg.dModel(), a.bias());
        } else {
            o = z;
        }
        Ball[] x = residual(pos, qtok);
        Ball[] r = new Ball[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = fl(x[i].plus(o[i]));
        }
        FfnSpec f = cfg.ffn();
        Ball[] h = rms(r, normWeight(cfg.norm().kind(), "layer0.norm2"));
        String fp = "layer0.ffn";
        Ball[] hidden;
        if (f.activation() == Activation.SWIGLU) {
            Ball[] gate = project(fp + ".gate", f.in(), h, f.width(), f.bias());
            Ball[] up = project(fp + ".up", f.up(), h, f.width(), f.bias());
            hidden = new Ball[f.width()];
            for (int i = 0; i < hidden.length; i++) {
                hidden[i] = fl(fn(Functions.silu(gate[i])).times(up[i]));
            }
        } else {
            Ball[] pre = project(fp + ".in", f.in(), h, f.width(), f.bias());
            hidden = new Ball[f.width()];
            for (int i = 0; i < hidden.length; i++) {
                hidden[i] = fn(Functions.gelu(pre[i]));
            }
        }
        Ball[] ffn = f.outMode() == FfnOut.HEAD ? times(hidden, "head.H", cfg.dModel())
                : project(fp + (f.activation() == Activation.SWIGLU ? ".down" : ".out"), f.out(), hidden, cfg.dModel(), f.bias());
        for (int i = 0; i < r.length; i++) {
            r[i] = fl(r[i].plus(ffn[i]));
        }
        String finalWeight = cfg.norm().finalKind() == Norm.RMS_PLAIN ? null
                : (cfg.norm().shared() && cfg.norm().finalKind() == cfg.norm().kind() ? "norm" : "final.norm") + ".weight";
        Ball[] y = rms(r, finalWeight);
        if (cfg.hasHeadMatrix()) {
            int td = cfg.tokenDims();
            Ball[] t = new Ball[td];
            for (int m = 0; m < td; m++) {
                Ball[] terms = new Ball[y.length];
                for (int c = 0; c < y.length; c++) {
                    terms[c] = y[c].times(value("head.H", m * y.length + c));
                }
                t[m] = sum(terms);
            }
            y = t;
        }
        Ball[] out = new Ball[vocab];
        Ball[] ec = embedding(correct);
        for (int k = 0; k < vocab; k++) {
            Ball[] ek = embedding(k);
            Ball diff = Ball.of(0);
            double magnitude = 0;
            for (int m = 0; m < y.length; m++) {
                diff = diff.plus(ec[m].minus(ek[m]).times(y[m]));
                magnitude += (ec[m].abs() + ek[m].abs()) * y[m].abs();
            }
            out[k] = new Ball(diff.m, Math.nextUp(diff.r + (y.length + 1) * (rel * magnitude + abs)));
        }
        return out;
    }
}
