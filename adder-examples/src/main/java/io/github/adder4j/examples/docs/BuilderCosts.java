package io.github.adder4j.examples.docs;

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
import io.github.adder4j.core.Options.Residual;
import io.github.adder4j.core.Options.Softmax;
import io.github.adder4j.core.Options.Source;
import io.github.adder4j.core.Options.ValueMode;
import io.github.adder4j.core.Positions;
import io.github.adder4j.core.Preset;
import io.github.adder4j.core.Projection;
import io.github.adder4j.core.format.Formats;
import io.github.adder4j.core.params.ParameterFormula;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Section {@code builder-costs}: what each builder option costs in parameters. Every row compares two configurations that
 * differ only in that option, counted with {@link ParameterFormula}: options that the classic 777-parameter model does not
 * use are added to it; options it cannot take (split-residual options, hand-coded projections) are taken away from the
 * published model that uses them. The last column lists the presets whose configuration uses the option.
 */
final class BuilderCosts {
    private BuilderCosts() { }

    /** The section's name. */
    static final String NAME = "builder-costs";

    /**
     * One comparison.
     *
     * @param option the builder call, as code
     * @param base the configuration without the option, in words
     * @param without the configuration without the option
     * @param with the configuration with it
     * @param usedBy which presets use the option (null: every model sets it)
     */
    record Row(String option, String base, AdderConfig without, AdderConfig with, Predicate<AdderConfig> usedBy) { }

    /** The base change for options that need even dimensions (rotations pair them up). */
    private static final String EVEN = "dModel(8).headDim(8)";

    private static final UnaryOperator<AdderModel.Builder> EVEN_DIMS = b -> b.dModel(8).headDim(8);

