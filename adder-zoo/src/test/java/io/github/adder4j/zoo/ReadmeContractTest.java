package io.github.adder4j.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * README's property-test sample is {@link ZooContractProperties}, line for line; jqwik runs that class with the rest of
 * this module's tests.
 */
class ReadmeContractTest {

    @Test
    void readmeShowsExactlyTheContractClassThatRuns() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("src/test/java/io/github/adder4j/zoo/ZooContractProperties.java"));
        String code = lines.subList(lines.indexOf("// readme:start") + 1, lines.indexOf("// readme:end")).stream()
                .collect(Collectors.joining("\n"));
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("<!-- readme-contract -->");
        int from = readme.indexOf("```java\n", start) + "```java\n".length();
        int to = readme.indexOf("\n```", from);
        assertEquals(code, readme.substring(from, to));
    }
}
