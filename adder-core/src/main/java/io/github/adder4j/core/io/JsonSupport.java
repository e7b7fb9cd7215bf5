package io.github.adder4j.core.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.ToNumberPolicy;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.EOFException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Package-private JSON plumbing shared by {@link CheckpointFormat} and {@link PublishedFixture}: strict parsing that
 * tells truncation from other syntax errors and rejects duplicate keys, and typed field access whose failures name the
 * field by its path (e.g. {@code tensors[2].shape}).
 */
final class JsonSupport {

    /** Compact writer: no HTML escaping (base64 keeps its '=' padding), non-finite numbers rejected. */
    static final Gson COMPACT = new GsonBuilder().disableHtmlEscaping().create();

    /** Pretty writer with the same settings as {@link #COMPACT}. */
    static final Gson PRETTY = new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create();

    private static final int SHOWN_CHARS = 40;

    /** Deepest nesting of objects and arrays {@link #parse(String)} accepts; bounds its recursion. */
    static final int MAX_DEPTH = 255;

    private JsonSupport() {
    }

    /** A problem with a JSON document; callers turn it into their own exception, adding the document's name. */
    static final class Problem extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Problem(String message) {
            super(message);
        }

        Problem(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * {@code element} as compact strict JSON text.
     *
     * @throws IllegalArgumentException when it holds a non-finite number (NaN or an infinity), which JSON cannot express
     */
    static String toStrictJson(JsonElement element) {
        StringWriter out = new StringWriter();
        JsonWriter writer = new JsonWriter(out);
        writer.setStrictness(Strictness.STRICT);
        try {
            COMPACT.getAdapter(JsonElement.class).write(writer, element);
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string cannot fail", e);
        }
        return out.toString();
    }

    /** A copy of {@code element} with the keys of every object in sorted order (the canonical form of checksums). */
    static JsonElement sortedCopy(JsonElement element) {
        if (element.isJsonObject()) {
            JsonObject sorted = new JsonObject();
            new java.util.TreeMap<>(element.getAsJsonObject().asMap()).forEach((key, value) -> sorted.add(key, sortedCopy(value)));
            return sorted;
        }
        if (element.isJsonArray()) {
            JsonArray copy = new JsonArray();
            element.getAsJsonArray().forEach(item -> copy.add(sortedCopy(item)));
            return copy;
        }
        return element;
    }

    /** Decodes strict UTF-8, reporting malformed input as a {@link Problem}. */
    static String decodeUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (MalformedInputException e) {
            throw new Problem("not valid UTF-8 text (malformed input of length " + e.getInputLength() + ")", e);
        } catch (CharacterCodingException e) {
            throw new Problem("not valid UTF-8 text (" + e + ")", e);
        }
    }

    /**
     * Parses one strict JSON document (RFC 8259: no comments, no NaN, no trailing content) into a tree. Numbers keep
     * their literal text. Fails with {@code truncated or malformed JSON (unexpected end of input)} when the text ends
     * before the document does, {@code truncated or malformed JSON (<parser message>)} on other syntax errors and
     * {@code duplicate field "<path>"} when an object repeats a key.
     */
    static JsonElement parse(String text) {
        return parse(text, MAX_DEPTH);
    }

    /** {@link #parse(String)} with another nesting limit. */
    static JsonElement parse(String text, int maxDepth) {
        EndTrackingReader source = new EndTrackingReader(new StringReader(text));
        JsonReader reader = new JsonReader(source);
        reader.setStrictness(Strictness.STRICT);
        JsonElement root;
        try {
            root = readValue(reader, "", 0, maxDepth);
        } catch (IOException e) {
            if (source.reachedEnd || e instanceof EOFException) {
                throw new Problem("truncated or malformed JSON (unexpected end of input)", e);
            }
            throw new Problem("truncated or malformed JSON (" + syntaxDetail(e.getMessage()) + ")", e);
        }
        boolean ended;
        try {
            ended = reader.peek() == JsonToken.END_DOCUMENT;
        } catch (IOException e) {
            ended = false;
        }
        if (!ended) {
            throw new Problem("truncated or malformed JSON (content after the end of the document)");
        }
        return root;
    }

    private static JsonElement readValue(JsonReader reader, String path, int depth, int maxDepth)
            throws IOException {
        JsonToken token = reader.peek();
        if ((token == JsonToken.BEGIN_OBJECT || token == JsonToken.BEGIN_ARRAY) && depth >= maxDepth) {
            throw new Problem("truncated or malformed JSON (nested deeper than " + maxDepth + " levels)");
        }
        switch (token) {
            case BEGIN_OBJECT: {
                JsonObject object = new JsonObject();
                reader.beginObject();
                while (reader.hasNext()) {
                    String key = reader.nextName();
                    String keyPath = join(path, key);
                    if (object.has(key)) {
                        throw new Problem("duplicate field \"" + keyPath + "\"");
                    }
                    object.add(key, readValue(reader, keyPath, depth + 1, maxDepth));
                }
                reader.endObject();
                return object;
            }
            case BEGIN_ARRAY: {
                JsonArray array = new JsonArray();
                reader.beginArray();
                while (reader.hasNext()) {
                    array.add(readValue(reader, path + "[" + array.size() + "]", depth + 1, maxDepth));
                }
                reader.endArray();
                return array;
            }
            case STRING:
                return new JsonPrimitive(reader.nextString());
            case NUMBER:
                return new JsonPrimitive(ToNumberPolicy.LAZILY_PARSED_NUMBER.readNumber(reader));
            case BOOLEAN:
                return new JsonPrimitive(reader.nextBoolean());
            case NULL:
                reader.nextNull();
                return JsonNull.INSTANCE;
            default:
                // END_DOCUMENT where a value is due: the text ended early (or was empty)
                throw new EOFException("end of input where a value was expected");
        }
    }

