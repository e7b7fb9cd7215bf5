package io.github.adder4j.core;

import io.github.adder4j.core.Options.Embedding;
import io.github.adder4j.core.Options.FfnOut;
import io.github.adder4j.core.Options.Init;
import io.github.adder4j.core.Options.Output;
import io.github.adder4j.core.Options.OutputMode;
import io.github.adder4j.core.Options.Precision;
import io.github.adder4j.core.Options.QkMode;
import io.github.adder4j.core.Options.Residual;
import io.github.adder4j.core.Options.Source;
import io.github.adder4j.core.Options.ValueMode;
import io.github.adder4j.core.format.Formats;
import io.github.adder4j.core.format.TokenFormat;
import io.github.adder4j.core.format.TokenFormat.PositionRole;
import java.util.Objects;

/**
 * The complete, immutable description of an addition transformer: enough to rebuild its architecture exactly.
 * Built by {@link AdderModel#builder()}; single bad values fail with {@link IllegalArgumentException}, bad combinations with
 * {@link IllegalStateException} naming the options involved.
 *
 * @param format token layout
 * @param dModel residual width d
 * @param residual summed or split residual
 * @param tokenDims token dimensions (d for a summed residual)
 * @param embedding token embedding parameterisation
 * @param embeddingRank rank of a {@link Embedding#LOW_RANK} table, else 0
 * @param positions additive position encoding
 * @param relative relative position scheme inside attention
 * @param norm normalisation options
 * @param attention attention options
 * @param ffn feed-forward options
 * @param output output classifier
 * @param precision float32 or float64
 * @param seed seed of the parameter initialisation
 * @param init initialisation scheme of tables and full matrices
 */
