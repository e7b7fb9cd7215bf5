package io.github.adder4j.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** The files of a run directory and small atomic file helpers. */
public final class RunFiles {
    private RunFiles() { }

    /** JSON for run files (NaN allowed: a diverged run must still be recordable). */
    public static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().disableHtmlEscaping().create();

    /** The recipe and environment: enough to re-run. */
    public static Path config(Path dir) {
        return dir.resolve("config.json");
    }

    /** One JSON object per metrics line. */
    public static Path metrics(Path dir) {
        return dir.resolve("metrics.jsonl");
    }

    /** One JSON object per event (best, grok, early stop, divergence, rss). */
    public static Path events(Path dir) {
        return dir.resolve("events.jsonl");
    }

    /** Model checkpoint at the last evaluation. */
    public static Path lastCheckpoint(Path dir) {
        return dir.resolve("checkpoints").resolve("last.json");
    }

    /** The best checkpoint's score on the recipe's held-out test set (runs whose recipe has a {@code testSize}). */
    public static final String TEST_FILE = "test.json";

    /** Model checkpoint with the best validation exact match. */
    public static Path bestCheckpoint(Path dir) {
        return dir.resolve("checkpoints").resolve("best.json");
    }

    /** Optimizer, data and bookkeeping state matching {@link #lastCheckpoint}. */
    public static Path trainerState(Path dir) {
        return dir.resolve("checkpoints").resolve("trainer-state.json");
    }

    /** Final summary of the run. */
    public static Path summary(Path dir) {
        return dir.resolve("summary.json");
    }

    /** The run's summary, read from {@link #summary}. */
    public static TrainingResult readSummary(Path dir) {
        try {
            return GSON.fromJson(Files.readString(summary(dir)), TrainingResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + summary(dir), e);
        }
    }

    /** Writes a file atomically (temp file in the same directory, then rename). */
    public static void writeAtomically(Path path, String text) {
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(path.toAbsolutePath().getParent(), path.getFileName().toString(), ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    /** Appends one line. */
    public static void appendLine(Path path, String line) {
        try {
            Files.writeString(path, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + path, e);
        }
    }

    /** Keeps only the JSON lines whose {@code step} is at most {@code maxStep} (for resumption). */
    public static void truncateAfter(Path path, long maxStep) {
        if (!Files.exists(path)) {
            return;
        }
        try {
            List<String> kept = new ArrayList<>();
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    com.google.gson.JsonObject o = com.google.gson.JsonParser.parseString(line).getAsJsonObject();
                    if (!o.has("step") || o.get("step").getAsLong() <= maxStep) {
                        kept.add(line);
                    }
                } catch (RuntimeException e) {
                    // a line cut by a kill: drop it
                }
            }
            writeAtomically(path, kept.isEmpty() ? "" : String.join("\n", kept) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
