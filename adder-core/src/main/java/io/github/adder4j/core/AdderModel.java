package io.github.adder4j.core;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.github.adder4j.core.Options.Activation;
import io.github.adder4j.core.Options.Embedding;
import io.github.adder4j.core.Options.FfnOut;
import io.github.adder4j.core.Options.Init;
import io.github.adder4j.core.Options.Norm;
import io.github.adder4j.core.Options.Output;
import io.github.adder4j.core.Options.OutputMode;
import io.github.adder4j.core.Options.Precision;
import io.github.adder4j.core.Options.QkMode;
import io.github.adder4j.core.Options.QkNorm;
import io.github.adder4j.core.Options.Residual;
import io.github.adder4j.core.Options.Softmax;
import io.github.adder4j.core.Options.Source;
import io.github.adder4j.core.Options.ValueMode;
import io.github.adder4j.core.block.AdderNet;
import io.github.adder4j.core.block.ParameterValues;
import io.github.adder4j.core.decode.GreedyDecoder;
import io.github.adder4j.core.format.Formats;
import io.github.adder4j.core.format.TokenFormat;
import io.github.adder4j.core.io.Checkpoint;
import io.github.adder4j.core.io.CheckpointException;
import io.github.adder4j.core.io.CheckpointFormat;
import io.github.adder4j.core.io.Tensor;
import io.github.adder4j.core.params.ParameterFormula;
import io.github.adder4j.core.params.ParameterReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A built addition transformer: its configuration, its DJL block with initialised parameters, and the native memory that
 * holds them (close the model to free it).
 *
 * <pre>{@code
 * try (AdderModel model = Preset.byId("split-57").builder().build()) {
 *     model.parameterReport().uniqueParameters();   // 57 (untrained: load weights to add)
 * }
 * try (AdderModel model = Preset.ROPE19_10.create()) {   // hand-coded weights
 *     long sum = model.adder().add(1234567890L, 9876543210L);   // 11111111100
 * }
 * }</pre>
 */
public final class AdderModel implements TrainableModel {
    private final AdderConfig config;
    private final NDManager manager;
    private final AdderNet net;

    private AdderModel(AdderConfig config) {
        Sizes.checkParameters(config);
        this.config = config;
        this.manager = NDManager.newBaseManager();
        this.net = new AdderNet(config);
        net.initialize(manager, net.dataType(), new Shape(1, config.format().contextLength()));
        net.initializeValues(config.seed());
    }

    /** A builder with the defaults of the classic 777-parameter model (d = 7, vocab 14, learned positions, LayerNorm). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder initialised with a configuration. */
    public static Builder builder(AdderConfig config) {
        return new Builder(config);
    }

    /** Builds a model from a configuration. */
    public static AdderModel of(AdderConfig config) {
        return new AdderModel(Objects.requireNonNull(config, "config"));
    }

    /** The configuration. */
    public AdderConfig config() {
        return config;
    }

    /** The token format. */
    public TokenFormat format() {
        return config.format();
    }

    /** The DJL block: {@code tokens (B, T) int64 -> logits (B, T, vocab)}. */
    @Override
    public AdderNet block() {
        return net;
    }

    @Override
    public DataType dataType() {
        return net.dataType();
    }

    @Override
    public com.google.gson.JsonObject configJson() {
        return ConfigCodec.toJson(config);
    }

    /** The manager that owns the parameters. */
    public NDManager manager() {
        return manager;
    }

    /** Unique parameters (AdderBoard rule), strict count and per-component rows. */
    public ParameterReport parameterReport() {
        return net.report();
    }

    /** Every parameter once, by name. */
    public Map<String, Parameter> namedParameters() {
        return net.namedParameters();
    }

    /** A facade that adds numbers with this model (batch size 4096). */
    public Adder adder() {
        return adder(GreedyDecoder.DEFAULT_BATCH_SIZE);
    }

    /** A facade that adds numbers with this model, decoding {@code batchSize} prompts at a time. */
    public Adder adder(int batchSize) {
        return new Adder(config.format(), decoder(batchSize));
    }

    /** The generic greedy decoder over this model's block. */
    public GreedyDecoder decoder(int batchSize) {
        return GreedyDecoder.builder(net, manager, config.format().contextLength()).batchSize(batchSize).build();
    }

    /** Logits {@code (B, T, vocab)} for token rows (for tools and tests). */
    public float[][][] logits(long[][] tokens) {
        return decoder(GreedyDecoder.DEFAULT_BATCH_SIZE).logits(tokens);
    }

