package io.github.adder4j.examples.cli;

import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.Preset;
import io.github.adder4j.core.PublishedWeights;
import io.github.adder4j.core.io.Checkpoint;
import io.github.adder4j.core.io.CheckpointFormat;
import io.github.adder4j.core.io.PublishedFixture;
import io.github.adder4j.core.io.SafeTensors;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code adder safetensors export|import}: weights to and from the PyTorch world's safetensors format
 * ({@link SafeTensors}); see docs/interop.md for the PyTorch side.
 */
@Command(name = "safetensors", mixinStandardHelpOptions = true,
        description = "Weights to and from safetensors, PyTorch's code-free exchange format (docs/interop.md).",
        subcommands = {SafetensorsCommand.ExportCommand.class, SafetensorsCommand.ImportCommand.class,
            CommandLine.HelpCommand.class})
public final class SafetensorsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    /** Creates the command (picocli instantiates it). */
    public SafetensorsCommand() {
        // fields are injected by picocli
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: export or import");
    }

    /** Exports a published fixture (its published tensor names) or an adder4j checkpoint (adder4j's names). */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write a weights file as safetensors: a published fixture keeps its published tensor names "
                    + "(for the published PyTorch code); an adder4j checkpoint keeps adder4j's names and its config in "
                    + "the metadata (for 'adder safetensors import')."})
    public static final class ExportCommand implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "WEIGHTS", description = "A published fixture JSON or an adder4j checkpoint.")
        private Path weights;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The .safetensors file to write.")
        private Path out;

        /** Creates the command (picocli instantiates it). */
        public ExportCommand() {
            // fields are injected by picocli
        }

        @Override
        public Integer call() {
            byte[] bytes = read(weights);
            String text = new String(bytes, StandardCharsets.UTF_8);
            SafeTensors.Contents contents;
            if (WeightsFile.detect(text, weights.toString()) == WeightsFile.Kind.ADDER4J_CHECKPOINT) {
                contents = SafeTensors.fromCheckpoint(CheckpointFormat.fromJson(text, weights.getFileName().toString()));
            } else {
                PublishedFixture fixture = PublishedFixture.read(weights);
                Map<String, String> meta = new LinkedHashMap<>();
                meta.put("source", fixture.source());
                contents = new SafeTensors.Contents(meta, fixture.tensorList());
            }
            write(out, SafeTensors.toBytes(contents.tensors(), contents.metadata()));
            PrintWriter o = spec.commandLine().getOut();
            o.println("wrote " + out + " (" + contents.tensors().size() + " tensors)");
            o.flush();
            return 0;
        }
    }

    /** Imports a safetensors file into an adder4j checkpoint. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Read a .safetensors file into an adder4j checkpoint: one exported by 'adder safetensors export' "
                    + "from a checkpoint, or one with the published tensor names of a mapped preset (split-57, split-234, "
                    + "lowrank-311, rope-122), e.g. converted from a published .pt file."})
    public static final class ImportCommand implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The .safetensors file.")
        private Path file;

        @Option(names = "--preset", paramLabel = "NAME", converter = Converters.PresetConverter.class,
                description = "The preset whose published names the file holds (not needed for an exported checkpoint).")
        private Preset preset;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The adder4j checkpoint to write.")
        private Path out;

        /** Creates the command (picocli instantiates it). */
        public ImportCommand() {
            // fields are injected by picocli
        }

        @Override
        public Integer call() {
            SafeTensors.Contents contents = SafeTensors.fromBytes(read(file), file.getFileName().toString());
            String provenance = "imported from safetensors " + file.getFileName();
            AdderModel model;
            if (SafeTensors.isCheckpoint(contents)) {
                Checkpoint checkpoint = SafeTensors.toCheckpoint(contents, provenance);
                model = AdderModel.fromCheckpoint(checkpoint, file.getFileName().toString());
            } else if (preset == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--preset is needed: " + file + " holds published tensor names, not an exported adder4j checkpoint");
            } else {
                PublishedFixture fixture = new PublishedFixture(file.getFileName().toString(),
                        contents.metadata().getOrDefault("source", provenance), "", new com.google.gson.JsonObject(),
                        contents.byName());
                model = PublishedWeights.load(preset, fixture);
                provenance = provenance + " (" + fixture.source() + ")";
            }
            try (AdderModel m = model) {
                m.save(out, provenance, Map.of());
            }
            PrintWriter o = spec.commandLine().getOut();
            o.println("wrote " + out);
            o.flush();
            return 0;
        }
    }

    private static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path path, byte[] bytes) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            io.github.adder4j.core.io.AtomicFiles.write(path, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e, e);
        }
    }
}