    /** Every row, in the order of the builder guide. */
    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        // token layout and embedding
        rows.add(added("format(Formats.Q24_V10)", b -> b.format(Formats.Q24_V10), c -> c.format() == Formats.Q24_V10));
        rows.add(added("dModel(8)", b -> b.dModel(8), null));
        rows.add(added("split(3)", b -> b.split(3), c -> c.residual() == Residual.SPLIT));
        rows.add(added("embedding(Embedding.ARC)", b -> b.embedding(Embedding.ARC), c -> c.embedding() == Embedding.ARC));
        rows.add(added("embedding(Embedding.ARC2)", b -> b.embedding(Embedding.ARC2), c -> c.embedding() == Embedding.ARC2));
        rows.add(removed(Preset.ROPE19_10, "embedding(Embedding.PARABOLIC)", "embedding(Embedding.TABLE)",
                b -> b.embedding(Embedding.TABLE), c -> c.embedding() == Embedding.PARABOLIC));
        rows.add(added("lowRankEmbedding(2)", b -> b.lowRankEmbedding(2), c -> c.embedding() == Embedding.LOW_RANK));
        // positions
        rows.add(added("positions(Positions.none())", b -> b.positions(Positions.none()),
                c -> c.positions() instanceof Positions.None));
        rows.add(added(EVEN, EVEN_DIMS, "positions(Positions.sinusoid(11))", b -> b.positions(Positions.sinusoid(11)),
                c -> c.positions() instanceof Positions.Sinusoid));
        rows.add(added("positions(Positions.learnedLowRank(35, 3))", b -> b.positions(Positions.learnedLowRank(35, 3)),
                c -> c.positions() instanceof Positions.Learned l && l.rank() > 0));
        rows.add(removed(Preset.SPLIT_57, "positions(spiral: 4 frozen scalars, 2 learned slots)",
                "positions(Positions.learned(34))", b -> b.positions(Positions.learned(34)),
                c -> c.positions() instanceof Positions.Spiral));
        rows.add(added(EVEN, EVEN_DIMS, "rope(3)", b -> b.rope(3), c -> c.relative() instanceof Positions.Rope r && r.theta() > 0));
        rows.add(added(EVEN, EVEN_DIMS, "relative(Positions.Relative.ropePeriod(19, Pairing.ROTATE_HALF))",
                b -> b.relative(Positions.Relative.ropePeriod(19, Pairing.ROTATE_HALF)),
                c -> c.relative() instanceof Positions.Rope r && r.period() > 0));
        rows.add(added("alibi(Math.log(10))", b -> b.alibi(Math.log(10)), c -> c.relative() instanceof Positions.Alibi));
        // norms
        rows.add(added("norm(Norm.RMS)", b -> b.norm(Norm.RMS), c -> c.norm().kind() == Norm.RMS));
        rows.add(added("norm(Norm.RMS_PLAIN)", b -> b.norm(Norm.RMS_PLAIN), c -> c.norm().kind() == Norm.RMS_PLAIN));
        rows.add(added("finalNorm(Norm.RMS)", b -> b.finalNorm(Norm.RMS), c -> c.norm().finalKind() != c.norm().kind()));
        rows.add(added("sharedNorm(true)", b -> b.sharedNorm(true), c -> c.norm().shared()));
        rows.add(added("normEps(1e-6)", b -> b.normEps(1e-6), null));
        rows.add(added("qkNorm(QkNorm.SEPARATE)", b -> b.qkNorm(QkNorm.SEPARATE), c -> c.norm().qkNorm() == QkNorm.SEPARATE));
        rows.add(added("qkNorm(QkNorm.SHARED)", b -> b.qkNorm(QkNorm.SHARED), c -> c.norm().qkNorm() == QkNorm.SHARED));
        rows.add(added("qkNorm(QkNorm.PLAIN)", b -> b.qkNorm(QkNorm.PLAIN), c -> c.norm().qkNorm() == QkNorm.PLAIN));
        // attention shape
        rows.add(added("layers(2)", b -> b.layers(2), c -> c.attention().layers() > 1));
        rows.add(added("heads(2)", b -> b.heads(2), c -> c.attention().heads() > 1));
        rows.add(added("heads(2)", b -> b.heads(2), "kvHeads(1)", b -> b.kvHeads(1),
                c -> c.attention().kvHeads() < c.attention().heads()));
        rows.add(added("headDim(4)", b -> b.headDim(4), null));
        rows.add(removed(Preset.SPLIT_234, "qkSource(Source.POSITION)", "qkSource(Source.ALL)", b -> b.qkSource(Source.ALL),
                c -> c.attention().qkSource() == Source.POSITION));
        rows.add(removed(Preset.SPLIT_234, "valueSource(Source.TOKEN)", "valueSource(Source.ALL)", b -> b.valueSource(Source.ALL),
                c -> c.attention().vSource() == Source.TOKEN));
        // how q, k, v are made
        rows.add(removed(Preset.SPLIT_57, "qkMode(QkMode.TIED_PHASE)", "qkMode(QkMode.SEPARATE)", b -> b.qkMode(QkMode.SEPARATE),
                c -> c.attention().qkMode() == QkMode.TIED_PHASE));
        rows.add(added("qkMode(QkMode.K_ROTATES_Q)", b -> b.qkMode(QkMode.K_ROTATES_Q),
                c -> c.attention().qkMode() == QkMode.K_ROTATES_Q));
        rows.add(added("sharedRank(3)", b -> b.sharedRank(3), c -> c.attention().sharedRank() > 0));
        rows.add(added("valueMode(ValueMode.EQUALS_K)", b -> b.valueMode(ValueMode.EQUALS_K),
                c -> c.attention().valueMode() == ValueMode.EQUALS_K));
        rows.add(added("valueMode(ValueMode.EQUALS_Q)", b -> b.valueMode(ValueMode.EQUALS_Q),
                c -> c.attention().valueMode() == ValueMode.EQUALS_Q));
        rows.add(removed(Preset.SPLIT_57, "valueMode(ValueMode.HEAD)", "valueMode(ValueMode.OWN)", b -> b.valueMode(ValueMode.OWN),
                c -> c.attention().valueMode() == ValueMode.HEAD));
        rows.add(added("queryProjection(Projection.lowRank(2))", b -> b.queryProjection(Projection.lowRank(2)),
                c -> c.attention().query() instanceof Projection.LowRank));
        rows.add(added("keyProjection(Projection.lowRank(2))", b -> b.keyProjection(Projection.lowRank(2)),
                c -> c.attention().key() instanceof Projection.LowRank));
        rows.add(added("valueProjection(Projection.lowRank(2))", b -> b.valueProjection(Projection.lowRank(2)),
                c -> c.attention().value() instanceof Projection.LowRank));
        rows.add(removed(Preset.ROPE19_10, "queryProjection(Projection.basis(2 matrices))", "queryProjection(Projection.full())",
                b -> b.queryProjection(Projection.full()), c -> c.attention().query() instanceof Projection.Basis));
        rows.add(removed(Preset.ROPE19_10, "keyProjection(Projection.fixed(k = [x0, 0]))", "keyProjection(Projection.full())",
                b -> b.keyProjection(Projection.full()), c -> c.attention().key() instanceof Projection.Fixed));
        // attention output and scores
        rows.add(added("attentionOutput(Projection.lowRank(2))", b -> b.attentionOutput(Projection.lowRank(2)),
                c -> c.attention().outputMode() == OutputMode.PROJECTION && c.attention().out() instanceof Projection.LowRank));
        rows.add(added("attentionOutputMode(OutputMode.QUERY_TRANSPOSE)", b -> b.attentionOutputMode(OutputMode.QUERY_TRANSPOSE),
                c -> c.attention().outputMode() == OutputMode.QUERY_TRANSPOSE));
        rows.add(added("attentionOutputMode(OutputMode.IDENTITY)", b -> b.attentionOutputMode(OutputMode.IDENTITY),
                c -> c.attention().outputMode() == OutputMode.IDENTITY));
        rows.add(added("softmax(Softmax.SOFTMAX1)", b -> b.softmax(Softmax.SOFTMAX1), c -> c.attention().softmax() == Softmax.SOFTMAX1));
        rows.add(added("attentionScale(0.5)", b -> b.attentionScale(0.5), c -> c.attention().scale() > 0));
        rows.add(added("attentionBias(true)", b -> b.attentionBias(true), c -> c.attention().bias()));
        // feed-forward
        rows.add(added("ffnWidth(7)", b -> b.ffnWidth(7), null));
        rows.add(added("ffnWidth(0)", b -> b.ffnWidth(0), c -> c.ffn().width() == 0));
        rows.add(added("activation(Activation.RELU)", b -> b.activation(Activation.RELU), c -> c.ffn().activation() == Activation.RELU));
        rows.add(added("activation(Activation.SWIGLU)", b -> b.activation(Activation.SWIGLU),
                c -> c.ffn().activation() == Activation.SWIGLU));
        rows.add(added("ffnBias(true)", b -> b.ffnBias(true), c -> c.ffn().bias()));
        rows.add(added("ffnRank(3)", b -> b.ffnRank(3), c -> c.ffn().in() instanceof Projection.LowRank));
        rows.add(added("ffnIn(Projection.lowRank(3))", b -> b.ffnIn(Projection.lowRank(3)),
                c -> c.ffn().in() instanceof Projection.LowRank));
        rows.add(removed(Preset.SPLIT_57, "ffnOut(FfnOut.HEAD)", "ffnOutProjection(Projection.full())",
                b -> b.ffnOutProjection(Projection.full()), c -> c.ffn().outMode() == FfnOut.HEAD));
        rows.add(removed(Preset.ROPE_36, "ffnOut(FfnOut.ROTATED_UP_TRANSPOSE)", "ffnOutProjection(Projection.full())",
                b -> b.ffnOutProjection(Projection.full()), c -> c.ffn().outMode() == FfnOut.ROTATED_UP_TRANSPOSE));
        // output and numerics
        rows.add(added("output(Output.UNTIED)", b -> b.output(Output.UNTIED), c -> c.output() == Output.UNTIED));
        rows.add(added("precision(Precision.FLOAT64)", b -> b.precision(Precision.FLOAT64), c -> c.precision() == Precision.FLOAT64));
        rows.add(added("seed(7)", b -> b.seed(7), null));
        rows.add(added("init(Init.TORCH)", b -> b.init(io.github.adder4j.core.Options.Init.TORCH), null));
        return rows;
    }

    /** The option added to the classic 777-parameter model. */
    private static Row added(String option, UnaryOperator<AdderModel.Builder> change, Predicate<AdderConfig> usedBy) {
        return new Row(option, "classic-777", config(Preset.CLASSIC_777.builder()), config(change.apply(Preset.CLASSIC_777.builder())),
                usedBy);
    }

    /** The option added to the classic 777-parameter model after {@code base} (which needs it). */
    private static Row added(String baseOption, UnaryOperator<AdderModel.Builder> base, String option,
                             UnaryOperator<AdderModel.Builder> change, Predicate<AdderConfig> usedBy) {
        return new Row(option, "classic-777 with " + baseOption, config(base.apply(Preset.CLASSIC_777.builder())),
                config(change.apply(base.apply(Preset.CLASSIC_777.builder()))), usedBy);
    }

    /** The option taken away from a preset that uses it (replaced by {@code replacement}). */
    private static Row removed(Preset preset, String option, String replacement, UnaryOperator<AdderModel.Builder> revert,
                               Predicate<AdderConfig> usedBy) {
        return new Row(option, preset.id() + " with " + replacement + " instead", config(revert.apply(preset.builder())),
                config(preset.builder()), usedBy);
    }

    private static AdderConfig config(AdderModel.Builder b) {
        return b.config();
    }

    /** The table. */
    static String render() {
        MarkdownTable t = new MarkdownTable("option", "compared on", "#without", "#with", "#unique +/-", "#strict +/-",
                "presets that use it");
        for (Row r : rows()) {
            long u0 = ParameterFormula.uniqueParameters(r.without());
            long u1 = ParameterFormula.uniqueParameters(r.with());
            long s0 = ParameterFormula.strictParameters(r.without());
            long s1 = ParameterFormula.strictParameters(r.with());
            t.row("`" + r.option() + "`", r.base(), u0, u1, signed(u1 - u0), signed(s1 - s0), usedBy(r.usedBy()));
        }
        return t.render();
    }

    private static String signed(long v) {
        return v > 0 ? "+" + v : Long.toString(v);
    }

    private static String usedBy(Predicate<AdderConfig> p) {
        if (p == null) {
            return "every model sets it";
        }
        String ids = Arrays.stream(Preset.values()).filter(x -> p.test(x.builder().config())).map(Preset::id)
                .collect(Collectors.joining(", "));
        return ids.isEmpty() ? "none" : ids;
    }
}
