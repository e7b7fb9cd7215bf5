package io.github.adder4j.core.params;

import io.github.adder4j.core.AdderConfig;
import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.Options.Activation;
import io.github.adder4j.core.Options.Embedding;
import io.github.adder4j.core.Options.FfnOut;
import io.github.adder4j.core.Options.Norm;
import io.github.adder4j.core.Options.Output;
import io.github.adder4j.core.Options.OutputMode;
import io.github.adder4j.core.Options.Pairing;
import io.github.adder4j.core.Options.Precision;
import io.github.adder4j.core.Options.QkMode;
import io.github.adder4j.core.Options.QkNorm;
import io.github.adder4j.core.Options.Slot;
import io.github.adder4j.core.Options.Softmax;
import io.github.adder4j.core.Options.Source;
import io.github.adder4j.core.Options.ValueMode;
import io.github.adder4j.core.Positions;
import io.github.adder4j.core.Projection;
import io.github.adder4j.core.format.Formats;
import io.github.adder4j.core.format.TokenFormat.PositionRole.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random model configurations over the whole option space, driven by a list of choice numbers (each choice takes the next
 * number modulo its number of options, so shrinking towards 0 gives the first option of every choice: a small, plain model).
 * Choices are made in dependency order and later ones adapt to earlier ones (for example, spiral positions pick an LSB-34
 * format and 3 position dims, valueMode HEAD forces one head and a tied output), so that most candidates are valid; the
 * rest are reported as rejected with the builder's message.
 */
final class GeneratedConfigs {
    private GeneratedConfigs() { }

    /** The outcome of one generated builder: a config, or the message of the IllegalStateException that rejected it. */
    record Candidate(AdderConfig config, String rejected, String positionsType, String relativeType) {
        boolean valid() {
            return config != null;
        }

        @Override
        public String toString() {
            return valid() ? config.toString() : "rejected: " + rejected;
        }
    }

    /** Candidates from 96 choice numbers and a full-range seed. */
    static Arbitrary<Candidate> candidates() {
        Arbitrary<List<Integer>> choices = Arbitraries.integers().between(0, 9_999).list().ofSize(96);
        return Combinators.combine(choices, Arbitraries.longs()).as(GeneratedConfigs::generate);
    }

    /** Reads successive choices. */
    private static final class Choices {
        private final List<Integer> raw;
        private int next;

        Choices(List<Integer> raw) {
            this.raw = raw;
        }

        int pick(int n) {
            int v = next < raw.size() ? raw.get(next) : 0;
            next++;
            return Math.floorMod(v, n);
        }

        int between(int lo, int hi) {
            return lo + pick(hi - lo + 1);
        }

        boolean flip() {
            return pick(2) == 1;
        }

        @SafeVarargs
        final <T> T of(T... options) {
            return options[pick(options.length)];
        }
    }

