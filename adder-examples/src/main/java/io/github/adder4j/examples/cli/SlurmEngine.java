package io.github.adder4j.examples.cli;

import io.github.adder4j.train.RunFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Slurm engine of {@code adder sweep}: the seeds of a sweep become one job array ({@code sbatch --array}, task
 * {@code i} is seed {@code first + i}, {@code --requeue}, a limit of tasks running at once), each task running
 * {@code adder sweep ... --run-seed S}, which trains or resumes that seed's run in the shared sweep directory exactly as
 * the local pool does. A requeued or preempted task therefore resumes its run and loses nothing.
 *
 * <p>The jobs of one sweep directory share a name derived from the directory, which is how a later {@code sweep} finds the
 * tasks still queued or running ({@code squeue}; {@code sacct} needs a database daemon that small clusters lack). The
 * Slurm client commands are found on the {@code PATH} and read the cluster's configuration as they always do
 * ({@code SLURM_CONF} or the default file).
 */
final class SlurmEngine {

    /** Task states in which a task still holds or will hold its seed's run. */
    private static final Set<String> ACTIVE = Set.of("PENDING", "RUNNING", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED", "CONFIGURING",
            "COMPLETING", "RESIZING", "SUSPENDED", "STAGE_OUT", "SIGNALING", "PREEMPTED");

    private static final Pattern JOB_ID = Pattern.compile("\\d+");

    /** The options passed through to {@code sbatch}. */
    record Options(int maxRunning, String partition, String time, int cpusPerTask, List<String> sbatchArgs) {
        Options {
            if (maxRunning < 0) {
                throw new IllegalArgumentException("--max-running must not be negative: " + maxRunning);
            }
            if (cpusPerTask < 1) {
                throw new IllegalArgumentException("--cpus-per-task must be positive: " + cpusPerTask);
            }
            sbatchArgs = List.copyOf(sbatchArgs);
        }
    }

    /** A task of the sweep's jobs as {@code squeue} lists it. */
    record Task(String jobId, long seed, String state) { }

    private final Path out;
    private final long firstSeed;
    private final String jobName;

    SlurmEngine(Path out, long firstSeed) {
        this.out = out.toAbsolutePath().normalize();
        this.firstSeed = firstSeed;
        this.jobName = jobName(this.out);
    }

    /** {@code adder-sweep-} and 10 hex digits of the SHA-256 of the sweep directory's absolute path. */
    static String jobName(Path out) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(out.toAbsolutePath().normalize().toString()
                    .getBytes(StandardCharsets.UTF_8));
            return "adder-sweep-" + HexFormat.of().formatHex(digest).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The name shared by the jobs of this sweep directory. */
    String jobName() {
        return jobName;
    }

    /** The directory of the job scripts, Slurm's task logs and the submitted job ids. */
    Path slurmDir() {
        return out.resolve("slurm");
    }

    /** The file listing the ids of the jobs submitted for this sweep directory, one per line, oldest first. */
    Path jobIdsFile() {
        return slurmDir().resolve("job-ids");
    }

    /** The tasks of this sweep's jobs that are queued, running or being requeued, by seed. */
    Map<Long, Task> activeTasks() {
        List<String> lines = command(List.of("squeue", "-h", "-r", "--name=" + jobName, "-o", "%i|%K|%T"), Duration.ofSeconds(60));
        Map<Long, Task> tasks = new TreeMap<>();
        for (String line : lines) {
            String[] f = line.strip().split("\\|", -1);
            if (f.length != 3 || !f[1].matches("\\d+")) {
                continue;
            }
            if (ACTIVE.contains(f[2])) {
                long seed = firstSeed + Long.parseLong(f[1]);
                tasks.put(seed, new Task(f[0], seed, f[2]));
            }
        }
        return tasks;
    }

