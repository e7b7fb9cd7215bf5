package io.github.adder4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DocumentationTool;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The public API of adder-core is fully documented and stays so: the JDK's javadoc runs on every package of the module
 * with every doclint group, {@code missing} included (the module's javadoc execution does the same with
 * {@code failOnWarnings}).
 */
class DocumentedApiTest {
    /** Every package of adder-core's main sources, found on disk so that a new package is checked too. */
    static List<String> packages() throws IOException {
        Path root = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".java"))
                    .map(f -> root.relativize(f.getParent()).toString().replace(java.io.File.separatorChar, '.'))
                    .distinct().sorted().toList();
        }
    }

    @Test
    void everyPackageOfTheModuleIsChecked() throws IOException {
        List<String> packages = packages();
        assertTrue(packages.contains("io.github.adder4j.core"), packages.toString());
        assertTrue(packages.contains("io.github.adder4j.core.io"), packages.toString());
        assertTrue(packages.contains("io.github.adder4j.core.prove.check"), packages.toString());
    }

    @Test
    void everyPackageHasNoDoclintWarning(@TempDir Path out) throws IOException {
        DocumentationTool javadoc = ToolProvider.getSystemDocumentationTool();
        List<String> args = new ArrayList<>(List.of("-quiet", "-Xdoclint:all", "-d", out.toString(),
                "-cp", System.getProperty("java.class.path"), "-sourcepath", Path.of("src/main/java").toString()));
        args.addAll(packages());
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int code = javadoc.run(null, output, output, args.toArray(String[]::new));
        String problems = output.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("warning") || l.contains("error")).collect(Collectors.joining("\n"));
        assertEquals("", problems, "doclint warnings");
        assertEquals(0, code);
    }
}
