package io.github.adder4j.core.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@link Checkpoint}s as one self-describing UTF-8 JSON document:
 * <pre>{@code
 * {
 *   "format": "adder4j-checkpoint",
 *   "version": 1,
 *   "config": { ... },
 *   "metadata": {
 *     "uniqueParameters": 57,
 *     "strictParameters": 57,
 *     "provenance": "hand-coded: ...",
 *     "created": "2025-06-01T12:00:00Z",
 *     "results": {"adderboard": "10010/10010"},
 *     "parametersSha256": "<64 lowercase hex digits>"
 *   },
 *   "tensors": [
 *     {"name":"q_proj.weight","dtype":"float32","shape":[4,3],"data":"<base64>"},
 *     ...
 *   ]
 * }
 * }</pre>
 * {@code created} is an ISO-8601 instant ({@link Instant#toString()}); {@code shape} is empty for a scalar;
 * {@code data} is standard padded base64 (RFC 4648) of the values as little-endian IEEE float32 or float64 bytes,
 * row-major; {@code parametersSha256} is {@link ParameterDigest#sha256Hex(List)} of the tensors in file order.
 *
 * <p>Version 2 adds {@code "contentSha256"} after {@code version}: the SHA-256 of the config and metadata (see
 * {@link #VERSION}); version-1 files, which lack it, are still read.
 *
 * <p>Writing to a file is atomic ({@link AtomicFiles#write}): the document goes to a temporary file in the target's
 * directory, which is then renamed over the target, so readers see either the old file or the complete new one.
 * Reading refuses directories, devices, empty files and files over {@link #MAX_BYTES} before reading them.
 *
 * <p>Reading validates the whole document before returning anything, and every problem is a
 * {@link CheckpointException} naming the source: malformed or truncated JSON (or UTF-8), a wrong or missing
 * {@code format}, an unsupported {@code version}, missing, unexpected, duplicated or ill-typed fields, tensor data that
 * is not canonical base64 or does not fit the shape and dtype, NaN or infinite values, repeated tensor names, invalid
 * metadata, a recorded parameter checksum that differs from the checksum of the tensors read, and (version 2) a content
 * checksum that differs from the config and metadata read.
 */
public final class CheckpointFormat {

    /** The value of the {@code format} field. */
    public static final String FORMAT = "adder4j-checkpoint";

    /**
     * The version this class writes: version 1 plus {@code contentSha256}, a SHA-256 over everything but the tensor
     * data (which {@code metadata.parametersSha256} covers), so that no field that changes behaviour or claims can be
     * edited unnoticed.
     */
    public static final int VERSION = 2;

    /**
     * The first version, still read: its files (the zoo's, and runs written before version 2) carry no
     * {@code contentSha256}, so their config and metadata are trusted as they are; reading one logs a warning.
     */
    public static final int LEGACY_VERSION = 1;

    /** Largest checkpoint file read (64 MiB: a tiny transformer's checkpoint is a few kilobytes). */
    public static final long MAX_BYTES = 64L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointFormat.class);

    private static final Set<String> TOP_FIELDS = Set.of("format", "version", "contentSha256", "config", "metadata", "tensors");
    private static final Set<String> LEGACY_TOP_FIELDS = Set.of("format", "version", "config", "metadata", "tensors");
    private static final Set<String> METADATA_FIELDS = Set.of("uniqueParameters", "strictParameters", "provenance",
            "created", "results", "parametersSha256");
    private static final Set<String> TENSOR_FIELDS = Set.of("name", "dtype", "shape", "data");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final String INDENT = "  ";
    private static final String NOT_A_CHECKPOINT = "not an adder4j checkpoint (its \"format\" is not \"" + FORMAT + "\")";

    private CheckpointFormat() {
    }

    /**
     * Writes {@code checkpoint} to {@code path} atomically, creating missing parent directories and replacing any
     * existing file. No temporary file is left behind, whether the write succeeds or fails.
     *
     * @param checkpoint the checkpoint to write
     * @param path the file to write, e.g. {@code runs/x/checkpoints/best.json}
     * @throws UncheckedIOException when the file cannot be written
     */
    public static void write(Checkpoint checkpoint, Path path) {
        if (checkpoint == null) {
            throw new IllegalArgumentException("checkpoint must not be null");
        }
        if (path == null) {
            throw new IllegalArgumentException("path must not be null");
        }
        byte[] bytes = toJson(checkpoint).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(path, bytes);
        LOG.debug("wrote checkpoint {} ({} bytes, {} tensors)", path, bytes.length, checkpoint.tensors().size());
    }

    /**
     * Reads and validates the checkpoint file {@code path}; error messages name it by its file name.
     *
     * @param path the checkpoint file, at most {@link #MAX_BYTES} bytes
     * @return the validated checkpoint, its parameter digest checked
     * @throws CheckpointException  when the content is not a valid checkpoint
     * @throws UncheckedIOException when the file cannot be read
     */
    public static Checkpoint read(Path path) {
        if (path == null) {
            throw new IllegalArgumentException("path must not be null");
        }
        byte[] bytes = AtomicFiles.readBounded(path, MAX_BYTES, "checkpoint");
        Path fileName = path.getFileName();
        return fromBytes(bytes, fileName == null ? path.toString() : fileName.toString());
    }

    /**
     * Reads and validates a checkpoint from {@code in} (to its end; the stream is not closed).
     *
     * @param in the stream to read, at most {@link #MAX_BYTES} bytes
     * @param sourceName the name used in error messages, e.g. a resource name
     * @return the validated checkpoint, its parameter digest checked
     * @throws CheckpointException  when the content is not a valid checkpoint
     * @throws UncheckedIOException when the stream cannot be read
     */
    public static Checkpoint read(InputStream in, String sourceName) {
        if (in == null) {
            throw new IllegalArgumentException("in must not be null");
        }
        requireSourceName(sourceName);
        byte[] bytes;
        try {
            bytes = AtomicFiles.readAtMost(in, MAX_BYTES, "checkpoint " + sourceName + ": ");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + sourceName + ": " + AtomicFiles.describe(e), e);
        }
        return fromBytes(bytes, sourceName);
    }

    private static Checkpoint fromBytes(byte[] bytes, String sourceName) {
        String text;
        try {
            text = JsonSupport.decodeUtf8(bytes);
        } catch (JsonSupport.Problem e) {
            throw new CheckpointException(sourceName, e.getMessage(), e.getCause());
        }
        return fromJson(text, sourceName);
    }

    /**
     * Reads and validates a checkpoint from its JSON text.
     *
     * @param json the whole checkpoint document
     * @param sourceName the name used in error messages
     * @return the validated checkpoint, its parameter digest checked
     * @throws CheckpointException when the text is not a valid checkpoint
     */
    public static Checkpoint fromJson(String json, String sourceName) {
        requireSourceName(sourceName);
        if (json == null) {
            throw new IllegalArgumentException("json must not be null");
        }
        try {
            return decode(JsonSupport.rootObject(JsonSupport.parse(json)), sourceName);
        } catch (JsonSupport.Problem e) {
            throw new CheckpointException(sourceName, e.getMessage(), e.getCause());
        }
    }

    private static void requireSourceName(String sourceName) {
        if (sourceName == null || sourceName.isBlank()) {
            throw new IllegalArgumentException("sourceName must not be blank: " + sourceName);
        }
    }

    /**
     * The checkpoint as a JSON document (the file content {@link #write(Checkpoint, Path)} writes): pretty-printed,
     * one line per tensor, ending in a newline.
     *
     * @param checkpoint the checkpoint to write out
     * @return the JSON text, with the parameter digest in the metadata
     */
    public static String toJson(Checkpoint checkpoint) {
        if (checkpoint == null) {
            throw new IllegalArgumentException("checkpoint must not be null");
        }
        List<Tensor> tensors = checkpoint.tensors();
        for (Tensor tensor : tensors) {
            requireFinite(tensor);
        }
        JsonObject meta = metadataJson(checkpoint);
        JsonObject config = checkpoint.config();

        StringBuilder out = new StringBuilder();
        out.append("{\n");
        out.append(INDENT).append("\"format\": ").append(JsonSupport.COMPACT.toJson(FORMAT)).append(",\n");
        out.append(INDENT).append("\"version\": ").append(VERSION).append(",\n");
        out.append(INDENT).append("\"contentSha256\": \"").append(contentSha256(config, meta)).append("\",\n");
        out.append(INDENT).append("\"config\": ").append(indented(config)).append(",\n");
        out.append(INDENT).append("\"metadata\": ").append(indented(meta)).append(",\n");
        out.append(INDENT).append("\"tensors\": [\n");
        for (int i = 0; i < tensors.size(); i++) {
            out.append(INDENT).append(INDENT).append(JsonSupport.COMPACT.toJson(encode(tensors.get(i))))
                    .append(i + 1 < tensors.size() ? ",\n" : "\n");
        }
        out.append(INDENT).append("]\n");
        out.append("}\n");
        return out.toString();
    }

    /** The metadata as written, with the parameter checksum. */
    private static JsonObject metadataJson(Checkpoint checkpoint) {
        Checkpoint.Metadata metadata = checkpoint.metadata();
        JsonObject meta = new JsonObject();
        meta.addProperty("uniqueParameters", metadata.uniqueParameters());
        meta.addProperty("strictParameters", metadata.strictParameters());
        meta.addProperty("provenance", metadata.provenance());
        meta.addProperty("created", metadata.created().toString());
        JsonObject results = new JsonObject();
        metadata.results().forEach(results::addProperty);
        meta.add("results", results);
        meta.addProperty("parametersSha256", checkpoint.parametersSha256());
        return meta;
    }

    /**
     * The {@code contentSha256} of a version-2 document: the SHA-256 (lowercase hex) of the UTF-8 bytes of the compact
     * JSON {@code {"config":..., "format":"adder4j-checkpoint", "metadata":..., "version":2}} with the keys of every
     * object sorted and numbers as written. The tensors enter through {@code metadata.parametersSha256}.
     */
    private static String contentSha256(JsonObject config, JsonObject metadata) {
        JsonObject content = new JsonObject();
        content.add("config", config);
        content.addProperty("format", FORMAT);
        content.add("metadata", metadata);
        content.addProperty("version", VERSION);
        String canonical = JsonSupport.toStrictJson(JsonSupport.sortedCopy(content));
        return ParameterDigest.sha256Hex(canonical.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Refuses a tensor with a NaN or infinite value: no trained or hand-coded model holds one, and a file that does
     * would add wrongly without any other sign.
     */
    private static void requireFinite(Tensor tensor) {
        for (int i = 0; i < tensor.size(); i++) {
            double value = tensor.value(i);
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("tensor " + tensor.name() + ": value [" + i + "] is " + value
                        + "; checkpoints hold finite numbers only");
            }
        }
    }

    private static String indented(JsonElement element) {
        return JsonSupport.PRETTY.toJson(element).replace("\n", "\n" + INDENT);
    }

    private static JsonObject encode(Tensor tensor) {
        JsonObject json = new JsonObject();
        json.addProperty("name", tensor.name());
        json.addProperty("dtype", tensor.dtype().jsonName());
        JsonArray shape = new JsonArray();
        for (int axis = 0; axis < tensor.rank(); axis++) {
            shape.add(tensor.dim(axis));
        }
        json.add("shape", shape);
        json.addProperty("data", Base64.getEncoder().encodeToString(tensor.dataBytes()));
        return json;
    }

    private static Checkpoint decode(JsonObject root, String sourceName) {
        JsonPrimitive format = formatField(root);
        if (!format.isString() || !FORMAT.equals(format.getAsString())) {
            // the value is not shown: the file may be anything (a foreign file named by mistake or on purpose)
            throw new JsonSupport.Problem(NOT_A_CHECKPOINT);
        }
        long version = JsonSupport.integer(root, "", "version");
        if (version != VERSION && version != LEGACY_VERSION) {
            throw new JsonSupport.Problem("unsupported version " + version + " (this reader supports versions "
                    + LEGACY_VERSION + " and " + VERSION + ")");
        }
        JsonSupport.onlyFields(root, "", version == VERSION ? TOP_FIELDS : LEGACY_TOP_FIELDS);
        JsonObject config = JsonSupport.object(root, "", "config");
        List<Tensor> tensors = decodeTensors(JsonSupport.array(root, "", "tensors"));
        JsonObject meta = JsonSupport.object(root, "", "metadata");
        Checkpoint.Metadata metadata = decodeMetadata(meta);
        String recorded = JsonSupport.string(meta, "metadata", "parametersSha256");
        if (!SHA256_HEX.matcher(recorded).matches()) {
            throw new JsonSupport.Problem("field \"metadata.parametersSha256\" must be 64 lowercase hexadecimal digits, "
                    + "found " + JsonSupport.show(new JsonPrimitive(recorded)));
        }
        String actual = ParameterDigest.sha256Hex(tensors);
        if (!actual.equals(recorded)) {
            throw new JsonSupport.Problem("parameter checksum mismatch (file says " + recorded + ", content is " + actual
                    + ")");
        }
        if (version == VERSION) {
            String content = JsonSupport.string(root, "", "contentSha256");
            if (!SHA256_HEX.matcher(content).matches()) {
                throw new JsonSupport.Problem("field \"contentSha256\" must be 64 lowercase hexadecimal digits, found "
                        + JsonSupport.show(new JsonPrimitive(content)));
            }
            String computed = contentSha256(config, meta);
            if (!computed.equals(content)) {
                throw new JsonSupport.Problem("content checksum mismatch: the config or metadata were changed after the "
                        + "checkpoint was written (file says " + content + ", content is " + computed + ")");
            }
        } else {
            LOG.info("checkpoint {} is of version {}: its config and metadata are not covered by a checksum; writing it "
                    + "again makes a version {} file that is", sourceName, LEGACY_VERSION, VERSION);
        }
        try {
            return new Checkpoint(config, tensors, metadata);
        } catch (IllegalArgumentException e) {
            throw new JsonSupport.Problem(e.getMessage(), e);
        }
    }

    private static JsonPrimitive formatField(JsonObject root) {
        JsonElement format = root.get("format");
        if (format == null) {
            throw new JsonSupport.Problem("not an adder4j checkpoint (no \"format\" field)");
        }
        if (!format.isJsonPrimitive()) {
            throw new JsonSupport.Problem(NOT_A_CHECKPOINT);
        }
        return format.getAsJsonPrimitive();
    }

    private static List<Tensor> decodeTensors(JsonArray array) {
        if (array.isEmpty()) {
            throw new JsonSupport.Problem("field \"tensors\" must not be empty");
        }
        List<Tensor> tensors = new ArrayList<>(array.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < array.size(); i++) {
            String path = "tensors[" + i + "]";
            JsonElement element = array.get(i);
            if (!element.isJsonObject()) {
                throw JsonSupport.wrongType(path, "an object", element);
            }
            JsonObject json = element.getAsJsonObject();
            JsonSupport.onlyFields(json, path, TENSOR_FIELDS);
            String name = JsonSupport.string(json, path, "name");
            try {
                Tensor.checkName(name);
            } catch (IllegalArgumentException e) {
                throw new JsonSupport.Problem(path + ": " + e.getMessage(), e);
            }
            Integer previous = seen.putIfAbsent(name, i);
            if (previous != null) {
                throw new JsonSupport.Problem("duplicate tensor name " + name + " (tensors[" + previous + "] and "
                        + path + ")");
            }
            tensors.add(decodeTensor(json, path, name));
        }
        return tensors;
    }

    private static Tensor decodeTensor(JsonObject json, String path, String name) {
        String dtypeName = JsonSupport.string(json, path, "dtype");
        DType dtype;
        try {
            dtype = DType.fromJsonName(dtypeName);
        } catch (IllegalArgumentException e) {
            throw new JsonSupport.Problem("field \"" + path + ".dtype\" must be one of [float32, float64], found "
                    + JsonSupport.show(new JsonPrimitive(dtypeName)), e);
        }
        long[] shape = decodeShape(JsonSupport.array(json, path, "shape"), path + ".shape");
        long size;
        try {
            size = Tensor.sizeOf(name, shape);
        } catch (IllegalArgumentException e) {
            throw new JsonSupport.Problem(e.getMessage(), e);
        }
        String data = JsonSupport.string(json, path, "data");
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw new JsonSupport.Problem("tensor " + name + ": data is not valid base64 (" + e.getMessage() + ")", e);
        }
        if (!Base64.getEncoder().encodeToString(bytes).equals(data)) {
            throw new JsonSupport.Problem("tensor " + name + ": data is not canonical base64");
        }
        long needed = size * dtype.byteSize();
        if (bytes.length != needed) {
            throw new JsonSupport.Problem("tensor " + name + ": shape " + Arrays.toString(shape) + " as "
                    + dtype.jsonName() + " needs " + needed + " data bytes, got " + bytes.length);
        }
        Tensor tensor = Tensor.fromDataBytes(name, shape, dtype, bytes);
        try {
            requireFinite(tensor);
        } catch (IllegalArgumentException e) {
            throw new JsonSupport.Problem(path + ".data: " + e.getMessage(), e);
        }
        return tensor;
    }

    private static long[] decodeShape(JsonArray array, String path) {
        long[] shape = new long[array.size()];
        for (int axis = 0; axis < shape.length; axis++) {
            Long dim = JsonSupport.longOrNull(array.get(axis));
            if (dim == null || dim < 0) {
                throw JsonSupport.wrongType(path, "an array of non-negative integers", array);
            }
            shape[axis] = dim;
        }
        return shape;
    }

    private static Checkpoint.Metadata decodeMetadata(JsonObject meta) {
        String path = "metadata";
        JsonSupport.onlyFields(meta, path, METADATA_FIELDS);
        long unique = JsonSupport.integer(meta, path, "uniqueParameters");
        long strict = JsonSupport.integer(meta, path, "strictParameters");
        String provenance = JsonSupport.string(meta, path, "provenance");
        String createdText = JsonSupport.string(meta, path, "created");
        Instant created;
        try {
            created = Instant.parse(createdText);
        } catch (DateTimeParseException e) {
            throw new JsonSupport.Problem("field \"metadata.created\" must be an ISO-8601 instant, found "
                    + JsonSupport.show(new JsonPrimitive(createdText)), e);
        }
        JsonObject resultsJson = JsonSupport.object(meta, path, "results");
        Map<String, String> results = new LinkedHashMap<>();
        for (String key : resultsJson.keySet()) {
            results.put(key, JsonSupport.string(resultsJson, "metadata.results", key));
        }
        try {
            return new Checkpoint.Metadata(unique, strict, provenance, created, results);
        } catch (IllegalArgumentException e) {
            throw new JsonSupport.Problem("metadata: " + e.getMessage(), e);
        }
    }
}
