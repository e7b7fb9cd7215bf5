package io.github.adder4j.zoo;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.github.adder4j.core.format.TokenFormats;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The zoo index {@code zoo.json}: a format tag, a version and the list of entries.
 * <pre>{@code
 * {
 *   "format": "adder4j-zoo",
 *   "version": 1,
 *   "entries": [
 *     {"id": "rope19-10", "category": "HAND_CODED", "uniqueParameters": 10, "strictParameters": 10,
 *      "format": "rope19-31", "provenance": "...",
 *      "results": {"adderboard": "10010/10010", "carry": "P/N", "random": "100000/100000"},
 *      "date": "2026-03-17", "checkpoint": "rope19-10.json", "sha256": "..."}
 *   ]
 * }
 * }</pre>
 */
final class ZooIndex {
    /** The value of the {@code format} field. */
    static final String FORMAT = "adder4j-zoo";
    /** The only version written and read. */
    static final int VERSION = 1;

    private static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
    private static final Set<String> TOP_FIELDS = Set.of("format", "version", "entries");
    private static final Set<String> ENTRY_FIELDS = Set.of("id", "category", "uniqueParameters", "strictParameters", "format",
            "provenance", "results", "date", "checkpoint", "sha256");

    private ZooIndex() {
    }

    /** The index document for {@code entries}, pretty-printed, ending in a newline. */
    static String toJson(List<ZooEntry> entries) {
        JsonObject root = new JsonObject();
        root.addProperty("format", FORMAT);
        root.addProperty("version", VERSION);
        JsonArray array = new JsonArray();
        for (ZooEntry e : entries) {
            JsonObject o = new JsonObject();
            o.addProperty("id", e.id());
            o.addProperty("category", e.category().name());
            o.addProperty("uniqueParameters", e.uniqueParameters());
            o.addProperty("strictParameters", e.strictParameters());
            o.addProperty("format", e.format().id());
            o.addProperty("provenance", e.provenance());
            JsonObject results = new JsonObject();
            e.results().toMap().forEach(results::addProperty);
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
     * Reads and validates an index document.
     *
     * @param source the document's name for error messages
     * @throws IllegalArgumentException {@code zoo index SOURCE: PROBLEM} when the document is not a valid index
     */
    static List<ZooEntry> parse(String json, String source) {
        try {
            JsonElement rootElement = JsonParser.parseString(json);
            JsonObject root = object(rootElement, "document");
            onlyFields(root, "", TOP_FIELDS);
            if (!FORMAT.equals(string(root, "format"))) {
                throw new IllegalArgumentException("field \"format\" must be \"" + FORMAT + "\": " + root.get("format"));
            }
            long version = integer(root, "version");
            if (version != VERSION) {
                throw new IllegalArgumentException("unsupported version " + version + " (this reader supports " + VERSION + ")");
            }
            JsonElement entriesElement = root.get("entries");
            if (entriesElement == null || !entriesElement.isJsonArray()) {
                throw new IllegalArgumentException("field \"entries\" must be an array: " + entriesElement);
            }
            JsonArray array = entriesElement.getAsJsonArray();
            List<ZooEntry> entries = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < array.size(); i++) {
                ZooEntry entry = entry(object(array.get(i), "entries[" + i + "]"), "entries[" + i + "]");
                if (!ids.add(entry.id())) {
                    throw new IllegalArgumentException("duplicate entry id " + entry.id() + " at entries[" + i + "]");
                }
                entries.add(entry);
            }
            return List.copyOf(entries);
        } catch (JsonParseException | IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException("zoo index " + source + ": " + e.getMessage(), e);
        }
    }

    private static ZooEntry entry(JsonObject o, String path) {
        try {
            onlyFields(o, "", ENTRY_FIELDS);
            JsonObject resultsObject = object(o.get("results"), "results");
            Map<String, String> results = new TreeMap<>();
            for (Map.Entry<String, JsonElement> r : resultsObject.entrySet()) {
                results.put(r.getKey(), string(resultsObject, r.getKey()));
            }
            LocalDate date;
            try {
                date = LocalDate.parse(string(o, "date"));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("field \"date\" must be an ISO date (YYYY-MM-DD): " + o.get("date"), e);
            }
            return new ZooEntry(string(o, "id"), category(string(o, "category")), integer(o, "uniqueParameters"),
                    integer(o, "strictParameters"), TokenFormats.byId(string(o, "format")), string(o, "provenance"),
                    VerifiedResults.fromMap(results), date, string(o, "checkpoint"), string(o, "sha256"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }

    private static ZooEntry.Category category(String name) {
        for (ZooEntry.Category c : ZooEntry.Category.values()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("field \"category\" must be TRAINED or HAND_CODED: " + name);
    }

    private static JsonObject object(JsonElement element, String what) {
        if (element == null || !element.isJsonObject()) {
            throw new IllegalArgumentException(what + " must be a JSON object: " + element);
        }
        return element.getAsJsonObject();
    }

    private static void onlyFields(JsonObject o, String prefix, Set<String> allowed) {
        for (String key : o.keySet()) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException("unexpected field \"" + prefix + key + "\"");
            }
        }
        for (String key : allowed) {
            if (!o.has(key)) {
                throw new IllegalArgumentException("missing field \"" + prefix + key + "\"");
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
