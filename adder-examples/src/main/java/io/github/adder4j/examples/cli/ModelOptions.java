package io.github.adder4j.examples.cli;

import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.Preset;
import io.github.adder4j.core.PublishedWeights;
import io.github.adder4j.core.io.AtomicFiles;
import io.github.adder4j.core.io.CheckpointFormat;
import io.github.adder4j.core.io.PublishedFixture;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --preset NAME [--weights FILE]} and the one place that turns them into a model.
 *
 * <p>Without {@code --weights} only hand-coded presets can run; the others have trained weights. A weights file is
 * read as a published fixture or as an adder4j checkpoint, whichever its top-level JSON says ({@link WeightsFile}). A
 * relative path that does not exist is also looked up in {@code <adder.shared>/fixtures}, so
 * {@code --weights published-57p.json} finds the shared fixture when the {@code adder} script passes
 * {@code -Dadder.shared}. An adder4j checkpoint describes its own architecture, so {@code --weights CHECKPOINT} alone
 * (without {@code --preset}) is a model too; a published fixture needs its preset.
 */
public final class ModelOptions {

    /** The system property naming the shared reference directory (holding {@code fixtures/}). */
    public static final String SHARED_PROPERTY = "adder.shared";

    private static final Logger LOG = LoggerFactory.getLogger(ModelOptions.class);

