package io.github.adder4j.zoo;

import ai.djl.repository.LocalRepository;
import ai.djl.repository.MRL;
import ai.djl.repository.RemoteRepository;
import ai.djl.repository.Repository;
import ai.djl.repository.RepositoryFactory;
import ai.djl.repository.SimpleRepository;
import ai.djl.repository.zoo.ModelLoader;
import ai.djl.repository.zoo.ModelZoo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Lets DJL's URL-based loading reach adder4j models offline. Registered through
 * {@code META-INF/services/ai.djl.repository.RepositoryFactory} for two schemes:
 * <ul>
 *   <li>{@code djl://io.github.adder4j/ID}: zoo entry ID, from the jar (DJL's own handler would ask its remote
 *       repository); any other {@code djl://GROUP/ARTIFACT[/VERSION[/NAME]]} is handed to DJL's remote repository as
 *       DJL does;</li>
 *   <li>{@code file:///PATH.json}: an adder4j checkpoint file (e.g. a run's {@code checkpoints/best.json}); any other
 *       file or folder is a DJL local repository (a folder with a {@code metadata.json} below it) or simple repository,
 *       as in DJL.</li>
 * </ul>
 * So {@code Criteria.builder().optModelUrls("djl://io.github.adder4j/split-57")} and
 * {@code optModelPath(Path.of("runs/x/checkpoints/best.json"))} load through DJL's own model loader.
 */
public final class AdderRepositoryFactory implements RepositoryFactory {
    private static final URI DJL_REMOTE = URI.create("https://mlrepo.djl.ai/");

    /** For the service loader. */
    public AdderRepositoryFactory() {
    }

    /**
     * The repository for {@code uri}.
     *
     * @throws IllegalArgumentException for a {@code djl://io.github.adder4j/...} URL that names no zoo entry, or a
     *                                  {@code djl} URL without an artifact
     */
    @Override
    public Repository newInstance(String name, URI uri) {
        String scheme = uri.getScheme() == null ? "file" : uri.getScheme();
        return "djl".equals(scheme) ? djl(name, uri) : file(name, uri);
    }

    /** {@code djl} and {@code file}. */
    @Override
    public Set<String> getSupportedScheme() {
        return Set.of("djl", "file");
    }

    private static Repository djl(String name, URI uri) {
        String groupId = uri.getHost();
        String path = uri.getPath() == null ? "" : uri.getPath();
        String[] parts = Stream.of(path.split("/")).filter(p -> !p.isEmpty()).toArray(String[]::new);
        if (groupId == null || parts.length == 0) {
            throw new IllegalArgumentException("a djl URL must name a group and an artifact, djl://GROUP/ARTIFACT: " + uri);
        }
        if (AdderModelZoo.GROUP_ID.equals(groupId)) {
            if (parts.length > 1 && !AdderRepository.VERSION.equals(parts[1])) {
                throw new IllegalArgumentException("zoo entry " + parts[0] + " has only version " + AdderRepository.VERSION
                        + ": " + uri);
            }
            return AdderRepository.ofEntry(name, uri, AdderZoo.entry(parts[0]));
        }
        // another zoo: DJL's remote repository with the loader's resource, as DJL's own djl:// handler does
        Repository remote = new RemoteRepository(name, uri.getQuery() == null ? DJL_REMOTE
                : URI.create(DJL_REMOTE + "?" + uri.getQuery()));
        ModelZoo zoo = ModelZoo.getModelZoo(groupId);
        ModelLoader loader = zoo == null ? null : zoo.getModelLoader(parts[0]);
        if (loader != null) {
            MRL mrl = remote.model(loader.getApplication(), groupId, parts[0], parts.length > 1 ? parts[1] : null,
                    parts.length > 2 ? parts[2] : null);
            remote.addResource(mrl);
        }
        return remote;
    }

    private static Repository file(String name, URI uri) {
        Path path = Paths.get(uri.getPath() == null ? uri.getSchemeSpecificPart() : uri.getPath());
        if (Files.isRegularFile(path) && path.getFileName().toString().endsWith(".json")) {
            return AdderRepository.ofCheckpoint(name, uri, path);
        }
        // as DJL: a folder with a metadata.json below its top is a local repository, anything else a simple one
        if (Files.isDirectory(path) && hasNestedMetadata(path)) {
            return new LocalRepository(name, uri, path) { };
        }
        return new SimpleRepository(name, uri, path) { };
    }

    private static boolean hasNestedMetadata(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().equals("metadata.json") && Files.isRegularFile(f)
                    && !f.getParent().equals(dir));
        } catch (IOException | UncheckedIOException e) {
            return false;   // as DJL: an unreadable folder is a simple repository
        }
    }
}
