package io.github.adder4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adder4j.train.RunFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run stopped by a signal prints its summary, whether it was started or resumed in that process. */
class StoppedRunSummaryTest {

    @TempDir
    Path tmp;

    /** Runs {@code adder args} in a child JVM until metrics.jsonl of {@code run} has {@code lines} lines, then sends SIGTERM. */
    private Process stopAfter(Path run, int lines, Path log, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(), "-cp",
                System.getProperty("java.class.path"), "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
                AdderCli.class.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectError(tmp.resolve("err-" + log.getFileName()).toFile())
                .redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + 180_000_000_000L;
            while (!(Files.exists(RunFiles.metrics(run)) && Files.readAllLines(RunFiles.metrics(run)).size() >= lines)) {
                assertTrue(child.isAlive() && System.nanoTime() < deadline, () -> "child ended early: " + read(log));
                Thread.sleep(20);
            }
            child.destroy(); // SIGTERM, as kill sends
            assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child stops within the shutdown wait");
        } finally {
            child.destroyForcibly();
        }
        return child;
    }

    private static String read(Path file) {
        return TrainCommandsTest.read(file);
    }

    @Test
    void aStoppedRunPrintsItsSummaryAlsoAfterAResume() throws Exception {
        Path run = tmp.resolve("run");
        Path first = tmp.resolve("first.log");
        stopAfter(run, 3, first, "train", "--preset", "split-57", "--seed", "3", "--steps", "100000", "--eval-every", "20",
                "--set", "validationSize=20", "--set", "logEvery=10", "--batch", "16", "--out", run.toString());
        assertTrue(read(first).startsWith("status: STOPPED (stopped on request after "), read(first));
        int before = Files.readAllLines(RunFiles.metrics(run)).size();

        Path second = tmp.resolve("second.log");
        stopAfter(run, before + 3, second, "train", "--resume", run.toString());
        List<String> summary = Files.readAllLines(second);
        assertTrue(summary.size() >= 6 && summary.get(0).startsWith("status: STOPPED (stopped on request after "), read(second));
        assertTrue(summary.get(0).contains("resume continues from the checkpoint at step "), summary.get(0));
        assertEquals("run dir: " + run.toAbsolutePath().normalize(), summary.get(5));
    }
}
