package io.github.adder4j.examples.docs;

import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.Preset;
import io.github.adder4j.core.params.ParameterReport;
import java.util.Locale;

/**
 * Section {@code presets}: every {@link Preset} with the count its publication reports and the unique (AdderBoard) and
 * strict counts of the model adder4j builds from it, as {@link AdderModel#parameterReport()} derives them from the blocks.
 */
final class PresetTable {
    private PresetTable() { }

    /** The section's name. */
    static final String NAME = "presets";

    /** The table. */
    static String render() {
        MarkdownTable t = new MarkdownTable("preset", "#published", "#unique (AdderBoard)", "#strict", "format", "precision",
                "weights");
        for (Preset p : Preset.values()) {
            try (AdderModel model = p.builder().build()) {
                ParameterReport r = model.parameterReport();
                t.row("`" + p.id() + "`", p.publishedParameters(), r.uniqueParameters(), r.strictParameters(),
                        "`" + model.format().id() + "`", model.config().precision().name().toLowerCase(Locale.ROOT), weights(p));
            }
        }
        return t.render();
    }

    private static String weights(Preset p) {
        if (p.handCoded()) {
            return "hand-coded (`Preset.create()`)";
        }
        String fixture = ConformanceTable.FIXTURES.get(p);
        return fixture != null ? "published (`" + fixture + "`)" : "train with `Recipe.forPreset`";
    }
}