    /**
     * The attention maps of one forward pass over one token row: {@code maps[layer][head][t][j]} is the softmax weight that
     * query position t puts on key position j. They are causal (0 for {@code j > t}) and every row sums to 1 (to at most 1
     * with {@code Softmax.SOFTMAX1}, whose implicit extra logit takes the rest). To see what the last decoding step sees,
     * pass the prompt followed by all generated tokens but the last ({@link TokenFormat#contextLength()} tokens).
     *
     * @param tokens one row of token ids, 1 to {@code format().contextLength()} of them, each in [0, vocabulary size)
     * @return {@code float[layers][heads][tokens.length][tokens.length]}
     * @throws IllegalArgumentException when the row is empty, too long, or holds an id outside the vocabulary
     */
    public float[][][][] attentionMaps(long[] tokens) {
        Objects.requireNonNull(tokens, "tokens");
        int context = config.format().contextLength();
        if (tokens.length < 1 || tokens.length > context) {
            throw new IllegalArgumentException("tokens length must be in [1, " + context + "]: " + tokens.length);
        }
        int vocab = config.format().vocabSize();
        for (int t = 0; t < tokens.length; t++) {
            if (tokens[t] < 0 || tokens[t] >= vocab) {
                throw new IllegalArgumentException("tokens[" + t + "] must be in [0, " + (vocab - 1) + "]: " + tokens[t]);
            }
        }
        return net.attentionMaps(manager, tokens);
    }

    /** Current parameter values as tensors, in {@link #namedParameters()} order. */
    public List<Tensor> tensors() {
        return ParameterValues.tensors(namedParameters());
    }

    /**
     * Replaces parameter values. Every tensor must name a parameter and match its shape, and every parameter must be given:
     * all of this is checked before any value is written, so a failure changes nothing.
     */
    public void load(Map<String, double[]> values) {
        ParameterValues.load(namedParameters(), values);
    }

    /** Loads tensors by name (shapes must match exactly); see {@link #load(Map)}. */
    public void loadTensors(List<Tensor> tensors) {
        ParameterValues.loadTensors(namedParameters(), tensors);
    }

    /**
     * This model as a self-describing checkpoint: the full config, every parameter, and metadata (counts, provenance,
     * results such as {@code adderboard -> 10010/10010}).
     */
    public Checkpoint toCheckpoint(String provenance, Map<String, String> results) {
        ParameterReport report = parameterReport();
        Checkpoint.Metadata meta = new Checkpoint.Metadata(report.uniqueParameters(), report.strictParameters(), provenance,
                Instant.now(), results);
        return new Checkpoint(ConfigCodec.toJson(config), tensors(), meta);
    }

    /** Writes {@link #toCheckpoint} atomically to a file. */
    public void save(Path path, String provenance, Map<String, String> results) {
        CheckpointFormat.write(toCheckpoint(provenance, results), path);
    }

    /** Reads a checkpoint file and rebuilds its model; see {@link #fromCheckpoint}. */
    public static AdderModel load(Path path) {
        return fromCheckpoint(CheckpointFormat.read(path), path.getFileName().toString());
    }

    /**
     * Rebuilds the architecture from the checkpoint's config and loads its parameters. The checkpoint's counts must match the
     * rebuilt model and every parameter must be present with its exact shape; otherwise nothing is returned and the error
     * names the source and the mismatch.
     */
    public static AdderModel fromCheckpoint(Checkpoint checkpoint, String source) {
        AdderConfig config;
        try {
            config = ConfigCodec.fromJson(checkpoint.config());
            Sizes.checkParameters(config);
        } catch (RuntimeException e) {
            throw new CheckpointException(source, "invalid config (" + e.getMessage() + ")", e);
        }
        // the counts are checked against the closed-form formula before anything is allocated
        Checkpoint.Metadata meta = checkpoint.metadata();
        long unique = ParameterFormula.uniqueParameters(config);
        long strict = ParameterFormula.strictParameters(config);
        if (meta.uniqueParameters() != unique || meta.strictParameters() != strict) {
            throw new CheckpointException(source, "metadata says " + meta.uniqueParameters() + "/" + meta.strictParameters()
                    + " parameters (unique/strict) but the config builds " + unique + "/" + strict, null);
        }
        AdderModel model = new AdderModel(config);
        try {
            model.loadTensors(checkpoint.tensors());
            return model;
        } catch (CheckpointException e) {
            model.close();
            throw e;
        } catch (RuntimeException e) {
            model.close();
            throw new CheckpointException(source, "parameters do not fit the config (" + e.getMessage() + ")", e);
        }
    }

