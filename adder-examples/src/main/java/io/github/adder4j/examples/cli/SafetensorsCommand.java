package io.github.adder4j.examples.cli;

import com.google.gson.JsonObject;
import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.Preset;
import io.github.adder4j.core.PublishedWeights;
import io.github.adder4j.core.io.AtomicFiles;
import io.github.adder4j.core.io.Checkpoint;
import io.github.adder4j.core.io.CheckpointFormat;
import io.github.adder4j.core.io.PublishedFixture;
import io.github.adder4j.core.io.SafeTensors;
import io.github.adder4j.core.vision.VitModel;
import io.github.adder4j.zoo.AdderZoo;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
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

    /** The names an export writes its tensors under. */
    public enum Names {
        /** The published reference code's {@code state_dict} names and shapes (mapped presets only). */
        PUBLISHED,
        /** adder4j's parameter names, with the config in the metadata (any model). */
        ADDER4J
    }

    /**
     * Exports a published fixture, an adder4j checkpoint or a zoo entry, under the published tensor names (for the
     * published PyTorch code) or adder4j's names (for {@code adder safetensors import}).
     */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write weights as safetensors: under the published tensor names, which the published PyTorch "
                    + "code loads (the default for a published fixture; for a checkpoint or zoo entry of a mapped preset: "
                    + "split-57, split-234, lowrank-311, rope-122), or under adder4j's names with the config in the "
                    + "metadata, which 'adder safetensors import' rebuilds (the default for a checkpoint or zoo entry)."})
    public static final class ExportCommand implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "WEIGHTS", arity = "0..1",
                description = "A published fixture JSON or an adder4j checkpoint (e.g. a run's checkpoints/best.json).")
        private Path weights;

        @Option(names = "--zoo", paramLabel = "ID", description = "A zoo entry instead of a file (see `adder zoo list`).")
        private String zoo;

        @Option(names = "--names", paramLabel = "NAMES", converter = NamesConverter.class,
                description = "published or adder4j (default: published for a fixture, adder4j for a checkpoint or zoo entry).")
        private Names names;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The .safetensors file to write.")
        private Path out;

        /** Creates the command (picocli instantiates it). */
        public ExportCommand() {
            // fields are injected by picocli
        }

        @Override
        public Integer call() {
            if ((weights == null) == (zoo == null)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give one of WEIGHTS or --zoo ID");
            }
            SafeTensors.Contents contents;
            if (zoo != null) {
                try (AdderModel model = AdderZoo.loadModel(AdderZoo.entry(zoo).id())) {
                    contents = fromModel(model, "zoo entry " + zoo, "--zoo " + zoo);
                }
            } else {
                String text = new String(AtomicFiles.readBounded(weights, CheckpointFormat.MAX_BYTES, "weights"),
                        StandardCharsets.UTF_8);
                if (WeightsFile.detect(text, weights.toString()) == WeightsFile.Kind.ADDER4J_CHECKPOINT) {
                    Checkpoint checkpoint = CheckpointFormat.fromJson(text, weights.getFileName().toString());
                    if (names == Names.PUBLISHED && VitModel.isVit(checkpoint.config())) {
                        throw noPublishedNames(weights.toString());
                    } else if (names == Names.PUBLISHED) {
                        try (AdderModel model = AdderModel.fromCheckpoint(checkpoint, weights.getFileName().toString())) {
                            contents = fromModel(model, checkpoint.metadata().provenance(), weights.toString());
                        }
                    } else {
                        contents = SafeTensors.fromCheckpoint(checkpoint);   // any checkpoint, a ViT's included
                    }
                } else if (names == Names.ADDER4J) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--names adder4j: " + weights
                            + " is a published fixture, which has only published names");
                } else {
                    PublishedFixture fixture = PublishedFixture.read(weights);
                    contents = new SafeTensors.Contents(Map.of("source", fixture.source()), fixture.tensorList());
                }
            }
            AtomicFiles.write(out, SafeTensors.toBytes(contents.tensors(), contents.metadata()));
            return report(spec, "wrote " + out + " (" + contents.tensors().size() + " tensors)");
        }

        /** The model under the names asked for (adder4j's by default). */
        private SafeTensors.Contents fromModel(AdderModel model, String provenance, String what) {
            if (names != Names.PUBLISHED) {
                return SafeTensors.fromCheckpoint(model.toCheckpoint(provenance, Map.of()));
            }
            Preset preset = PublishedWeights.presetOf(model.config()).orElseThrow(() -> noPublishedNames(what));
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("source", provenance);
            meta.put("preset", preset.id());
            return new SafeTensors.Contents(meta, PublishedWeights.export(preset, model));
        }

        /** The error for {@code --names published} of a model without a published counterpart. */
        private CommandLine.ParameterException noPublishedNames(String what) {
            return new CommandLine.ParameterException(spec.commandLine(), "--names published: " + what + " is a model of no "
                    + "preset with published tensor names (mapped: "
                    + PublishedWeights.MAPPED.stream().map(Preset::id).collect(Collectors.joining(", "))
                    + "); export it with --names adder4j");
        }
    }

    /** Reads {@code --names}: {@code published} or {@code adder4j}. */
    static final class NamesConverter implements CommandLine.ITypeConverter<Names> {
        @Override
        public Names convert(String value) {
            for (Names n : Names.values()) {
                if (n.name().toLowerCase(Locale.ROOT).equals(value)) {
                    return n;
                }
            }
            throw new CommandLine.TypeConversionException("unknown names: " + value + " (known: published, adder4j)");
        }
    }

    /** Imports a safetensors file into an adder4j checkpoint. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Read a .safetensors file into an adder4j checkpoint: one exported by 'adder safetensors export' "
                    + "(either names), or one with the published tensor names of a mapped preset (split-57, split-234, "
                    + "lowrank-311, rope-122), e.g. converted from a published .pt file."})
    public static final class ImportCommand implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The .safetensors file.")
        private Path file;

        @Option(names = "--preset", paramLabel = "NAME", converter = Converters.PresetConverter.class,
                description = "The preset whose published names the file holds (not needed for a file that "
                        + "'adder safetensors export' wrote).")
        private Preset preset;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The adder4j checkpoint to write.")
        private Path out;

        /** Creates the command (picocli instantiates it). */
        public ImportCommand() {
            // fields are injected by picocli
        }

        @Override
        public Integer call() {
            String name = file.getFileName().toString();
            SafeTensors.Contents contents = SafeTensors.fromBytes(
                    AtomicFiles.readBounded(file, CheckpointFormat.MAX_BYTES, "safetensors"), name);
            String provenance = "imported from safetensors " + name;
            AdderModel model;
            if (SafeTensors.isCheckpoint(contents)) {
                model = AdderModel.fromCheckpoint(SafeTensors.toCheckpoint(contents, provenance), name);
            } else {
                Preset published = preset != null ? preset : exportedPreset(contents);
                PublishedFixture fixture = new PublishedFixture(name, contents.metadata().getOrDefault("source", provenance),
                        "", new JsonObject(), contents.byName());
                model = PublishedWeights.load(published, fixture);
                provenance = provenance + " (" + fixture.source() + ")";
            }
            try (AdderModel m = model) {
                m.save(out, provenance, Map.of());
            }
            return report(spec, "wrote " + out);
        }

        /** The preset that 'adder safetensors export --names published' recorded, or the --preset error. */
        private Preset exportedPreset(SafeTensors.Contents contents) {
            String id = contents.metadata().get("preset");
            if (id == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--preset is needed: " + file + " holds published tensor names, not an exported adder4j checkpoint");
            }
            return Preset.byId(id);
        }
    }

    /** Prints {@code line} on the command's standard output; returns the exit code 0. */
    private static int report(CommandSpec spec, String line) {
        PrintWriter o = spec.commandLine().getOut();
        o.println(line);
        o.flush();
        return 0;
    }
}
