package io.github.adder4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The CLI's stderr carries adder's own messages only: DJL's CUDA probe ("Failed to detect GPU count", a WARN of
 * {@code ai.djl.util.cuda.CudaUtils} on a machine with a CUDA runtime but no usable driver) is below the CLI's log level,
 * while real errors still show. Each case runs the CLI in a child JVM, as a user does, so that the logging configuration
 * of the jar ({@code simplelogger.properties}) is the one in force.
 */
class CleanStderrTest {

    /** libtorch prints this deprecation line from native code on its first use; the {@code adder} script drops it. */
    static final String LIBTORCH_DEPRECATION = "AutoNonVariableTypeMode is deprecated";

    @TempDir
    Path tmp;

    private record Result(int exitCode, String out, String err) { }

    private Result cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(), "-cp",
                System.getProperty("java.class.path"), "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
                AdderCli.class.getName()));
        command.addAll(List.of(args));
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Process child = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertTrue(child.waitFor(180, TimeUnit.SECONDS), "the CLI ends");
        } finally {
            child.destroyForcibly();
        }
        String errText = Files.readString(err, StandardCharsets.UTF_8).lines()
                .filter(l -> !l.contains(LIBTORCH_DEPRECATION)).collect(Collectors.joining("\n"));
        return new Result(child.exitValue(), Files.readString(out, StandardCharsets.UTF_8).strip(), errText);
    }

    @Test
    void anAdditionPrintsItsSumAndNothingOnStderr() throws Exception {
        Result r = cli("add", "--zoo", "split-57", "1", "2");
        assertEquals(new Result(0, "3", ""), r);
    }

    @Test
    void realErrorsStillShow() throws Exception {
        Result r = cli("add", "--zoo", "split-57", "1", "-2");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("error: "), r.err());
        assertTrue(r.err().lines().noneMatch(l -> l.contains("CudaUtils") || l.contains("GPU")), r.err());
    }
}
