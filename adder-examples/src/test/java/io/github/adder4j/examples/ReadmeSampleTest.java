package io.github.adder4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.adder4j.core.Adder;
import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.Options;
import io.github.adder4j.core.Preset;
import io.github.adder4j.core.Projection;
import io.github.adder4j.zoo.AdderZoo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Java sample in README.md is this class's {@link #sample(PrintStream)} body, character for character: the test
 * compiles it (as part of this class), runs it, and checks what it prints and that README shows exactly this code.
 */
class ReadmeSampleTest {

    static void sample(PrintStream out) {
        // readme:start
        // a published architecture as a preset, with one option changed (a separate FFN output: 57 -> 67 parameters)
        try (AdderModel model = Preset.SPLIT_57.builder().ffnOutProjection(Projection.full()).seed(7).build()) {
            out.println(model.parameterReport().uniqueParameters());
        }
        // the builder from scratch: d = 3, RoPE, SwiGLU, QK-norm, tied embeddings
        try (AdderModel model = AdderModel.builder().dModel(3).rope(3).norm(Options.Norm.RMS).qkNorm(Options.QkNorm.SEPARATE)
                .headDim(4).ffnWidth(3).activation(Options.Activation.SWIGLU).build()) {
            out.println(model.parameterReport().uniqueParameters());
        }
        // a verified model from the zoo, loaded offline
        Adder adder = AdderZoo.load("rope19-10");
        out.println(adder.add(1234567890L, 9876543210L));
        // readme:end
    }

    private static String snippet() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("src/test/java/io/github/adder4j/examples/ReadmeSampleTest.java"));
        int from = lines.indexOf("        // readme:start");
        int to = lines.indexOf("        // readme:end");
        return lines.subList(from + 1, to).stream().map(l -> l.substring(8)).collect(Collectors.joining("\n"));
    }

    private static String readmeSample() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("<!-- readme-sample -->");
        int code = readme.indexOf("```java\n", start) + "```java\n".length();
        int end = readme.indexOf("\n```", code);
        return readme.substring(code, end);
    }

    @Test
    void readmeShowsExactlyThisCode() throws Exception {
        assertEquals(snippet(), readmeSample());
    }

    @Test
    void theSampleRunsAndPrintsWhatReadmeSays() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        sample(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals(List.of("67", "134", "11111111100"), bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }
}
