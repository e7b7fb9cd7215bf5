package io.github.adder4j.zoo;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.Preset;
import io.github.adder4j.core.eval.BatchAdder;
import io.github.adder4j.core.io.AtomicFiles;
import io.github.adder4j.core.io.Checkpoint;
import io.github.adder4j.core.io.CheckpointFormat;
import io.github.adder4j.core.params.ParameterReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * (Re)creates the zoo's index and checkpoint resources from their sources, verifying every model it writes.
 *
 * <pre>
 * mvn -q -o -pl adder-zoo -am compile dependency:build-classpath -Dmdep.outputFile=/tmp/zoo-cp.txt
 * java -Dai.djl.offline=true -cp adder-zoo/target/classes:$(cat /tmp/zoo-cp.txt) io.github.adder4j.zoo.ZooBuilder \
 *      --out adder-zoo/src/main/resources/io/github/adder4j/zoo \
 *      --hand-coded rope19-10 --trained split-57-s3=runs/split57-seed3
 * </pre>
 * (the verification runs about 125,000 additions per entry: minutes on two cores).
 *
 * <p>A hand-coded entry is built by code ({@link Preset#create()} of the hand-coded preset with that id); a trained
 * entry takes {@code RUN_DIR/checkpoints/best.json} and its provenance from {@code RUN_DIR/config.json} and
 * {@code RUN_DIR/summary.json}. Each model is verified with {@link VerifiedResults#measure} and the measured scores go
 * into both the checkpoint's metadata and the index. Entries already in {@code DIR/zoo.json} that are not named on
 * the command line are kept (their files must still match their hashes) unless {@code --clean} is given. A hand-coded
 * checkpoint's {@code created} time is the start of {@code --date} (UTC), so rebuilding on the same date gives
 * byte-identical files.
 */
@Command(name = "ZooBuilder", mixinStandardHelpOptions = true,
        description = "Builds the adder4j zoo resources (index + verified checkpoints).")
public final class ZooBuilder implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ZooBuilder.class);

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "folder of zoo.json and the checkpoints (src/main/resources/io/github/adder4j/zoo)")
    private Path out;

    @Option(names = "--hand-coded", paramLabel = "ID", description = "hand-coded preset to (re)build, e.g. rope19-10")
    private List<String> handCoded = new ArrayList<>();

    @Option(names = "--trained", paramLabel = "ID=RUN_DIR", description = "trained entry from a trainer run directory")
    private Map<String, Path> trained = new LinkedHashMap<>();

    @Option(names = "--image", paramLabel = "ID=RUN_DIR",
            description = "image entry (a ViT) from a trainer run directory with test.json (its best checkpoint chosen on validation)")
    private Map<String, Path> images = new LinkedHashMap<>();

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "date of the new entries (default: today, UTC)")
    private LocalDate date;

    @Option(names = "--clean", description = "drop entries of the existing index that are not rebuilt")
    private boolean clean;

    /** For picocli. */
    public ZooBuilder() {
    }

    /**
     * Runs the builder; exits with 0 on success, 1 on failure, 2 on a usage error.
     *
     * @param args the command line (see the class description)
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new ZooBuilder()).execute(args));
    }

    /** Builds the requested entries and writes the index. */
    @Override
    public Integer call() {
        LocalDate day = date != null ? date : LocalDate.now(ZoneOffset.UTC);
        PrintWriter writer = spec.commandLine().getOut();
        if (!images.isEmpty()) {
            for (ImageZooEntry e : buildImages(out, images, day)) {
                writer.printf("%-20s %-10s %6d params  %s %s%n", e.id(), "TRAINED", e.uniqueParameters(), ImageZoo.MNIST_TEST, e.test());
            }
            if (handCoded.isEmpty() && trained.isEmpty()) {
                writer.flush();
                return 0;
            }
        }
        List<ZooEntry> entries = build(out, handCoded, trained, day, clean);
        for (ZooEntry e : entries) {
            writer.printf("%-20s %-10s %6d params  adderboard %s  carry %s  random %s%n", e.id(), e.category(),
                    e.uniqueParameters(), e.results().adderBoard(), e.results().carry(), e.results().random());
        }
        writer.flush();
        return 0;
    }

    /**
     * Builds the named entries into {@code dir} and writes {@code dir/zoo.json}; returns the entries of the new index,
     * sorted by unique parameters, then id.
     *
     * @param dir       the zoo resource folder
     * @param handCoded ids of hand-coded presets to build
     * @param trained   id to trainer run directory, for trained entries
     * @param date      date of the new entries; hand-coded checkpoints are stamped with its start (UTC)
     * @param clean     drop existing entries that are not rebuilt (and their checkpoint files)
     * @throws IllegalArgumentException for a bad id, an id named twice, a non-hand-coded preset, nothing to build, or
     *                                  a run directory without its files
     * @throws IllegalStateException    when a kept entry's file no longer matches its hash, or a built entry does not
     *                                  qualify ({@link VerifiedResults#qualifies()})
     */
    static List<ZooEntry> build(Path dir, List<String> handCoded, Map<String, Path> trained, LocalDate date, boolean clean) {
        return build(dir, handCoded, trained, date, clean, VerifiedResults::measure);
    }

    /** {@link #build(Path, List, Map, LocalDate, boolean)} with another verification (for tests of the file handling). */
    static List<ZooEntry> build(Path dir, List<String> handCoded, Map<String, Path> trained, LocalDate date, boolean clean,
                                Function<BatchAdder, VerifiedResults> verifier) {
        if (handCoded.isEmpty() && trained.isEmpty()) {
            throw new IllegalArgumentException("nothing to build: give --hand-coded ID or --trained ID=RUN_DIR");
        }
        for (String id : trained.keySet()) {
            ZooEntry.requireId(id);
            if (handCoded.contains(id)) {
                throw new IllegalArgumentException("--trained names an id that --hand-coded also names: " + id);
            }
        }
        Map<String, ZooEntry> index = new LinkedHashMap<>();
        Path indexFile = dir.resolve(AdderZoo.INDEX);
        List<ZooEntry> previous = Files.exists(indexFile) ? ZooIndex.parse(readString(indexFile), indexFile.toString()) : List.of();
        for (ZooEntry e : previous) {
            if (clean) {
                delete(dir.resolve(e.checkpoint()));
            } else {
                index.put(e.id(), e);
            }
        }
        for (String id : handCoded) {
            index.put(id, buildHandCoded(dir, id, date, verifier));
        }
        for (Map.Entry<String, Path> t : trained.entrySet()) {
            index.put(t.getKey(), buildTrained(dir, t.getKey(), t.getValue(), date, verifier));
        }
        for (ZooEntry e : index.values()) {
            String actual = AdderZoo.sha256(readBytes(dir.resolve(e.checkpoint())));
            if (!actual.equals(e.sha256())) {
                throw new IllegalStateException("zoo entry " + e.id() + ": checkpoint " + e.checkpoint() + " has SHA-256 "
                        + actual + " but the index records " + e.sha256());
            }
        }
        List<ZooEntry> sorted = new ArrayList<>(index.values());
        sorted.sort(Comparator.comparingLong(ZooEntry::uniqueParameters).thenComparing(ZooEntry::id));
        AtomicFiles.write(indexFile, ZooIndex.toJson(sorted).getBytes(StandardCharsets.UTF_8));
        LOG.info("wrote {} with {} entries", indexFile, sorted.size());
        return List.copyOf(sorted);
    }

    private static ZooEntry buildHandCoded(Path dir, String id, LocalDate date,
                                           Function<BatchAdder, VerifiedResults> verifier) {
        ZooEntry.requireId(id);
        Preset preset = Preset.byId(id);
        if (!preset.handCoded()) {
            throw new IllegalArgumentException("--hand-coded must name a hand-coded preset: " + id);
        }
        String provenance = handCodedProvenance(preset);
        try (AdderModel model = preset.create()) {
            Instant created = date.atStartOfDay(ZoneOffset.UTC).toInstant();
            return write(dir, id, ZooEntry.Category.HAND_CODED, model, model.toCheckpoint(provenance, Map.of()), provenance,
                    created, date, verifier);
        }
    }

    /** The provenance line of a hand-coded entry: the code that builds the model and sets its weights. */
    static String handCodedProvenance(Preset preset) {
        String weights = preset == Preset.ROPE19_10
                ? "architecture io.github.adder4j.core.HandCoded.rope19Builder(), weights "
                        + "io.github.adder4j.core.HandCoded.rope19(AdderModel): the RoPE period-19 construction"
                : "weights set by io.github.adder4j.core.HandCoded";
        return "hand-coded, no training: io.github.adder4j.core.Preset." + preset.name() + ".create() (" + weights + ")";
    }

    private static ZooEntry buildTrained(Path dir, String id, Path runDir, LocalDate date,
                                         Function<BatchAdder, VerifiedResults> verifier) {
        Path best = runDir.resolve("checkpoints").resolve("best.json");
        Path config = runDir.resolve("config.json");
        Path summary = runDir.resolve("summary.json");
        for (Path p : List.of(best, config, summary)) {
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("--trained " + id + ": run directory has no " + runDir.relativize(p) + ": "
                        + runDir);
            }
        }
        String provenance = chainProvenance(runDir);
        Checkpoint checkpoint = CheckpointFormat.read(best);
        try (AdderModel model = AdderModel.fromCheckpoint(checkpoint, best.toString())) {
            return write(dir, id, ZooEntry.Category.TRAINED, model, checkpoint, provenance, checkpoint.metadata().created(), date,
                    verifier);
        }
    }

    /**
     * The provenance of a trained entry: its run's line, preceded by the lines of the runs it was fine-tuned from (a
     * recipe's {@code initFrom} naming {@code RUN/checkpoints/*.json} of a run directory that is still there), oldest first,
     * as {@code round 1: ... || round 2: ...}. A run that starts from a checkpoint outside any run directory says so.
     */
    static String chainProvenance(Path runDir) {
        java.util.LinkedList<String> rounds = new java.util.LinkedList<>();
        java.util.Set<Path> seen = new java.util.HashSet<>();
        Path current = runDir;
        String origin = null;
        while (current != null && seen.add(current.toAbsolutePath().normalize())) {
            JsonObject config = parseObject(current.resolve("config.json"));
            rounds.addFirst(trainedProvenance(current, config, parseObject(current.resolve("summary.json"))));
            JsonElement from = recipeField(recipeOf(config), "start", "initFrom");
            current = null;
            if (from != null && !from.isJsonNull()) {
                Path parent = Path.of(from.getAsString()).toAbsolutePath().normalize().getParent();
                Path run = parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("checkpoints")
                        ? parent.getParent() : null;
                if (run != null && Files.isRegularFile(run.resolve("config.json")) && Files.isRegularFile(run.resolve("summary.json"))) {
                    current = run;
                } else {
                    origin = "started from checkpoint " + from.getAsString();
                }
            }
        }
        if (rounds.size() == 1 && origin == null) {
            return rounds.getFirst();
        }
        StringBuilder sb = new StringBuilder();
        if (origin != null) {
            sb.append(origin).append(" || ");
        }
        for (int i = 0; i < rounds.size(); i++) {
            sb.append(i == 0 ? "" : " || ").append("round ").append(i + 1).append(": ").append(rounds.get(i));
        }
        return sb.toString();
    }

    /** The provenance line of one trained run, from its config.json and summary.json. */
    static String trainedProvenance(Path runDir, JsonObject config, JsonObject summary) {
        JsonObject recipe = recipeOf(config);
        return "trained: " + text(config, "command") + " | preset " + text(recipe, "preset") + ", seed " + text(recipe, "seed")
                + ", recipe " + recipe + " | " + text(summary, "status") + " after " + text(summary, "steps") + " of "
                + text(recipeField(recipe, "schedule", "steps")) + " steps (" + text(summary, "message") + "), best checkpoint at step "
                + text(summary, "bestStep") + " (validation exact " + text(summary, "bestExact") + "), wall time "
                + text(summary, "wallSeconds") + " s | machine " + text(config, "machine") + " | run directory "
                + runDir.toAbsolutePath().normalize().getFileName();
    }

    /** The recipe object of a run's config.json, or an empty object when it has none. */
    private static JsonObject recipeOf(JsonObject config) {
        return config.has("recipe") && config.get("recipe").isJsonObject() ? config.getAsJsonObject("recipe") : new JsonObject();
    }

    /**
     * A field of a run's recipe in either of its forms: in its part ({@code "schedule": {"steps": ...}}), or at the top level
     * in runs made before the recipe had parts ({@code "steps": ...}); null when absent.
     */
    private static JsonElement recipeField(JsonObject recipe, String part, String key) {
        JsonElement holder = recipe.get(part);
        return holder != null && holder.isJsonObject() ? holder.getAsJsonObject().get(key) : recipe.get(key);
    }

    private static String text(JsonObject o, String field) {
        return text(o.get(field));
    }

    private static String text(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "?";
        }
        return e.isJsonPrimitive() ? e.getAsString() : e.toString();
    }

    /**
     * Builds image entries into {@code dir} and writes {@code dir/vision.json} (keeping the image entries not named); returns
     * the entries of the new image index, sorted by parameters, then id. Each run directory must hold
     * {@code checkpoints/best.json}, {@code config.json}, {@code summary.json} and {@code test.json} (the test score of its
     * best checkpoint, chosen on validation digits); the builder measures the checkpoint again ({@link ImageZoo#measure}) and
     * refuses it when that differs from {@code test.json}.
     *
     * @throws IllegalArgumentException for a bad id, an id of an addition entry, or a run directory without its files
     * @throws IllegalStateException when the measured score differs from the run's test.json, or a kept entry's file no
     *                               longer matches its hash
     */
    static List<ImageZooEntry> buildImages(Path dir, Map<String, Path> runs, LocalDate date) {
        Map<String, ImageZooEntry> index = new LinkedHashMap<>();
        Path indexFile = dir.resolve(ImageZoo.INDEX);
        if (Files.exists(indexFile)) {
            for (ImageZooEntry e : ImageZoo.parse(readString(indexFile), indexFile.toString())) {
                index.put(e.id(), e);
            }
        }
        Path additionIndex = dir.resolve(AdderZoo.INDEX);
        java.util.Set<String> additionIds = new java.util.HashSet<>();
        if (Files.exists(additionIndex)) {
            ZooIndex.parse(readString(additionIndex), additionIndex.toString()).forEach(e -> additionIds.add(e.id()));
        }
        for (Map.Entry<String, Path> run : runs.entrySet()) {
            String id = ZooEntry.requireId(run.getKey());
            if (additionIds.contains(id)) {
                throw new IllegalArgumentException("--image names an id of an addition entry: " + id);
            }
            index.put(id, buildImage(dir, id, run.getValue(), date));
        }
        for (ImageZooEntry e : index.values()) {
            String actual = AdderZoo.sha256(readBytes(dir.resolve(e.checkpoint())));
            if (!actual.equals(e.sha256())) {
                throw new IllegalStateException("zoo entry " + e.id() + ": checkpoint " + e.checkpoint() + " has SHA-256 " + actual
                        + " but the index records " + e.sha256());
            }
        }
        List<ImageZooEntry> sorted = new ArrayList<>(index.values());
        sorted.sort(Comparator.comparingLong(ImageZooEntry::uniqueParameters).thenComparing(ImageZooEntry::id));
        AtomicFiles.write(indexFile, ImageZoo.toJson(sorted).getBytes(StandardCharsets.UTF_8));
        LOG.info("wrote {} with {} entries", indexFile, sorted.size());
        return List.copyOf(sorted);
    }

    private static ImageZooEntry buildImage(Path dir, String id, Path runDir, LocalDate date) {
        Path best = runDir.resolve("checkpoints").resolve("best.json");
        Path test = runDir.resolve("test.json");
        for (Path p : List.of(best, runDir.resolve("config.json"), runDir.resolve("summary.json"), test)) {
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("--image " + id + ": run directory has no " + runDir.relativize(p) + ": " + runDir);
            }
        }
        JsonObject testJson = parseObject(test);
        String provenance = chainProvenance(runDir) + " | test " + text(testJson, "correct") + "/" + text(testJson, "testSize")
                + " on " + text(testJson, "testSet") + ", measured once on the best checkpoint (step " + text(testJson, "checkpointStep")
                + ", chosen on the validation digits)";
        Checkpoint checkpoint = CheckpointFormat.read(best);
        try (io.github.adder4j.core.vision.VitModel model = io.github.adder4j.core.vision.VitModel.fromCheckpoint(checkpoint,
                best.toString())) {
            LOG.info("verifying {} ...", id);
            Score score = ImageZoo.measure(model);
            String recorded = text(testJson, "correct") + "/" + text(testJson, "testSize");
            if (!score.toString().equals(recorded)) {
                throw new IllegalStateException("--image " + id + ": the best checkpoint scores " + score + " on the test digits but "
                        + test + " records " + recorded);
            }
            long unique = model.parameterReport().uniqueParameters();
            Checkpoint stamped = checkpoint.withMetadata(new Checkpoint.Metadata(unique, model.parameterReport().strictParameters(),
                    provenance, checkpoint.metadata().created(), Map.of(ImageZoo.MNIST_TEST, score.toString())));
            String resource = id + ".json";
            AtomicFiles.write(dir.resolve(resource), CheckpointFormat.toJson(stamped).getBytes(StandardCharsets.UTF_8));
            return new ImageZooEntry(id, unique, ImageZoo.DATASET, provenance, score, date, resource,
                    AdderZoo.sha256(readBytes(dir.resolve(resource))));
        }
    }

    /** Verifies the model, stamps the checkpoint with provenance and results, writes it and returns its entry. */
    private static ZooEntry write(Path dir, String id, ZooEntry.Category category, AdderModel model, Checkpoint checkpoint,
                                  String provenance, Instant created, LocalDate date,
                                  Function<BatchAdder, VerifiedResults> verifier) {
        LOG.info("verifying {} ...", id);
        VerifiedResults results = verifier.apply(model.adder());
        if (!results.qualifies()) {
            throw new IllegalStateException("zoo entry " + id + " does not qualify for the zoo: " + results.disqualification()
                    + " (an entry needs >= " + VerifiedResults.QUALIFYING_PERCENT + " % of AdderBoard and the whole carry suite)");
        }
        ParameterReport report = model.parameterReport();
        Checkpoint stamped = checkpoint.withMetadata(new Checkpoint.Metadata(report.uniqueParameters(),
                report.strictParameters(), provenance, created, results.toMap()));
        String resource = id + ".json";
        byte[] bytes = CheckpointFormat.toJson(stamped).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(dir.resolve(resource), bytes);
        ZooEntry entry = new ZooEntry(id, category, report.uniqueParameters(), report.strictParameters(), model.config().format(),
                provenance, results, date, resource, AdderZoo.sha256(readBytes(dir.resolve(resource))));
        LOG.info("wrote {} ({} bytes, sha256 {})", resource, bytes.length, entry.sha256());
        return entry;
    }

    private static JsonObject parseObject(Path file) {
        JsonElement e = JsonParser.parseString(readString(file));
        if (!e.isJsonObject()) {
            throw new IllegalArgumentException("expected a JSON object in " + file);
        }
        return e.getAsJsonObject();
    }

    private static String readString(Path file) {
        return new String(readBytes(file), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e, e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file + ": " + e, e);
        }
    }
}
