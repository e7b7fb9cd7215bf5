package io.github.adder4j.examples.docs;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared reference fixtures: {@code <adder.shared>/fixtures} when the system property is set (the build and
 * the {@code adder} script set it), else the first {@code shared/fixtures} beside {@code start} or one of its ancestors.
 */
final class SharedDir {
    private SharedDir() { }

    /**
     * The fixtures directory.
     *
     * @throws IllegalStateException when none is found
     */
    static Path fixtures(Path start) {
        String prop = System.getProperty("adder.shared");
        if (prop != null && Files.isDirectory(Path.of(prop, "fixtures"))) {
            return Path.of(prop, "fixtures");
        }
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared").resolve("fixtures");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared fixtures not found from " + start + " (set -Dadder.shared=/path/to/shared)");
    }
}
