package io.github.adder4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.adder4j.core.io.CheckpointFormat;
import io.github.adder4j.train.RunFiles;
import io.github.adder4j.train.TrainingResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code adder sweep --engine slurm} against a real single-node Slurm cluster, started by {@code scripts/slurm-cluster.sh}
 * (which installs the Debian packages when they are missing; CI's {@code .ci/run} installs them first). The surefire
 * configuration points {@code SLURM_CONF} at that cluster.
 */
class SlurmSweepTest {

    /** A small split-57 recipe: 1,500 steps with metrics every 50 and an evaluation every 250. */
    private static final List<String> SMALL = List.of("--preset", "split-57", "--seeds", "1..2", "--steps", "1500",
            "--set", "validationSize=50", "--set", "logEvery=50", "--set", "warmupSteps=5", "--set", "batchSize=32",
            "--set", "evalEvery=250");

    @BeforeAll
    static void startTheCluster() throws Exception {
        Path script = repositoryRoot().resolve("scripts").resolve("slurm-cluster.sh");
        Process p = new ProcessBuilder(script.toString(), "start").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(600, TimeUnit.SECONDS), "the cluster starts");
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("export SLURM_CONF=" + System.getenv("SLURM_CONF")), output + " / SLURM_CONF=" + System.getenv("SLURM_CONF"));
    }

    /** The checkout's root: the first directory upwards that holds scripts/slurm-cluster.sh. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("scripts").resolve("slurm-cluster.sh"))) {
                return dir;
            }
        }
        throw new AssertionError("no scripts/slurm-cluster.sh above " + Path.of("").toAbsolutePath());
    }

    private static List<String> args(String engine, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("sweep", "--engine", engine));
        args.addAll(SMALL);
        args.addAll(List.of("--out", out.toString()));
        args.addAll(List.of(more));
        return args;
    }

    /** metrics.jsonl without the wall-clock field. */
    private static List<String> metrics(Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(RunFiles.metrics(dir))) {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            o.remove("wallSeconds");
            lines.add(o.toString());
        }
        return lines;
    }

    private static void await(String what, Duration timeout, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    private static long metricLines(Path dir) {
        try {
            return Files.isRegularFile(RunFiles.metrics(dir)) ? Files.readAllLines(RunFiles.metrics(dir)).size() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    @Test
    void aRequeuedTaskResumesAndTheSweepEndsWithTheMetricsOfAnUninterruptedRun(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("slurm-sweep");
        CompletableFuture<Cli.Run> sweep = CompletableFuture.supplyAsync(
                () -> Cli.run(args("slurm", out, "--max-running", "2", "--wait").toArray(String[]::new)));
        Path jobIds = out.resolve("slurm").resolve("job-ids");
        await("the job id", Duration.ofMinutes(2), () -> Files.isRegularFile(jobIds) || sweep.isDone());
        assertTrue(Files.isRegularFile(jobIds), () -> "no job submitted: " + sweep.join().err());
        String jobId = Files.readAllLines(jobIds).get(0).strip();
        Path seed1 = out.resolve("seed-1");
        // past the first evaluation (step 250, line 5) and well before the end (line 30): requeue kills the task and queues it again
        await("seed 1 to pass step 250", Duration.ofMinutes(4), () -> metricLines(seed1) >= 6 || sweep.isDone());
        assertTrue(metricLines(seed1) < 30, "seed 1 was still running when it was requeued: " + metricLines(seed1) + " lines");
        List<String> requeue = SlurmEngine.command(List.of("scontrol", "requeue", jobId + "_0"), Duration.ofSeconds(60));
        assertEquals(List.of(), requeue);

        Cli.Run r = sweep.get(10, TimeUnit.MINUTES);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("submitted job " + jobId + " (" + SlurmEngine.jobName(out) + "): seeds [1, 2], task i = seed 1 + i, "
                + "2 at a time"), r.err());
        assertTrue(r.err().contains("watch it with: squeue -r --name=" + SlurmEngine.jobName(out)), r.err());
        String events = Files.readString(RunFiles.events(seed1));
        assertTrue(events.contains("\"event\":\"stopped\""), "the requeue stopped seed 1 cleanly: " + events);
        String taskLog = Files.readString(out.resolve("slurm").resolve("task-" + jobId + "_0.log"));
        assertTrue(taskLog.contains("seed 1 restart 0") && taskLog.contains("seed 1 restart 1"), taskLog);
        assertTrue(Files.readString(out.resolve("seed-1.log")).contains("resuming"), "the requeued task resumed the run");

        JsonArray rows = JsonParser.parseString(Files.readString(out.resolve("sweep.json"))).getAsJsonObject().getAsJsonArray("rows");
        assertEquals(2, rows.size());
        for (int i = 0; i < 2; i++) {
            assertEquals("COMPLETED", rows.get(i).getAsJsonObject().get("status").getAsString());
            assertEquals(1500, rows.get(i).getAsJsonObject().get("steps").getAsLong());
        }

        // the same seeds on the local pool, uninterrupted: identical metrics and weights
        Path local = tmp.resolve("local-sweep");
        Cli.Run l = Cli.run(args("local", local, "--jobs", "2").toArray(String[]::new));
        assertEquals(0, l.exitCode(), l.err());
        for (String seed : List.of("seed-1", "seed-2")) {
            assertEquals(metrics(local.resolve(seed)), metrics(out.resolve(seed)), seed);
            assertEquals(CheckpointFormat.read(RunFiles.lastCheckpoint(local.resolve(seed))).parametersSha256(),
                    CheckpointFormat.read(RunFiles.lastCheckpoint(out.resolve(seed))).parametersSha256(), seed);
            assertEquals(TrainingResult.Status.COMPLETED, RunFiles.readSummary(out.resolve(seed)).status());
        }
        // the table rows are the local sweep's but for the wall time
        assertEquals(l.out().lines().map(SlurmSweepTest::withoutWallTime).toList(),
                r.out().lines().map(SlurmSweepTest::withoutWallTime).toList());

        // a second slurm sweep finds everything ended: it submits nothing and writes the same table
        Cli.Run again = Cli.run(args("slurm", out).toArray(String[]::new));
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.err().contains("0 to submit (0 to resume), 0 queued or running, 2 already ended"), again.err());
        assertEquals(r.out(), again.out());
        // and --report tabulates without starting anything, whatever the engine
        Cli.Run report = Cli.run(args("local", out, "--report").toArray(String[]::new));
        assertEquals(0, report.exitCode(), report.err());
        assertTrue(report.err().contains("report only; 2 ended, 0 not"), report.err());
        assertEquals(r.out(), report.out());
    }

    private static String withoutWallTime(String line) {
        return line.startsWith("| ") ? line.substring(0, line.lastIndexOf(" | ")) : line;
    }
}