    /** Frees the native memory of the parameters. */
    @Override
    public void close() {
        manager.close();
    }

    /**
     * Fluent builder. Single bad values fail at the call with {@link IllegalArgumentException}; bad combinations fail at
     * {@link #build()} / {@link #config()} with {@link IllegalStateException}. {@code build()} may be called repeatedly; each
     * call returns a new, independent model.
     */
    public static final class Builder {
        private TokenFormat format = Formats.MSB_REVERSED_V14;
        private int dModel = 7;
        private Residual residual = Residual.SUMMED;
        private int tokenDims;
        private Embedding embedding = Embedding.TABLE;
        private int embeddingRank;
        private Positions positions;
        private Positions.Relative relative = Positions.Relative.none();
        private Norm norm = Norm.LAYER;
        private Norm finalNorm;
        private double normEps = 1e-5;
        private boolean sharedNorm;
        private QkNorm qkNorm = QkNorm.NONE;
        private int layers = 1;
        private int heads = 1;
        private int kvHeads;
        private int headDim;
        private Source qkSource = Source.ALL;
        private Source vSource = Source.ALL;
        private QkMode qkMode = QkMode.SEPARATE;
        private int sharedRank;
        private ValueMode valueMode = ValueMode.OWN;
        private Projection query = Projection.full();
        private Projection key = Projection.full();
        private Projection value = Projection.full();
        private OutputMode outputMode = OutputMode.PROJECTION;
        private Projection attentionOut = Projection.full();
        private Softmax softmax = Softmax.STANDARD;
        private double attentionScale;
        private boolean attentionBias;
        private int ffnWidth = -1;
        private Activation activation = Activation.GELU;
        private boolean ffnBias;
        private Projection ffnIn = Projection.full();
        private Projection ffnUp = Projection.full();
        private FfnOut ffnOut = FfnOut.OWN;
        private Projection ffnOutProjection = Projection.full();
        private Output output = Output.TIED;
        private Precision precision = Precision.FLOAT32;
        private long seed;
        private Init init = Init.XAVIER;

        Builder() { }

        Builder(AdderConfig c) {
            format = c.format();
            dModel = c.dModel();
            residual = c.residual();
            tokenDims = c.residual() == Residual.SPLIT ? c.tokenDims() : 0;
            embedding = c.embedding();
            embeddingRank = c.embeddingRank();
            positions = c.positions();
            relative = c.relative();
            norm = c.norm().kind();
            finalNorm = c.norm().finalKind();
            normEps = c.norm().eps();
            sharedNorm = c.norm().shared();
            qkNorm = c.norm().qkNorm();
            AttentionSpec a = c.attention();
            layers = a.layers();
            heads = a.heads();
            kvHeads = a.kvHeads();
            headDim = a.headDim();
            qkSource = a.qkSource();
            vSource = a.vSource();
            qkMode = a.qkMode();
            sharedRank = a.sharedRank();
            valueMode = a.valueMode();
            query = a.query();
            key = a.key();
            value = a.value();
            outputMode = a.outputMode();
            attentionOut = a.out();
            softmax = a.softmax();
            attentionScale = a.scale();
            attentionBias = a.bias();
            FfnSpec f = c.ffn();
            ffnWidth = f.width();
            activation = f.activation();
            ffnBias = f.bias();
            ffnIn = f.in();
            ffnUp = f.up();
            ffnOut = f.outMode();
            ffnOutProjection = f.out();
            output = c.output();
            precision = c.precision();
            seed = c.seed();
            init = c.init();
        }

        private static <T> T nonNull(String name, T v) {
            if (v == null) {
                throw new IllegalArgumentException(name + " must not be null");
            }
            return v;
        }

        /** Token layout. */
        public Builder format(TokenFormat format) {
            this.format = nonNull("format", format);
            return this;
        }

        /** Residual width d. */
        public Builder dModel(int dModel) {
            this.dModel = Sizes.positive("dModel", dModel, Sizes.MAX_WIDTH);
            return this;
        }

        /** Summed residual: {@code x = E[tok] + P[pos]} (tokenDims = d). */
        public Builder summed() {
            this.residual = Residual.SUMMED;
            this.tokenDims = 0;
            return this;
        }

        /** Split residual: {@code x = [E[tok] | P[pos]]} with {@code tokenDims} token dimensions. */
        public Builder split(int tokenDims) {
            this.tokenDims = Sizes.positive("tokenDims", tokenDims, Sizes.MAX_WIDTH);
            this.residual = Residual.SPLIT;
            return this;
        }

