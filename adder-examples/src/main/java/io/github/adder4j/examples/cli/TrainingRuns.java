package io.github.adder4j.examples.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.adder4j.train.Population;
import io.github.adder4j.train.Recipe;
import io.github.adder4j.train.RunFiles;
import io.github.adder4j.train.Trainer;
import io.github.adder4j.train.TrainingListener;
import io.github.adder4j.train.TrainingResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * What the training commands share: starting, resuming or restarting a run directory with a progress bar on the error
 * writer, reading a run's files, and printing a run's summary.
 */
final class TrainingRuns {

    /** How long a signal waits for the current step, evaluation or round of mining to end and the state to be saved. */
    private static final java.time.Duration STOP_WAIT = java.time.Duration.ofMinutes(2);

    /** How long a signal waits, after the run has ended, for its summary to be printed. */
    private static final java.time.Duration SUMMARY_WAIT = java.time.Duration.ofSeconds(10);

    /** Counted down when the summary of the run in progress has been printed (a signal waits for it). */
    private static final java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CountDownLatch> REPORTED =
            new java.util.concurrent.atomic.AtomicReference<>();

    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private TrainingRuns() { }

    /** The command line as a shell would take it back: {@code adder} and the arguments, quoted where needed. */
    static String commandLine(List<String> args) {
        StringBuilder sb = new StringBuilder("adder");
        for (String arg : args) {
            sb.append(' ').append(PLAIN_WORD.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'");
        }
        return sb.toString();
    }

    /**
     * The checkpoint a run derived from {@code from} starts at (its best, or with {@code fromLast} its last), after checking
     * that {@code from} holds a run with that checkpoint and that {@code out} is another directory.
     *
     * @throws ParameterException naming {@code --from} or {@code --out} otherwise
     */
    static Path startingCheckpoint(CommandSpec spec, Path from, boolean fromLast, Path out) {
        if (!holdsRun(from)) {
            throw new ParameterException(spec.commandLine(), "--from " + from + ": no run there (missing config.json)");
        }
        Path source = fromLast ? RunFiles.lastCheckpoint(from) : RunFiles.bestCheckpoint(from);
        if (!Files.isRegularFile(source)) {
            String which = fromLast ? "last" : "best";
            throw new ParameterException(spec.commandLine(), "--from " + from + ": no " + which + " checkpoint yet (missing checkpoints/"
                    + which + ".json)");
        }
        if (out.toAbsolutePath().normalize().equals(from.toAbsolutePath().normalize())) {
            throw new ParameterException(spec.commandLine(), "--out must differ from --from: " + out);
        }
        return source;
    }

    /** Whether {@code dir} holds a run (its config.json). */
    static boolean holdsRun(Path dir) {
        return Files.exists(RunFiles.config(dir));
    }

    /** Whether the run in {@code dir} has ended (its summary.json, with any status but STOPPED: a stopped run resumes). */
    static boolean finished(Path dir) {
        return Files.exists(RunFiles.summary(dir)) && summary(dir).ended();
    }

    /** The summary of an ended run. */
    static TrainingResult summary(Path dir) {
        return RunFiles.readSummary(dir);
    }

    /** The recipe recorded in a run's config.json. */
    static Recipe recipe(Path dir) {
        return RunFiles.GSON.fromJson(config(dir).get("recipe"), Recipe.class);
    }

    /** The command line recorded in a run's config.json. */
    static String recordedCommand(Path dir) {
        JsonObject config = config(dir);
        return config.has("command") ? config.get("command").getAsString() : "";
    }

    private static JsonObject config(Path dir) {
        return RunFiles.readObject(RunFiles.config(dir));
    }

    /**
     * Starts a new run in {@code dir} and trains it to the end with a progress bar.
     *
     * @param label the progress bar's label
     */
    static TrainingResult start(Recipe recipe, Path dir, String commandLine, PrintWriter err, String label) {
        try (Trainer trainer = Trainer.start(recipe, dir, commandLine)) {
            return run(trainer, recipe.schedule().steps(), 0, err, label);
        }
    }

    /**
     * Continues the run in {@code dir}: an ended run is left as it is (its summary is returned); a run with a checkpoint
     * resumes from it; a run that stopped before its first checkpoint starts again from its recorded recipe and command
     * line (a start is deterministic, so this is the same run).
     */
    static TrainingResult continueRun(Path dir, PrintWriter err, String label) {
        if (finished(dir)) {
            RunFiles.removeTemporaryFiles(dir); // what a kill during the last writes left
            return summary(dir);
        }
        Recipe recipe = recipe(dir);
        if (!RunFiles.hasCheckpoint(dir)) {
            // the new start is built before anything of the old one is cleared: if it fails, the run stays as it was
            try (Trainer trainer = Trainer.restart(dir)) {
                err.println(label + ": no checkpoint yet in " + dir + "; starting the run again");
                err.flush();
                return run(trainer, recipe.schedule().steps(), 0, err, label);
            }
        }
        try (Trainer trainer = Trainer.resume(dir)) {
            long nextStep = trainer.startStep();
            err.println(label + ": resuming " + dir + " at step " + nextStep);
            err.flush();
            return run(trainer, recipe.schedule().steps(), nextStep, err, label);
        }
    }

    private static TrainingResult run(Trainer trainer, int totalSteps, long startStep, PrintWriter err, String label) {
        ProgressBar bar = ProgressBar.create(label, totalSteps, err);
        Progress progress = new Progress(bar, startStep, System::nanoTime);
        trainer.listener(progress);
        // a signal (kill, Ctrl-C) stops the run cleanly: its state is saved at the current step and the summary says STOPPED
        java.util.concurrent.CountDownLatch reported = new java.util.concurrent.CountDownLatch(1);
        REPORTED.set(reported);
        try {
            return stoppingOnSignal("adder-stop-" + label, () -> {
                trainer.requestStop();
                // the JVM exits when this hook returns: wait for the summary to be written, then printed
                if (trainer.awaitEnd(STOP_WAIT)) {
                    reported.await(SUMMARY_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                }
            }, trainer::run);
        } finally {
            bar.finish();
        }
    }

    /** What a shutdown hook does: ask the runs to stop and wait for them (the JVM exits when it returns). */
    private interface StopOnSignal {
        void stop() throws InterruptedException;
    }

    /**
     * Runs {@code work} with {@code onSignal} as a shutdown hook, so that a signal (kill, Ctrl-C) stops the runs cleanly at
     * their current step, then removes the hook.
     */
    private static <T> T stoppingOnSignal(String name, StopOnSignal onSignal, java.util.function.Supplier<T> work) {
        Thread hook = new Thread(() -> {
            try {
                onSignal.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return work.get();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it returns once the runs have written their summaries
            }
        }
    }

    /**
     * Trains runs together as one {@link Population} to their ends, with one progress bar over all their steps. A signal
     * (kill, Ctrl-C) asks every run to stop at its next metric line, where it writes a checkpoint it resumes from.
     *
     * @param members runs made with {@code Trainer.start}, {@code resume} or {@code restart}; the population closes them
     * @return each run's result, in the order given
     */
    static List<TrainingResult> runPopulation(List<Trainer> members, PrintWriter err) {
        long total = 0;
        long[] done = new long[members.size()];
        for (int i = 0; i < members.size(); i++) {
            total += members.get(i).recipe().schedule().steps();
            done[i] = members.get(i).startStep();
        }
        ProgressBar bar = ProgressBar.create("population", (int) Math.min(Integer.MAX_VALUE, total), err);
        bar.accept((int) Math.min(Integer.MAX_VALUE, java.util.Arrays.stream(done).sum()));
        for (int i = 0; i < members.size(); i++) {
            int member = i;
            members.get(i).listener((step, steps, loss, exact) -> {
                synchronized (done) {
                    done[member] = step;
                    bar.accept((int) Math.min(Integer.MAX_VALUE, java.util.Arrays.stream(done).sum()));
                }
            });
        }
        try (Population population = Population.of(members)) {
            return stoppingOnSignal("adder-stop-population", () -> {
                population.requestStop();
                for (Trainer t : members) {
                    t.awaitEnd(STOP_WAIT);
                }
            }, population::run);
        } finally {
            bar.finish();
        }
    }

    /** Prints a run's summary: status, steps, best validation exact match, grok step, wall time, run directory. */
    static void printSummary(PrintWriter out, TrainingResult r, Path dir) {
        try {
            printSummaryLines(out, r, dir);
        } finally {
            java.util.concurrent.CountDownLatch reported = REPORTED.getAndSet(null);
            if (reported != null) {
                reported.countDown();
            }
        }
    }

    private static void printSummaryLines(PrintWriter out, TrainingResult r, Path dir) {
        out.println("status: " + r.status() + " (" + r.message() + ")");
        out.println("steps: " + r.steps());
        out.println("best val exact: " + (r.bestStep() < 0 ? "none (no evaluation)"
                : String.format(Locale.ROOT, "%.4f at step %d", r.bestExact(), r.bestStep())));
        out.println("grok step: " + (r.grokStep() < 0 ? "none" : Long.toString(r.grokStep())));
        out.println("wall time: " + duration(r.wallSeconds()));
        out.println("run dir: " + dir.toAbsolutePath().normalize());
        out.flush();
    }

    /** Seconds as {@code 12.3 s}, or {@code 1:02:03 (3723.0 s)} from a minute on. */
    static String duration(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        return String.format(Locale.ROOT, "%s (%.1f s)", clock(Math.round(seconds)), seconds);
    }

    /** Whole seconds as {@code M:SS} or {@code H:MM:SS}. */
    static String clock(long seconds) {
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
    }

    /**
     * Feeds a progress bar from a trainer: the step, and as detail the estimated time left (from the rate since this
     * process started training at {@code startStep}), the mean loss since the previous metrics line and the validation
     * exact match of the last evaluation.
     */
    static final class Progress implements TrainingListener {
        private final ProgressBar bar;
        private final long startStep;
        private final LongSupplier clock;
        private final long startNanos;

        /**
         * Shows {@code startStep} at once and measures the rate from now on.
         *
         * @param bar       the bar to feed
         * @param startStep the step this process starts training at (0, or the resume point)
         * @param nanoClock a monotonic clock in nanoseconds
         */
        Progress(ProgressBar bar, long startStep, LongSupplier nanoClock) {
            this.bar = bar;
            this.startStep = startStep;
            this.clock = nanoClock;
            this.startNanos = nanoClock.getAsLong();
            bar.accept((int) startStep);
        }

        /** Updates the bar's step and detail. */
        @Override
        public void progress(long step, long totalSteps, double loss, double lastExact) {
            bar.detail(detail(step, totalSteps, loss, lastExact, (clock.getAsLong() - startNanos) / 1e9));
            bar.accept((int) Math.min(step, totalSteps));
        }

        /** {@code ETA 1:02 loss 0.1234 val 0.9500} ({@code val -} before the first evaluation). */
        String detail(long step, long totalSteps, double loss, double lastExact, double elapsedSeconds) {
            long done = step - startStep;
            String eta = done <= 0 ? "-" : clock(Math.round(elapsedSeconds / done * Math.max(0, totalSteps - step)));
            return String.format(Locale.ROOT, "ETA %s loss %.4f val %s", eta, loss,
                    lastExact < 0 ? "-" : String.format(Locale.ROOT, "%.4f", lastExact));
        }
    }
}