    /** The error when no model is named. */
    static final String NO_MODEL = "give --preset NAME, --zoo ID, or an adder4j checkpoint as --weights FILE";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--preset", paramLabel = "NAME", converter = Converters.PresetConverter.class,
            completionCandidates = Converters.PresetIds.class,
            description = "Architecture preset: ${COMPLETION-CANDIDATES}. Give --preset, --zoo, or an adder4j checkpoint as --weights.")
    private Preset preset;

    @Option(names = "--zoo", paramLabel = "ID",
            description = "A verified model of the adder4j zoo (see `adder zoo list`) instead of --preset/--weights.")
    private String zoo;

    @Option(names = "--weights", paramLabel = "FILE",
            description = {"Weights: a published fixture JSON (e.g. published-57p.json) or an adder4j checkpoint.",
                "Required unless the preset is hand-coded. An adder4j checkpoint needs no --preset: it describes its architecture."})
    private Path weights;

    /** Creates the mixin (picocli instantiates it). */
    public ModelOptions() {
        // fields are injected by picocli
    }

    /** A short name of the chosen model: the preset id, {@code zoo:ID}, or the checkpoint's file name. */
    public String name() {
        return zoo != null ? "zoo:" + zoo : preset != null ? preset.id() : weights.getFileName().toString();
    }

    /** The model's id in results: the zoo id, else the weights file name, else the preset id. */
    public String id() {
        return zoo != null ? zoo : weights != null ? weights.getFileName().toString() : preset.id();
    }

    /** The {@code --zoo} id as given, if any. */
    public Optional<String> zooId() {
        return Optional.ofNullable(zoo);
    }

    /** The weights file as given, if any. */
    public Optional<Path> weights() {
        return Optional.ofNullable(weights);
    }

    /**
     * Builds the model: the hand-coded construction, or the preset with the weights of {@code --weights}. The caller
     * closes it.
     *
     * @throws ParameterException       when a trained preset has no {@code --weights}, or the file does not exist
     * @throws IllegalArgumentException when the file's content does not fit the preset
     */
    public AdderModel open() {
        if (zoo != null && preset != null) {
            throw new ParameterException(command.commandLine(), "give exactly one of --preset and --zoo");
        }
        if (zoo == null && preset == null && weights == null) {
            throw new ParameterException(command.commandLine(), NO_MODEL);
        }
        if (zoo == null && preset == null) {
            return checkpointAlone();
        }
        if (zoo != null) {
            if (weights != null) {
                throw new ParameterException(command.commandLine(), "--weights cannot be combined with --zoo (zoo entries carry their weights)");
            }
            if (io.github.adder4j.zoo.ImageZoo.contains(zoo)) {
                throw new ParameterException(command.commandLine(), "--zoo " + zoo + " is an image classifier, not an addition model:"
                        + " measure it with `adder verify --zoo " + zoo + "`, count it with `adder params --zoo " + zoo + "`");
            }
            return io.github.adder4j.zoo.AdderZoo.loadModel(zoo);
        }
        Preset p = preset;
        if (weights == null) {
            if (!p.handCoded()) {
                throw new ParameterException(command.commandLine(),
                        "preset " + p.id() + " needs --weights (its weights are trained)");
            }
            return p.create();
        }
        Path file = resolve(weights);
        byte[] bytes;
        try {
            bytes = AtomicFiles.readBounded(file, CheckpointFormat.MAX_BYTES, "--weights");
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException("--weights " + weights + ": cannot read: " + e.getCause().getMessage(), e);
        }
        WeightsFile.Kind kind = WeightsFile.detect(new String(bytes, StandardCharsets.UTF_8), weights.toString());
        LOG.info("loading {} as {} into preset {}", file, kind, p.id());
        return switch (kind) {
            case PUBLISHED_FIXTURE -> PublishedWeights.load(p,
                    PublishedFixture.read(new ByteArrayInputStream(bytes), file.getFileName().toString()));
            case ADDER4J_CHECKPOINT -> loadCheckpoint(p, file);
        };
    }

    /** {@code --weights} without {@code --preset}: an adder4j checkpoint, which carries its architecture. */
    private AdderModel checkpointAlone() {
        Path file = resolve(weights);
        String text;
        try {
            text = new String(AtomicFiles.readBounded(file, CheckpointFormat.MAX_BYTES, "--weights"), StandardCharsets.UTF_8);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException("--weights " + weights + ": cannot read: " + e.getCause().getMessage(), e);
        }
        if (WeightsFile.detect(text, weights.toString()) == WeightsFile.Kind.PUBLISHED_FIXTURE) {
            throw new ParameterException(command.commandLine(), "--weights " + weights
                    + " is a published fixture, which does not describe its architecture: give its --preset");
        }
        LOG.info("loading checkpoint {} with the architecture it describes", file);
        return additionModel(file, weights);
    }

    /**
     * An adder4j checkpoint of an addition model (its config rebuilds the architecture).
     *
     * @param file the file to read
     * @param given the file as the user gave it, for messages
     * @throws IllegalArgumentException when the checkpoint is a ViT's, or invalid
     */
    static AdderModel additionModel(Path file, Path given) {
        io.github.adder4j.core.io.Checkpoint checkpoint = CheckpointFormat.read(file);
        if (io.github.adder4j.core.vision.VitModel.isVit(checkpoint.config())) {
            throw new IllegalArgumentException("--weights " + given + " is a ViT checkpoint (it classifies images, not sums):"
                    + " use adder mnist --checkpoint " + given);
        }
        return AdderModel.fromCheckpoint(checkpoint, file.getFileName().toString());
    }

    /**
     * Loads an adder4j checkpoint (its config rebuilds the architecture) and checks that it is the architecture of
     * {@code preset} (any seed and initialisation scheme).
     */
    static AdderModel loadCheckpoint(Preset preset, Path file) {
        AdderModel model = additionModel(file, file);
        if (!preset.builder().config().sameArchitecture(model.config())) {
            model.close();
            throw new IllegalArgumentException("checkpoint " + file + " holds a different architecture than preset " + preset.id());
        }
        return model;
    }

    private Path resolve(Path given) {
        return resolve(command, given);
    }

    /**
     * The {@code --weights} file: the path as given, or a relative path that does not exist looked up in
     * {@code <adder.shared>/fixtures}.
     *
     * @throws ParameterException naming {@code --weights} when there is no such regular file
     */
    static Path resolve(CommandSpec command, Path given) {
        if (Files.isRegularFile(given)) {
            return given;
        }
        if (Files.isDirectory(given)) {
            throw new ParameterException(command.commandLine(), "--weights: is a directory, not a file: " + given);
        }
        if (Files.exists(given)) {
            throw new ParameterException(command.commandLine(), "--weights: not a regular file: " + given);
        }
        String shared = System.getProperty(SHARED_PROPERTY);
        if (!given.isAbsolute() && shared != null) {
            Path candidate = Path.of(shared, "fixtures").resolve(given);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new ParameterException(command.commandLine(), "--weights: no such file: " + given);
    }
}
