package io.github.adder4j.examples.cli;

import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.Preset;
import io.github.adder4j.core.TrainableModel;
import io.github.adder4j.core.io.AtomicFiles;
import io.github.adder4j.core.io.CheckpointFormat;
import io.github.adder4j.zoo.AdderZoo;
import io.github.adder4j.zoo.ZooEntry;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code adder params --preset NAME | --zoo ID | --weights CHECKPOINT}: the parameter table of a preset, a zoo entry or
 * the architecture an adder4j checkpoint describes, its AdderBoard count on the last line.
 */
@Command(name = "params", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        versionProvider = VersionProvider.class,
        description = "Print the parameter table of a preset, a zoo entry or a checkpoint; the last line is the AdderBoard "
            + "unique-parameter count.")
public final class ParamsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Source source;

    /** {@code --preset NAME}, {@code --zoo ID} or {@code --weights CHECKPOINT}. */
    static final class Source {
        @Option(names = "--preset", paramLabel = "NAME", converter = Converters.PresetConverter.class,
                completionCandidates = Converters.PresetIds.class, description = "Architecture preset: ${COMPLETION-CANDIDATES}.")
        private Preset preset;

        @Option(names = "--zoo", paramLabel = "ID", description = "A zoo entry (see `adder zoo list`): its trained model's table.")
        private String zoo;

        @Option(names = "--weights", paramLabel = "FILE",
                description = "An adder4j checkpoint (addition model or ViT): the table of the architecture it describes.")
        private Path weights;
    }

    /** Creates the command (picocli instantiates it). */
    public ParamsCommand() {
        // fields are injected by picocli
    }

    /** Builds the preset (weights do not matter for counting) or loads the zoo entry, and prints its report. */
    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (source.zoo != null && io.github.adder4j.zoo.ImageZoo.contains(source.zoo)) {
            io.github.adder4j.zoo.ImageZooEntry entry = io.github.adder4j.zoo.ImageZoo.entry(source.zoo);
            try (io.github.adder4j.core.vision.VitModel model = io.github.adder4j.zoo.ImageZoo.loadModel(entry.id())) {
                out.println("zoo entry " + entry.id() + " (ViT, images; mnist test " + entry.test() + ")");
                out.println(model.parameterReport().table());
            }
            out.flush();
            return 0;
        }
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
        if (source.weights != null) {
            return checkpoint(out);
        }
        Preset p = source.preset;
        try (AdderModel model = p.builder().build()) {
            out.println("preset " + p.id() + " (published count: " + p.publishedParameters() + ")");
            out.println(model.parameterReport().table());
        }
        out.flush();
        return 0;
    }

    /** The table of an adder4j checkpoint's architecture; a published fixture is refused (it has no architecture). */
    private Integer checkpoint(PrintWriter out) {
        Path file = ModelOptions.resolve(spec, source.weights);
        String text;
        try {
            text = new String(AtomicFiles.readBounded(file, CheckpointFormat.MAX_BYTES, "--weights"), StandardCharsets.UTF_8);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException("--weights " + source.weights + ": cannot read: " + e.getCause().getMessage(), e);
        }
        if (WeightsFile.detect(text, source.weights.toString()) == WeightsFile.Kind.PUBLISHED_FIXTURE) {
            throw new ParameterException(spec.commandLine(), "--weights " + source.weights + " is a published fixture, which does"
                    + " not describe its architecture: count its preset with --preset NAME (weights do not change the counts)");
        }
        try (TrainableModel model = TrainableModel.load(file)) {
            String kind = model instanceof AdderModel m ? m.format().id() : "ViT, images";
            out.println("checkpoint " + source.weights + " (" + kind + ")");
            out.println(model.parameterReport().table());
        }
        out.flush();
        return 0;
    }
}
