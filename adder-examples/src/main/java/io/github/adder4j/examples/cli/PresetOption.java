package io.github.adder4j.examples.cli;

import io.github.adder4j.core.Preset;
import picocli.CommandLine.Option;

/** The required {@code --preset NAME} option, as a picocli mixin. */
public final class PresetOption {

    @Option(names = "--preset", required = true, paramLabel = "NAME", converter = Converters.PresetConverter.class,
            completionCandidates = Converters.PresetIds.class,
            description = "Architecture preset: ${COMPLETION-CANDIDATES}.")
    private Preset preset;

    /** Creates the mixin (picocli instantiates it). */
    public PresetOption() {
        // fields are injected by picocli
    }

    /** The chosen preset. */
    public Preset preset() {
        return preset;
    }
}