        /** Token embedding parameterisation (for {@link Embedding#LOW_RANK} use {@link #lowRankEmbedding(int)}). */
        public Builder embedding(Embedding embedding) {
            if (nonNull("embedding", embedding) == Embedding.LOW_RANK) {
                throw new IllegalArgumentException("embedding LOW_RANK needs a rank: use lowRankEmbedding(rank)");
            }
            this.embedding = embedding;
            this.embeddingRank = 0;
            return this;
        }

        /** Low-rank token table {@code (vocab, r) (r, tokenDims)}. */
        public Builder lowRankEmbedding(int rank) {
            this.embeddingRank = Sizes.positive("embeddingRank", rank, Sizes.MAX_WIDTH);
            this.embedding = Embedding.LOW_RANK;
            return this;
        }

        /** Additive positions. */
        public Builder positions(Positions positions) {
            this.positions = nonNull("positions", positions);
            return this;
        }

        /** Relative positions inside attention (RoPE, ALiBi or none). */
        public Builder relative(Positions.Relative relative) {
            this.relative = nonNull("relative", relative);
            return this;
        }

        /** RoPE with base theta and rotate-half pairing (no additive positions unless set explicitly). */
        public Builder rope(double theta) {
            if (!(theta > 0) || Double.isInfinite(theta)) {
                throw new IllegalArgumentException("rope theta must be positive: " + theta);
            }
            this.relative = Positions.Relative.rope(theta, Options.Pairing.ROTATE_HALF);
            return this;
        }

        /** ALiBi bias with the given slope. */
        public Builder alibi(double slope) {
            this.relative = Positions.Relative.alibi(slope);
            return this;
        }

        /** Norm at the pre-attention and pre-FFN sites (and the final one unless {@link #finalNorm} is set). */
        public Builder norm(Norm norm) {
            this.norm = nonNull("norm", norm);
            return this;
        }

        /** Norm before the output head. */
        public Builder finalNorm(Norm finalNorm) {
            this.finalNorm = nonNull("finalNorm", finalNorm);
            return this;
        }

        /** Norm epsilon. */
        public Builder normEps(double eps) {
            if (!(eps > 0) || Double.isInfinite(eps)) {
                throw new IllegalArgumentException("normEps must be positive: " + eps);
            }
            this.normEps = eps;
            return this;
        }

        /** One norm weight shared by every site. */
        public Builder sharedNorm(boolean shared) {
            this.sharedNorm = shared;
            return this;
        }

        /** QK-norm. */
        public Builder qkNorm(QkNorm qkNorm) {
            this.qkNorm = nonNull("qkNorm", qkNorm);
            return this;
        }

        /** Transformer layers. */
        public Builder layers(int layers) {
            this.layers = Sizes.positive("layers", layers, Sizes.MAX_LAYERS);
            return this;
        }

        /** Query heads. */
        public Builder heads(int heads) {
            this.heads = Sizes.positive("heads", heads, Sizes.MAX_HEADS);
            return this;
        }

        /** Key/value heads (default: heads). */
        public Builder kvHeads(int kvHeads) {
            this.kvHeads = Sizes.positive("kvHeads", kvHeads, Sizes.MAX_HEADS);
            return this;
        }

        /** Query/key dimension per head (default: dModel / heads). */
        public Builder headDim(int headDim) {
            this.headDim = Sizes.positive("headDim", headDim, Sizes.MAX_WIDTH);
            return this;
        }

        /** Queries and keys from all dims or from the position part of a split residual. */
        public Builder qkSource(Source source) {
            this.qkSource = nonNull("qkSource", source);
            return this;
        }

        /** Values from all dims or from the token part of a split residual. */
        public Builder valueSource(Source source) {
            this.vSource = nonNull("valueSource", source);
            return this;
        }

        /** How queries and keys are produced. */
        public Builder qkMode(QkMode mode) {
            this.qkMode = nonNull("qkMode", mode);
            return this;
        }

        /** q, k (and v) projections share a first factor {@code A (in, rank)}. */
        public Builder sharedRank(int rank) {
            this.sharedRank = Sizes.positive("sharedRank", rank, Sizes.MAX_WIDTH);
            return this;
        }

        /** How values are produced. */
        public Builder valueMode(ValueMode mode) {
            this.valueMode = nonNull("valueMode", mode);
            return this;
        }

        /** Query projection. */
        public Builder queryProjection(Projection p) {
            this.query = nonNull("queryProjection", p);
            return this;
        }

        /** Key projection (the tied matrix under TIED_PHASE). */
        public Builder keyProjection(Projection p) {
            this.key = nonNull("keyProjection", p);
            return this;
        }

