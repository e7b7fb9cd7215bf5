package io.github.adder4j.core.prove.check;

import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.format.TokenFormat;
import io.github.adder4j.core.format.TokenFormat.PositionRole;
import io.github.adder4j.core.io.ParameterDigest;
import io.github.adder4j.core.io.Tensor;
import io.github.adder4j.core.prove.Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The independent checker of a proof certificate. It shares no bounding code with the prover: it regenerates every step's
 * partition itself (all column pairs and carries of the initial cells, then the certificate's splits, each replaced by its
 * complete set of children), confirms that the certificate's leaf counts match, and bounds the leaves again with its own
 * {@link Ball} forward ({@link BallNet}), a different softmax bound ({@code e^{s_j} / sum_l e^{s_l}} at opposite extremes)
 * and a different bottleneck bound (the weighted sum centred on its midpoint), bisecting the bottleneck box itself.
 */
public final class CertificateChecker {
    private static final int DEPTH = 10;

    private CertificateChecker() { }

    /**
     * The checker's verdict.
     *
     * @param valid         whether the certificate holds
     * @param problem       why not, or null
     * @param leaves        leaves of the regenerated partition
     * @param leavesChecked leaves bounded again (every {@code every}-th)
     * @param minMargin     smallest margin the checker found
     * @param seconds       wall time
     */
    public record Result(boolean valid, String problem, long leaves, long leavesChecked, double minMargin, double seconds) { }

    /**
     * Checks a certificate against a model.
     *
     * @param c the certificate to check
     * @param model the model it claims to prove; its parameters' SHA-256 must be the certificate's
     * @param every bound every {@code every}-th leaf of each step (1: all of them; the partition is always regenerated
     *              whole)
     * @return whether the certificate holds, and if not, its first problem
     */
    public static Result check(Certificate c, AdderModel model, int every) {
        if (every < 1) {
            throw new IllegalArgumentException("every must be positive: " + every);
        }
        long start = System.nanoTime();
        List<Tensor> tensors = model.tensors();
        String sha = ParameterDigest.sha256Hex(tensors);
        if (!sha.equals(c.parametersSha256())) {
            return fail("the certificate is for parameters " + c.parametersSha256() + ", the model has " + sha, start);
        }
        if (!c.format().equals(model.format().id())) {
            return fail("the certificate is for format " + c.format() + ", the model uses " + model.format().id(), start);
        }
        BallNet net;
        try {
            net = new BallNet(model.config(), tensors);
        } catch (UnsupportedOperationException e) {
            return fail(e.getMessage(), start);
        }
        if (c.roundingRel() < net.rel || c.roundingFnRel() < net.fnRel) {
            return fail("the certificate assumes rounding errors " + c.roundingRel() + ", " + c.roundingFnRel() + " below the checker's "
                    + net.rel + ", " + net.fnRel, start);
        }
        if (c.steps().size() != 11) {
            return fail("the certificate has " + c.steps().size() + " steps, not 11", start);
        }
        Leaves bounder = new Leaves(net, model.format());
        long leaves = 0;
        long checked = 0;
        double min = Double.POSITIVE_INFINITY;
        for (int step = 0; step <= 10; step++) {
            Certificate.Step s = c.steps().get(step);
            if (s.step() != step) {
                return fail("step " + step + " is listed as step " + s.step(), start);
            }
            List<int[]> stepLeaves;
            try {
                stepLeaves = partition(step, s.splits());
            } catch (IllegalArgumentException e) {
                return fail("step " + step + ": " + e.getMessage(), start);
            }
            if (stepLeaves.size() != s.leaves()) {
                return fail("step " + step + " has " + stepLeaves.size() + " leaves, the certificate says " + s.leaves(), start);
            }
            leaves += stepLeaves.size();
            // every every-th leaf, and always the leaf the certificate names as the step's tightest
            int tightest = -1;
            for (int i = 0; i < stepLeaves.size() && every > 1; i++) {
                if (text(stepLeaves.get(i)).equals(s.minCell())) {
                    tightest = i;
                    break;
                }
            }
            for (int i = 0; i < stepLeaves.size(); i++) {
                if (i % every != 0 && i != tightest) {
                    continue;
                }
                double m = bounder.margin(stepLeaves.get(i));
                checked++;
                min = Math.min(min, m);
                if (!(m > 0)) {
                    return new Result(false, "step " + step + ", leaf " + text(stepLeaves.get(i)) + ": margin " + m + " is not positive",
                            leaves, checked, min, seconds(start));
                }
            }
        }
        return new Result(true, null, leaves, checked, min, seconds(start));
    }

