package io.github.adder4j.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
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

    /**
     * A builder with the defaults of the classic 777-parameter model (d = 7, vocab 14, learned positions, LayerNorm).
     *
     * @return a new builder; every option can be changed before {@link Builder#build()}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder initialised with a configuration.
     *
     * @param config the configuration to start from
     * @return a new builder holding every value of {@code config}
     */
    public static Builder builder(AdderConfig config) {
        return new Builder(config);
    }

    /**
     * Builds a model from a configuration.
     *
     * @param config a validated configuration
     * @return a new model with seeded initial weights; the caller closes it
     */
    public static AdderModel of(AdderConfig config) {
        return new AdderModel(Objects.requireNonNull(config, "config"));
    }

    /**
     * The configuration.
     *
     * @return the validated configuration this model was built from
     */
    public AdderConfig config() {
        return config;
    }

    /**
     * The token format.
     *
     * @return the token layout of prompts and answers
     */
    public TokenFormat format() {
        return config.format();
    }

    /** The DJL block: {@code tokens (B, T) int64 -> logits (B, T, vocab)}. */
    @Override
    public AdderNet block() {
        return net;
    }

    /** {@inheritDoc} Here the last layer attends, and the feed-forward block and classifier run, for those rows only. */
    @Override
    public NDArray logitsFrom(ParameterStore store, NDArray inputs, int firstRow, boolean training) {
        return net.logitsFrom(store, inputs, firstRow, training);
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

    /**
     * A facade that adds numbers with this model (batch size 4096).
     *
     * @return an adder backed by this model; it is valid until the model is closed
     */
    public Adder adder() {
        return adder(GreedyDecoder.DEFAULT_BATCH_SIZE);
    }

    /**
     * A facade that adds numbers with this model, decoding {@code batchSize} prompts at a time.
     *
     * @param batchSize prompts decoded per forward pass, at least 1
     * @return an adder backed by this model; it is valid until the model is closed
     */
    public Adder adder(int batchSize) {
        return new Adder(config.format(), decoder(batchSize));
    }

    /**
     * The generic greedy decoder over this model's block.
     *
     * @param batchSize prompts decoded per forward pass, at least 1
     * @return a decoder of this model's block
     */
    public GreedyDecoder decoder(int batchSize) {
        return GreedyDecoder.builder(net, manager, config.format().contextLength()).batchSize(batchSize).build();
    }

    /**
     * An adder whose decoder recomputes the whole prefix at every step instead of continuing from cached keys and values:
     * the reference the cached decoding is tested and timed against (both give the same answers).
     *
     * @param batchSize prompts decoded per forward pass, at least 1
     * @return an adder over a non-caching decoder
     */
    public Adder recomputingAdder(int batchSize) {
        return new Adder(config.format(), GreedyDecoder.builder(net, manager, config.format().contextLength()).batchSize(batchSize)
                .cached(false).build());
    }

    /**
     * Logits {@code (B, T, vocab)} for token rows (for tools and tests).
     *
     * @param tokens token ids, one row per sequence, all rows of the same length, each id below the vocabulary size
     * @return the logits as {@code [row][position][token]}
     */
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

    /**
     * Current parameter values as tensors, in {@link #namedParameters()} order.
     *
     * @return a new list of tensors, each named by its parameter path (e.g. {@code layer0.attention.query.weight})
     */
    public List<Tensor> tensors() {
        return ParameterValues.tensors(namedParameters());
    }

    /**
     * Replaces parameter values. Every tensor must name a parameter and match its shape, and every parameter must be given:
     * all of this is checked before any value is written, so a failure changes nothing.
     *
     * @param values the new values by parameter name, each row-major and of the parameter's size
     * @throws IllegalArgumentException naming the parameter when a name is unknown or missing or a size does not match
     */
    public void load(Map<String, double[]> values) {
        ParameterValues.load(namedParameters(), values);
    }

    /**
     * Loads tensors by name (shapes must match exactly); see {@link #load(Map)}.
     *
     * @param tensors the new values as tensors named by parameter, each of the parameter's exact shape
     * @throws IllegalArgumentException naming the tensor when a name is unknown or missing or a shape does not match
     */
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

    /**
     * Reads a checkpoint file and rebuilds its model; see {@link #fromCheckpoint}.
     *
     * @param path an adder4j checkpoint file
     * @return the rebuilt model with the checkpoint's weights; the caller closes it
     * @throws io.github.adder4j.core.io.CheckpointException when the file is not a valid checkpoint of an addition
     *                                                       model
     */
    public static AdderModel load(Path path) {
        return fromCheckpoint(CheckpointFormat.read(path), path.getFileName().toString());
    }

    /**
     * Rebuilds the architecture from the checkpoint's config and loads its parameters. The checkpoint's counts must match the
     * rebuilt model and every parameter must be present with its exact shape; otherwise nothing is returned and the error
     * names the source and the mismatch.
     *
     * @param checkpoint a checkpoint of an addition model (not of a ViT)
     * @param source the checkpoint's name for messages, e.g. its file name
     * @return the rebuilt model with the checkpoint's weights; the caller closes it
     * @throws IllegalArgumentException naming {@code source} when the config is invalid or the parameters do not fit it
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

        /**
         * Token layout.
         *
         * @param format the token format, e.g. one of {@link io.github.adder4j.core.format.Formats}; not null
         * @return this builder
         * @throws IllegalArgumentException when {@code format} is null
         */
        public Builder format(TokenFormat format) {
            this.format = nonNull("format", format);
            return this;
        }

        /**
         * Residual width d.
         *
         * @param dModel the width d of the residual stream, from 1 to {@link Sizes#MAX_WIDTH}
         * @return this builder
         * @throws IllegalArgumentException naming the value when it is out of range
         */
        public Builder dModel(int dModel) {
            this.dModel = Sizes.positive("dModel", dModel, Sizes.MAX_WIDTH);
            return this;
        }

        /**
         * Summed residual: {@code x = E[tok] + P[pos]} (tokenDims = d).
         *
         * @return this builder
         */
        public Builder summed() {
            this.residual = Residual.SUMMED;
            this.tokenDims = 0;
            return this;
        }

        /**
         * Split residual: {@code x = [E[tok] | P[pos]]} with {@code tokenDims} token dimensions.
         *
         * @param tokenDims the token part of the residual, from 1 to {@link Sizes#MAX_WIDTH} (and below {@code dModel},
         *                  checked at build)
         * @return this builder
         * @throws IllegalArgumentException naming the value when it is out of range
         */
        public Builder split(int tokenDims) {
            this.tokenDims = Sizes.positive("tokenDims", tokenDims, Sizes.MAX_WIDTH);
            this.residual = Residual.SPLIT;
            return this;
        }

        /**
         * Token embedding parameterisation (for {@link Embedding#LOW_RANK} use {@link #lowRankEmbedding(int)}).
         *
         * @param embedding the parameterisation of the token table, not null and not {@link Embedding#LOW_RANK}
         * @return this builder
         * @throws IllegalArgumentException when {@code embedding} is null or {@link Embedding#LOW_RANK}
         */
        public Builder embedding(Embedding embedding) {
            if (nonNull("embedding", embedding) == Embedding.LOW_RANK) {
                throw new IllegalArgumentException("embedding LOW_RANK needs a rank: use lowRankEmbedding(rank)");
            }
            this.embedding = embedding;
            this.embeddingRank = 0;
            return this;
        }

        /**
         * Low-rank token table {@code (vocab, r) (r, tokenDims)}.
         *
         * @param rank the rank r of the factorised table, from 1 to {@link Sizes#MAX_WIDTH}
         * @return this builder
         * @throws IllegalArgumentException naming the value when it is out of range
         */
        public Builder lowRankEmbedding(int rank) {
            this.embeddingRank = Sizes.positive("embeddingRank", rank, Sizes.MAX_WIDTH);
            this.embedding = Embedding.LOW_RANK;
            return this;
        }

        /**
         * Additive positions.
         *
         * @param positions the additive position encoding, e.g. {@link Positions#learned(int)}; not null
         * @return this builder
         * @throws IllegalArgumentException when {@code positions} is null
         */
        public Builder positions(Positions positions) {
            this.positions = nonNull("positions", positions);
            return this;
        }

        /**
         * Relative positions inside attention (RoPE, ALiBi or none).
         *
         * @param relative the relative position encoding, e.g. {@link Positions.Relative#none()}; not null
         * @return this builder
         * @throws IllegalArgumentException when {@code relative} is null
         */
        public Builder relative(Positions.Relative relative) {
            this.relative = nonNull("relative", relative);
            return this;
        }

        /**
         * RoPE with base theta and rotate-half pairing (no additive positions unless set explicitly).
         *
         * @param theta the base of the frequency ladder, positive and finite (the usual value is 10000)
         * @return this builder
         * @throws IllegalArgumentException {@code rope theta must be positive: <theta>} otherwise
         */
        public Builder rope(double theta) {
            if (!(theta > 0) || Double.isInfinite(theta)) {
                throw new IllegalArgumentException("rope theta must be positive: " + theta);
            }
            this.relative = Positions.Relative.rope(theta, Options.Pairing.ROTATE_HALF);
            return this;
        }

        /**
         * ALiBi bias with the given slope.
         *
         * @param slope the bias per position of distance, finite
         * @return this builder
         * @throws IllegalArgumentException {@code alibi slope must be finite: <slope>} otherwise
         */
        public Builder alibi(double slope) {
            this.relative = Positions.Relative.alibi(slope);
            return this;
        }

        /**
         * Norm at the pre-attention and pre-FFN sites (and the final one unless {@link #finalNorm} is set).
         *
         * @param norm the kind of norm (or none); not null
         * @return this builder
         * @throws IllegalArgumentException when {@code norm} is null
         */
        public Builder norm(Norm norm) {
            this.norm = nonNull("norm", norm);
            return this;
        }

        /**
         * Norm before the output head.
         *
         * @param finalNorm the kind of norm before the head (or none); not null
         * @return this builder
         * @throws IllegalArgumentException when {@code finalNorm} is null
         */
        public Builder finalNorm(Norm finalNorm) {
            this.finalNorm = nonNull("finalNorm", finalNorm);
            return this;
        }

        /**
         * Norm epsilon.
         *
         * @param eps the epsilon added under the square root of every norm, positive and finite (default 1e-5)
         * @return this builder
         * @throws IllegalArgumentException {@code normEps must be positive: <eps>} otherwise
         */
        public Builder normEps(double eps) {
            if (!(eps > 0) || Double.isInfinite(eps)) {
                throw new IllegalArgumentException("normEps must be positive: " + eps);
            }
            this.normEps = eps;
            return this;
        }

        /**
         * One norm weight shared by every site.
         *
         * @param shared {@code true} for one weight vector (and bias) for every norm site of the same kind
         * @return this builder
         */
        public Builder sharedNorm(boolean shared) {
            this.sharedNorm = shared;
            return this;
        }

        /**
         * QK-norm.
         *
         * @param qkNorm the per-head normalisation of queries and keys (or none); not null
         * @return this builder
         * @throws IllegalArgumentException when {@code qkNorm} is null
         */
        public Builder qkNorm(QkNorm qkNorm) {
            this.qkNorm = nonNull("qkNorm", qkNorm);
            return this;
        }

        /**
         * Transformer layers.
         *
         * @param layers the number of transformer layers, from 1 to {@link Sizes#MAX_LAYERS}
         * @return this builder
         * @throws IllegalArgumentException naming the value when it is out of range
         */
        public Builder layers(int layers) {
            this.layers = Sizes.positive("layers", layers, Sizes.MAX_LAYERS);
            return this;
        }

        /**
         * Query heads.
         *
         * @param heads the number of query heads, from 1 to {@link Sizes#MAX_HEADS}
         * @return this builder
         * @throws IllegalArgumentException naming the value when it is out of range
         */
        public Builder heads(int heads) {
            this.heads = Sizes.positive("heads", heads, Sizes.MAX_HEADS);
            return this;
        }

        /**
         * Key/value heads (default: heads).
         *
         * @param kvHeads the number of key/value heads, from 1 to {@link Sizes#MAX_HEADS}, dividing {@code heads}
         *                (checked at build)
         * @return this builder
         * @throws IllegalArgumentException naming the value when it is out of range
         */
        public Builder kvHeads(int kvHeads) {
            this.kvHeads = Sizes.positive("kvHeads", kvHeads, Sizes.MAX_HEADS);
            return this;
        }

        /**
         * Query/key dimension per head (default: dModel / heads).
         *
         * @param headDim the query/key width of one head, from 1 to {@link Sizes#MAX_WIDTH}
         * @return this builder
         * @throws IllegalArgumentException naming the value when it is out of range
         */
        public Builder headDim(int headDim) {
            this.headDim = Sizes.positive("headDim", headDim, Sizes.MAX_WIDTH);
            return this;
        }

        /**
         * Queries and keys from all dims or from the position part of a split residual.
         *
         * @param source {@link Source#ALL} or {@link Source#POSITION}; not null
         * @return this builder
         * @throws IllegalArgumentException when {@code source} is null
         */
        public Builder qkSource(Source source) {
            this.qkSource = nonNull("qkSource", source);
            return this;
        }

        /**
         * Values from all dims or from the token part of a split residual.
         *
         * @param source {@link Source#ALL} or {@link Source#TOKEN}; not null
         * @return this builder
         * @throws IllegalArgumentException when {@code source} is null
         */
        public Builder valueSource(Source source) {
            this.vSource = nonNull("valueSource", source);
            return this;
        }

        /**
         * How queries and keys are produced.
         *
         * @param mode the way queries and keys are made, e.g. separate projections or one tied matrix with a phase; not
         *             null
         * @return this builder
         * @throws IllegalArgumentException when {@code mode} is null
         */
        public Builder qkMode(QkMode mode) {
            this.qkMode = nonNull("qkMode", mode);
            return this;
        }

        /**
         * q, k (and v) projections share a first factor {@code A (in, rank)}.
         *
         * @param rank the width of the shared first factor, from 1 to {@link Sizes#MAX_WIDTH}
         * @return this builder
         * @throws IllegalArgumentException naming the value when it is out of range
         */
        public Builder sharedRank(int rank) {
            this.sharedRank = Sizes.positive("sharedRank", rank, Sizes.MAX_WIDTH);
            return this;
        }

        /**
         * How values are produced.
         *
         * @param mode the way values are made; not null
         * @return this builder
         * @throws IllegalArgumentException when {@code mode} is null
         */
        public Builder valueMode(ValueMode mode) {
            this.valueMode = nonNull("valueMode", mode);
            return this;
        }

        /**
         * Query projection.
         *
         * @param p the parameterisation of the query projection; not null
         * @return this builder
         * @throws IllegalArgumentException when {@code p} is null
         */
        public Builder queryProjection(Projection p) {
            this.query = nonNull("queryProjection", p);
            return this;
        }

        /**
         * Key projection (the tied matrix under TIED_PHASE).
         *
         * @param p the parameterisation of the key projection; not null
         * @return this builder
         * @throws IllegalArgumentException when {@code p} is null
         */
        public Builder keyProjection(Projection p) {
            this.key = nonNull("keyProjection", p);
            return this;
        }

        /**
         * Value projection.
         *
         * @param p the parameterisation of the value projection; not null
         * @return this builder
         * @throws IllegalArgumentException when {@code p} is null
         */
        public Builder valueProjection(Projection p) {
            this.value = nonNull("valueProjection", p);
            return this;
        }

        /**
         * Attention output projection (sets output mode PROJECTION).
         *
         * @param p the parameterisation of the output projection; not null
         * @return this builder
         * @throws IllegalArgumentException when {@code p} is null
         */
        public Builder attentionOutput(Projection p) {
            this.attentionOut = nonNull("attentionOutput", p);
            this.outputMode = OutputMode.PROJECTION;
            return this;
        }

        /**
         * Attention output mode.
         *
         * @param mode how the heads' outputs return to the residual stream; not null
         * @return this builder
         * @throws IllegalArgumentException when {@code mode} is null
         */
        public Builder attentionOutputMode(OutputMode mode) {
            this.outputMode = nonNull("attentionOutputMode", mode);
            return this;
        }

        /**
         * Softmax or softmax1.
         *
         * @param softmax {@link Softmax#STANDARD} or softmax1 (an extra zero logit); not null
         * @return this builder
         * @throws IllegalArgumentException when {@code softmax} is null
         */
        public Builder softmax(Softmax softmax) {
            this.softmax = nonNull("softmax", softmax);
            return this;
        }

        /**
         * A fixed score scale instead of {@code 1/sqrt(headDim)}.
         *
         * @param scale the factor applied to every score, positive and finite
         * @return this builder
         * @throws IllegalArgumentException {@code attentionScale must be positive: <scale>} otherwise
         */
        public Builder attentionScale(double scale) {
            if (!(scale > 0) || Double.isInfinite(scale)) {
                throw new IllegalArgumentException("attentionScale must be positive: " + scale);
            }
            this.attentionScale = scale;
            return this;
        }

        /**
         * Biases on the attention projections.
         *
         * @param bias {@code true} for a learned bias on each attention projection
         * @return this builder
         */
        public Builder attentionBias(boolean bias) {
            this.attentionBias = bias;
            return this;
        }

        /**
         * FFN width (0 for no FFN; default 2 d).
         *
         * @param width the hidden width of the FFN, from 0 (no FFN) to {@link Sizes#MAX_WIDTH}
         * @return this builder
         * @throws IllegalArgumentException naming the value when it is out of range
         */
        public Builder ffnWidth(int width) {
            this.ffnWidth = Sizes.nonNegative("ffnWidth", width, Sizes.MAX_WIDTH);
            return this;
        }

        /**
         * FFN activation.
         *
         * @param activation the FFN's nonlinearity; not null
         * @return this builder
         * @throws IllegalArgumentException when {@code activation} is null
         */
        public Builder activation(Activation activation) {
            this.activation = nonNull("activation", activation);
            return this;
        }

        /**
         * FFN biases.
         *
         * @param bias {@code true} for learned biases on the FFN projections
         * @return this builder
         */
        public Builder ffnBias(boolean bias) {
            this.ffnBias = bias;
            return this;
        }

        /**
         * First FFN projection (gate for SwiGLU).
         *
         * @param p the parameterisation of the first FFN projection; not null
         * @return this builder
         * @throws IllegalArgumentException when {@code p} is null
         */
        public Builder ffnIn(Projection p) {
            this.ffnIn = nonNull("ffnIn", p);
            return this;
        }

        /**
         * SwiGLU up projection.
         *
         * @param p the parameterisation of the SwiGLU up projection; not null
         * @return this builder
         * @throws IllegalArgumentException when {@code p} is null
         */
        public Builder ffnUp(Projection p) {
            this.ffnUp = nonNull("ffnUp", p);
            return this;
        }

        /**
         * Where the second FFN layer comes from.
         *
         * @param out an own projection or a matrix shared with another site (e.g. the head); not null
         * @return this builder
         * @throws IllegalArgumentException when {@code out} is null
         */
        public Builder ffnOut(FfnOut out) {
            this.ffnOut = nonNull("ffnOut", out);
            return this;
        }

        /**
         * Own second FFN projection (sets ffnOut OWN).
         *
         * @param p the parameterisation of the second FFN projection; not null
         * @return this builder
         * @throws IllegalArgumentException when {@code p} is null
         */
        public Builder ffnOutProjection(Projection p) {
            this.ffnOutProjection = nonNull("ffnOutProjection", p);
            this.ffnOut = FfnOut.OWN;
            return this;
        }

        /**
         * Every FFN projection low rank.
         *
         * @param rank the rank of every FFN projection, from 1 to {@link Sizes#MAX_WIDTH}
         * @return this builder
         * @throws IllegalArgumentException naming the value when it is out of range
         */
        public Builder ffnRank(int rank) {
            Projection p = Projection.lowRank(Sizes.positive("ffnRank", rank, Sizes.MAX_WIDTH));
            this.ffnIn = p;
            this.ffnUp = p;
            this.ffnOutProjection = p;
            return this;
        }

        /**
         * Tied or untied output classifier.
         *
         * @param output {@link Output#TIED} (the token table transposed) or an own classifier; not null
         * @return this builder
         * @throws IllegalArgumentException when {@code output} is null
         */
        public Builder output(Output output) {
            this.output = nonNull("output", output);
            return this;
        }

        /**
         * float32 or float64.
         *
         * @param precision the floating-point type of parameters and activations; not null
         * @return this builder
         * @throws IllegalArgumentException when {@code precision} is null
         */
        public Builder precision(Precision precision) {
            this.precision = nonNull("precision", precision);
            return this;
        }

        /**
         * Seed of the parameter initialisation.
         *
         * @param seed any value; the same seed gives the same initial weights
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Initialisation scheme of token tables, learned position tables and full matrices (default {@link Init#XAVIER}).
         *
         * @param init the initialisation scheme; not null
         * @return this builder
         * @throws IllegalArgumentException when {@code init} is null
         */
        public Builder init(Init init) {
            this.init = nonNull("init", init);
            return this;
        }

        /**
         * The validated configuration (no native resources).
         *
         * @return the configuration of the options set so far
         * @throws IllegalStateException naming the options when they do not fit together
         */
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

        /**
         * Builds a new model.
         *
         * @return a new model with seeded initial weights; the caller closes it
         * @throws IllegalStateException naming the options when they do not fit together
         */
        public AdderModel build() {
            return new AdderModel(config());
        }
    }
}
