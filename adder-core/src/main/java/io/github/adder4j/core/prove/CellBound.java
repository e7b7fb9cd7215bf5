package io.github.adder4j.core.prove;

import io.github.adder4j.core.format.TokenFormat;
import io.github.adder4j.core.format.TokenFormat.PositionRole;
import java.util.Arrays;

/**
 * Bounds the winning margin of one {@link Cell}: the smallest {@code logit[correct] - logit[other]} over every input of the
 * cell, as a sound lower bound (positive: the model writes the correct digit at this step for every input of the cell).
 *
 * <p>Per key position the allowed tokens give a hull of attention scores and of bottleneck images; the softmax weights get
 * bounds {@code e^{s_j} / (e^{s_j} + sum_{l != j} e^{s_l})} at the extremes, and each bottleneck coordinate is bounded by the
 * linear program "weights within their bounds, summing to 1" (solved greedily). The part after attention is then evaluated
 * on the bottleneck box, bisecting its widest coordinate while the margin is not positive, down to {@code maxDepth} levels.
 */
public final class CellBound {
    private static final int ALL_DIGITS = 0x3FF;

    private final IntervalNet net;
    private final TokenFormat format;
    private final long[] fixedPrompt;
    private final int maxDepth;

    /**
     * Bounds the cells of a model's interval forward.
     *
     * @param net      the model's interval forward
     * @param maxDepth bisection levels of the bottleneck box (0: none)
     */
    public CellBound(IntervalNet net, int maxDepth) {
        this.net = net;
        this.format = net.config().format();
        this.fixedPrompt = format.prompt(0, 0);
        this.maxDepth = maxDepth;
    }

    /**
     * The query position of a step.
     *
     * @param step the answer step, 0..10
     * @return the position in the token row whose logits give the step's digit
     */
    public int queryPosition(int step) {
        return format.promptLength() - 1 + step;
    }

    /**
     * The query token of a cell's step: the last prompt token, or the sum digit written at the previous step.
     *
     * @param cell a partition cell
     * @return the token id at the query position
     */
    public long queryToken(Cell cell) {
        if (cell.step() == 0) {
            return fixedPrompt[format.promptLength() - 1];
        }
        int z = cell.sumDigit(cell.step() - 1);
        if (z < 0) {
            throw new IllegalStateException("cell " + cell + " does not determine the query token");
        }
        return z;
    }

    /**
     * Allowed tokens (a bit set) at every position up to the query of a cell.
     *
     * @param cell a partition cell
     * @return one bit set per position: bit k set when token k may stand there
     */
    public int[] masks(Cell cell) {
        int t = queryPosition(cell.step());
        int[] masks = new int[t + 1];
        for (int j = 0; j <= t; j++) {
            if (j == t) {
                masks[j] = 1 << queryToken(cell);
                continue;
            }
            PositionRole role = format.role(j);
            int slot = role.slot();
            masks[j] = switch (role.kind()) {
                case OPERAND_A -> cell.fixed(slot) ? 1 << cell.digit(0, slot) : ALL_DIGITS;
                case OPERAND_B -> cell.fixed(slot) ? 1 << cell.digit(1, slot) : ALL_DIGITS;
                case SUM, SUM_CARRY -> cell.sumDigit(slot) >= 0 ? 1 << cell.sumDigit(slot) : ALL_DIGITS;
                default -> 1 << fixedPrompt[j];
            };
        }
        return masks;
    }

    /** The bound of a cell: its margin lower bound and the bisections used. */
    public record Bound(double margin, int pieces, int worstToken) {
        /**
         * Whether the margin is positive.
         *
         * @return {@code true} when the correct digit wins everywhere in the cell
         */
        public boolean proved() {
            return margin > 0;
        }
    }

    /**
     * Bounds a cell.
     *
     * @param cell a partition cell
     * @return the worst margin of the cell and how it was reached
     */
    public Bound bound(Cell cell) {
        int t = queryPosition(cell.step());
        long qtok = queryToken(cell);
        int[] masks = masks(cell);
        Interval[] z = bottleneck(t, qtok, masks);
        int[] pieces = {0};
        int[] worst = {-1};
        double margin = tail(t, qtok, z, cell.answer(), 0, pieces, worst);
        if (margin <= 0 && !net.softmaxOne()) {
            // the score differences: the query's rounding error is common to every score and cancels in them
            int[] worst2 = {-1};
            double second = tail(t, qtok, bottleneck(t, qtok, masks, true), cell.answer(), 0, pieces, worst2);
            if (second > margin) {
                margin = second;
                worst[0] = worst2[0];
            }
        }
        return new Bound(margin, pieces[0], worst[0]);
    }