    static Candidate generate(List<Integer> raw, long seed) {
        Choices c = new Choices(raw);
        AdderModel.Builder b = AdderModel.builder();
        // residual, embedding, positions and widths
        boolean split = c.flip();
        String positionsType = split ? c.of("learned", "lowRank", "sinusoid", "spiral") : c.of("none", "learned", "lowRank", "sinusoid");
        Embedding embedding = c.of(Embedding.values());
        int tokenDims;
        int d;
        if (split) {
            tokenDims = embedding == Embedding.PARABOLIC ? 2
                    : embedding == Embedding.ARC || embedding == Embedding.ARC2 ? c.between(2, 4) : c.between(1, 4);
            int positionDims = positionsType.equals("spiral") ? 3 : positionsType.equals("sinusoid") ? 2 * c.between(1, 2) : c.between(1, 3);
            d = tokenDims + positionDims;
        } else {
            d = embedding == Embedding.PARABOLIC ? 2
                    : embedding == Embedding.ARC || embedding == Embedding.ARC2 ? c.between(2, 7) : c.between(1, 7);
            if (positionsType.equals("sinusoid") && d % 2 != 0) {
                d++;
            }
            tokenDims = d;
        }
        Formats format = positionsType.equals("spiral") ? c.of(Formats.LSB34_V10, Formats.LSB34_V14) : c.of(Formats.values());
        b.format(format).dModel(d);
        if (split) {
            b.split(tokenDims);
        } else {
            b.summed();
        }
        if (embedding == Embedding.LOW_RANK) {
            b.lowRankEmbedding(c.between(1, 3));
        } else {
            b.embedding(embedding);
        }
        b.positions(switch (positionsType) {
            case "none" -> Positions.none();
            case "learned" -> Positions.learned(format.contextLength() + c.between(0, 2));
            case "lowRank" -> Positions.learnedLowRank(format.contextLength() + c.between(0, 2), c.between(1, 3));
            case "sinusoid" -> Positions.sinusoid(c.of(10.0, 19.0, 34.5));
            default -> spiral(c);
        });
        // relative positions and norms
        String relativeType = c.of("none", "rope", "ropePeriod", "alibi");
        Pairing pairing = c.of(Pairing.values());
        switch (relativeType) {
            case "rope" -> b.relative(Positions.Relative.rope(c.of(3.0, 10_000.0), pairing));
            case "ropePeriod" -> b.relative(Positions.Relative.ropePeriod(19, pairing));
            case "alibi" -> b.alibi(c.of(Math.log(10), 0.5, 1.0, -0.25));
            default -> { }
        }
        boolean rope = relativeType.startsWith("rope");
        Norm norm = c.of(Norm.values());
        b.norm(norm).normEps(c.of(1e-5, 1e-6, 1e-8)).sharedNorm(c.flip()).qkNorm(c.of(QkNorm.values()));
        if (c.flip()) {
            b.finalNorm(c.of(Norm.values()));
        }
        // attention
        b.layers(c.between(1, 2));
        int heads = c.between(1, 3);
        List<Integer> divisors = new ArrayList<>();
        for (int k = 1; k <= heads; k++) {
            if (heads % k == 0) {
                divisors.add(k);
            }
        }
        int kvHeads = divisors.get(c.pick(divisors.size()));
        QkMode qkMode = c.of(QkMode.values());
        ValueMode valueMode = c.of(ValueMode.values());
        Source qkSource = split ? c.of(Source.ALL, Source.POSITION) : Source.ALL;
        Source vSource = split ? c.of(Source.ALL, Source.TOKEN) : Source.ALL;
        Output output = c.of(Output.values());
        if (valueMode == ValueMode.HEAD && !split) {
            valueMode = ValueMode.OWN;
        }
        if (valueMode == ValueMode.HEAD) {
            heads = 1;
            kvHeads = 1;
            vSource = Source.TOKEN;
            output = Output.TIED;
        }
        if (qkMode != QkMode.SEPARATE || valueMode == ValueMode.EQUALS_Q) {
            kvHeads = heads;
        }
        int sharedRank = qkMode == QkMode.SEPARATE && valueMode != ValueMode.HEAD && c.pick(3) == 0 ? c.between(1, 3) : 0;
        if (sharedRank > 0) {
            qkSource = Source.ALL;
            vSource = Source.ALL;
        }
        int minHeadDim = qkMode != QkMode.SEPARATE ? 2 : 1;
        int headDim = rope ? 2 * c.between(1, 2) : Math.max(minHeadDim, c.between(1, 4));
        OutputMode outputMode = c.of(OutputMode.values());
        if (outputMode == OutputMode.QUERY_TRANSPOSE && (valueMode == ValueMode.HEAD || sharedRank > 0 || qkMode == QkMode.TIED_PHASE)) {
            outputMode = OutputMode.PROJECTION;
        }
        if (outputMode == OutputMode.QUERY_TRANSPOSE) {
            qkSource = Source.ALL;
        }
        if (outputMode == OutputMode.IDENTITY && valueMode != ValueMode.HEAD && heads * headDim != d) {
            int fit = d / heads;
            boolean fits = d % heads == 0 && fit >= minHeadDim && (!rope || fit % 2 == 0);
            if (fits) {
                headDim = fit;
            } else {
                outputMode = OutputMode.PROJECTION;
            }
        }
        // the builder's default headDim max(1, d / heads) when it is the value we want anyway
        if (headDim != Math.max(1, d / heads) || c.flip()) {
            b.headDim(headDim);
        }
        b.heads(heads).kvHeads(kvHeads).qkMode(qkMode).valueMode(valueMode).qkSource(qkSource).valueSource(vSource).output(output);
        if (sharedRank > 0) {
            b.sharedRank(sharedRank);
        }
        int qkIn = qkSource == Source.POSITION ? d - tokenDims : d;
        int vIn = vSource == Source.TOKEN ? tokenDims : d;
        Random matrices = new Random(c.pick(10_000));
        if (sharedRank == 0) {
            b.queryProjection(outputMode == OutputMode.QUERY_TRANSPOSE ? Projection.full() : projection(c, matrices, qkIn, heads * headDim));
            b.keyProjection(projection(c, matrices, qkIn, kvHeads * headDim));
            b.valueProjection(projection(c, matrices, vIn, kvHeads * headDim));
        }
        if (outputMode == OutputMode.PROJECTION) {
            int valueDim = valueMode == ValueMode.HEAD ? d : headDim;
            b.attentionOutput(projection(c, matrices, heads * valueDim, d));
        } else {
            b.attentionOutputMode(outputMode);
        }
        b.softmax(c.of(Softmax.values())).attentionBias(c.flip());
        if (c.pick(3) == 0) {
            b.attentionScale(c.of(0.5, 2.0, Math.sqrt(2)));
        }
        // feed-forward
        int width = c.between(0, 4);
        Activation activation = c.of(Activation.values());
        FfnOut ffnOut = c.of(FfnOut.values());
        if (ffnOut == FfnOut.HEAD) {
            if (split && output == Output.TIED) {
                width = tokenDims;
            } else {
                ffnOut = FfnOut.OWN;
            }
        }
        if (ffnOut == FfnOut.ROTATED_UP_TRANSPOSE) {
            if (d >= 2) {
                activation = Activation.SWIGLU;
            } else {
                ffnOut = FfnOut.OWN;
            }
        }
        b.ffnWidth(width).activation(activation).ffnBias(c.flip());
        if (width > 0) {
            b.ffnIn(projection(c, matrices, d, width));
            b.ffnUp(ffnOut == FfnOut.ROTATED_UP_TRANSPOSE ? Projection.full() : projection(c, matrices, d, width));
            if (ffnOut == FfnOut.OWN) {
                b.ffnOutProjection(projection(c, matrices, width, d));
            }
        }
        b.ffnOut(ffnOut);
        b.precision(c.of(Precision.values())).seed(seed);
        try {
            return new Candidate(b.config(), null, positionsType, relativeType);
        } catch (IllegalStateException e) {
            return new Candidate(null, e.getMessage(), positionsType, relativeType);
        }
    }