public record AdderConfig(TokenFormat format, int dModel, Residual residual, int tokenDims, Embedding embedding, int embeddingRank,
                          Positions positions, Positions.Relative relative, NormSpec norm, AttentionSpec attention, FfnSpec ffn,
                          Output output, Precision precision, long seed, Init init) {

    /**
     * Validates the configuration.
     *
     * @param format token layout
     * @param dModel residual width d
     * @param residual summed or split residual
     * @param tokenDims token dimensions (d for a summed residual)
     * @param embedding token embedding parameterisation
     * @param embeddingRank rank of a {@link Embedding#LOW_RANK} table, else 0
     * @param positions additive position encoding
     * @param relative relative position scheme inside attention
     * @param norm normalisation options
     * @param attention attention options
     * @param ffn feed-forward options
     * @param output output classifier
     * @param precision float32 or float64
     * @param seed seed of the parameter initialisation
     * @param init initialisation scheme of tables and full matrices
     */
    public AdderConfig {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(residual, "residual");
        Objects.requireNonNull(embedding, "embedding");
        Objects.requireNonNull(positions, "positions");
        Objects.requireNonNull(relative, "relative");
        Objects.requireNonNull(norm, "norm");
        Objects.requireNonNull(attention, "attention");
        Objects.requireNonNull(ffn, "ffn");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(init, "init");
        Sizes.positive("dModel", dModel, Sizes.MAX_WIDTH);
        Sizes.positive("tokenDims", tokenDims, Sizes.MAX_WIDTH);
        Sizes.nonNegative("embeddingRank", embeddingRank, Sizes.MAX_WIDTH);
        if (residual == Residual.SUMMED && tokenDims != dModel) {
            throw new IllegalStateException("a summed residual needs tokenDims == dModel: tokenDims=" + tokenDims + ", dModel=" + dModel);
        }
        if (residual == Residual.SPLIT && tokenDims >= dModel) {
            throw new IllegalStateException("a split residual needs tokenDims < dModel: tokenDims=" + tokenDims + ", dModel=" + dModel);
        }
        checkEmbedding(embedding, embeddingRank, tokenDims);
        checkPositions(format, residual, dModel - (residual == Residual.SPLIT ? tokenDims : 0), positions, dModel);
        checkAttention(new Shape(format, dModel, residual, tokenDims, output), attention, ffn, relative);
    }

    private record Shape(TokenFormat format, int d, Residual residual, int tokenDims, Output output) { }

    /**
     * Position dimensions: {@code dModel - tokenDims} for a split residual, else {@code dModel}.
     *
     * @return the number of dimensions that carry position information, from 0 to {@code dModel}
     */
    public int positionDims() {
        return residual == Residual.SPLIT ? dModel - tokenDims : dModel;
    }

    /**
     * Whether the model has a head matrix H ({@code tokenDims x dModel}): split residual with a tied output.
     *
     * @return {@code true} for a split residual with a tied output
     */
    public boolean hasHeadMatrix() {
        return residual == Residual.SPLIT && output == Output.TIED;
    }

    /**
     * Whether {@code other} describes the same architecture: equal in everything but how the weights were first drawn
     * (seed and initialisation scheme), so that the same weights fit both.
     *
     * @param other another configuration, may be null
     * @return {@code true} when only the seed or the initialisation scheme differ; {@code false} for null
     */
    public boolean sameArchitecture(AdderConfig other) {
        return other != null && toBuilder().seed(0).init(Init.XAVIER).config().equals(other.toBuilder().seed(0).init(Init.XAVIER).config());
    }

    /**
     * A builder initialised with this configuration.
     *
     * @return a new builder holding every value of this configuration; changing it leaves this one as it is
     */
    public AdderModel.Builder toBuilder() {
        return AdderModel.builder(this);
    }

    private static void checkEmbedding(Embedding embedding, int rank, int tokenDims) {
        if (embedding == Embedding.LOW_RANK && rank <= 0) {
            throw new IllegalStateException("embedding LOW_RANK needs embeddingRank > 0: " + rank);
        }
        if (embedding != Embedding.LOW_RANK && rank != 0) {
            throw new IllegalStateException("embeddingRank is only used by embedding LOW_RANK: embedding=" + embedding + ", embeddingRank=" + rank);
        }
        if ((embedding == Embedding.ARC || embedding == Embedding.ARC2) && tokenDims < 2) {
            throw new IllegalStateException("embedding " + embedding + " needs tokenDims >= 2: " + tokenDims);
        }
        if (embedding == Embedding.PARABOLIC && tokenDims != 2) {
            throw new IllegalStateException("embedding PARABOLIC needs tokenDims == 2: " + tokenDims);
        }
    }

    private static void checkPositions(TokenFormat format, Residual residual, int dims, Positions positions, int d) {
        if (positions instanceof Positions.Spiral spiral) {
            if (residual != Residual.SPLIT || dims != 3) {
                throw new IllegalStateException("spiral positions need a split residual with 3 position dims: residual=" + residual + ", positionDims=" + dims);
            }
            if (format != Formats.LSB34_V10 && format != Formats.LSB34_V14) {
                throw new IllegalStateException("spiral positions need an LSB-34 format: " + format.id());
            }
            for (PositionRole.Kind kind : spiral.specials().keySet()) {
                boolean present = false;
                for (int t = 0; t <= format.contextLength(); t++) {
                    present |= format.role(t).kind() == kind;
                }
                if (!present) {
                    throw new IllegalStateException("spiral special slot " + kind + " does not occur in format " + format.id());
                }
            }
        } else if (positions instanceof Positions.Learned learned) {
            if (learned.rows() < format.contextLength()) {
                throw new IllegalStateException("learned positions need at least contextLength rows: rows=" + learned.rows()
                        + ", contextLength=" + format.contextLength() + " (" + format.id() + ")");
            }
        } else if (positions instanceof Positions.Sinusoid && dims % 2 != 0) {
            throw new IllegalStateException("sinusoid positions need an even number of position dims: " + dims);
        } else if (positions instanceof Positions.None && residual == Residual.SPLIT) {
            throw new IllegalStateException("a split residual needs additive positions for its " + dims + " position dims");
        }
    }

    private static void checkAttention(Shape s, AttentionSpec a, FfnSpec f, Positions.Relative relative) {
        boolean split = s.residual() == Residual.SPLIT;
        boolean head = split && s.output() == Output.TIED;
        if (a.heads() % a.kvHeads() != 0) {
            throw new IllegalStateException("heads must be a multiple of kvHeads: heads=" + a.heads() + ", kvHeads=" + a.kvHeads());
        }
        if (!split && (a.qkSource() != Source.ALL || a.vSource() != Source.ALL)) {
            throw new IllegalStateException("qkSource/vSource other than ALL need a split residual: qkSource=" + a.qkSource() + ", vSource=" + a.vSource());
        }
        if (a.qkSource() == Source.TOKEN || a.vSource() == Source.POSITION) {
            throw new IllegalStateException("qkSource must be ALL or POSITION and vSource ALL or TOKEN: qkSource=" + a.qkSource() + ", vSource=" + a.vSource());
        }
        if (a.qkMode() != QkMode.SEPARATE && a.kvHeads() != a.heads()) {
            throw new IllegalStateException("qkMode " + a.qkMode() + " needs kvHeads == heads: heads=" + a.heads() + ", kvHeads=" + a.kvHeads());
        }
        if (a.sharedRank() > 0) {
            if (a.qkMode() != QkMode.SEPARATE) {
                throw new IllegalStateException("sharedRank needs qkMode SEPARATE: " + a.qkMode());
            }
            if (a.vSource() != a.qkSource()) {
                throw new IllegalStateException("sharedRank needs the same source for q, k and v: qkSource=" + a.qkSource() + ", vSource=" + a.vSource());
            }
            if (!(a.query() instanceof Projection.Full) || !(a.key() instanceof Projection.Full)
                    || (a.valueMode() == ValueMode.OWN && !(a.value() instanceof Projection.Full))) {
                throw new IllegalStateException("sharedRank needs full q/k/v second factors");
            }
        }
        if (a.valueMode() == ValueMode.HEAD) {
            if (!head || a.heads() != 1 || a.vSource() != Source.TOKEN) {
                throw new IllegalStateException("valueMode HEAD needs a split residual, a tied output, 1 head and vSource TOKEN");
            }
        }
        if (a.valueMode() == ValueMode.EQUALS_Q && a.kvHeads() != a.heads()) {
            throw new IllegalStateException("valueMode EQUALS_Q needs kvHeads == heads");
        }
        int valueDim = a.valueDim(s.d());
        if (a.outputMode() == OutputMode.IDENTITY && a.heads() * valueDim != s.d()) {
            throw new IllegalStateException("outputMode IDENTITY needs heads * valueDim == dModel: " + a.heads() + " * " + valueDim + " != " + s.d());
        }
        if (a.outputMode() == OutputMode.QUERY_TRANSPOSE && (!(a.query() instanceof Projection.Full) || a.qkMode() == QkMode.TIED_PHASE
                || a.qkSource() != Source.ALL || a.sharedRank() > 0 || a.valueMode() == ValueMode.HEAD)) {
            throw new IllegalStateException("outputMode QUERY_TRANSPOSE needs a full query projection from all dims (no TIED_PHASE, no sharedRank)");
        }
        if (relative instanceof Positions.Rope && a.headDim() % 2 != 0) {
            throw new IllegalStateException("rope needs an even headDim: " + a.headDim());
        }
        if ((a.qkMode() != QkMode.SEPARATE) && a.headDim() < 2) {
            throw new IllegalStateException("qkMode " + a.qkMode() + " needs headDim >= 2: " + a.headDim());
        }
        int qkIn = a.qkSource() == Source.POSITION ? s.d() - s.tokenDims() : s.d();
        int vIn = a.vSource() == Source.TOKEN ? s.tokenDims() : s.d();
        int kvOut = a.kvHeads() * a.headDim();
        if (a.sharedRank() == 0) {
            a.query().checkShape("query", qkIn, a.heads() * a.headDim());
            a.key().checkShape("key", qkIn, kvOut);
            a.value().checkShape("value", vIn, kvOut);
        }
        a.out().checkShape("attention out", a.heads() * valueDim, s.d());
        if (f.width() > 0) {
            f.in().checkShape("ffn in", s.d(), f.width());
            f.up().checkShape("ffn up", s.d(), f.width());
            f.out().checkShape("ffn out", f.width(), s.d());
            if (f.outMode() == FfnOut.HEAD && (!head || f.width() != s.tokenDims())) {
                throw new IllegalStateException("ffnOut HEAD needs a split residual with a tied output and ffnWidth == tokenDims: ffnWidth="
                        + f.width() + ", tokenDims=" + s.tokenDims());
            }
            if (f.outMode() == FfnOut.ROTATED_UP_TRANSPOSE && (f.activation() != Options.Activation.SWIGLU || !(f.up() instanceof Projection.Full)
                    || s.d() < 2)) {
                throw new IllegalStateException("ffnOut ROTATED_UP_TRANSPOSE needs a SWIGLU activation with a full up projection and dModel >= 2");
            }
        }
    }
}
