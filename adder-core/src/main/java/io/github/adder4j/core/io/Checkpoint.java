package io.github.adder4j.core.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything needed to rebuild and audit a trained or hand-coded model: its configuration, its parameters and a
 * description of where they came from. {@link CheckpointFormat} reads and writes checkpoints as JSON files.
 *
 * <p>The configuration is opaque here: it is stored as given (the model configuration codec decides what it holds,
 * typically at least a {@code "preset"} string) and never interpreted. It is copied on the way in and out and must hold
 * only finite numbers and well-formed (surrogate-paired) strings so that it survives a file round trip unchanged.
 *
 * @param config   model configuration, any JSON object
 * @param tensors  the parameters in a fixed order; non-empty, no null element, names unique
 * @param metadata parameter counts, provenance and results
 */
public record Checkpoint(JsonObject config, List<Tensor> tensors, Metadata metadata) {

    /**
     * Validates and copies the components.
     *
     * @param config the model's configuration as JSON (copied)
     * @param tensors every parameter of the model, at least one, each name once (copied)
     * @param metadata parameter counts, provenance, creation time and results
     * @throws IllegalArgumentException when a component is null, the config holds a non-finite number, the tensor list
     *                                  is empty, holds null or repeats a name
     */
    public Checkpoint {
        config = normalize(config);
        if (tensors == null) {
            throw new IllegalArgumentException("tensors must not be null");
        }
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("tensors must not be empty");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < tensors.size(); i++) {
            Tensor tensor = tensors.get(i);
            if (tensor == null) {
                throw new IllegalArgumentException("tensors must not contain null: index " + i);
            }
            Integer previous = seen.putIfAbsent(tensor.name(), i);
            if (previous != null) {
                throw new IllegalArgumentException("duplicate tensor name " + tensor.name() + " (tensors[" + previous
                        + "] and tensors[" + i + "])");
            }
        }
        tensors = List.copyOf(tensors);
        if (metadata == null) {
            throw new IllegalArgumentException("metadata must not be null");
        }
    }

    /**
     * Copies the config through its JSON text, so that equal configs compare and hash equal whether they were built in
     * code or read from a file.
     */
    private static JsonObject normalize(JsonObject config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        requireWellFormedStrings(config, "config");
        String text;
        try {
            text = JsonSupport.toStrictJson(config);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("config must hold only finite numbers: " + e.getMessage(), e);
        }
        try {
            // one level less than files allow: the config sits inside the checkpoint document
            return JsonSupport.parse(text, JsonSupport.MAX_DEPTH - 1).getAsJsonObject();
        } catch (JsonSupport.Problem e) {
            throw new IllegalArgumentException("config cannot be stored: " + e.getMessage(), e);
        }
    }

    /** Checks every key and string value under {@code element}; {@code path} names it in messages. */
    private static void requireWellFormedStrings(JsonElement element, String path) {
        if (element.isJsonObject()) {
            for (Map.Entry<String, JsonElement> entry : element.getAsJsonObject().entrySet()) {
                String child = path + "." + entry.getKey();
                Text.requireWellFormed(entry.getKey(), "key of " + child);
                requireWellFormedStrings(entry.getValue(), child);
            }
        } else if (element.isJsonArray()) {
            JsonArray array = element.getAsJsonArray();
            for (int i = 0; i < array.size(); i++) {
                requireWellFormedStrings(array.get(i), path + "[" + i + "]");
            }
        } else if (element.isJsonPrimitive() && element.getAsJsonPrimitive().isString()) {
            Text.requireWellFormed(element.getAsString(), path);
        }
    }

    /**
     * A copy of the configuration.
     *
     * @return a deep copy of the configuration JSON, which the caller may change
     */
    @Override
    public JsonObject config() {
        return config.deepCopy();
    }

    /**
     * The SHA-256 of the parameters, as defined by {@link ParameterDigest}; recorded in files as
     * {@code metadata.parametersSha256} and checked when they are read.
     *
     * @return 64 lowercase hexadecimal digits
     */
    public String parametersSha256() {
        return ParameterDigest.sha256Hex(tensors);
    }

    /**
     * The tensor called {@code name}, if any.
     *
     * @param name a parameter name, e.g. {@code layer0.attention.query.weight}
     * @return the tensor of that name, or empty when the checkpoint has none
     */
    public Optional<Tensor> find(String name) {
        for (Tensor tensor : tensors) {
            if (tensor.name().equals(name)) {
                return Optional.of(tensor);
            }
        }
        return Optional.empty();
    }

    /**
     * The tensor called {@code name}.
     *
     * @param name a parameter name, e.g. {@code layer0.attention.query.weight}
     * @return the tensor of that name
     * @throws IllegalArgumentException when there is none
     */
    public Tensor tensor(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("checkpoint has no tensor named " + name));
    }

    /**
     * The same checkpoint with other metadata.
     *
     * @param newMetadata the metadata of the new checkpoint
     * @return a checkpoint with this one's config and tensors and {@code newMetadata}
     */
    public Checkpoint withMetadata(Metadata newMetadata) {
        return new Checkpoint(config, tensors, newMetadata);
    }

    /**
     * What a checkpoint says about its parameters. The parameter checksum is not part of this record: it is computed
     * from the tensors ({@link Checkpoint#parametersSha256()}) and written next to these fields in files.
     *
     * @param uniqueParameters number of unique parameters by the AdderBoard counting rules, {@code >= 0}
     * @param strictParameters number of parameters by the strict counting rules, {@code >= 0}
     * @param provenance       non-blank free text saying where the weights come from, e.g. the trainer command line
     *                         or {@code hand-coded: ...}
     * @param created          when the checkpoint was made
     * @param results          named results, e.g. {@code adderboard -> 10010/10010}; stored as an unmodifiable map
     *                         sorted by key
     */
    public record Metadata(long uniqueParameters, long strictParameters, String provenance, Instant created,
                           Map<String, String> results) {

        /**
         * Validates the components and copies the results into a sorted map.
         *
         * @param uniqueParameters the model's parameter count by the AdderBoard rules (tied and shared values once),
         *                         {@code >= 0}
         * @param strictParameters the strict count (every stored value), {@code >= 0}
         * @param provenance how the weights were made, e.g. {@code trained: split-57 seed 3, step 41000}; not blank
         * @param created when the checkpoint was written
         * @param results measured results by name, e.g. {@code adderboard -> 10010/10010} (copied into a sorted map)
         * @throws IllegalArgumentException when a count is negative, provenance is blank, a component is null, or a
         *                                  results key is blank or a value null
         */
        public Metadata {
            if (uniqueParameters < 0) {
                throw new IllegalArgumentException("uniqueParameters must be >= 0: " + uniqueParameters);
            }
            if (strictParameters < 0) {
                throw new IllegalArgumentException("strictParameters must be >= 0: " + strictParameters);
            }
            Text.requireWellFormed(provenance, "provenance");
            if (provenance.isBlank()) {
                throw new IllegalArgumentException("provenance must not be blank: " + Text.quote(provenance));
            }
            if (created == null) {
                throw new IllegalArgumentException("created must not be null");
            }
            if (results == null) {
                throw new IllegalArgumentException("results must not be null");
            }
            TreeMap<String, String> sorted = new TreeMap<>();
            for (Map.Entry<String, String> entry : new ArrayList<>(results.entrySet())) {
                String key = Text.requireWellFormed(entry.getKey(), "results key");
                if (key.isBlank()) {
                    throw new IllegalArgumentException("results key must not be blank: " + Text.quote(key));
                }
                sorted.put(key, Text.requireWellFormed(entry.getValue(), "results value for " + Text.quote(key)));
            }
            results = Collections.unmodifiableSortedMap(sorted);
        }

        /**
         * The same metadata with {@code key -> value} added to (or replaced in) the results.
         *
         * @param key the result's name, not blank
         * @param value the result, e.g. {@code 10010/10010}
         * @return new metadata, equal to this one but for that result
         */
        public Metadata withResult(String key, String value) {
            Map<String, String> updated = new HashMap<>(results);
            updated.put(key, value);
            return new Metadata(uniqueParameters, strictParameters, provenance, created, updated);
        }
    }
}
