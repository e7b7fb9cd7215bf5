package io.github.adder4j.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared reference fixtures: {@code <adder.shared>/fixtures} (surefire sets the property), else the first
 * {@code shared/fixtures} beside the working directory or one of its ancestors (git worktrees live deeper than the main
 * checkout).
 */
final class SharedFixtures {
    private SharedFixtures() { }

    /** The fixtures directory. */
    static Path dir() {
        String prop = System.getProperty("adder.shared");
        if (prop != null && Files.isDirectory(Path.of(prop, "fixtures"))) {
            return Path.of(prop, "fixtures");
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared").resolve("fixtures");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared fixtures not found (set -Dadder.shared=/path/to/shared)");
    }

    /** One fixture file, e.g. {@code published-57p.json}. */
    static Path file(String name) {
        return dir().resolve(name);
    }
}
