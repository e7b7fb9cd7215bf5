package io.github.adder4j.examples.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.github.adder4j.core.io.CheckpointFormat;

/**
 * Tells the two kinds of {@code --weights} file apart by their top-level JSON fields: an adder4j checkpoint has
 * {@code "format": "adder4j-checkpoint"}; a published fixture has a {@code "tensors"} object and no {@code format}.
 */
public final class WeightsFile {
    private WeightsFile() { }

    /** What a weights file holds. */
    public enum Kind {
        /** Published AdderBoard weights ({@code shared/fixtures/published-*.json}), read by PublishedFixture. */
        PUBLISHED_FIXTURE,
        /** A checkpoint written by adder4j ({@link CheckpointFormat}). */
        ADDER4J_CHECKPOINT
    }

    /**
     * The kind of the JSON document {@code json}.
     *
     * @param name the file as the user gave it, for messages
     * @throws IllegalArgumentException naming the file when the text is not JSON, not an object, has another
     *                                  {@code format}, or is neither kind
     */
    public static Kind detect(String json, String name) {
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (JsonParseException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException("--weights " + name + ": not valid JSON: " + cause.getMessage(), e);
        }
        if (!root.isJsonObject()) {
            throw new IllegalArgumentException("--weights " + name + ": expected a JSON object at the top level");
        }
        JsonObject object = root.getAsJsonObject();
        JsonElement format = object.get("format");
        if (format != null) {
            if (format.isJsonPrimitive() && format.getAsJsonPrimitive().isString()
                    && CheckpointFormat.FORMAT.equals(format.getAsString())) {
                return Kind.ADDER4J_CHECKPOINT;
            }
            throw new IllegalArgumentException("--weights " + name + ": unknown format " + format
                    + " (expected \"" + CheckpointFormat.FORMAT + "\", or a published fixture without a format field)");
        }
        JsonElement tensors = object.get("tensors");
        if (tensors != null && tensors.isJsonObject()) {
            return Kind.PUBLISHED_FIXTURE;
        }
        throw new IllegalArgumentException("--weights " + name + ": neither a published fixture (top-level \"tensors\" "
                + "object) nor an adder4j checkpoint (\"format\": \"" + CheckpointFormat.FORMAT + "\")");
    }
}
