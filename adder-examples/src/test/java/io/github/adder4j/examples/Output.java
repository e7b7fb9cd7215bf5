package io.github.adder4j.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Captures what an example prints. */
final class Output {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    /** The stream to hand to an example. */
    PrintStream stream() {
        return stream;
    }

    /** Everything printed so far, line by line. */
    List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** The last printed line. */
    String lastLine() {
        List<String> lines = lines();
        if (lines.isEmpty()) {
            throw new AssertionError("the example printed nothing");
        }
        return lines.get(lines.size() - 1);
    }
}
