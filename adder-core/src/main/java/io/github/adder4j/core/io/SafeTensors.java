package io.github.adder4j.core.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The safetensors format, the weight exchange format of the PyTorch world: an 8-byte little-endian header length N,
 * N bytes of JSON header ({@code {"__metadata__": {string: string}, NAME: {"dtype": "F32", "shape": [..],
 * "data_offsets": [BEGIN, END]}, ...}}), then the raw little-endian tensor data, offsets relative to the end of the
 * header. Reading it runs no code (unlike a pickled {@code .pt} file, which adder4j never opens): a {@code .pt} file is
 * converted in Python with {@code safetensors.torch.save_file(torch.load(f, weights_only=True), "x.safetensors")}.
 *
 * <p>Only {@code F32} and {@code F64} tensors are read and written (the dtypes of {@link DType}); a header naming
 * another dtype, offsets that overlap, leave gaps or point past the data, a shape that does not fit its bytes, a
 * duplicate name, or non-finite values are refused, naming the tensor.
 */
public final class SafeTensors {
    /** Key of the free-form string metadata in the header. */
    public static final String METADATA_KEY = "__metadata__";
    /** The largest header read: 16 MiB, far above any adder4j model's. */
    public static final long MAX_HEADER_BYTES = 16L << 20;

    private SafeTensors() {
    }

    /**
     * The tensors and the metadata of a safetensors file.
     *
     * @param metadata the {@code __metadata__} strings (empty when absent), in file order
     * @param tensors  the tensors in data order
     */
    public record Contents(Map<String, String> metadata, List<Tensor> tensors) {
        /**
         * Copies both into unmodifiable collections.
         *
         * @param metadata the {@code __metadata__} string pairs, e.g. an adder4j config or a {@code source}
         * @param tensors the tensors, in file order, each name once
         */
        public Contents {
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
            tensors = List.copyOf(tensors);
        }

        /**
         * The tensors by name, in data order.
         *
         * @return an unmodifiable map
         */
        public Map<String, Tensor> byName() {
            Map<String, Tensor> m = new LinkedHashMap<>();
            tensors.forEach(t -> m.put(t.name(), t));
            return Collections.unmodifiableMap(m);
        }
    }

