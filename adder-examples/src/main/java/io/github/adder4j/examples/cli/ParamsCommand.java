package io.github.adder4j.examples.cli;

import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.Preset;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code adder params --preset NAME}: the parameter table of a preset, its AdderBoard count on the last line. */
@Command(name = "params", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        versionProvider = VersionProvider.class,
        description = "Print a preset's parameter table; the last line is the AdderBoard unique-parameter count.")
public final class ParamsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private PresetOption preset;

    /** Creates the command (picocli instantiates it). */
    public ParamsCommand() {
        // fields are injected by picocli
    }

    /** Builds the preset (weights do not matter for counting) and prints its report. */
    @Override
    public Integer call() {
        Preset p = preset.preset();
        PrintWriter out = spec.commandLine().getOut();
        try (AdderModel model = p.builder().build()) {
            out.println("preset " + p.id() + " (published count: " + p.publishedParameters() + ")");
            out.println(model.parameterReport().table());
        }
        out.flush();
        return 0;
    }
}
