package io.github.adder4j.core.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.Preset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a library user's program prints on stderr (docs/getting-started.md, "Lines on stderr that are not adder4j's"):
 * a child JVM runs {@link Program} with slf4j-simple at its WARN level, as a user's program with a binding does.
 * Without any setting, the only lines besides the sum are DJL's CUDA probe (on a machine with a CUDA runtime but no
 * usable driver; none elsewhere) and libtorch's deprecation line; with the documented setting of one logger, the probe
 * is gone too.
 */
class LibraryUserStderrTest {

    /** DJL's CUDA probe, logged at WARN through SLF4J when the CUDA runtime cannot count the devices. */
    static final String CUDA_PROBE = "Failed to detect GPU count";

    /** Printed by the native libtorch library on its first use; no Java setting reaches it. */
    static final String LIBTORCH_DEPRECATION = "AutoNonVariableTypeMode is deprecated";

    @TempDir
    Path tmp;

    /** A user's program: one addition with a hand-coded preset. */
    public static final class Program {
        private Program() { }

        /**
         * Prints {@code 1234567890 + 9876543210}.
         *
         * @param args ignored
         */
        public static void main(String[] args) {
            try (AdderModel model = Preset.ROPE19_10.create()) {
                System.out.println(model.adder().add(1_234_567_890L, 9_876_543_210L));
            }
        }
    }

    /** The stderr lines of the program, after its stdout was checked. */
    private List<String> stderrOf(String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(), "-cp",
                System.getProperty("java.class.path"), "-Dai.djl.offline=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        command.addAll(List.of(options));
        command.add(Program.class.getName());
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Process child = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertTrue(child.waitFor(180, TimeUnit.SECONDS), "the program ends");
        } finally {
            child.destroyForcibly();
        }
        assertEquals(0, child.exitValue(), () -> read(err));
        assertEquals("11111111100", read(out).strip());
        return read(err).lines().filter(l -> !l.contains(LIBTORCH_DEPRECATION)).toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void withoutSettingsTheOnlyForeignLinesAreTheCudaProbe() throws Exception {
        List<String> lines = stderrOf();
        assertEquals(List.of(), lines.stream().filter(l -> !l.contains(CUDA_PROBE)).collect(Collectors.toList()),
                "stderr lines besides DJL's CUDA probe");
    }

    @Test
    void theDocumentedLoggerSettingSilencesTheCudaProbe() throws Exception {
        assertEquals(List.of(), stderrOf("-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error"));
    }
}
