package io.github.adder4j.core;

import io.github.adder4j.core.Options.Activation;
import io.github.adder4j.core.Options.Embedding;
import io.github.adder4j.core.Options.FfnOut;
import io.github.adder4j.core.Options.Norm;
import io.github.adder4j.core.Options.OutputMode;
import io.github.adder4j.core.Options.QkMode;
import io.github.adder4j.core.Options.QkNorm;
import io.github.adder4j.core.Options.Slot;
import io.github.adder4j.core.Options.Source;
import io.github.adder4j.core.Options.ValueMode;
import io.github.adder4j.core.Positions.Scalar;
import io.github.adder4j.core.format.Formats;
import io.github.adder4j.core.format.TokenFormat.PositionRole.Kind;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The published architectures as builder presets. Each returns a fresh builder, so any option can be overridden:
 * {@code Preset.SPLIT_57.builder().seed(7).build()}. {@link #publishedParameters()} is the count the publication reports;
 * the test suite checks that our parameter report reproduces it exactly.
 */
public enum Preset {
    /** Split-subspace d=5 (2 token + 3 position), tied Q/K with phase, triple-duty head, shared RMSNorm. */
    SPLIT_57("split-57", 57, Preset::split57),
    /** split-57 with a separate FFN output layer. */
    SPLIT_67("split-67", 67, () -> split57().ffnOutProjection(Projection.full())),
    /** split-67 with the 4 spiral scalars learned and a 5x3 tied Q/K matrix. */
    SPLIT_74("split-74", 74, () -> split57().ffnOutProjection(Projection.full()).headDim(5)
            .positions(spiral(true, Map.of(Kind.EQUALS, Slot.LEARNED, Kind.SUM_CARRY, Slot.LEARNED)))),
    /** Split-subspace d=6, learned spiral, LayerNorm, 2 heads. */
    SPLIT_234("split-234", 234, Preset::split234),
    /** d=4, rank-3 positions, shared-A tied-KV attention, rank-3 FFN. */
    LOWRANK_311("lowrank-311", 311, Preset::lowrank311),
    /** lowrank-491 with shared-A tied-KV attention and a rank-2 attention output. */
    LOWRANK_456("lowrank-456", 456, () -> lowrank512().norm(Norm.RMS).valueMode(ValueMode.EQUALS_K).attentionOutput(Projection.lowRank(2))),
    /** lowrank-512 with weight-only RMSNorm. */
    LOWRANK_491("lowrank-491", 491, () -> lowrank512().norm(Norm.RMS)),
    /** classic-777 with rank-3 positions, QKV, attention output and FFN. */
    LOWRANK_512("lowrank-512", 512, Preset::lowrank512),
    /** d=7, FFN 14, learned positions, LayerNorm: the classic 777-parameter model. */
    CLASSIC_777("classic-777", 777, Preset::classic777),
    /** Qwen3-style d=3, RoPE theta 3, QK-norm, SwiGLU. */
    ROPE_122("rope-122", 122, Preset::rope122),
    /** The 36-parameter trained record: arc embedding, K = rot(Q), V = Q, O = Q^T, shared norms, down = rot(up^T). */
    ROPE_36("rope-36", 36, Preset::rope36),
    /** Hand-coded RoPE period-19 construction, 10 parameters, float64; weights set by {@link HandCoded#rope19}. */
    ROPE19_10("rope19-10", 10, HandCoded::rope19Builder);

    private final String id;
    private final long published;
    private final Supplier<AdderModel.Builder> builder;

    Preset(String id, long published, Supplier<AdderModel.Builder> builder) {
        this.id = id;
        this.published = published;
        this.builder = builder;
    }

    /**
     * The preset's name, e.g. {@code split-57}.
     *
     * @return the id used by the CLI, the zoo and checkpoints, e.g. {@code split-57}
     */
    public String id() {
        return id;
    }

    /**
     * The unique-parameter count the publication reports.
     *
     * @return the count by the AdderBoard rules, e.g. 57 for {@link #SPLIT_57}
     */
    public long publishedParameters() {
        return published;
    }

    /**
     * A fresh builder for this architecture.
     *
     * @return a new builder holding this preset's options; change any before building
     */
    public AdderModel.Builder builder() {
        return builder.get();
    }

    /**
     * Builds the model; for hand-coded presets also sets the constructed weights.
     *
     * @return a new model; the caller closes it
     */
    public AdderModel create() {
        AdderModel model = builder().build();
        if (this == ROPE19_10) {
            HandCoded.rope19(model);
        }
        return model;
    }

    /**
     * Whether the weights of this preset are constructed by code rather than trained.
     *
     * @return {@code true} for the hand-coded presets
     */
    public boolean handCoded() {
        return this == ROPE19_10;
    }

    /**
     * The preset with the given id.
     *
     * @param id a preset id, e.g. {@code split-57}
     * @return the preset of that id
     * @throws IllegalArgumentException {@code unknown preset: <id> (known: ...)} when there is none
     */
    public static Preset byId(String id) {
        for (Preset p : values()) {
            if (p.id.equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown preset: " + id + " (known: " + ids() + ")");
    }

    /**
     * All preset ids, comma separated.
     *
     * @return the ids in declaration order, separated by {@code ", "}
     */
    public static String ids() {
        return Arrays.stream(values()).map(Preset::id).collect(Collectors.joining(", "));
    }

    static Positions.Spiral spiral(boolean learned, Map<Kind, Slot> specials) {
        return new Positions.Spiral(new Scalar(3.5, learned), new Scalar(0.0, learned), new Scalar(0.15, learned),
                new Scalar(0.0, learned), specials);
    }

    private static AdderModel.Builder split57() {
        Map<Kind, Slot> specials = new LinkedHashMap<>();
        specials.put(Kind.PLUS, Slot.ZERO);
        specials.put(Kind.EQUALS, Slot.LEARNED);
        specials.put(Kind.SUM_CARRY, Slot.LEARNED);
        specials.put(Kind.EOS, Slot.ZERO);
        return AdderModel.builder().format(Formats.LSB34_V10).dModel(5).split(2).embedding(Embedding.ARC)
                .positions(spiral(false, specials))
                .norm(Norm.RMS).normEps(1e-5).sharedNorm(true)
                .heads(1).headDim(4).qkSource(Source.POSITION).valueSource(Source.TOKEN)
                .qkMode(QkMode.TIED_PHASE).valueMode(ValueMode.HEAD).attentionOutput(Projection.lowRank(1))
                .ffnWidth(2).activation(Activation.GELU).ffnOut(FfnOut.HEAD);
    }

    private static AdderModel.Builder split234() {
        Map<Kind, Slot> specials = Map.of(Kind.PLUS, Slot.LEARNED, Kind.EQUALS, Slot.LEARNED, Kind.EOS, Slot.LEARNED,
                Kind.SUM_CARRY, Slot.LEARNED);
        return AdderModel.builder().format(Formats.LSB34_V14).dModel(6).split(3).embedding(Embedding.TABLE)
                .positions(spiral(true, specials))
                .norm(Norm.LAYER).normEps(1e-5)
                .heads(2).headDim(3).qkSource(Source.POSITION).valueSource(Source.TOKEN)
                .ffnWidth(2).activation(Activation.GELU).ffnBias(true);
    }

    private static AdderModel.Builder lowrank311() {
        return AdderModel.builder().format(Formats.MSB_REVERSED_V14).dModel(4).summed().embedding(Embedding.TABLE)
                .positions(Positions.learnedLowRank(33, 3))
                .norm(Norm.RMS).normEps(1e-8)
                .heads(1).headDim(4).sharedRank(3).valueMode(ValueMode.EQUALS_K).attentionOutput(Projection.lowRank(3))
                .ffnWidth(8).activation(Activation.GELU).ffnRank(3);
    }

    private static AdderModel.Builder classic777() {
        return AdderModel.builder().format(Formats.MSB_REVERSED_V14).dModel(7).summed().embedding(Embedding.TABLE)
                .positions(Positions.learned(35))
                .norm(Norm.LAYER).normEps(1e-5)
                .heads(1).headDim(7)
                .ffnWidth(14).activation(Activation.GELU);
    }

    private static AdderModel.Builder lowrank512() {
        return classic777().positions(Positions.learnedLowRank(33, 3)).sharedRank(3)
                .attentionOutput(Projection.lowRank(3)).ffnRank(3);
    }

    private static AdderModel.Builder rope122() {
        return AdderModel.builder().format(Formats.Q24_V10).dModel(3).summed().embedding(Embedding.TABLE)
                .positions(Positions.none()).rope(3)
                .norm(Norm.RMS).normEps(1e-6).qkNorm(QkNorm.SEPARATE)
                .heads(1).headDim(4)
                .ffnWidth(3).activation(Activation.SWIGLU);
    }

    private static AdderModel.Builder rope36() {
        return AdderModel.builder().format(Formats.Q24_V10).dModel(3).summed().embedding(Embedding.ARC)
                .positions(Positions.none()).rope(3)
                .norm(Norm.RMS).normEps(1e-6).sharedNorm(true).qkNorm(QkNorm.SHARED)
                .heads(1).headDim(4).qkMode(QkMode.K_ROTATES_Q).valueMode(ValueMode.EQUALS_Q)
                .attentionOutputMode(OutputMode.QUERY_TRANSPOSE)
                .ffnWidth(2).activation(Activation.SWIGLU).ffnOut(FfnOut.ROTATED_UP_TRANSPOSE);
    }
}