    /**
     * Writes the array job's script and submits it.
     *
     * @param seeds the seeds to run (each {@code >= firstSeed})
     * @param task the command each task runs, before {@code --run-seed S} (its arguments quoted by the script)
     * @return the job id
     */
    String submit(Set<Long> seeds, List<String> task, Options options) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("no seeds to submit");
        }
        String indices = new TreeSet<>(seeds).stream().map(s -> Long.toString(s - firstSeed)).collect(Collectors.joining(","));
        StringBuilder script = new StringBuilder("#!/bin/bash\n");
        script.append("#SBATCH --job-name=").append(jobName).append('\n');
        script.append("#SBATCH --array=").append(indices).append(options.maxRunning() > 0 ? "%" + options.maxRunning() : "").append('\n');
        script.append("#SBATCH --requeue\n");
        script.append("#SBATCH --ntasks=1\n");
        script.append("#SBATCH --cpus-per-task=").append(options.cpusPerTask()).append('\n');
        script.append("#SBATCH --output=").append(slurmDir().resolve("task-%A_%a.log")).append('\n');
        script.append("#SBATCH --open-mode=append\n");
        if (options.partition() != null) {
            script.append("#SBATCH --partition=").append(options.partition()).append('\n');
        }
        if (options.time() != null) {
            script.append("#SBATCH --time=").append(options.time()).append('\n');
        }
        for (String arg : options.sbatchArgs()) {
            script.append("#SBATCH ").append(arg).append('\n');
        }
        script.append("# task i trains seed ").append(firstSeed).append(" + i (or resumes it after a requeue or preemption)\n");
        script.append("seed=$((").append(firstSeed).append(" + SLURM_ARRAY_TASK_ID))\n");
        script.append("echo \"$(date -u +%FT%TZ) task ${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID} seed $seed restart ${SLURM_RESTART_COUNT:-0}\"\n");
        script.append("exec");
        for (String arg : task) {
            script.append(' ').append(quote(arg));
        }
        script.append(" --run-seed \"$seed\"\n");
        Path file;
        try {
            Files.createDirectories(slurmDir());
            file = slurmDir().resolve("sweep-" + System.currentTimeMillis() + ".sbatch");
            RunFiles.writeAtomically(file, script.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the job script under " + slurmDir(), e);
        }
        List<String> reply = command(List.of("sbatch", "--parsable", file.toString()), Duration.ofSeconds(60));
        String jobId = reply.isEmpty() ? "" : reply.get(reply.size() - 1).strip().split(";", -1)[0];
        if (!JOB_ID.matcher(jobId).matches()) {
            throw new IllegalStateException("sbatch did not print a job id: " + String.join(" ", reply));
        }
        List<String> ids = new ArrayList<>();
        if (Files.isRegularFile(jobIdsFile())) {
            try {
                ids.addAll(Files.readAllLines(jobIdsFile()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + jobIdsFile(), e);
            }
        }
        ids.add(jobId);
        RunFiles.writeAtomically(jobIdsFile(), String.join("\n", ids) + "\n");
        return jobId;
    }

    /** Waits until no task of this sweep is queued or running, polling {@code squeue} every {@code poll}. */
    void awaitIdle(Duration poll) throws InterruptedException {
        while (!activeTasks().isEmpty()) {
            Thread.sleep(poll.toMillis());
        }
    }

    /** Single-quotes a word for bash where needed. */
    static String quote(String word) {
        return word.matches("[A-Za-z0-9_./:=@%+,-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    /**
     * Runs a Slurm client command and returns its output lines.
     *
     * @throws IllegalStateException naming the command when it is missing, fails or times out
     */
    static List<String> command(List<String> command, Duration timeout) {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException(command.get(0) + " is not available (is this a Slurm login node? "
                    + "scripts/slurm-cluster.sh starts a one-node test cluster): " + e.getMessage(), e);
        }
        try {
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not answer within " + timeout.toSeconds() + " s");
            }
            List<String> lines = new String(output, StandardCharsets.UTF_8).lines().toList();
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + p.exitValue() + "): "
                        + String.join(" ", lines));
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the output of " + command.get(0), e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(command.get(0) + " was interrupted", e);
        }
    }
}
