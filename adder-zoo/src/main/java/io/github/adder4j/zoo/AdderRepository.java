package io.github.adder4j.zoo;

import ai.djl.repository.AbstractRepository;
import ai.djl.repository.Artifact;
import ai.djl.repository.MRL;
import ai.djl.repository.Metadata;
import ai.djl.repository.VersionRange;
import ai.djl.util.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A DJL repository holding one adder4j model: a zoo entry ({@code djl://io.github.adder4j/ID}) or a checkpoint file
 * ({@code file:///.../best.json}). It never downloads anything. Its single artifact carries the entry's
 * {@link ZooEntry#properties() properties} (so {@code optFilter} works) and the arguments that make DJL's own model
 * loader build the model with {@link AdderBlockFactory} and translate with {@link AdderTranslatorFactory}; the weights
 * come from the checkpoint, so DJL reads no parameter file ({@code hasParameter=false}).
 */
final class AdderRepository extends AbstractRepository {
    /** The version of every artifact. */
    static final String VERSION = "1";

    private final MRL mrl;
    private final Metadata metadata;
    private final Path resourceDirectory;

    private AdderRepository(String name, URI uri, String artifactId, Map<String, String> properties,
                            Map<String, Object> arguments, Path resourceDirectory) {
        super(name, uri);
        this.resourceDirectory = resourceDirectory;
        Artifact artifact = new Artifact();
        artifact.setName(artifactId);
        artifact.setVersion(VERSION);
        artifact.setProperties(new LinkedHashMap<>(properties));
        Map<String, Object> args = new LinkedHashMap<>(arguments);
        args.put("engine", "PyTorch");
        args.put("blockFactory", AdderBlockFactory.class.getName());
        args.put("translatorFactory", AdderTranslatorFactory.class.getName());
        artifact.setArguments(args);
        artifact.setOptions(new LinkedHashMap<>(Map.of("hasParameter", "false")));
        metadata = new Metadata();
        metadata.setGroupId(AdderModelZoo.GROUP_ID);
        metadata.setArtifactId(artifactId);
        metadata.setName(artifactId);
        metadata.setApplication(AdderModelZoo.APPLICATION);
        metadata.setRepositoryUri(uri);
        metadata.setArtifacts(List.of(artifact));
        artifact.setMetadata(metadata);
        mrl = MRL.model(this, AdderModelZoo.APPLICATION, AdderModelZoo.GROUP_ID, artifactId, VERSION, artifactId);
    }

    /** The repository of zoo entry {@code id}; its model directory is an empty private folder. */
    static AdderRepository ofEntry(String name, URI uri, ZooEntry entry) {
        return new AdderRepository(name, uri, entry.id(), entry.properties(),
                Map.of(AdderBlockFactory.ZOO_ENTRY, entry.id()), EmptyDirectory.PATH);
    }

    /** The repository of a checkpoint file; the file's folder is the model directory. */
    static AdderRepository ofCheckpoint(String name, URI uri, Path checkpoint) {
        String file = checkpoint.getFileName().toString();
        String artifactId = file.endsWith(".json") ? file.substring(0, file.length() - ".json".length()) : file;
        Path absolute = checkpoint.toAbsolutePath();
        return new AdderRepository(name, uri, artifactId, Map.of("checkpoint", absolute.toString()),
                Map.of(AdderBlockFactory.CHECKPOINT, absolute.toString()), absolute.getParent());
    }

    /** An empty folder made once per JVM, so that DJL finds no serving.properties or classes beside a zoo model. */
    private static final class EmptyDirectory {
        static final Path PATH = create();

        private static Path create() {
            try {
                Path dir = Files.createTempDirectory("adder4j-zoo");
                dir.toFile().deleteOnExit();
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary folder: " + e, e);
            }
        }
    }

    /** False: nothing is downloaded. */
    @Override
    public boolean isRemote() {
        return false;
    }

    /** The metadata of the one artifact. */
    @Override
    public Metadata locate(MRL request) {
        return metadata;
    }

    /** The artifact when its properties hold every filter, else null. */
    @Override
    public Artifact resolve(MRL request, Map<String, String> filters) {
        List<Artifact> found = metadata.search(VersionRange.parse(VERSION), filters);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Nothing to prepare: the checkpoint is read when the block is built. */
    @Override
    public void prepare(Artifact artifact, Progress progress) {
        // nothing to download
    }

    /** The model directory (see the factory methods). */
    @Override
    public Path getResourceDirectory(Artifact artifact) {
        return resourceDirectory;
    }

    /** The model directory: nothing is cached. */
    @Override
    public Path getCacheDirectory() {
        return resourceDirectory;
    }

    /** The one model. */
    @Override
    public List<MRL> getResources() {
        return List.of(mrl);
    }
}