    private static Positions spiral(Choices c) {
        Map<Kind, Slot> specials = new LinkedHashMap<>();
        for (Kind kind : new Kind[] {Kind.PLUS, Kind.EQUALS, Kind.SUM_CARRY, Kind.EOS}) {
            int slot = c.pick(3);
            if (slot > 0) {
                specials.put(kind, slot == 1 ? Slot.LEARNED : Slot.ZERO);
            }
        }
        return new Positions.Spiral(scalar(c), scalar(c), scalar(c), scalar(c), specials);
    }

    private static Positions.Scalar scalar(Choices c) {
        return new Positions.Scalar(c.of(0.0, 1.0, -1.0, 0.15, 3.5), c.flip());
    }

    /** A full, low-rank, basis or fixed projection {@code in -> out}; matrix entries mix 0, +-1 and weight-like values. */
    private static Projection projection(Choices c, Random r, int in, int out) {
        return switch (c.pick(4)) {
            case 0 -> Projection.full();
            case 1 -> Projection.lowRank(c.between(1, 3));
            case 2 -> {
                int n = c.between(1, 3);
                List<double[][]> bases = new ArrayList<>();
                double[] init = new double[n];
                for (int i = 0; i < n; i++) {
                    bases.add(matrix(r, out, in));
                    init[i] = r.nextGaussian();
                }
                yield Projection.basis(bases, init);
            }
            default -> Projection.fixed(matrix(r, out, in));
        };
    }

    private static double[][] matrix(Random r, int rows, int cols) {
        double[] entries = {0, 0, 1, -1, 0.5, -2, 1e-3};
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = entries[r.nextInt(entries.length)];
            }
        }
        return m;
    }
}