    /**
     * The checker's lower bound on the winning margin of one partition cell (its own forward, softmax and bottleneck
     * bounds), without a certificate: for looking at single cells, such as the tightest ones of a certificate.
     *
     * @param model the model
     * @param leaf a cell in the certificates' text form, {@code step/lo/carryIn/digits}, e.g. {@code 8/7/1/0092}
     * @return a lower bound on {@code logit[correct] - logit[other]} over every input of the cell (positive: proved)
     * @throws IllegalArgumentException when the text is not a cell of that form
     * @throws UnsupportedOperationException when the checker does not support the model's architecture
     */
    public static double leafMargin(AdderModel model, String leaf) {
        String[] parts = leaf.split("/", -1);
        if (parts.length != 4 || parts[3].length() % 2 != 0 || !parts[3].matches("[0-9]*")) {
            throw new IllegalArgumentException("a cell is step/lo/carryIn/digits with digit pairs: " + leaf);
        }
        int[] cell = new int[3 + parts[3].length()];
        try {
            cell[0] = Integer.parseInt(parts[0]);
            cell[1] = Integer.parseInt(parts[1]);
            cell[2] = Integer.parseInt(parts[2]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a cell is step/lo/carryIn/digits: " + leaf, e);
        }
        int columns = parts[3].length() / 2;
        if (cell[0] < 0 || cell[0] > 10 || cell[1] < 0 || cell[1] + columns > 10 || cell[2] < 0 || cell[2] > 1
                || (cell[1] == 0 && cell[2] != 0)) {
            throw new IllegalArgumentException("not a cell: " + leaf);
        }
        for (int i = 0; i < parts[3].length(); i++) {
            cell[3 + i] = parts[3].charAt(i) - '0';
        }
        try {
            return new Leaves(new BallNet(model.config(), model.tensors()), model.format()).margin(cell);
        } catch (IllegalStateException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("the cell " + leaf + " does not fix its step's digit and query token", e);
        }
    }

    private static Result fail(String why, long start) {
        return new Result(false, why, 0, 0, Double.NaN, seconds(start));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    // ---- the partition: a leaf is {step, lo, carry, a_lo, b_lo, a_lo+1, b_lo+1, ...} ----

    static List<int[]> partition(int step, List<String> splits) {
        Map<String, String> split = new HashMap<>();
        for (String s : splits) {
            int colon = s.lastIndexOf(':');
            if (colon < 0 || split.put(s.substring(0, colon), s.substring(colon + 1)) != null) {
                throw new IllegalArgumentException("bad or repeated split " + s);
            }
        }
        List<int[]> out = new ArrayList<>();
        Set<String> used = new HashSet<>();
        List<int[]> work = new ArrayList<>();
        int lo = Math.max(0, step - 1);
        int hi = Math.min(9, step);
        for (int carry = 0; carry <= (lo > 0 ? 1 : 0); carry++) {
            int columns = hi - lo + 1;
            for (int n = 0; n < (columns == 2 ? 10000 : 100); n++) {
                int[] leaf = new int[3 + 2 * columns];
                leaf[0] = step;
                leaf[1] = lo;
                leaf[2] = carry;
                leaf[3] = n % 10;
                leaf[4] = n / 10 % 10;
                if (columns == 2) {
                    leaf[5] = n / 100 % 10;
                    leaf[6] = n / 1000;
                }
                work.add(leaf);
            }
        }
        while (!work.isEmpty()) {
            int[] cell = work.remove(work.size() - 1);
            String key = text(cell);
            String how = split.get(key);
            if (how == null) {
                out.add(cell);
                continue;
            }
            used.add(key);
            int cellLo = cell[1];
            int cellHi = cellLo + (cell.length - 3) / 2 - 1;
            if (how.equals("down") && cellLo > 0) {
                for (int carry = 0; carry <= (cellLo - 1 > 0 ? 1 : 0); carry++) {
                    for (int a = 0; a < 10; a++) {
                        for (int b = 0; b < 10; b++) {
                            if ((a + b + carry) / 10 == cell[2]) {
                                int[] child = new int[cell.length + 2];
                                child[0] = step;
                                child[1] = cellLo - 1;
                                child[2] = carry;
                                child[3] = a;
                                child[4] = b;
                                System.arraycopy(cell, 3, child, 5, cell.length - 3);
                                work.add(child);
                            }
                        }
                    }
                }
            } else if (how.equals("up") && cellHi < 9) {
                for (int a = 0; a < 10; a++) {
                    for (int b = 0; b < 10; b++) {
                        int[] child = java.util.Arrays.copyOf(cell, cell.length + 2);
                        child[cell.length] = a;
                        child[cell.length + 1] = b;
                        work.add(child);
                    }
                }
            } else {
                throw new IllegalArgumentException("split " + key + ":" + how + " is not possible");
            }
        }
        if (used.size() != split.size()) {
            throw new IllegalArgumentException((split.size() - used.size()) + " splits name cells outside the partition");
        }
        return out;
    }

    static String text(int[] leaf) {
        StringBuilder s = new StringBuilder().append(leaf[0]).append('/').append(leaf[1]).append('/').append(leaf[2]).append('/');
        for (int i = 3; i < leaf.length; i++) {
            s.append(leaf[i]);
        }
        return s.toString();
    }

    /** Bounds leaves with the ball forward. */
    private static final class Leaves {
        private final BallNet net;
        private final TokenFormat format;
        private final long[] blank;
        private final Map<Long, BallNet.Heads> heads = new HashMap<>();
        private final Map<Long, Ball[][]> images = new HashMap<>();

        Leaves(BallNet net, TokenFormat format) {
            this.net = net;
            this.format = format;
            this.blank = format.prompt(0, 0);
        }

        private BallNet.Heads heads(int pos, int tok) {
            return heads.computeIfAbsent(pos * 100L + tok, k -> net.heads(pos, tok));
        }

        private Ball[][] images(int pos, int tok) {
            return images.computeIfAbsent(pos * 100L + tok, k -> {
                BallNet.Heads h = heads(pos, tok);
                Ball[][] out = new Ball[net.heads][];
                for (int hh = 0; hh < net.heads; hh++) {
                    out[hh] = net.image(h.v()[hh], hh);
                }
                return out;
            });
        }

        /** Digits and carries of a leaf: {sum digit per column or -1}, and the operand digits per column or -1. */
        double margin(int[] leaf) {
            int step = leaf[0];
            int lo = leaf[1];
            int columns = (leaf.length - 3) / 2;
            int[] a = new int[10];
            int[] b = new int[10];
            int[] z = new int[11];
            java.util.Arrays.fill(a, -1);
            java.util.Arrays.fill(b, -1);
            java.util.Arrays.fill(z, -1);
            int carry = leaf[2];
            for (int c = 0; c < columns; c++) {
                a[lo + c] = leaf[3 + 2 * c];
                b[lo + c] = leaf[4 + 2 * c];
                int total = a[lo + c] + b[lo + c] + carry;
                z[lo + c] = total % 10;
                carry = total / 10;
            }
            if (lo + columns == 10) {
                z[10] = carry;
            }
            int correct = z[step];
            int t = format.promptLength() - 1 + step;
            int qtok = step == 0 ? (int) blank[t] : z[step - 1];
            if (correct < 0 || qtok < 0) {
                throw new IllegalStateException("leaf " + text(leaf) + " does not fix its answer");
            }
            List<List<Integer>> tokens = new ArrayList<>();
            for (int j = 0; j <= t; j++) {
                List<Integer> allowed = new ArrayList<>();
                int fixed;
                if (j == t) {
                    fixed = qtok;
                } else {
                    PositionRole role = format.role(j);
                    fixed = switch (role.kind()) {
                        case OPERAND_A -> a[role.slot()];
                        case OPERAND_B -> b[role.slot()];
                        case SUM, SUM_CARRY -> z[role.slot()];
                        default -> (int) blank[j];
                    };
                }
                if (fixed >= 0) {
                    allowed.add(fixed);
                } else {
                    for (int d = 0; d < 10; d++) {
                        allowed.add(d);
                    }
                }
                tokens.add(allowed);
            }
            double m = tail(t, qtok, bottleneck(t, qtok, tokens, false), correct, 0);
            if (m > 0) {
                return m;
            }
            // again with the softmax weights bounded from score differences, in which the query's rounding cancels
            return Math.max(m, tail(t, qtok, bottleneck(t, qtok, tokens, true), correct, 0));
        }

        /**
         * Weights {@code a_j = 1 / sum_l e^{s_l - s_j}} from the differences {@code s_l - s_j = scale q . (k_l - k_j)} plus both
         * scores' rounding: one ball per position, with the keys of a position's allowed tokens joined in one ball.
         */
        private Ball[] differenceWeights(int t, int qtok, List<List<Integer>> tokens, int h) {
            int n = t + 1;
            Ball[] q = heads(t, qtok).q()[h];
            Ball[][] keys = new Ball[n][];
            double[] roundoff = new double[n];
            for (int j = 0; j < n; j++) {
                for (int tok : tokens.get(j)) {
                    Ball[] k = heads(j, tok).k()[h];
                    double magnitude = 0;
                    for (int i = 0; i < q.length; i++) {
                        magnitude += q[i].times(k[i]).abs();
                    }
                    roundoff[j] = Math.max(roundoff[j], net.scoreRoundoff(q.length, magnitude));
                    if (keys[j] == null) {
                        keys[j] = k.clone();
                    } else {
                        for (int i = 0; i < k.length; i++) {
                            keys[j][i] = keys[j][i].hull(k[i]);
                        }
                    }
                }
            }
            Ball scale = net.scale();
            Ball[] weight = new Ball[n];
            for (int j = 0; j < n; j++) {
                Ball total = Ball.of(0);
                boolean overflow = false;
                for (int l = 0; l < n; l++) {
                    if (l == j) {
                        total = total.plus(Ball.of(1));
                        continue;
                    }
                    Ball dot = Ball.of(0);
                    for (int i = 0; i < q.length; i++) {
                        dot = dot.plus(q[i].times(keys[l][i].minus(keys[j][i])));
                    }
                    Ball d = dot.times(scale);
                    d = new Ball(d.m, Math.nextUp(d.r + roundoff[l] + roundoff[j]));
                    if (d.hi() > 600) {
                        overflow = true; // e^{d} beyond double range: only a_j in [0, 1] is used
                        break;
                    }
                    total = total.plus(d.exp());
                }
                weight[j] = overflow ? Ball.ofRange(0, 1) : Ball.of(1).over(total);
            }
            return weight;
        }

        private Ball[] bottleneck(int t, int qtok, List<List<Integer>> tokens, boolean differences) {
            int n = t + 1;
            Ball[] z = new Ball[net.zDims];
            java.util.Arrays.fill(z, Ball.of(0));
            BallNet.Heads query = heads(t, qtok);
            for (int h = 0; h < net.heads; h++) {
                double[] lo = new double[n];
                double[] hi = new double[n];
                double top = Double.NEGATIVE_INFINITY;
                List<Ball[]> imageLo = new ArrayList<>();
                double magnitude = 0;
                for (int j = 0; j < n; j++) {
                    lo[j] = Double.POSITIVE_INFINITY;
                    hi[j] = Double.NEGATIVE_INFINITY;
                    Ball[] hull = null;
                    for (int tok : tokens.get(j)) {
                        Ball s = net.score(query.q()[h], heads(j, tok).k()[h]);
                        lo[j] = Math.min(lo[j], s.lo());
                        hi[j] = Math.max(hi[j], s.hi());
                        Ball[] im = images(j, tok)[h];
                        magnitude = Math.max(magnitude, net.magnitude(heads(j, tok).v()[h], h));
                        if (hull == null) {
                            hull = im.clone();
                        } else {
                            for (int r = 0; r < hull.length; r++) {
                                hull[r] = hull[r].hull(im[r]);
                            }
                        }
                    }
                    imageLo.add(hull);
                    top = Math.max(top, hi[j]);
                }
                // a_j in [e^{lo_j} / sum_l e^{hi_l}, e^{hi_j} / sum_l e^{lo_l}], all shifted by the top score
                Ball sumHi = Ball.of(0);
                Ball sumLo = Ball.of(0);
                Ball[] eLo = new Ball[n];
                Ball[] eHi = new Ball[n];
                for (int j = 0; j < n; j++) {
                    eLo[j] = Ball.of(lo[j]).minus(Ball.of(top)).exp();
                    eHi[j] = Ball.of(hi[j]).minus(Ball.of(top)).exp();
                    sumHi = sumHi.plus(eHi[j]);
                    sumLo = sumLo.plus(eLo[j]);
                }
                double slack = (n + 5) * net.rel + 2 * net.fnRel;
                Ball[] weight = new Ball[n];
                Ball[] tight = differences ? differenceWeights(t, qtok, tokens, h) : null;
                double centreNum = 0;
                double centreDen = 0;
                for (int j = 0; j < n; j++) {
                    double realLo = Ball.of(eLo[j].lo()).over(Ball.of(sumHi.hi())).lo();
                    double realHi = Ball.of(eHi[j].hi()).over(Ball.of(sumLo.lo())).hi();
                    if (tight != null) {
                        realLo = Math.max(realLo, tight[j].lo());
                        realHi = Math.min(realHi, tight[j].hi());
                    }
                    double wLo = Math.max(0, realLo * (1 - slack));
                    double wHi = Math.min(1, realHi * (1 + slack));
                    weight[j] = Ball.ofRange(wLo, Math.max(wLo, wHi));
                }
                int dims = imageLo.get(0).length;
                for (int r = 0; r < dims; r++) {
                    // centre c: the weighted mean of the image midpoints; z = c + sum_j a_j (w_j - c) + c (sum_j a_j - 1)
                    centreNum = 0;
                    centreDen = 0;
                    for (int j = 0; j < n; j++) {
                        centreNum += weight[j].m * imageLo.get(j)[r].m;
                        centreDen += weight[j].m;
                    }
                    Ball centre = Ball.of(centreDen > 0 ? centreNum / centreDen : 0);
                    Ball acc = centre;
                    for (int j = 0; j < n; j++) {
                        acc = acc.plus(weight[j].times(imageLo.get(j)[r].minus(centre)));
                    }
                    // the weights' sum is 1 up to rounding: the centre term c (sum a - 1)
                    acc = new Ball(acc.m, Math.nextUp(acc.r + Math.abs(centre.m) * 2 * slack + (n + 2) * net.rel * magnitude * (1 + slack)));
                    int index = net.zIndex(h, r);
                    z[index] = z[index].plus(acc);
                }
            }
            return z;
        }

        private double tail(int t, int qtok, Ball[] z, int correct, int depth) {
            Ball[] m = net.margins(t, qtok, z, correct);
            double min = Double.POSITIVE_INFINITY;
            for (int k = 0; k < m.length; k++) {
                if (k != correct) {
                    min = Math.min(min, m[k].lo());
                }
            }
            if (min > 0 || depth >= DEPTH) {
                return min;
            }
            int widest = 0;
            for (int r = 1; r < z.length; r++) {
                if (z[r].r > z[widest].r) {
                    widest = r;
                }
            }
            if (z[widest].r == 0) {
                return min;
            }
            Ball[] left = z.clone();
            Ball[] right = z.clone();
            left[widest] = Ball.ofRange(z[widest].lo(), z[widest].m);
            right[widest] = Ball.ofRange(z[widest].m, z[widest].hi());
            double a = tail(t, qtok, left, correct, depth + 1);
            return a <= 0 ? a : Math.min(a, tail(t, qtok, right, correct, depth + 1));
        }
    }
}