        /** Value projection. */
        public Builder valueProjection(Projection p) {
            this.value = nonNull("valueProjection", p);
            return this;
        }

        /** Attention output projection (sets output mode PROJECTION). */
        public Builder attentionOutput(Projection p) {
            this.attentionOut = nonNull("attentionOutput", p);
            this.outputMode = OutputMode.PROJECTION;
            return this;
        }

        /** Attention output mode. */
        public Builder attentionOutputMode(OutputMode mode) {
            this.outputMode = nonNull("attentionOutputMode", mode);
            return this;
        }

        /** Softmax or softmax1. */
        public Builder softmax(Softmax softmax) {
            this.softmax = nonNull("softmax", softmax);
            return this;
        }

        /** A fixed score scale instead of {@code 1/sqrt(headDim)}. */
        public Builder attentionScale(double scale) {
            if (!(scale > 0) || Double.isInfinite(scale)) {
                throw new IllegalArgumentException("attentionScale must be positive: " + scale);
            }
            this.attentionScale = scale;
            return this;
        }

        /** Biases on the attention projections. */
        public Builder attentionBias(boolean bias) {
            this.attentionBias = bias;
            return this;
        }

        /** FFN width (0 for no FFN; default 2 d). */
        public Builder ffnWidth(int width) {
            this.ffnWidth = Sizes.nonNegative("ffnWidth", width, Sizes.MAX_WIDTH);
            return this;
        }

        /** FFN activation. */
        public Builder activation(Activation activation) {
            this.activation = nonNull("activation", activation);
            return this;
        }

        /** FFN biases. */
        public Builder ffnBias(boolean bias) {
            this.ffnBias = bias;
            return this;
        }

        /** First FFN projection (gate for SwiGLU). */
        public Builder ffnIn(Projection p) {
            this.ffnIn = nonNull("ffnIn", p);
            return this;
        }

        /** SwiGLU up projection. */
        public Builder ffnUp(Projection p) {
            this.ffnUp = nonNull("ffnUp", p);
            return this;
        }

        /** Where the second FFN layer comes from. */
        public Builder ffnOut(FfnOut out) {
            this.ffnOut = nonNull("ffnOut", out);
            return this;
        }

        /** Own second FFN projection (sets ffnOut OWN). */
        public Builder ffnOutProjection(Projection p) {
            this.ffnOutProjection = nonNull("ffnOutProjection", p);
            this.ffnOut = FfnOut.OWN;
            return this;
        }

        /** Every FFN projection low rank. */
        public Builder ffnRank(int rank) {
            Projection p = Projection.lowRank(Sizes.positive("ffnRank", rank, Sizes.MAX_WIDTH));
            this.ffnIn = p;
            this.ffnUp = p;
            this.ffnOutProjection = p;
            return this;
        }

        /** Tied or untied output classifier. */
        public Builder output(Output output) {
            this.output = nonNull("output", output);
            return this;
        }

        /** float32 or float64. */
        public Builder precision(Precision precision) {
            this.precision = nonNull("precision", precision);
            return this;
        }

        /** Seed of the parameter initialisation. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Initialisation scheme of token tables, learned position tables and full matrices (default {@link Init#XAVIER}). */
        public Builder init(Init init) {
            this.init = nonNull("init", init);
            return this;
        }

        /** The validated configuration (no native resources). */
        public AdderConfig config() {
            int hs = heads;
            int hd = headDim > 0 ? headDim : Math.max(1, dModel / hs);
            AttentionSpec attention = new AttentionSpec(layers, hs, kvHeads > 0 ? kvHeads : hs, hd, qkSource, vSource, qkMode,
                    sharedRank, valueMode, query, key, value, outputMode, attentionOut, softmax, attentionScale, attentionBias);
            FfnSpec ffn = new FfnSpec(ffnWidth < 0 ? 2 * dModel : ffnWidth, activation, ffnBias, ffnIn, ffnUp, ffnOut, ffnOutProjection);
            NormSpec norms = new NormSpec(norm, finalNorm != null ? finalNorm : norm, normEps, sharedNorm, qkNorm);
            Positions pos = positions != null ? positions
                    : relative instanceof Positions.NoRelative ? Positions.learned(format.contextLength()) : Positions.none();
            return new AdderConfig(format, dModel, residual, residual == Residual.SPLIT ? tokenDims : dModel, embedding, embeddingRank,
                    pos, relative, norms, attention, ffn, output, precision, seed, init);
        }

        /** Builds a new model. */
        public AdderModel build() {
            return new AdderModel(config());
        }
    }
}
