package io.github.adder4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.DocumentationTool;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packages whose public API is fully documented stay so: the JDK's javadoc runs on them with every doclint group,
 * {@code missing} included (the build's javadoc leaves {@code missing} out for the packages not yet done: core.io and
 * the packages being rewritten).
 */
class DocumentedApiTest {
    /** Packages with every public element documented (@param, @return, every constant). */
    static final List<String> DOCUMENTED = List.of("io.github.adder4j.core.format", "io.github.adder4j.core.params",
            "io.github.adder4j.core.decode", "io.github.adder4j.core.eval");

    @Test
    void theDocumentedPackagesHaveNoDoclintWarning(@TempDir Path out) {
        DocumentationTool javadoc = ToolProvider.getSystemDocumentationTool();
        List<String> args = new ArrayList<>(List.of("-quiet", "-Xdoclint:all", "-d", out.toString(),
                "-cp", System.getProperty("java.class.path"), "-sourcepath", Path.of("src/main/java").toString()));
        args.addAll(DOCUMENTED);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int code = javadoc.run(null, output, output, args.toArray(String[]::new));
        String problems = output.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("warning") || l.contains("error")).collect(Collectors.joining("\n"));
        assertEquals("", problems, "doclint warnings");
        assertEquals(0, code);
    }
}