    /** {@code parent.child}, or just {@code child} at the top level. */
    static String join(String parent, String child) {
        return parent.isEmpty() ? child : parent + "." + child;
    }

    /**
     * The parser's message without its troubleshooting link; Gson's advice to parse leniently (which adder4j never
     * does) becomes a plain {@code syntax error at line L column C path P}.
     */
    private static String syntaxDetail(String message) {
        if (message == null) {
            return "syntax error";
        }
        int newline = message.indexOf('\n');
        String detail = newline < 0 ? message : message.substring(0, newline);
        if (detail.startsWith("Use JsonReader.setStrictness")) {
            int at = detail.indexOf(" at line ");
            detail = "syntax error" + (at < 0 ? "" : detail.substring(at));
        }
        return detail;
    }

    /** The root as an object, or a {@link Problem}. */
    static JsonObject rootObject(JsonElement root) {
        if (!root.isJsonObject()) {
            // the kind only: the document may be a foreign file whose content must not be echoed
            throw new Problem("expected a JSON object at the top level, found " + (root.isJsonArray() ? "an array"
                    : root.isJsonNull() ? "null" : root.getAsJsonPrimitive().isString() ? "a string"
                    : root.getAsJsonPrimitive().isNumber() ? "a number" : "a boolean"));
        }
        return root.getAsJsonObject();
    }

    /** The value of a required field. */
    static JsonElement required(JsonObject object, String path, String field) {
        JsonElement value = object.get(field);
        if (value == null) {
            throw new Problem("missing field \"" + join(path, field) + "\"");
        }
        return value;
    }

    /** A required object field. */
    static JsonObject object(JsonObject object, String path, String field) {
        JsonElement value = required(object, path, field);
        if (!value.isJsonObject()) {
            throw wrongType(join(path, field), "an object", value);
        }
        return value.getAsJsonObject();
    }

    /** A required array field. */
    static JsonArray array(JsonObject object, String path, String field) {
        JsonElement value = required(object, path, field);
        if (!value.isJsonArray()) {
            throw wrongType(join(path, field), "an array", value);
        }
        return value.getAsJsonArray();
    }

    /** A required string field. */
    static String string(JsonObject object, String path, String field) {
        return asString(required(object, path, field), join(path, field));
    }

    /** {@code value} as a string, or a {@link Problem} naming {@code fieldPath}. */
    static String asString(JsonElement value, String fieldPath) {
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw wrongType(fieldPath, "a string", value);
        }
        return value.getAsString();
    }

    /** A required integer field (a JSON number without fractional part that fits a long). */
    static long integer(JsonObject object, String path, String field) {
        return asLong(required(object, path, field), join(path, field));
    }

    /** {@code value} as a long, or a {@link Problem} naming {@code fieldPath}. */
    static long asLong(JsonElement value, String fieldPath) {
        Long parsed = longOrNull(value);
        if (parsed == null) {
            throw wrongType(fieldPath, "an integer", value);
        }
        return parsed;
    }

    /** {@code value} as a long when it is an integral JSON number within the long range, else null. */
    static Long longOrNull(JsonElement value) {
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
            return null;
        }
        try {
            return new BigDecimal(value.getAsString()).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    /** {@code value} as a finite double, or a {@link Problem} naming {@code fieldPath}. */
    static double asDouble(JsonElement value, String fieldPath) {
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
            throw wrongType(fieldPath, "a number", value);
        }
        double parsed = value.getAsDouble();
        if (!Double.isFinite(parsed)) {
            throw new Problem("field \"" + fieldPath + "\" is out of the double range: " + show(value));
        }
        return parsed;
    }

    /** Rejects any field of {@code object} not in {@code allowed}. */
    static void onlyFields(JsonObject object, String path, Set<String> allowed) {
        for (String key : object.keySet()) {
            if (!allowed.contains(key)) {
                throw new Problem("unexpected field \"" + join(path, key) + "\"");
            }
        }
    }

    /** A problem saying that {@code fieldPath} should be {@code expected} but holds {@code found}. */
    static Problem wrongType(String fieldPath, String expected, JsonElement found) {
        return new Problem("field \"" + fieldPath + "\" must be " + expected + ", found " + show(found));
    }

    /** Compact JSON text of {@code element}, cut to a readable length. */
    static String show(JsonElement element) {
        String text = COMPACT.toJson(element);
        return text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS) + "...";
    }

    /** Passes reads through and remembers whether the end of the input was reached. */
    private static final class EndTrackingReader extends Reader {
        private final Reader in;
        private boolean reachedEnd;

        EndTrackingReader(Reader in) {
            this.in = in;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int count = in.read(buffer, offset, length);
            if (count < 0) {
                reachedEnd = true;
            }
            return count;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
