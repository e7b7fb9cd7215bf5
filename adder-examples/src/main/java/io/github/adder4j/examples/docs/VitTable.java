package io.github.adder4j.examples.docs;

import io.github.adder4j.core.params.Component;
import io.github.adder4j.core.params.ParameterReport;
import io.github.adder4j.core.vision.VitConfig;
import io.github.adder4j.core.vision.VitModel;
import io.github.adder4j.train.Recipe;
import java.util.List;
import java.util.Map;

/**
 * Sections {@code micro-vit-params}, the parameter report of the {@code micro-vit} preset, and {@code vit-sizes}, the
 * parameters of the ViT sizes of the sweep ({@link #SIZES}), each built and counted.
 */
final class VitTable {
    private VitTable() { }

    /** The parameter section's name. */
    static final String NAME = "micro-vit-params";

    /** The sizes section's name. */
    static final String SIZES_NAME = "vit-sizes";

    /** The sizes of the sweep, as the recipe's {@code model} field gives them ({@code -} is the preset itself). */
    static final List<String> SIZES = List.of("-", "dModel=24", "dModel=16", "dModel=12,headDim=4");

    /** One row per component of the Micro-ViT, then the total. */
    static String render() {
        MarkdownTable t = new MarkdownTable("component", "shape", "#parameters", "what");
        ParameterReport report;
        try (VitModel model = VitModel.of(VitConfig.microVit())) {
            report = model.parameterReport();
        }
        for (Component c : report.components()) {
            t.row("`" + c.name() + "`", c.shapeText(), c.count(), c.note());
        }
        t.row("**total**", "", report.uniqueParameters(), "");
        return t.render();
    }

    /** One row per size of the sweep: its options and parameter count. */
    static String renderSizes() {
        MarkdownTable t = new MarkdownTable("model field", "d", "heads x head dim", "#parameters");
        for (String size : SIZES) {
            VitConfig c = config(size);
            try (VitModel model = VitModel.of(c)) {
                t.row(size.equals("-") ? "(micro-vit)" : "`" + size + "`", c.dModel(), c.heads() + " x " + c.headDim(),
                        model.parameterReport().uniqueParameters());
            }
        }
        return t.render();
    }

    /** The ViT of a sweep size: the recipe's, with the size as its {@code model} field. */
    static VitConfig config(String size) {
        Recipe base = Recipe.forPreset(VitConfig.MICRO_VIT, 1);
        return (size.equals("-") ? base : base.with(Map.of("model", size))).vitConfig();
    }
}