    /**
     * The safetensors bytes of {@code tensors} (in the given order) with {@code metadata}.
     *
     * @param tensors  the tensors; names must be unique
     * @param metadata strings stored under {@value #METADATA_KEY}
     * @return the file's bytes
     * @throws IllegalArgumentException naming the tensor when a name repeats
     */
    public static byte[] toBytes(List<Tensor> tensors, Map<String, String> metadata) {
        JsonObject header = new JsonObject();
        if (!metadata.isEmpty()) {
            JsonObject meta = new JsonObject();
            metadata.forEach(meta::addProperty);
            header.add(METADATA_KEY, meta);
        }
        Set<String> names = new HashSet<>();
        long offset = 0;
        for (Tensor t : tensors) {
            if (!names.add(t.name()) || METADATA_KEY.equals(t.name())) {
                throw new IllegalArgumentException("tensor name must be unique and not " + METADATA_KEY + ": " + t.name());
            }
            JsonObject entry = new JsonObject();
            entry.addProperty("dtype", code(t.dtype()));
            JsonArray shape = new JsonArray();
            for (long d : t.shape()) {
                shape.add(d);
            }
            entry.add("shape", shape);
            long size = (long) t.values().length * t.dtype().byteSize();
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offsets.add(offset + size);
            entry.add("data_offsets", offsets);
            header.add(t.name(), entry);
            offset += size;
        }
        byte[] json = JsonSupport.COMPACT.toJson(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;   // the data starts 8-byte aligned, the header padded with spaces
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded);
        out.put(json);
        for (int i = json.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        for (Tensor t : tensors) {
            for (double v : t.values()) {
                if (t.dtype() == DType.FLOAT32) {
                    out.putFloat((float) v);
                } else {
                    out.putDouble(v);
                }
            }
        }
        return out.array();
    }

    /**
     * Reads safetensors bytes.
     *
     * @param bytes  the file's bytes
     * @param source the file's name, for messages
     * @return the metadata and the tensors
     * @throws IllegalArgumentException {@code safetensors SOURCE: PROBLEM} when the bytes are not a valid file of
     *                                  F32/F64
     *                                  tensors with finite values
     */
    public static Contents fromBytes(byte[] bytes, String source) {
        try {
            return parse(bytes);
        } catch (IllegalArgumentException | IllegalStateException | JsonParseException | ArithmeticException e) {
            throw new IllegalArgumentException("safetensors " + source + ": " + e.getMessage(), e);
        }
    }

    private static Contents parse(byte[] bytes) {
        if (bytes.length < 8) {
            throw new IllegalArgumentException("shorter than its 8-byte header length: " + bytes.length + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = in.getLong();
        if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || headerLength > bytes.length - 8L) {
            throw new IllegalArgumentException("header length " + headerLength + " does not fit the file of " + bytes.length
                    + " bytes (at most " + MAX_HEADER_BYTES + ")");
        }
        String json = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
        JsonElement root = JsonParser.parseString(json);
        if (!root.isJsonObject()) {
            throw new IllegalArgumentException("the header must be a JSON object");
        }
        long dataStart = 8 + headerLength;
        long dataLength = bytes.length - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Object[]> entries = new ArrayList<>();   // {name, dtype, shape, begin, end}
        for (Map.Entry<String, JsonElement> field : root.getAsJsonObject().entrySet()) {
            String name = field.getKey();
            if (METADATA_KEY.equals(name)) {
                if (!field.getValue().isJsonObject()) {
                    throw new IllegalArgumentException(METADATA_KEY + " must be an object of strings");
                }
                for (Map.Entry<String, JsonElement> m : field.getValue().getAsJsonObject().entrySet()) {
                    if (!m.getValue().isJsonPrimitive() || !m.getValue().getAsJsonPrimitive().isString()) {
                        throw new IllegalArgumentException(METADATA_KEY + "." + m.getKey() + " must be a string");
                    }
                    metadata.put(m.getKey(), m.getValue().getAsString());
                }
                continue;
            }
            if (!field.getValue().isJsonObject()) {
                throw new IllegalArgumentException("tensor " + name + ": expected an object");
            }
            JsonObject o = field.getValue().getAsJsonObject();
            for (String key : o.keySet()) {
                if (!Set.of("dtype", "shape", "data_offsets").contains(key)) {
                    throw new IllegalArgumentException("tensor " + name + ": unexpected field " + key);
                }
            }
            DType dtype = dtype(name, o.get("dtype"));
            long[] shape = longs(name, "shape", o.get("shape"), -1);
            long[] offsets = longs(name, "data_offsets", o.get("data_offsets"), 2);
            long size = Tensor.sizeOf(name, shape);
            if (offsets[0] < 0 || offsets[1] < offsets[0] || offsets[1] > dataLength) {
                throw new IllegalArgumentException("tensor " + name + ": data_offsets " + Arrays.toString(offsets)
                        + " are not within the " + dataLength + " data bytes");
            }
            if (offsets[1] - offsets[0] != Math.multiplyExact(size, dtype.byteSize())) {
                throw new IllegalArgumentException("tensor " + name + ": shape " + Arrays.toString(shape) + " of " + code(dtype)
                        + " needs " + size * dtype.byteSize() + " bytes, data_offsets give " + (offsets[1] - offsets[0]));
            }
            entries.add(new Object[] {name, dtype, shape, offsets[0], offsets[1]});
        }
        entries.sort(Comparator.comparingLong(e -> (long) e[3]));
        long expected = 0;
        List<Tensor> tensors = new ArrayList<>();
        for (Object[] e : entries) {
            String name = (String) e[0];
            long begin = (long) e[3];
            if (begin != expected) {
                throw new IllegalArgumentException("tensor " + name + ": data starts at " + begin + ", expected " + expected
                        + " (the tensors' data must follow each other without gaps or overlaps)");
            }
            DType dtype = (DType) e[1];
            double[] values = new double[Math.toIntExact(((long) e[4] - begin) / dtype.byteSize())];
            ByteBuffer data = ByteBuffer.wrap(bytes, Math.toIntExact(dataStart + begin), Math.toIntExact((long) e[4] - begin))
                    .order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < values.length; i++) {
                values[i] = dtype == DType.FLOAT32 ? data.getFloat() : data.getDouble();
                if (!Double.isFinite(values[i])) {
                    throw new IllegalArgumentException("tensor " + name + ": value " + i + " is not finite: " + values[i]);
                }
            }
            tensors.add(new Tensor(name, (long[]) e[2], dtype, values));
            expected = (long) e[4];
        }
        if (expected != dataLength) {
            throw new IllegalArgumentException("the tensors cover " + expected + " of the " + dataLength + " data bytes");
        }
        return new Contents(metadata, tensors);
    }

    /** Metadata value of {@code format} for a file exported from an adder4j checkpoint. */
    public static final String ADDER4J_FORMAT = CheckpointFormat.FORMAT;

    /**
     * A checkpoint as safetensors contents: its tensors under adder4j's parameter names, and in the metadata
     * {@code format} ({@value #ADDER4J_FORMAT}), {@code config} (the config JSON), the parameter counts and the
     * provenance, so that {@link #toCheckpoint} gives the same model back.
     *
     * @param checkpoint an adder4j checkpoint
     * @return the contents to write with {@link #toBytes}
     */
    public static Contents fromCheckpoint(Checkpoint checkpoint) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", ADDER4J_FORMAT);
        meta.put("config", JsonSupport.COMPACT.toJson(checkpoint.config()));
        meta.put("uniqueParameters", Long.toString(checkpoint.metadata().uniqueParameters()));
        meta.put("strictParameters", Long.toString(checkpoint.metadata().strictParameters()));
        meta.put("provenance", checkpoint.metadata().provenance());
        return new Contents(meta, checkpoint.tensors());
    }

