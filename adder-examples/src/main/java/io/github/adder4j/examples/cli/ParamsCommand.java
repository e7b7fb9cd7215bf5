package io.github.adder4j.examples.cli;

import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.Preset;
import io.github.adder4j.zoo.AdderZoo;
import io.github.adder4j.zoo.ZooEntry;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code adder params --preset NAME | --zoo ID}: the parameter table of a preset or zoo entry, its AdderBoard count on the last line. */
@Command(name = "params", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        versionProvider = VersionProvider.class,
        description = "Print the parameter table of a preset or a zoo entry; the last line is the AdderBoard unique-parameter count.")
public final class ParamsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Source source;

    /** {@code --preset NAME} or {@code --zoo ID}. */
    static final class Source {
        @Option(names = "--preset", paramLabel = "NAME", converter = Converters.PresetConverter.class,
                completionCandidates = Converters.PresetIds.class, description = "Architecture preset: ${COMPLETION-CANDIDATES}.")
        private Preset preset;

        @Option(names = "--zoo", paramLabel = "ID", description = "A zoo entry (see `adder zoo list`): its trained model's table.")
        private String zoo;
    }

    /** Creates the command (picocli instantiates it). */
    public ParamsCommand() {
        // fields are injected by picocli
    }

    /** Builds the preset (weights do not matter for counting) or loads the zoo entry, and prints its report. */
    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (source.zoo != null) {
            ZooEntry entry = AdderZoo.entry(source.zoo);
            try (AdderModel model = AdderZoo.loadModel(entry.id())) {
                out.println("zoo entry " + entry.id() + " (" + entry.format().id() + ", AdderBoard " + entry.results().adderBoard()
                        + ")");
                out.println(model.parameterReport().table());
            }
            out.flush();
            return 0;
        }
        Preset p = source.preset;
        try (AdderModel model = p.builder().build()) {
            out.println("preset " + p.id() + " (published count: " + p.publishedParameters() + ")");
            out.println(model.parameterReport().table());
        }
        out.flush();
        return 0;
    }
}
