package io.github.adder4j.core.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The weights of a published AdderBoard model, as exported to the reference fixtures
 * ({@code shared/fixtures/published-*.json}), together with what that model is known to score.
 *
 * <p>A fixture file is one JSON object:
 * <pre>{@code
 * {
 *   "source": "where the weights come from",
 *   "notes": "how the model computes",
 *   "expected": {"adderboard_seed2025": "10005/10010", "failures_model_output": [[a, b, got], ...]},
 *   "tensors": {"q_proj.weight": {"shape": [4, 3], "values": [...]}, ...}
 * }
 * }</pre>
 * Tensors are read as {@link DType#FLOAT32} in file order. The expected failures are listed under either
 * {@code failures} or {@code failures_model_output}; other fields of {@code expected} are kept without interpretation.
 * Unknown top-level or tensor fields are refused, and so is a value beyond the float32 range (it would become an
 * infinity). A file named like a published fixture must have the published content: its SHA-256 is checked against a
 * manifest committed with adder-core ({@link #publishedSha256}).
 *
 * @param fileName the fixture's file name, used in messages (e.g. {@code published-57p.json})
 * @param source   where the weights come from
 * @param notes    free-text description of the model
 * @param expected the expected results, any JSON object (copied on the way in and out)
 * @param tensors  the weights by name, in file order (unmodifiable)
 */
public record PublishedFixture(String fileName, String source, String notes, JsonObject expected,
                               Map<String, Tensor> tensors) {

    /** Largest fixture file read (16 MiB; the published ones are a few kilobytes). */
    public static final long MAX_BYTES = 16L << 20;

    /** Resource listing the SHA-256 of each published fixture, in {@code sha256sum} format. */
    static final String MANIFEST = "published-fixtures.sha256";

    /** File name to SHA-256 of the published fixtures, from {@link #MANIFEST}. */
    private static final Map<String, String> PUBLISHED_SHA256 = readManifest();

    /** Key of the expected AdderBoard score in {@link #expected()}. */
    public static final String ADDERBOARD_KEY = "adderboard_seed2025";

    /** The keys under which {@link #expected()} may list failures. */
    public static final List<String> FAILURE_KEYS = List.of("failures", "failures_model_output");

    /**
     * Validates and copies the components.
     *
     * @param fileName the file the fixture came from, for messages; not blank
     * @param source where the weights were published (a URL or a citation)
     * @param notes free text from the fixture: how the published model uses its tensors
     * @param expected the published results, e.g. {@code adderboard_seed2025} and the failures (copied)
     * @param tensors the tensors by name, each key equal to its tensor's name (copied)
     * @throws IllegalArgumentException when a component is null, the file name is blank, a map key differs from its
     *                                  tensor's name, or {@code expected} holds an ill-formed score or failure list
     */
    public PublishedFixture {
        if (fileName == null || fileName.isBlank()) {
            throw new IllegalArgumentException("fileName must not be blank: " + fileName);
        }
        if (source == null) {
            throw new IllegalArgumentException("source must not be null");
        }
        if (notes == null) {
            throw new IllegalArgumentException("notes must not be null");
        }
        if (expected == null) {
            throw new IllegalArgumentException("expected must not be null");
        }
        if (tensors == null) {
            throw new IllegalArgumentException("tensors must not be null");
        }
        expected = expected.deepCopy();
        Map<String, Tensor> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
            Tensor tensor = entry.getValue();
            if (tensor == null || !tensor.name().equals(entry.getKey())) {
                throw new IllegalArgumentException("tensors key " + entry.getKey() + " must map to the tensor of that name: "
                        + tensor);
            }
            copy.put(entry.getKey(), tensor);
        }
        tensors = Collections.unmodifiableMap(copy);
        try {
            parseAdderboard(expected);
            parseFailures(expected);
        } catch (JsonSupport.Problem e) {
            throw new IllegalArgumentException("fixture " + fileName + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the fixture file {@code path}.
     *
     * @param path the fixture file, at most {@link #MAX_BYTES} bytes
     * @return the validated fixture
     * @throws IllegalArgumentException when the content is not a valid fixture; the message starts with
     *                                  {@code fixture <file name>: }
     * @throws UncheckedIOException     when the file cannot be read
     */
    public static PublishedFixture read(Path path) {
        if (path == null) {
            throw new IllegalArgumentException("path must not be null");
        }
        byte[] bytes = AtomicFiles.readBounded(path, MAX_BYTES, "fixture");
        Path fileName = path.getFileName();
        return fromBytes(bytes, fileName == null ? path.toString() : fileName.toString());
    }

    /**
     * Reads a fixture from {@code in} (to its end; the stream is not closed).
     *
     * @param in the stream to read, at most {@link #MAX_BYTES} bytes
     * @param fileName the name used in messages and kept as {@link #fileName()}
     * @return the validated fixture
     * @throws IllegalArgumentException when the content is not a valid fixture
     * @throws UncheckedIOException     when the stream cannot be read
     */
    public static PublishedFixture read(InputStream in, String fileName) {
        if (in == null) {
            throw new IllegalArgumentException("in must not be null");
        }
        if (fileName == null || fileName.isBlank()) {
            throw new IllegalArgumentException("fileName must not be blank: " + fileName);
        }
        byte[] bytes;
        try {
            bytes = AtomicFiles.readAtMost(in, MAX_BYTES, "fixture " + fileName + ": ");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + fileName + ": " + AtomicFiles.describe(e), e);
        }
        return fromBytes(bytes, fileName);
    }

    private static PublishedFixture fromBytes(byte[] bytes, String fileName) {
        String published = PUBLISHED_SHA256.get(fileName);
        if (published != null) {
            String actual = ParameterDigest.sha256Hex(bytes);
            if (!actual.equals(published)) {
                throw new IllegalArgumentException("fixture " + fileName + ": SHA-256 " + actual + " differs from the published "
                        + "fixture's " + published + " (the file was changed; restore it from shared/fixtures)");
            }
        }
        try {
            JsonObject root = JsonSupport.rootObject(JsonSupport.parse(JsonSupport.decodeUtf8(bytes)));
            JsonSupport.onlyFields(root, "", Set.of("source", "notes", "expected", "tensors"));
            String source = JsonSupport.string(root, "", "source");
            String notes = JsonSupport.string(root, "", "notes");
            JsonObject expected = JsonSupport.object(root, "", "expected");
            Map<String, Tensor> tensors = readTensors(JsonSupport.object(root, "", "tensors"));
            return new PublishedFixture(fileName, source, notes, expected, tensors);
        } catch (JsonSupport.Problem e) {
            throw new IllegalArgumentException("fixture " + fileName + ": " + e.getMessage(), e);
        }
    }

    /**
     * The SHA-256 recorded for a published fixture file name, if it is one: {@link #read} refuses a file of that name
     * with other content.
     *
     * @param fileName a file name, e.g. {@code published-57p.json}
     * @return the recorded SHA-256 as 64 lowercase hexadecimal digits, or empty when the name is not a published
     *         fixture's
     */
    public static Optional<String> publishedSha256(String fileName) {
        return Optional.ofNullable(PUBLISHED_SHA256.get(fileName));
    }

    private static Map<String, String> readManifest() {
        Map<String, String> manifest = new LinkedHashMap<>();
        try (InputStream in = PublishedFixture.class.getResourceAsStream(MANIFEST)) {
            if (in == null) {
                throw new IllegalStateException("resource " + MANIFEST + " is missing from adder-core");
            }
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.strip().split("\\s+");
                manifest.put(parts[1], parts[0]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + MANIFEST, e);
        }
        return Collections.unmodifiableMap(manifest);
    }

    private static Map<String, Tensor> readTensors(JsonObject json) {
        if (json.isEmpty()) {
            throw new JsonSupport.Problem("field \"tensors\" must not be empty");
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : json.entrySet()) {
            String name = entry.getKey();
            String path = "tensors." + name;
            if (!entry.getValue().isJsonObject()) {
                throw JsonSupport.wrongType(path, "an object", entry.getValue());
            }
            JsonObject tensor = entry.getValue().getAsJsonObject();
            JsonSupport.onlyFields(tensor, path, Set.of("shape", "values"));
            JsonArray shapeJson = JsonSupport.array(tensor, path, "shape");
            long[] shape = new long[shapeJson.size()];
            for (int axis = 0; axis < shape.length; axis++) {
                Long dim = JsonSupport.longOrNull(shapeJson.get(axis));
                if (dim == null || dim < 0) {
                    throw JsonSupport.wrongType(path + ".shape", "an array of non-negative integers", shapeJson);
                }
                shape[axis] = dim;
            }
            JsonArray valuesJson = JsonSupport.array(tensor, path, "values");
            double[] values = new double[valuesJson.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = JsonSupport.asDouble(valuesJson.get(i), path + ".values[" + i + "]");
                if (Float.isInfinite((float) values[i])) {
                    throw new JsonSupport.Problem("field \"" + path + ".values[" + i + "]\" is out of the float32 range: "
                            + JsonSupport.show(valuesJson.get(i)));
                }
            }
            try {
                tensors.put(name, new Tensor(name, shape, DType.FLOAT32, values));
            } catch (IllegalArgumentException e) {
                throw new JsonSupport.Problem(e.getMessage(), e);
            }
        }
        return tensors;
    }

    /**
     * A copy of the expected results.
     *
     * @return a deep copy of the {@code expected} object, which the caller may change
     */
    @Override
    public JsonObject expected() {
        return expected.deepCopy();
    }

    /**
     * The tensor called {@code name}.
     *
     * @param name a published tensor name, e.g. {@code q_proj.weight}
     * @return the tensor of that name
     * @throws IllegalArgumentException when the fixture has no such tensor
     */
    public Tensor tensor(String name) {
        Tensor tensor = tensors.get(name);
        if (tensor == null) {
            throw new IllegalArgumentException("fixture " + fileName + " has no tensor named " + name);
        }
        return tensor;
    }

    /**
     * The tensors in file order.
     *
     * @return an unmodifiable list of the tensors, in the order of the file
     */
    public List<Tensor> tensorList() {
        return List.copyOf(tensors.values());
    }

    /**
     * The expected AdderBoard score on the seed-2025 test set (e.g. {@code 10005/10010}), when the fixture states one.
     *
     * @return the score as {@code passed/total}, or empty
     */
    public Optional<String> expectedAdderboard() {
        return parseAdderboard(expected);
    }

    /**
     * The pairs the model is known to get wrong on the AdderBoard test set, as {@code {a, b, got}} triples (fresh
     * arrays); empty when the fixture lists none.
     *
     * @return the known failures, in the order of the fixture
     */
    public List<long[]> expectedFailures() {
        return parseFailures(expected);
    }

    private static Optional<String> parseAdderboard(JsonObject expected) {
        JsonElement value = expected.get(ADDERBOARD_KEY);
        return value == null ? Optional.empty() : Optional.of(JsonSupport.asString(value, "expected." + ADDERBOARD_KEY));
    }

    private static List<long[]> parseFailures(JsonObject expected) {
        String key = null;
        for (String candidate : FAILURE_KEYS) {
            if (expected.has(candidate)) {
                if (key != null) {
                    throw new JsonSupport.Problem("expected lists failures under both \"" + key + "\" and \""
                            + candidate + "\"");
                }
                key = candidate;
            }
        }
        if (key == null) {
            return List.of();
        }
        String path = "expected." + key;
        JsonArray array = JsonSupport.array(expected, "expected", key);
        List<long[]> failures = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonElement element = array.get(i);
            String itemPath = path + "[" + i + "]";
            if (!element.isJsonArray() || element.getAsJsonArray().size() != 3) {
                throw JsonSupport.wrongType(itemPath, "an array [a, b, got]", element);
            }
            long[] triple = new long[3];
            for (int j = 0; j < 3; j++) {
                triple[j] = JsonSupport.asLong(element.getAsJsonArray().get(j), itemPath + "[" + j + "]");
            }
            failures.add(triple);
        }
        return Collections.unmodifiableList(failures);
    }
}
