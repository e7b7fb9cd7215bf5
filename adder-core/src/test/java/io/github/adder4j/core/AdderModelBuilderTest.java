package io.github.adder4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.github.adder4j.core.Options.Activation;
import io.github.adder4j.core.Options.Embedding;
import io.github.adder4j.core.Options.FfnOut;
import io.github.adder4j.core.Options.OutputMode;
import io.github.adder4j.core.Options.QkMode;
import io.github.adder4j.core.Options.Slot;
import io.github.adder4j.core.Options.Source;
import io.github.adder4j.core.Options.ValueMode;
import io.github.adder4j.core.Positions.Scalar;
import io.github.adder4j.core.format.Formats;
import io.github.adder4j.core.format.TokenFormat.PositionRole.Kind;
import io.github.adder4j.core.io.Tensor;
import io.github.adder4j.core.params.Component;
import io.github.adder4j.core.params.ParameterReport;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class AdderModelBuilderTest {

    // ---- single bad values fail at the call ----

    static Stream<Arguments> badValues() {
        return Stream.of(
                bad("dModel must be positive: 0", b -> b.dModel(0)),
                bad("dModel must be positive: -3", b -> b.dModel(-3)),
                bad("tokenDims must be positive: 0", b -> b.split(0)),
                bad("layers must be positive: 0", b -> b.layers(0)),
                bad("heads must be positive: 0", b -> b.heads(0)),
                bad("kvHeads must be positive: -1", b -> b.kvHeads(-1)),
                bad("headDim must be positive: 0", b -> b.headDim(0)),
                bad("ffnWidth must not be negative: -1", b -> b.ffnWidth(-1)),
                bad("normEps must be positive: 0.0", b -> b.normEps(0)),
                bad("normEps must be positive: NaN", b -> b.normEps(Double.NaN)),
                bad("normEps must be positive: Infinity", b -> b.normEps(Double.POSITIVE_INFINITY)),
                bad("attentionScale must be positive: -1.0", b -> b.attentionScale(-1)),
                bad("attentionScale must be positive: 0.0", b -> b.attentionScale(0)),
                bad("rope theta must be positive: 0.0", b -> b.rope(0)),
                bad("rope theta must be positive: Infinity", b -> b.rope(Double.POSITIVE_INFINITY)),
                bad("alibi slope must be finite: NaN", b -> b.alibi(Double.NaN)),
                bad("sharedRank must be positive: 0", b -> b.sharedRank(0)),
                bad("ffnRank must be positive: 0", b -> b.ffnRank(0)),
                bad("embeddingRank must be positive: 0", b -> b.lowRankEmbedding(0)),
                bad("embedding LOW_RANK needs a rank: use lowRankEmbedding(rank)", b -> b.embedding(Embedding.LOW_RANK)),
                bad("rank must be positive: 0", b -> b.queryProjection(Projection.lowRank(0))),
                bad("format must not be null", b -> b.format(null)),
                bad("embedding must not be null", b -> b.embedding(null)),
                bad("positions must not be null", b -> b.positions(null)),
                bad("relative must not be null", b -> b.relative(null)),
                bad("norm must not be null", b -> b.norm(null)),
                bad("finalNorm must not be null", b -> b.finalNorm(null)),
                bad("qkNorm must not be null", b -> b.qkNorm(null)),
                bad("qkSource must not be null", b -> b.qkSource(null)),
                bad("valueSource must not be null", b -> b.valueSource(null)),
                bad("qkMode must not be null", b -> b.qkMode(null)),
                bad("valueMode must not be null", b -> b.valueMode(null)),
                bad("queryProjection must not be null", b -> b.queryProjection(null)),
                bad("keyProjection must not be null", b -> b.keyProjection(null)),
                bad("valueProjection must not be null", b -> b.valueProjection(null)),
                bad("attentionOutput must not be null", b -> b.attentionOutput(null)),
                bad("attentionOutputMode must not be null", b -> b.attentionOutputMode(null)),
                bad("softmax must not be null", b -> b.softmax(null)),
                bad("activation must not be null", b -> b.activation(null)),
                bad("ffnIn must not be null", b -> b.ffnIn(null)),
                bad("ffnUp must not be null", b -> b.ffnUp(null)),
                bad("ffnOut must not be null", b -> b.ffnOut(null)),
                bad("ffnOutProjection must not be null", b -> b.ffnOutProjection(null)),
                bad("output must not be null", b -> b.output(null)),
                bad("precision must not be null", b -> b.precision(null)),
                bad("init must not be null", b -> b.init(null)));
    }

    private static Arguments bad(String message, Consumer<AdderModel.Builder> call) {
        return Arguments.of(message, call);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void badValueFailsAtTheCallAndLeavesTheBuilderUnchanged(String message, Consumer<AdderModel.Builder> call) {
        AdderModel.Builder builder = AdderModel.builder();
        AdderConfig before = builder.config();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> call.accept(builder));
        assertEquals(message, e.getMessage());
        assertEquals(before, builder.config());
    }

    // ---- bad combinations fail at config() and build() ----

    private static Positions.Spiral spiral(Map<Kind, Slot> specials) {
        return new Positions.Spiral(Scalar.frozen(3.5), Scalar.frozen(0), Scalar.frozen(0.15), Scalar.frozen(0), specials);
    }

    static Stream<Arguments> badCombinations() {
        return Stream.of(
                combination("a split residual needs tokenDims < dModel: tokenDims=7, dModel=7",
                        () -> AdderModel.builder().split(7)),
                combination("qkSource/vSource other than ALL need a split residual: qkSource=POSITION, vSource=ALL",
                        () -> AdderModel.builder().qkSource(Source.POSITION)),
                combination("qkSource/vSource other than ALL need a split residual: qkSource=ALL, vSource=TOKEN",
                        () -> AdderModel.builder().valueSource(Source.TOKEN)),
                combination("qkSource must be ALL or POSITION and vSource ALL or TOKEN: qkSource=TOKEN, vSource=ALL",
                        () -> AdderModel.builder().dModel(5).split(2).qkSource(Source.TOKEN)),
                combination("spiral positions need an LSB-34 format: msb-rev-v14",
                        () -> AdderModel.builder().dModel(5).split(2).positions(spiral(Map.of()))),
                combination("spiral positions need a split residual with 3 position dims: residual=SPLIT, positionDims=4",
                        () -> AdderModel.builder().format(Formats.LSB34_V10).dModel(6).split(2).positions(spiral(Map.of()))),
                combination("spiral positions need a split residual with 3 position dims: residual=SUMMED, positionDims=3",
                        () -> AdderModel.builder().format(Formats.LSB34_V10).dModel(3).positions(spiral(Map.of()))),
                combination("spiral special slot PAD does not occur in format lsb34-v10",
                        () -> AdderModel.builder().format(Formats.LSB34_V10).dModel(5).split(2)
                                .positions(spiral(Map.of(Kind.PAD, Slot.LEARNED)))),
                combination("embedding PARABOLIC needs tokenDims == 2: 3",
                        () -> AdderModel.builder().dModel(5).split(3).embedding(Embedding.PARABOLIC)),
                combination("embedding ARC needs tokenDims >= 2: 1",
                        () -> AdderModel.builder().dModel(4).split(1).embedding(Embedding.ARC)),
                combination("learned positions need at least contextLength rows: rows=20, contextLength=33 (msb-rev-v14)",
                        () -> AdderModel.builder().positions(Positions.learned(20))),
                combination("learned positions need at least contextLength rows: rows=33, contextLength=41 (rope19-31)",
                        () -> AdderModel.builder().format(Formats.ROPE19_31).positions(Positions.learnedLowRank(33, 2))),
                combination("sinusoid positions need an even number of position dims: 7",
                        () -> AdderModel.builder().positions(Positions.sinusoid(10))),
                combination("a split residual needs additive positions for its 3 position dims",
                        () -> AdderModel.builder().dModel(5).split(2).positions(Positions.none())),
                combination("heads must be a multiple of kvHeads: heads=3, kvHeads=2",
                        () -> AdderModel.builder().heads(3).kvHeads(2)),
                combination("qkMode TIED_PHASE needs kvHeads == heads: heads=2, kvHeads=1",
                        () -> AdderModel.builder().dModel(8).heads(2).kvHeads(1).qkMode(QkMode.TIED_PHASE)),
                combination("qkMode K_ROTATES_Q needs headDim >= 2: 1",
                        () -> AdderModel.builder().headDim(1).qkMode(QkMode.K_ROTATES_Q)),
                combination("sharedRank needs qkMode SEPARATE: TIED_PHASE",
                        () -> AdderModel.builder().sharedRank(2).qkMode(QkMode.TIED_PHASE)),
                combination("sharedRank needs the same source for q, k and v: qkSource=POSITION, vSource=ALL",
                        () -> AdderModel.builder().dModel(5).split(2).sharedRank(2).qkSource(Source.POSITION)),
                combination("sharedRank needs full q/k/v second factors",
                        () -> AdderModel.builder().sharedRank(2).queryProjection(Projection.lowRank(2))),
                combination("valueMode HEAD needs a split residual, a tied output, 1 head and vSource TOKEN",
                        () -> AdderModel.builder().valueMode(ValueMode.HEAD)),
                combination("valueMode HEAD needs a split residual, a tied output, 1 head and vSource TOKEN",
                        () -> Preset.SPLIT_57.builder().output(Options.Output.UNTIED)),
                combination("valueMode EQUALS_Q needs kvHeads == heads",
                        () -> AdderModel.builder().dModel(8).heads(2).kvHeads(1).valueMode(ValueMode.EQUALS_Q)),
                combination("outputMode IDENTITY needs heads * valueDim == dModel: 1 * 4 != 7",
                        () -> AdderModel.builder().headDim(4).attentionOutputMode(OutputMode.IDENTITY)),
                combination("outputMode QUERY_TRANSPOSE needs a full query projection from all dims (no TIED_PHASE, no sharedRank)",
                        () -> AdderModel.builder().queryProjection(Projection.lowRank(2)).attentionOutputMode(OutputMode.QUERY_TRANSPOSE)),
                combination("outputMode QUERY_TRANSPOSE needs a full query projection from all dims (no TIED_PHASE, no sharedRank)",
                        () -> AdderModel.builder().qkMode(QkMode.TIED_PHASE).attentionOutputMode(OutputMode.QUERY_TRANSPOSE)),
                combination("rope needs an even headDim: 7",
                        () -> AdderModel.builder().rope(10_000)),
                combination("key fixed matrix is 2x2 but the site needs 7x7",
                        () -> AdderModel.builder().keyProjection(Projection.fixed(new double[][] {{1, 0}, {0, 1}}))),
                combination("ffn in basis matrices are 2x3 but the site needs 14x7",
                        () -> AdderModel.builder().ffnIn(Projection.basis(List.<double[][]>of(new double[2][3]), new double[] {1}))),
                combination("ffnOut HEAD needs a split residual with a tied output and ffnWidth == tokenDims: ffnWidth=3, tokenDims=2",
                        () -> Preset.SPLIT_57.builder().ffnWidth(3)),
                combination("ffnOut HEAD needs a split residual with a tied output and ffnWidth == tokenDims: ffnWidth=14, tokenDims=7",
                        () -> AdderModel.builder().ffnOut(FfnOut.HEAD)),
                combination("ffnOut ROTATED_UP_TRANSPOSE needs a SWIGLU activation with a full up projection and dModel >= 2",
                        () -> AdderModel.builder().ffnOut(FfnOut.ROTATED_UP_TRANSPOSE)),
                combination("ffnOut ROTATED_UP_TRANSPOSE needs a SWIGLU activation with a full up projection and dModel >= 2",
                        () -> AdderModel.builder().activation(Activation.SWIGLU).ffnRank(2).ffnOut(FfnOut.ROTATED_UP_TRANSPOSE)));
    }

    private static Arguments combination(String message, Supplier<AdderModel.Builder> builder) {
        return Arguments.of(message, builder);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCombinations")
    void badCombinationFailsAtConfigAndBuild(String message, Supplier<AdderModel.Builder> builder) {
        AdderModel.Builder b = builder.get();
        assertEquals(message, assertThrows(IllegalStateException.class, b::config).getMessage());
        assertEquals(message, assertThrows(IllegalStateException.class, b::build).getMessage());
    }

    @Test
    void embeddingRankMustMatchTheEmbeddingKind() {
        AdderConfig c = AdderModel.builder().config();
        IllegalStateException zero = assertThrows(IllegalStateException.class, () -> withEmbedding(c, Embedding.LOW_RANK, 0));
        assertEquals("embedding LOW_RANK needs embeddingRank > 0: 0", zero.getMessage());
        IllegalStateException unused = assertThrows(IllegalStateException.class, () -> withEmbedding(c, Embedding.TABLE, 2));
        assertEquals("embeddingRank is only used by embedding LOW_RANK: embedding=TABLE, embeddingRank=2", unused.getMessage());
    }

    @Test
    void summedResidualNeedsAllDimsForTheToken() {
        AdderConfig c = AdderModel.builder().config();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new AdderConfig(c.format(), 7, c.residual(), 5,
                c.embedding(), 0, c.positions(), c.relative(), c.norm(), c.attention(), c.ffn(), c.output(), c.precision(), 0, c.init()));
        assertEquals("a summed residual needs tokenDims == dModel: tokenDims=5, dModel=7", e.getMessage());
    }

    private static AdderConfig withEmbedding(AdderConfig c, Embedding embedding, int rank) {
        return new AdderConfig(c.format(), c.dModel(), c.residual(), c.tokenDims(), embedding, rank, c.positions(), c.relative(),
                c.norm(), c.attention(), c.ffn(), c.output(), c.precision(), c.seed(), c.init());
    }

    // ---- defaults ----

    @Test
    void defaultsAreTheClassic777Model() {
        AdderConfig c = AdderModel.builder().config();
        assertEquals(Preset.CLASSIC_777.builder().config(), c.toBuilder().positions(Positions.learned(35)).config());
        assertEquals(new Positions.Learned(33, 0), c.positions(), "default positions cover the context");
        assertEquals(7, c.attention().headDim());
        assertEquals(1, c.attention().kvHeads());
        assertEquals(14, c.ffn().width());
    }

    @Test
    void relativePositionsMakeNoAdditivePositionsTheDefault() {
        assertEquals(new Positions.None(), AdderModel.builder().dModel(8).rope(3).config().positions());
        assertEquals(new Positions.None(), AdderModel.builder().alibi(0.5).config().positions());
    }

    // ---- build() is repeatable ----

    @Test
    void buildIsRepeatableAndEveryModelIsIndependent() {
        AdderModel.Builder builder = Preset.LOWRANK_311.builder().seed(11);
        AdderModel first = builder.build();
        try (AdderModel second = builder.build(); AdderModel otherSeed = builder.seed(12).build()) {
            assertNotSame(first.manager(), second.manager());
            List<Tensor> initial = first.tensors();
            assertEquals(initial, second.tensors(), "same seed, same initial parameters");
            assertNotEquals(initial, otherSeed.tensors(), "different seed, different initial parameters");
            assertEquals(initial.stream().map(Tensor::name).toList(), otherSeed.tensors().stream().map(Tensor::name).toList());
            assertEquals(11, first.config().seed(), "changing the builder does not change a built model");

            Map<String, double[]> changed = new LinkedHashMap<>();
            for (Tensor t : initial) {
                double[] v = t.values();
                for (int i = 0; i < v.length; i++) {
                    v[i] += 1;
                }
                changed.put(t.name(), v);
            }
            first.load(changed);
            assertNotEquals(initial, first.tensors());
            assertEquals(initial, second.tensors(), "writing one model leaves the other alone");
            first.close();
            assertEquals(initial, second.tensors(), "closing one model leaves the other alone");
        } finally {
            first.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Preset.class)
    void configSurvivesToBuilder(Preset preset) {
        AdderConfig config = preset.builder().config();
        assertEquals(config, config.toBuilder().config());
        assertEquals(config, AdderModel.builder(config).config());
    }

    @Test
    void tiedPhaseAttentionRotatesEveryHeadOnItsOwn() {
        // q = R(theta) k per head: the rotation acts on (B, T, heads, headDim), not on all heads * headDim at once
        try (AdderModel model = AdderModel.builder().dModel(8).heads(2).headDim(4).qkMode(QkMode.TIED_PHASE).build()) {
            long[][] prompts = model.format().prompts(new long[] {1234567890L}, new long[] {9876543210L});
            float[][][] logits = model.logits(prompts);
            assertEquals(model.format().promptLength(), logits[0].length);
            for (float[] v : logits[0]) {
                assertEquals(model.format().vocabSize(), v.length);
                for (float x : v) {
                    assertTrue(Float.isFinite(x));
                }
            }
        }
    }

    // ---- tying ----

    @Test
    void headMatrixOfSplit57IsOneParameterForValueFfnOutputAndClassifier() throws ReflectiveOperationException {
        try (AdderModel model = Preset.SPLIT_57.create()) {
            Map<String, Parameter> named = model.namedParameters();
            Parameter head = named.get("head.H");
            assertNotNull(head);
            assertEquals(1, named.values().stream().filter(p -> p.getName().equals("head.H")).count());
            assertEquals(1, model.block().getParameters().values().stream().filter(p -> p.getId().equals(head.getId())).count(),
                    "head.H is registered once");
            // the attention (v = u H) and the FFN (down = H) hold the very same Parameter object
            List<Parameter> uses = new ArrayList<>();
            headUses(model.block(), uses);
            assertEquals(2, uses.size());
            for (Parameter use : uses) {
                assertSame(head, use);
                assertEquals(head.getId(), use.getId());
            }

            ParameterReport report = model.parameterReport();
            Component learned = row(report, "head.H");
            assertEquals(Component.Kind.LEARNED, learned.kind());
            assertEquals(10, learned.count());
            Component value = row(report, "layer0.attention.value");
            Component ffnOut = row(report, "layer0.ffn.out");
            for (Component tied : List.of(value, ffnOut)) {
                assertEquals(Component.Kind.TIED, tied.kind(), tied.name());
                assertEquals(0, tied.count(), tied.name());
                assertTrue(tied.note().startsWith("same parameter as head.H"), tied.note());
            }
            assertEquals("same parameter as token table through head.H", row(report, "output").note());
            assertEquals(1, report.components().stream().filter(c -> c.kind() == Component.Kind.LEARNED && c.name().contains("head")).count());
        }
    }

    /** The head matrix as held by the FFN blocks ({@code head}) and the attention blocks' value strategy ({@code values.head()}). */
    private static void headUses(Block block, List<Parameter> uses) throws ReflectiveOperationException {
        for (Block child : block.getChildren().values()) {
            String type = child.getClass().getSimpleName();
            if (type.equals("FeedForwardBlock")) {
                Field f = child.getClass().getDeclaredField("head");
                f.setAccessible(true);
                uses.add((Parameter) f.get(child));
            } else if (type.equals("AttentionBlock")) {
                Field f = child.getClass().getDeclaredField("values");
                f.setAccessible(true);
                Object values = f.get(child);
                java.lang.reflect.Method head = values.getClass().getDeclaredMethod("head");
                head.setAccessible(true);
                uses.add((Parameter) head.invoke(values));
            }
            headUses(child, uses);
        }
    }

    @Test
    void sharedNormOfSplit57IsOneParameter() {
        try (AdderModel model = Preset.SPLIT_57.create()) {
            Map<String, Parameter> named = model.namedParameters();
            Parameter norm = named.get("norm.weight");
            assertNotNull(norm);
            assertEquals(5, norm.getArray().getShape().size());
            assertFalse(named.keySet().stream().anyMatch(n -> n.contains("norm1") || n.contains("norm2") || n.startsWith("final")),
                    named.keySet().toString());
            assertEquals(1, model.block().getParameters().values().stream().filter(p -> p.getId().equals(norm.getId())).count());
            ParameterReport report = model.parameterReport();
            assertEquals(Component.Kind.LEARNED, row(report, "norm.weight").kind());
            for (String site : List.of("layer0.norm2.weight", "final.norm.weight")) {
                assertEquals(Component.Kind.TIED, row(report, site).kind(), site);
                assertEquals("same parameter as norm.weight", row(report, site).note(), site);
            }
        }
    }

    private static Component row(ParameterReport report, String name) {
        return report.components().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + name + " in\n" + report.table()));
    }
}
