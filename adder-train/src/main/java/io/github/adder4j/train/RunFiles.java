package io.github.adder4j.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.github.adder4j.core.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of a run directory and small atomic file helpers.
 *
 * <p>Checkpoints are saved in generations: {@code checkpoints/gen-<step>/} holds the model ({@code last.json}) and the
 * trainer state ({@code trainer-state.json}) of one step. A generation is written into a temporary directory and renamed
 * into place in one atomic step, so a kill or a full disk at any moment leaves either the complete new generation or
 * none; {@link Trainer#resume} takes the newest complete one. After each save {@code checkpoints/last.json} and
 * {@code checkpoints/trainer-state.json} are refreshed as copies for people and tools; runs written before generations
 * existed have only these two files, and they still resume. The two newest generations are kept.
 *
 * <p>Every run file is written by {@link AtomicFiles}, with the same permissions (the process's umask).
 */
public final class RunFiles {
    private RunFiles() { }

    /** Generations kept in {@code checkpoints/}: the newest, and the one before in case the newest is damaged. */
    static final int KEPT_GENERATIONS = 2;

    /** Largest run file read (config, trainer state, summary): far above any real one, so that a stray file cannot exhaust memory. */
    static final long MAX_FILE_BYTES = 256L << 20;

    private static final java.util.regex.Pattern GENERATION = java.util.regex.Pattern.compile("gen-(\\d{12})");

    /**
     * Test hook, called at each point of a checkpoint save with its name ({@code generation-written},
     * {@code generation-committed}, {@code last-copied}); a test throws from it to stop the save there as a kill would.
     */
    static volatile java.util.function.Consumer<String> saveHook = point -> { };

    /**
     * JSON for run files (NaN allowed: a diverged run must still be recordable). A {@link Recipe} and a
     * {@link TrainerState} are written in their parts and read in either form: the parts, or the flat form of files written
     * before them ({@link FlatForm}).
     */
    public static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().disableHtmlEscaping()
            .registerTypeAdapterFactory(Recipe.FIELDS.readingBothForms())
            .registerTypeAdapterFactory(TrainerState.FIELDS.readingBothForms()).create();

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

    /** The checkpoint directory. */
    public static Path checkpoints(Path dir) {
        return dir.resolve("checkpoints");
    }

    /** The generation directory of the checkpoint after {@code step} steps. */
    public static Path generation(Path dir, long step) {
        return checkpoints(dir).resolve(String.format(java.util.Locale.ROOT, "gen-%012d", step));
    }

    /**
     * One saved checkpoint generation.
     *
     * @param step       the step it was saved after
     * @param checkpoint its model checkpoint
     * @param state      its trainer state
     */
    public record Generation(long step, Path checkpoint, Path state) { }

    /** The generation directories of a run, newest first (complete or not: their files are checked when read). */
    public static List<Generation> generations(Path dir) {
        Path checkpoints = checkpoints(dir);
        if (!Files.isDirectory(checkpoints)) {
            return List.of();
        }
        List<Generation> found = new ArrayList<>();
        try (java.util.stream.Stream<Path> entries = Files.list(checkpoints)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                java.util.regex.Matcher m = GENERATION.matcher(entry.getFileName().toString());
                if (m.matches() && Files.isDirectory(entry)) {
                    found.add(new Generation(Long.parseLong(m.group(1)), entry.resolve("last.json"),
                            entry.resolve("trainer-state.json")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + checkpoints + ": " + e.getMessage(), e);
        }
        found.sort(java.util.Comparator.comparingLong(Generation::step).reversed());
        return found;
    }

    /** Whether the run holds any checkpoint file (a generation, or the copies of the last one). */
    public static boolean hasCheckpoint(Path dir) {
        return !generations(dir).isEmpty() || Files.exists(lastCheckpoint(dir)) || Files.exists(trainerState(dir));
    }

    /**
     * Saves the checkpoint after {@code step} steps as one generation: both files go into a temporary directory that is
     * renamed to {@link #generation} in one atomic step; then the copies {@link #lastCheckpoint} and
     * {@link #trainerState} are refreshed and generations beyond the newest {@link #KEPT_GENERATIONS} removed.
     */
    static void saveGeneration(Path dir, long step, byte[] checkpoint, String state) {
        Path target = generation(dir, step);
        Path temp = target.resolveSibling("." + target.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            Files.createDirectories(temp);
            AtomicFiles.write(temp.resolve("last.json"), checkpoint);
            AtomicFiles.writeString(temp.resolve("trainer-state.json"), state);
            saveHook.accept("generation-written");
            if (Files.exists(target)) {
                deleteTree(target); // the same step saved again (a run resumed at it): the new save replaces it
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            saveHook.accept("generation-committed");
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UncheckedIOException("cannot save the checkpoint of step " + step + " in " + target + ": "
                    + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
        AtomicFiles.write(lastCheckpoint(dir), checkpoint);
        saveHook.accept("last-copied");
        AtomicFiles.writeString(trainerState(dir), state);
        List<Generation> all = generations(dir);
        for (Generation old : all.subList(Math.min(KEPT_GENERATIONS, all.size()), all.size())) {
            deleteQuietly(old.checkpoint().getParent());
        }
    }

    /**
     * Removes what a killed process leaves behind: temporary files ({@code .*.tmp}) in the run directory and its
     * checkpoint directory, and unfinished generation directories.
     */
    public static void removeTemporaryFiles(Path dir) {
        for (Path folder : List.of(dir, checkpoints(dir))) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (java.util.stream.Stream<Path> entries = Files.list(folder)) {
                for (Path entry : (Iterable<Path>) entries::iterator) {
                    if (AtomicFiles.isTemporary(entry.getFileName().toString())) {
                        deleteQuietly(entry);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
            }
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            deleteTree(path);
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(RunFiles.class).warn("cannot delete {}: {}", path, e.toString());
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (java.util.stream.Stream<Path> entries = Files.list(path)) {
                for (Path entry : (Iterable<Path>) entries::iterator) {
                    deleteTree(entry);
                }
            }
        }
        Files.deleteIfExists(path);
    }

    /**
     * The JSON object in run file {@code file}.
     *
     * @throws IllegalStateException naming the file when it is missing, empty, truncated or not a JSON object
     */
    public static com.google.gson.JsonObject readObject(Path file) {
        String text;
        try {
            text = new String(AtomicFiles.readBounded(file, MAX_FILE_BYTES, "run file"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        try {
            com.google.gson.JsonElement root = com.google.gson.JsonParser.parseString(text);
            if (!root.isJsonObject()) {
                throw new IllegalStateException("run file " + file + " is damaged: not a JSON object");
            }
            return root.getAsJsonObject();
        } catch (com.google.gson.JsonParseException e) {
            throw new IllegalStateException("run file " + file + " is damaged (truncated or malformed JSON"
                    + (e.getCause() instanceof java.io.EOFException ? ": it ends early" : "") + ")", e);
        }
    }

    /**
     * Run file {@code file} as a {@code type}.
     *
     * @throws IllegalStateException naming the file when it cannot be read as one
     */
    public static <T> T read(Path file, Class<T> type) {
        com.google.gson.JsonObject object = readObject(file);
        try {
            T value = GSON.fromJson(object, type);
            if (value == null) {
                throw new IllegalStateException("run file " + file + " is empty");
            }
            return value;
        } catch (RuntimeException e) {
            if (e instanceof IllegalStateException ise && ise.getMessage() != null && ise.getMessage().startsWith("run file ")) {
                throw ise;
            }
            throw new IllegalStateException("run file " + file + " is damaged: " + e.getMessage(), e);
        }
    }

    /** Final summary of the run. */
    public static Path summary(Path dir) {
        return dir.resolve("summary.json");
    }

    /** The run's summary, read from {@link #summary}. */
    public static TrainingResult readSummary(Path dir) {
        return read(summary(dir), TrainingResult.class);
    }

    /** Writes a file atomically with {@link AtomicFiles} (temp file in the same directory, then rename). */
    public static void writeAtomically(Path path, String text) {
        AtomicFiles.writeString(path, text);
    }

    /** Appends one line. */
    public static void appendLine(Path path, String line) {
        try {
            Files.writeString(path, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + path + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
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
