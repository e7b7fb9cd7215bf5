package io.github.adder4j.core.block;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.github.adder4j.core.AdderConfig;
import io.github.adder4j.core.AttentionSpec;
import io.github.adder4j.core.Options.Embedding;
import io.github.adder4j.core.Options.Norm;
import io.github.adder4j.core.Options.Output;
import io.github.adder4j.core.Options.Precision;
import io.github.adder4j.core.Options.Residual;
import io.github.adder4j.core.Options.Source;
import io.github.adder4j.core.Options.ValueMode;
import io.github.adder4j.core.Positions;
import io.github.adder4j.core.decode.GreedyDecoder;
import io.github.adder4j.core.decode.IncrementalBlock;
import io.github.adder4j.core.decode.KeyValueCache;
import io.github.adder4j.core.params.Component;
import io.github.adder4j.core.params.ParameterReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole addition transformer as one DJL block: {@code tokens (B, T) int64 -> logits (B, T, vocab)}.
 *
 * <pre>
 * x = E[tok] + P[pos]            (summed)   or   x = [E[tok] | P[pos]]   (split)
 * for each layer:  x = x + Attention(Norm1(x));  x = x + FFN(Norm2(x))
 * logits = Norm_f(x) E^T         (tied; split: (Norm_f(x) H^T) E^T)   or   Norm_f(x) W_out^T
 * </pre>
 * What every example shares is computed once per pass: with no absolute positions the first layer's input is
 * {@code E[tok]}, so its norm, projections and QK-norm run once per vocabulary row; in the arc-embedded split models the
 * first norm's scale and attention weights depend on the position alone ({@link #firstNormScaleByPosition},
 * {@link #firstWeightsShared}). Either way the logits and gradients are those of the per-example computation.
 * Parameter count: the sum of the child blocks' formulas, with every tied parameter counted once: the head matrix H
 * ({@code tokenDims * d}) is shared by the value path, the FFN output and the classifier when those options are chosen,
 * and a shared norm is one block used at every site.
 */
public final class AdderNet extends AbstractBlock implements IncrementalBlock {
    private final AdderConfig config;
    private final DataType dtype;
    private final TokenEmbeddingBlock token;
    private final PositionBlock positions;
    private final List<TransformerLayer> layers = new ArrayList<>();
    private final List<AttentionBlock> attentions = new ArrayList<>();
    private final NormBlock finalNorm;
    private final Parameter head;
    private final Parameter untiedOutput;
    /**
     * Whether the first layer's input is a function of the token alone ({@code x = E[tok]}, no absolute positions), so that
     * its norm and the attention's row-wise work run once per vocabulary row ({@link TransformerLayer#applyTokenTable}).
     */
    private boolean firstLayerPerToken;

    /**
     * Builds the block graph of a configuration (parameters are allocated by {@link #initialize}).
     *
     * @param config a validated configuration of an addition model
     */
    public AdderNet(AdderConfig config) {
        this.config = config;
        this.dtype = config.precision() == Precision.FLOAT64 ? DataType.FLOAT64 : DataType.FLOAT32;
        int d = config.dModel();
        int vocab = config.format().vocabSize();
        token = addChildBlock("token", new TokenEmbeddingBlock(config.embedding(), vocab, config.tokenDims(), config.embeddingRank(), dtype));
        positions = config.positions() instanceof Positions.None ? null
                : addChildBlock("position", new PositionBlock(config.positions(), config.positionDims(), config.format(), dtype));
        // the head matrix H (tokenDims, d): one parameter for the value path, the FFN output and the classifier
        head = config.hasHeadMatrix()
                ? addParameter(Parameter.builder().setName("head.H").setType(Parameter.Type.WEIGHT)
                        .optShape(new Shape(config.tokenDims(), d)).optInitializer(Init.ZEROS).build())
                : null;
        NormBlock shared = config.norm().shared() ? norm("norm", config.norm().kind()) : null;
        for (int layer = 0; layer < config.attention().layers(); layer++) {
            String prefix = "layer" + layer;
            boolean ffn = config.ffn().width() > 0;
            AttentionBlock attention = new AttentionBlock(prefix + ".attention", config.attention(), d, config.tokenDims(),
                    config.relative(), config.norm().qkNorm(), config.norm().eps(), head, "head.H", dtype);
            attentions.add(attention);
            layers.add(addChildBlock(prefix, new TransformerLayer(prefix, d,
                    shared != null ? shared : newNorm(prefix + ".norm1", config.norm().kind()), attention,
                    !ffn ? null : shared != null ? shared : newNorm(prefix + ".norm2", config.norm().kind()),
                    ffn ? new FeedForwardBlock(prefix + ".ffn", config.ffn(), d, head, "head.H", dtype) : null,
                    shared != null)));
        }
        firstLayerPerToken = positions == null;
        layers.get(0).scaleNorm1ByPosition(firstNormScaleByPosition(config));
        attentions.get(0).shareWeightsAcrossBatch(firstWeightsShared(config));
        finalNorm = shared != null && config.norm().finalKind() == config.norm().kind() ? shared : norm("final.norm", config.norm().finalKind());
        untiedOutput = config.output() == Output.UNTIED
                ? addParameter(Parameter.builder().setName("output.weight").setType(Parameter.Type.WEIGHT)
                        .optShape(new Shape(vocab, d)).optInitializer(Init.ZEROS).build())
                : null;
    }

    /**
     * Whether the first layer's norm scale depends on the position alone, so that a pass computes it once from the first
     * example rather than once per example: the residual is split, {@code x_t = [E[tok_t] | P_t]}, every token's
     * embedding has the same length (the circular arc, {@code |E[k]| = A} for every k) and the norm is an RMSNorm, whose
     * scale {@code w / sqrt((A^2 + |P_t|^2) / d + eps)} then depends on t alone. The gradient is the same as well: the
     * scale reaches the arc only through A ({@code d|E[k]|^2 / ds = d|E[k]|^2 / dtau = 0}), whichever example's token
     * carries it, and the shared scale gathers every example's gradient.
     *
     * @param c a validated configuration
     * @return true for the arc-embedded split models (split-57, split-67, split-74)
     */
    static boolean firstNormScaleByPosition(AdderConfig c) {
        return c.residual() == Residual.SPLIT && c.embedding() == Embedding.ARC && !(c.positions() instanceof Positions.None)
                && (c.norm().kind() == Norm.RMS || c.norm().kind() == Norm.RMS_PLAIN);
    }

    /**
     * Whether the first layer's attention weights are the same for every example, so that a pass computes them once
     * (softmax and all) rather than once per example: the first norm's scale depends on the position alone
     * ({@link #firstNormScaleByPosition}), so the position part {@code w_pos P_t / rms_t} of {@code norm1(x)} does too;
     * queries and keys read only that part (RoPE, ALiBi and QK-norm act per position as well); and the values do not
     * derive from the queries or keys (they still read each example's tokens).
     *
     * @param c a validated configuration
     * @return true for the arc-embedded split models (split-57, split-67, split-74)
     */
    static boolean firstWeightsShared(AdderConfig c) {
        AttentionSpec a = c.attention();
        return firstNormScaleByPosition(c) && a.qkSource() == Source.POSITION && a.sharedRank() == 0
                && (a.valueMode() == ValueMode.OWN || a.valueMode() == ValueMode.HEAD);
    }

    /**
     * Runs the first layer's norm and the attention's row-wise work once per vocabulary row (true) or once per row of the
     * batch (false). Only a model whose first layer reads {@code x = E[tok]} alone (no absolute positions) may do the
     * former, which is then its default; the two give the same logits and gradients (to float rounding).
     *
     * @param perToken whether to compute the first layer's row-wise work per vocabulary row
     * @throws IllegalStateException when the model adds absolute positions to its first layer's input
     */
    void computeFirstLayerPerToken(boolean perToken) {
        if (perToken && positions != null) {
            throw new IllegalStateException("the first layer's input carries absolute positions (" + config.positions()
                    + "): it is not a function of the token alone");
        }
        firstLayerPerToken = perToken;
    }

    /** Whether the first layer's row-wise work runs per vocabulary row ({@link #computeFirstLayerPerToken}). */
    boolean firstLayerPerToken() {
        return firstLayerPerToken;
    }

    /** The layer {@code layer}. */
    TransformerLayer layer(int layer) {
        return layers.get(layer);
    }

    /** The attention block of layer {@code layer}. */
    AttentionBlock attention(int layer) {
        return attentions.get(layer);
    }

    private NormBlock norm(String name, Norm kind) {
        return addChildBlock(name, newNorm(name, kind));
    }

    private NormBlock newNorm(String name, Norm kind) {
        return new NormBlock(name, kind, config.dModel(), config.norm().eps(), dtype);
    }

    /**
     * The configuration this block was built from.
     *
     * @return the configuration given to the constructor
     */
    public AdderConfig config() {
        return config;
    }

    /**
     * Data type of parameters and activations.
     *
     * @return {@code FLOAT32} or {@code FLOAT64}, from the configuration's precision
     */
    public DataType dataType() {
        return dtype;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray tokens = inputs.head();                                                     // (B, T) int64
        return new NDList(logits(new Fwd(store, tokens.getManager(), training, dtype), tokens, null, 0));
    }

    /**
     * The logits of the positions from {@code firstRow} on, {@code (B, T - firstRow, vocab)}: what a training loss that
     * reads only those positions needs. Equal (to float rounding) to the same rows of {@link #forward}'s logits; the last
     * layer computes queries, attention, feed-forward and the classifier for these rows only.
     *
     * @param store    the parameter store of the pass
     * @param tokens   token ids {@code (B, T)} int64
     * @param firstRow the first position whose logits are wanted, {@code 0 <= firstRow < T}
     * @param training whether this is a training pass
     * @return the logits {@code (B, T - firstRow, vocab)}, created in the tokens' manager
     * @throws IllegalArgumentException when the tokens are not int64 {@code (B, T)} or firstRow is outside {@code [0, T)}
     */
    public NDArray logitsFrom(ParameterStore store, NDArray tokens, int firstRow, boolean training) {
        Shape s = tokens.getShape();
        if (s.dimension() != 2 || tokens.getDataType() != DataType.INT64) {
            throw new IllegalArgumentException("tokens must be int64 (B, T), got " + tokens.getDataType() + " " + s);
        }
        checkFirstRow(firstRow, s.get(1));
        return logits(new Fwd(store, tokens.getManager(), training, dtype), tokens, null, firstRow);
    }

    private static void checkFirstRow(int firstRow, long length) {
        if (firstRow < 0 || firstRow >= length) {
            throw new IllegalArgumentException("firstRow must be in [0, " + length + "): " + firstRow);
        }
    }

    @Override
    public KeyValueCache newCache(NDManager manager) {
        return new KeyValueCache(manager, layers.size());
    }

    @Override
    public NDArray forwardCached(ParameterStore store, NDArray tokens, KeyValueCache cache) {
        return cachedLogits(store, tokens, cache, false);                                           // (B, n, V)
    }

    /**
     * {@inheritDoc} Here the last layer attends, and the final norm and classifier run, for the last position only: the
     * other positions' keys and values are all the cache needs from them.
     */
    @Override
    public NDArray nextTokenLogits(ParameterStore store, NDArray tokens, KeyValueCache cache) {
        NDArray logits = cachedLogits(store, tokens, cache, true);                                   // (B, 1, V)
        return logits.reshape(logits.getShape().get(0), logits.getShape().get(2));                   // (B, V)
    }

    /** Checks {@code tokens (B, n)} against the context, runs the cached pass and advances the cache by n. */
    private NDArray cachedLogits(ParameterStore store, NDArray tokens, KeyValueCache cache, boolean lastOnly) {
        Shape s = tokens.getShape();
        if (s.dimension() != 2 || tokens.getDataType() != DataType.INT64) {
            throw new IllegalArgumentException("cached decoding takes int64 tokens (B, n), got " + tokens.getDataType() + " " + s);
        }
        int context = config.format().contextLength();
        if (cache.length() + s.get(1) > context) {
            throw new IllegalArgumentException("positions " + cache.length() + ".." + (cache.length() + s.get(1) - 1)
                    + " pass the context of " + context);
        }
        NDArray logits = logits(new Fwd(store, tokens.getManager(), false, dtype), tokens, cache,
                lastOnly ? (int) s.get(1) - 1 : 0);
        cache.advance((int) s.get(1));
        return logits;
    }

    /**
     * The forward pass of a population: P models of this architecture in one graph, member p with its own weights
     * ({@code values}, each parameter's value with a leading member axis) on its own token rows. Member p's logits are those
     * this block computes with member p's weights alone (to float rounding): no operation mixes members.
     *
     * @param values   every parameter of {@link #namedParameters()} (by name) as an array of shape {@code (P, shape...)}
     * @param tokens   token ids {@code (P, B, T)} int64
     * @param training whether this is a training pass
     * @return the logits {@code (P, B, T, vocab)}, created in the tokens' manager
     * @throws IllegalArgumentException when a value is missing, has another shape, or the tokens are not {@code (P, B, T)}
     */
    public NDArray populationLogits(Map<String, NDArray> values, NDArray tokens, boolean training) {
        return populationLogits(values, tokens, 0, training);
    }

    /**
     * {@link #populationLogits(Map, NDArray, boolean)} for the positions from {@code firstRow} on only, as
     * {@link #logitsFrom} computes them for one model.
     *
     * @param values   every parameter of {@link #namedParameters()} (by name) as an array of shape {@code (P, shape...)}
     * @param tokens   token ids {@code (P, B, T)} int64
     * @param firstRow the first position whose logits are wanted, {@code 0 <= firstRow < T}
     * @param training whether this is a training pass
     * @return the logits {@code (P, B, T - firstRow, vocab)}, created in the tokens' manager
     * @throws IllegalArgumentException when a value is missing, has another shape, the tokens are not {@code (P, B, T)} or
     *                                  firstRow is outside {@code [0, T)}
     */
    public NDArray populationLogits(Map<String, NDArray> values, NDArray tokens, int firstRow, boolean training) {
        Shape s = tokens.getShape();
        if (s.dimension() != 3 || tokens.getDataType() != DataType.INT64) {
            throw new IllegalArgumentException("population tokens must be int64 (P, B, T), got " + tokens.getDataType() + " " + s);
        }
        long members = s.get(0);
        Map<Parameter, NDArray> byParameter = new java.util.IdentityHashMap<>();
        for (Map.Entry<String, Parameter> e : namedParameters().entrySet()) {
            NDArray v = values.get(e.getKey());
            Shape want = new Shape(members).addAll(e.getValue().getShape());
            if (v == null || !v.getShape().equals(want)) {
                throw new IllegalArgumentException("population value of " + e.getKey() + " must have shape " + want + ", got "
                        + (v == null ? "none" : v.getShape()));
            }
            byParameter.put(e.getValue(), v);
        }
        checkFirstRow(firstRow, s.get(2));
        return logits(Fwd.population(tokens.getManager(), training, dtype, byParameter, members), tokens, null, firstRow);
    }

    /**
     * Tokens {@code (..., T)} to logits {@code (..., T - firstRow, vocab)}; in a population pass the leading axes are (P, B).
     * With a cache, the tokens are the positions after the cached ones, which they attend to. The last layer's attention
     * and everything after it run for the rows from {@code firstRow} on only: the earlier rows give that layer their keys
     * and values, which is all their logits would not change.
     */
    private NDArray logits(Fwd f, NDArray tokens, KeyValueCache cache, int firstRow) {
        int rank = tokens.getShape().dimension() + 1;                                       // activations (..., T, d)
        int length = (int) tokens.getShape().get(rank - 2);
        int offset = cache == null ? 0 : cache.length();
        NDArray table = token.table(f);                                                     // (vocab, tokenDims)
        // a single layer that reads the table per token needs x = E[tok] only for the residual of the rows from firstRow on
        int embedFrom = firstLayerPerToken && layers.size() == 1 && positions == null ? firstRow : 0;
        NDArray x = token.embed(f, embedFrom > 0 ? tokens.get("..., " + embedFrom + ":") : tokens, table); // (..., T - embedFrom, tokenDims)
        if (positions != null) {
            NDArray p = positions.table(f, offset + length);                               // (offset + T, positionDims)
            if (offset > 0) {
                p = p.get("..., " + offset + ":, :");                                       // (T, positionDims)
            }
            p = f.align(p, rank);
            x = config.residual() == Residual.SUMMED ? x.add(p)
                    : x.concat(p.broadcast(x.getShape().slice(0, rank - 1).add(config.positionDims())), -1); // (..., T, d)
        }
        int last = layers.size() - 1;
        for (int i = 0; i < layers.size(); i++) {
            int from = i == last ? firstRow : 0;
            boolean perToken = i == 0 && firstLayerPerToken;                                // x = table[tok]: per token
            TransformerLayer layer = layers.get(i);
            if (i == last && f.training) {
                // training: the last layer's residual lines and the classifier on columns (Fwd.columns), which pays
                Fwd c = f.columns();
                NDArray update = perToken ? layer.tokenTableUpdate(f, table, tokens, cache, i, from, c)
                        : layer.update(f, x, cache, i, from, c);                            // (d, M), the output product on columns
                x = TransformerLayer.rowsFrom(x, from - embedFrom);                         // (..., T - from, d)
                Shape s = x.getShape();
                NDArray xc = layer.residuals(c, c.toColumns(x), update);                     // (d, M): x + attn, x + ffn
                return c.toRows(classify(c, xc, table), s.slice(0, s.dimension() - 1));   // (..., T - from, vocab)
            }
            x = perToken ? layer.applyTokenTable(f, TransformerLayer.rowsFrom(x, from - embedFrom), table, tokens, cache, i, from)
                    : layer.apply(f, x, cache, i, from);                                    // x + attn(norm(x)), x + ffn(norm(x))
        }
        if (firstRow > 0 && x.getShape().get(rank - 2) == length) {
            x = x.get("..., " + firstRow + ":, :");                                         // (..., T - firstRow, d): no layers
        }
        return classify(f, x, table);
    }

    /** The logits of the final residual {@code x (..., T, d)}: final norm, then the untied, head or tied classifier. */
    private NDArray classify(Fwd f, NDArray x, NDArray table) {
        NDArray y = finalNorm.apply(f, x);                                                  // (..., T, d)
        if (untiedOutput != null) {
            return f.mmT(y, f.p(untiedOutput));                                             // (..., T, vocab)
        }
        if (head != null) {
            y = f.mmT(y, f.p(head));                                                        // (..., T, tokenDims) = H n(x)
        }
        return f.mmT(y, table);                                                             // (..., T, vocab), tied to E
    }

    /**
     * The softmax attention weights of one forward pass over one token row, {@code [layer][head][query t][key j]}; used by
     * {@code AdderModel#attentionMaps}, which checks the tokens first. The pass is the decoder's ({@link GreedyDecoder#logits},
     * no gradients, arrays in a sub-manager of {@code manager} that is closed before returning). While it runs, the attention
     * blocks record their weights, so no other thread may run this block at the same time.
     *
     * @param manager the model's manager
     * @param tokens  one row of token ids, as many as the model's context length at most
     * @return {@code float[layers][heads][tokens.length][tokens.length]}
     */
    public float[][][][] attentionMaps(NDManager manager, long[] tokens) {
        int length = tokens.length;
        List<float[]> captured = new ArrayList<>();
        for (AttentionBlock a : attentions) {
            a.capture = captured;
        }
        try {
            GreedyDecoder.builder(this, manager, length).batchSize(1).build().logits(new long[][] {tokens});
        } finally {
            for (AttentionBlock a : attentions) {
                a.capture = null;
            }
        }
        if (captured.size() != attentions.size()) {
            throw new IllegalStateException("captured " + captured.size() + " attention maps for " + attentions.size() + " layers");
        }
        int heads = config.attention().heads();
        float[][][][] maps = new float[attentions.size()][heads][length][length];
        for (int layer = 0; layer < maps.length; layer++) {
            float[] flat = captured.get(layer);                                              // (1, H, T, T)
            for (int h = 0; h < heads; h++) {
                for (int t = 0; t < length; t++) {
                    System.arraycopy(flat, (h * length + t) * length, maps[layer][h][t], 0, length);
                }
            }
        }
        return maps;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), in.get(1), config.format().vocabSize())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Block child : getChildren().values()) {
            child.initialize(manager, dataType, inputShapes);
        }
    }

    /**
     * Writes seeded initial values into every parameter (after {@link #initialize}).
     *
     * @param seed the seed of the initialisation; the same seed gives the same values
     */
    public void initializeValues(long seed) {
        Seeded r = new Seeded(seed, config.init());
        token.initialize(r);
        if (positions != null) {
            positions.initialize(r);
        }
        if (head != null) {
            r.dense(head, config.dModel(), config.tokenDims()); // H maps the residual (fan-in d) to the token part
        }
        for (TransformerLayer layer : layers) {
            layer.initialize(r);
        }
        finalNorm.initialize(r);
        if (untiedOutput != null) {
            r.outputTable(untiedOutput);
        }
    }

    /**
     * Every parameter once, by name, in a stable order (tied parameters appear once).
     *
     * @return an ordered map from parameter path (e.g. {@code layer0.attention.query.weight}) to parameter
     */
    public Map<String, Parameter> namedParameters() {
        return ParameterValues.named(this);
    }

    /**
     * The per-component parameter report.
     *
     * @return the unique and strict parameter counts, with one row per component
     */
    public ParameterReport report() {
        List<Component> rows = new ArrayList<>();
        token.describe(rows::add);
        if (positions != null) {
            positions.describe(rows::add);
        }
        if (config.relative() instanceof Positions.Rope rope) {
            rows.add(Component.constant("rope", new long[] {config.attention().headDim()}, 0,
                    rope.theta() > 0 ? "RoPE theta " + rope.theta() : "RoPE period " + rope.period()));
        }
        if (head != null) {
            rows.add(Component.learned("head.H", new long[] {config.tokenDims(), config.dModel()}, "head matrix H"));
        }
        java.util.Set<NormBlock> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int i = 0; i < layers.size(); i++) {
            TransformerLayer layer = layers.get(i);
            describeNorm(rows, seen, layer.norm1(), "layer" + i + ".norm1");
            layer.attention().describe(rows::add);
            if (layer.ffn() != null) {
                describeNorm(rows, seen, layer.norm2(), "layer" + i + ".norm2");
                layer.ffn().describe(rows::add);
            }
        }
        describeNorm(rows, seen, finalNorm, "final.norm");
        if (untiedOutput != null) {
            rows.add(Component.learned("output.weight", new long[] {config.format().vocabSize(), config.dModel()}, "untied classifier"));
        } else {
            rows.add(Component.tied("output", new long[] {config.format().vocabSize(), config.tokenDims()},
                    head != null ? "token table through head.H" : "token table"));
        }
        return ParameterReport.of(rows);
    }

    private static void describeNorm(List<Component> rows, java.util.Set<NormBlock> seen, NormBlock n, String site) {
        if (n.weight() == null) {
            return;
        }
        if (seen.add(n)) {
            n.describe(rows::add);
        } else {
            rows.add(Component.tied(site + ".weight", new long[] {n.dims}, n.name + ".weight"));
        }
    }
}
