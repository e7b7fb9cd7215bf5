package io.github.adder4j.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/architecture.md names only types and packages that exist. */
class ArchitectureDocTest {
    /** A backticked type name (optionally with a member after a dot): {@code `AdderModel`}, {@code `AttentionMask.none()`}. */
    private static final Pattern TYPE = Pattern.compile("`([A-Z][A-Za-z0-9]*)(?:\\.[A-Za-z][A-Za-z0-9]*(?:\\(\\))?)?`");
    private static final Pattern PACKAGE = Pattern.compile("`(io\\.github\\.adder4j(?:\\.[a-z]+)*)`");
    private static final List<String> PACKAGES = List.of("io.github.adder4j.core", "io.github.adder4j.core.block",
            "io.github.adder4j.core.vision", "io.github.adder4j.core.format", "io.github.adder4j.core.decode",
            "io.github.adder4j.core.eval", "io.github.adder4j.core.params", "io.github.adder4j.core.io", "io.github.adder4j.core.engine",
            "io.github.adder4j.train", "io.github.adder4j.train.optim", "io.github.adder4j.train.data", "io.github.adder4j.zoo",
            "io.github.adder4j.examples.cli", "io.github.adder4j.examples.docs");

    private static boolean exists(String simpleName) {
        for (String p : PACKAGES) {
            try {
                Class.forName(p + "." + simpleName, false, ArchitectureDocTest.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException e) {
                // try the next package
            }
        }
        return false;
    }

    @Test
    void everyTypeAndPackageItNamesExists() throws Exception {
        Path root = DocsGenerator.findRoot(Path.of(""));
        String doc = Files.readString(root.resolve("docs/architecture.md"));
        Set<String> missing = new TreeSet<>();
        Set<String> types = new TreeSet<>();
        Matcher m = TYPE.matcher(doc);
        while (m.find()) {
            types.add(m.group(1));
            if (!exists(m.group(1))) {
                missing.add(m.group(1));
            }
        }
        Matcher p = PACKAGE.matcher(doc);
        List<String> packages = new ArrayList<>();
        while (p.find()) {
            packages.add(p.group(1));
            String path = "src/main/java/" + p.group(1).replace('.', '/');
            boolean found = false;
            for (String module : List.of("adder-core", "adder-train", "adder-zoo", "adder-examples")) {
                found |= Files.isDirectory(root.resolve(module).resolve(path));
            }
            if (!found) {
                missing.add(p.group(1));
            }
        }
        assertEquals(Set.of(), missing, "docs/architecture.md names types or packages that do not exist");
        assertTrue(types.size() > 40, "the map names the types a new engineer meets: " + types);
        assertTrue(packages.containsAll(PACKAGES.subList(0, 4)), packages.toString());
    }
}