    /**
     * Whether the contents were exported from an adder4j checkpoint ({@link #fromCheckpoint}).
     *
     * @param contents read contents
     * @return true when the metadata's {@code format} is {@value #ADDER4J_FORMAT}
     */
    public static boolean isCheckpoint(Contents contents) {
        return ADDER4J_FORMAT.equals(contents.metadata().get("format"));
    }

    /**
     * The checkpoint that {@link #fromCheckpoint} exported, with a new provenance.
     *
     * @param contents   contents of an exported checkpoint
     * @param provenance the new checkpoint's provenance
     * @return the checkpoint (the counts are checked against the config when a model is built from it)
     * @throws IllegalArgumentException naming the field when the metadata lacks one or holds a bad value
     */
    public static Checkpoint toCheckpoint(Contents contents, String provenance) {
        Map<String, String> meta = contents.metadata();
        for (String key : List.of("format", "config", "uniqueParameters", "strictParameters")) {
            if (!meta.containsKey(key)) {
                throw new IllegalArgumentException("safetensors metadata has no " + key + " (not exported from an adder4j "
                        + "checkpoint)");
            }
        }
        JsonElement config = JsonParser.parseString(meta.get("config"));
        if (!config.isJsonObject()) {
            throw new IllegalArgumentException("safetensors metadata config must be a JSON object");
        }
        long unique;
        long strict;
        try {
            unique = Long.parseLong(meta.get("uniqueParameters"));
            strict = Long.parseLong(meta.get("strictParameters"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("safetensors metadata parameter counts must be integers: "
                    + meta.get("uniqueParameters") + ", " + meta.get("strictParameters"), e);
        }
        return new Checkpoint(config.getAsJsonObject(), contents.tensors(),
                new Checkpoint.Metadata(unique, strict, provenance, java.time.Instant.now(), Map.of()));
    }

    private static String code(DType dtype) {
        return dtype == DType.FLOAT32 ? "F32" : "F64";
    }

    private static DType dtype(String name, JsonElement e) {
        String code = e != null && e.isJsonPrimitive() ? e.getAsString() : String.valueOf(e);
        return switch (code) {
            case "F32" -> DType.FLOAT32;
            case "F64" -> DType.FLOAT64;
            default -> throw new IllegalArgumentException("tensor " + name + ": dtype " + code + " is not supported (F32, "
                    + "F64; convert with tensor.float() before saving)");
        };
    }

    private static long[] longs(String name, String field, JsonElement e, int length) {
        if (e == null || !e.isJsonArray() || (length >= 0 && e.getAsJsonArray().size() != length)) {
            throw new IllegalArgumentException("tensor " + name + ": " + field + " must be an array"
                    + (length >= 0 ? " of " + length + " integers" : " of integers") + ": " + e);
        }
        JsonArray array = e.getAsJsonArray();
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonElement v = array.get(i);
            if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
                throw new IllegalArgumentException("tensor " + name + ": " + field + " must hold integers: " + e);
            }
            out[i] = v.getAsJsonPrimitive().getAsBigDecimal().longValueExact();
        }
        return out;
    }
}