    /**
     * Enclosures of the logits at the last position of a concrete token row (the model's next-token logits).
     *
     * @param tokens a token row, the prompt and the digits generated so far
     * @return one interval per vocabulary entry
     */
    public Interval[] logits(long[] tokens) {
        int t = tokens.length - 1;
        int[] masks = new int[tokens.length];
        for (int j = 0; j < tokens.length; j++) {
            masks[j] = 1 << tokens[j];
        }
        return net.logits(t, tokens[t], bottleneck(t, tokens[t], masks));
    }

    /**
     * Enclosure of the bottleneck vector over all token rows allowed by the masks (query at t).
     *
     * @param t the query position
     * @param qtok the token at the query position
     * @param masks the allowed tokens at every position, as {@link #masks(Cell)} gives them
     * @return one interval per dimension of the bottleneck vector
     */
    public Interval[] bottleneck(int t, long qtok, int[] masks) {
        return bottleneck(t, qtok, masks, false);
    }

    /**
     * Enclosure of the bottleneck vector; with {@code differences}, the softmax weights are bounded from the score
     * differences as well ({@link #differenceWeights}), which is slower and tighter when the scores' rounding dominates.
     */
    Interval[] bottleneck(int t, long qtok, int[] masks, boolean differences) {
        FloatModel fm = net.floatModel();
        int n = t + 1;
        Interval[] z = new Interval[net.zDims()];
        Arrays.fill(z, Interval.ZERO);
        double[] magnitude = new double[net.zDims()];
        for (int h = 0; h < net.heads(); h++) {
            double[] sl = new double[n];
            double[] sh = new double[n];
            double maxHi = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                sl[j] = Double.POSITIVE_INFINITY;
                sh[j] = Double.NEGATIVE_INFINITY;
                for (int tok = 0; tok < format.vocabSize(); tok++) {
                    if ((masks[j] >> tok & 1) != 0) {
                        Interval s = score(t, qtok, j, tok, h);
                        sl[j] = Math.min(sl[j], s.lo);
                        sh[j] = Math.max(sh[j], s.hi);
                    }
                }
                maxHi = Math.max(maxHi, sh[j]);
            }
            double[][] bounds = weightBounds(sl, sh, maxHi);
            if (differences) {
                double[][] tight = differenceWeights(t, qtok, masks, h);
                for (int j = 0; j < n; j++) {
                    bounds[0][j] = Math.max(bounds[0][j], tight[0][j]);
                    bounds[1][j] = Math.min(bounds[1][j], tight[1][j]);
                }
            }
            double slack = Math.nextUp((n + 5) * fm.rel() + 2 * fm.fnRel()); // exp, sum, division of the float softmax
            double sumLo = net.softmaxOne() ? 0 : 1 - slack;
            double sumHi = 1 + slack;
            for (int j = 0; j < n; j++) {
                bounds[0][j] = Math.max(0, bounds[0][j] * (1 - slack));
                bounds[1][j] = Math.min(1, bounds[1][j] * (1 + slack));
            }
            int[] coords = net.zCoordinates(h);
            double wMax = 0;
            for (int ri = 0; ri < coords.length; ri++) {
                double[] cLo = new double[n];
                double[] cHi = new double[n];
                for (int j = 0; j < n; j++) {
                    cLo[j] = Double.POSITIVE_INFINITY;
                    cHi[j] = Double.NEGATIVE_INFINITY;
                    for (int tok = 0; tok < format.vocabSize(); tok++) {
                        if ((masks[j] >> tok & 1) != 0) {
                            Interval v = net.w(j, tok, h)[ri];
                            cLo[j] = Math.min(cLo[j], v.lo);
                            cHi[j] = Math.max(cHi[j], v.hi);
                            wMax = Math.max(wMax, net.wMag(j, tok, h));
                        }
                    }
                }
                double hi = Lp.max(bounds[0], bounds[1], cHi, sumLo, sumHi);
                double lo = -Lp.max(bounds[0], bounds[1], negate(cLo), sumLo, sumHi);
                int r = coords[ri];
                z[r] = z[r].add(Interval.of(lo, hi));
                magnitude[r] += wMax * sumHi;
            }
        }
        for (int r = 0; r < z.length; r++) {
            z[r] = fm.sum(z[r], n + net.heads(), magnitude[r]);
        }
        return z;
    }

    private Interval score(int t, long qtok, int j, int tok, int h) {
        return scoresFor(t, qtok)[j][tok][h];
    }

    private final java.util.Map<Long, Interval[][][]> scoresByQuery = new java.util.HashMap<>();

    private Interval[][][] scoresFor(int t, long qtok) {
        return scoresByQuery.computeIfAbsent(t * 100L + qtok, key -> {
            Interval[][][] s = new Interval[t + 1][format.vocabSize()][];
            for (int j = 0; j <= t; j++) {
                for (int tok = 0; tok < format.vocabSize(); tok++) {
                    s[j][tok] = net.scores(t, qtok, j, tok);
                }
            }
            return s;
        });
    }

    private final java.util.Map<Long, Interval[]> rotatedKeys = new java.util.HashMap<>();

    private Interval[] rotatedKey(int j, int tok, int h) {
        return rotatedKeys.computeIfAbsent((j * 1000L + tok) * 64 + h, key -> net.rotatedKey(j, tok, h));
    }

    /**
     * Lower [0] and upper [1] bounds of the (real) softmax weights of head h from the score differences: with the float
     * query q shared by every score, {@code s_l - s_j = scale q . (k_l - k_j) + bias_l - bias_j} up to the two scores'
     * rounding errors, and {@code a_j = 1 / (1 + sum_{l != j} e^{s_l - s_j})}. The query's own rounding error enters only
     * through {@code k_l - k_j}, not through each score separately. A position's key is the hull over its allowed tokens.
     */
    double[][] differenceWeights(int t, long qtok, int[] masks, int h) {
        int n = t + 1;
        Interval[] q = net.rotatedQuery(t, qtok, h);
        Interval scale = net.scoreScale();
        Interval[][] k = new Interval[n][];
        double[] err = new double[n];
        for (int j = 0; j < n; j++) {
            Interval[] hull = null;
            Interval bias = net.scoreBias(t, j);
            for (int tok = 0; tok < format.vocabSize(); tok++) {
                if ((masks[j] >> tok & 1) == 0) {
                    continue;
                }
                Interval[] kj = rotatedKey(j, tok, h);
                double magnitude = 0;
                for (int i = 0; i < q.length; i++) {
                    magnitude += q[i].mul(kj[i]).mag();
                }
                err[j] = Math.max(err[j], net.scoreError(q.length, magnitude, bias));
                if (hull == null) {
                    hull = kj.clone();
                } else {
                    for (int i = 0; i < hull.length; i++) {
                        hull[i] = hull[i].hull(kj[i]);
                    }
                }
            }
            k[j] = hull;
        }
        double[][] b = new double[2][n];
        for (int j = 0; j < n; j++) {
            Interval denLo = Interval.point(1);
            Interval denHi = Interval.point(1);
            for (int l = 0; l < n; l++) {
                if (l == j) {
                    continue;
                }
                Interval dot = Interval.ZERO;
                for (int i = 0; i < q.length; i++) {
                    dot = dot.add(q[i].mul(k[l][i].sub(k[j][i])));
                }
                Interval d = dot.mul(scale).add(net.scoreBias(t, l).sub(net.scoreBias(t, j))).widen(0, err[l] + err[j]);
                denLo = denLo.add(Interval.point(d.lo).exp());
                denHi = denHi.add(Interval.point(d.hi).exp());
            }
            b[0][j] = Double.isFinite(denHi.hi) ? Math.max(0, Interval.point(1).div(Interval.point(denHi.hi)).lo) : 0;
            b[1][j] = Math.min(1, Interval.point(1).div(Interval.point(denLo.lo)).hi);
        }
        return b;
    }

    /** Lower [0] and upper [1] bounds of the softmax weights given score bounds. */
    private double[][] weightBounds(double[] sl, double[] sh, double max) {
        int n = sl.length;
        Interval[] el = new Interval[n];
        Interval[] eh = new Interval[n];
        Interval sumL = Interval.ZERO;
        Interval sumH = Interval.ZERO;
        for (int j = 0; j < n; j++) {
            el[j] = Interval.point(sl[j]).sub(Interval.point(max)).exp();
            eh[j] = Interval.point(sh[j]).sub(Interval.point(max)).exp();
            sumL = sumL.add(el[j]);
            sumH = sumH.add(eh[j]);
        }
        Interval extra = net.softmaxOne() ? Interval.point(-max).exp() : Interval.ZERO;
        double[][] b = new double[2][n];
        for (int j = 0; j < n; j++) {
            Interval othersLow = sumL.sub(el[j]);
            double others = Math.max(0, othersLow.lo);
            Interval up = Interval.point(eh[j].hi).div(Interval.point(eh[j].hi).add(Interval.point(others)).add(Interval.point(extra.lo)));
            Interval othersHigh = sumH.sub(eh[j]);
            Interval low = el[j].lo <= 0 ? Interval.ZERO
                    : Interval.point(el[j].lo).div(Interval.point(el[j].lo).add(Interval.point(othersHigh.hi)).add(Interval.point(extra.hi)));
            b[0][j] = Math.max(0, low.lo);
            b[1][j] = Math.min(1, up.hi);
        }
        return b;
    }

    private static double[] negate(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = -x[i];
        }
        return y;
    }

    private double tail(int t, long qtok, Interval[] z, int correct, int depth, int[] pieces, int[] worst) {
        Interval[] m = net.margins(t, qtok, z, correct);
        double min = Double.POSITIVE_INFINITY;
        int arg = -1;
        for (int k = 0; k < m.length; k++) {
            if (k != correct && m[k].lo < min) {
                min = m[k].lo;
                arg = k;
            }
        }
        if (min > 0 || depth >= maxDepth) {
            pieces[0]++;
            if (min <= 0) {
                worst[0] = arg;
            }
            return min;
        }
        int widest = -1;
        double width = 0;
        for (int r = 0; r < z.length; r++) {
            if (z[r].width() > width) {
                width = z[r].width();
                widest = r;
            }
        }
        if (widest < 0) {
            pieces[0]++;
            worst[0] = arg;
            return min;
        }
        double mid = z[widest].mid();
        Interval[] left = z.clone();
        Interval[] right = z.clone();
        left[widest] = Interval.of(z[widest].lo, mid);
        right[widest] = Interval.of(mid, z[widest].hi);
        double a = tail(t, qtok, left, correct, depth + 1, pieces, worst);
        if (a <= 0) {
            return a;
        }
        return Math.min(a, tail(t, qtok, right, correct, depth + 1, pieces, worst));
    }

    /** The greedy solution of the box-and-sum linear program. */
    static final class Lp {
        private Lp() { }

        /**
         * An upper bound of {@code max sum a_j c_j} subject to {@code lo_j <= a_j <= hi_j} and {@code sumLo <= sum a_j <= sumHi}.
         */
        static double max(double[] lo, double[] hi, double[] c, double sumLo, double sumHi) {
            int n = c.length;
            Integer[] order = new Integer[n];
            double base = 0;
            for (int j = 0; j < n; j++) {
                order[j] = j;
                base += lo[j];
            }
            Arrays.sort(order, (x, y) -> Double.compare(c[y], c[x]));
            double mustAdd = sumLo - base;
            double mayAdd = sumHi - base;
            Interval value = Interval.ZERO;
            double magnitude = 0;
            for (int idx = 0; idx < n; idx++) {
                int j = order[idx];
                double cap = hi[j] - lo[j];
                double take = c[j] > 0 ? Math.min(cap, Math.max(0, mayAdd)) : Math.min(cap, Math.max(0, mustAdd));
                mayAdd -= take;
                mustAdd -= take;
                double a = lo[j] + take;
                value = value.add(Interval.point(a).mul(Interval.point(c[j])));
                magnitude += Math.abs(a * c[j]);
            }
            // the greedy weights may miss the optimum by rounding of 'take': allow a relative 1e-12 of the magnitudes
            return Math.nextUp(value.hi + 1e-12 * magnitude + Double.MIN_NORMAL);
        }
    }
}
