package io.github.adder4j.core;

import io.github.adder4j.core.io.PublishedFixture;
import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared published fixtures: {@code -Dadder.shared} (set by the build), else ../shared from the repository. */
public final class Fixtures {
    private Fixtures() { }

    /** The shared fixtures directory. */
    public static Path dir() {
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

    /** Reads one fixture, e.g. {@code published-57p.json}. */
    public static PublishedFixture read(String name) {
        return PublishedFixture.read(dir().resolve(name));
    }
}
