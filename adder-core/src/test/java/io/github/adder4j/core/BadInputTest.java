package io.github.adder4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.adder4j.core.io.AtomicFiles;
import io.github.adder4j.core.io.Checkpoint;
import io.github.adder4j.core.io.CheckpointException;
import io.github.adder4j.core.io.CheckpointFormat;
import io.github.adder4j.core.io.ParameterDigest;
import io.github.adder4j.core.io.PublishedFixture;
import io.github.adder4j.core.io.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad inputs of issue 17's reliability section that core sees: crafted sizes, edited configs and metadata,
 * non-finite data, unknown fields, edited published fixtures, odd files.
 */
class BadInputTest {

    @TempDir
    Path dir;

    private static Path fixtures() {
        String shared = System.getProperty("adder.shared");
        Path base = shared == null || shared.isBlank() ? Path.of("..", "..", "shared") : Path.of(shared);
        return base.resolve("fixtures");
    }

    private static Checkpoint split57() {
        try (AdderModel model = Preset.SPLIT_57.builder().seed(3).build()) {
            return model.toCheckpoint("test: split-57 seed 3", Map.of("adderboard", "0/10010"));
        }
    }

    /** The checkpoint with one config field replaced (through the API: no file checksum involved). */
    private static Checkpoint withConfig(Checkpoint checkpoint, String path, Number value) {
        JsonObject config = checkpoint.config();
        JsonObject target = config;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            target = target.getAsJsonObject(parts[i]);
        }
        target.addProperty(parts[parts.length - 1], value);
        return new Checkpoint(config, checkpoint.tensors(), checkpoint.metadata());
    }

    @Test
    void crafted_sizes_fail_before_anything_is_allocated() {
        Checkpoint valid = split57();
        CheckpointException wide = assertThrows(CheckpointException.class,
                () -> AdderModel.fromCheckpoint(withConfig(valid, "dModel", 50000), "crafted.json"));
        assertEquals("checkpoint crafted.json: invalid config (dModel must be at most 4096: 50000)", wide.getMessage());
        CheckpointException deep = assertThrows(CheckpointException.class,
                () -> AdderModel.fromCheckpoint(withConfig(valid, "attention.layers", 2_000_000_000), "crafted.json"));
        assertEquals("checkpoint crafted.json: invalid config (layers must be at most 64: 2000000000)", deep.getMessage());
    }

    @Test
    void a_model_over_the_parameter_bound_is_refused_by_the_formula() {
        AdderModel.Builder builder = AdderModel.builder().dModel(4096).ffnWidth(4096).layers(64);
        long started = System.nanoTime();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertTrue(e.getMessage().startsWith("the configuration has "), e.getMessage());
        assertTrue(e.getMessage().contains("parameters; at most 16000000 are supported (dModel=4096, layers=64, ffnWidth=4096)"),
                e.getMessage());
        assertTrue(System.nanoTime() - started < 1_000_000_000L, "refused without building anything");
    }

    @Test
    void builder_sizes_are_bounded_without_overflow() {
        assertEquals("dModel must be at most 4096: 2147483647",
                assertThrows(IllegalArgumentException.class, () -> AdderModel.builder().dModel(Integer.MAX_VALUE)).getMessage());
        assertEquals("layers must be at most 64: 2000000000",
                assertThrows(IllegalArgumentException.class, () -> AdderModel.builder().layers(2_000_000_000)).getMessage());
        assertEquals("heads must be at most 64: 65",
                assertThrows(IllegalArgumentException.class, () -> AdderModel.builder().heads(65)).getMessage());
        assertEquals("ffnWidth must be at most 4096: 4097",
                assertThrows(IllegalArgumentException.class, () -> AdderModel.builder().ffnWidth(4097)).getMessage());
        assertEquals("rank must be at most 4096: 100000",
                assertThrows(IllegalArgumentException.class, () -> Projection.lowRank(100_000)).getMessage());
        assertEquals("position rows must be at most 4096: 100000",
                assertThrows(IllegalArgumentException.class, () -> Positions.learned(100_000)).getMessage());
    }

    @Test
    void an_edited_config_or_claim_is_caught_by_the_content_checksum() throws IOException {
        Path file = dir.resolve("model.json");
        CheckpointFormat.write(split57(), file);
        String json = Files.readString(file);
        assertTrue(json.contains("\"amp\": {\n        \"value\": 3.5,"), "split-57's spiral amplitude");
        for (String edited : List.of(json.replace("\"value\": 3.5,", "\"value\": 0.5,"),
                json.replace("\"adderboard\": \"0/10010\"", "\"adderboard\": \"10010/10010\""),
                json.replace("\"provenance\": \"test: split-57 seed 3\"", "\"provenance\": \"published\""))) {
            assertTrue(!edited.equals(json));
            Files.writeString(file, edited);
            CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointFormat.read(file));
            assertTrue(e.getMessage().startsWith("checkpoint model.json: content checksum mismatch: the config or metadata "
                    + "were changed after the checkpoint was written (file says "), e.getMessage());
        }
        // the key order and the layout do not matter
        JsonObject root = JsonParser.parseString(json).getAsJsonObject();
        Files.writeString(file, root.toString());
        assertEquals(split57().config(), CheckpointFormat.read(file).config());
    }

    @Test
    void version_1_files_still_load() throws IOException {
        Checkpoint checkpoint = split57();
        String v2 = CheckpointFormat.toJson(checkpoint);
        String v1 = v2.replace("\"version\": 2,", "\"version\": 1,").replaceFirst("\\n  \"contentSha256\": \"[0-9a-f]{64}\",", "");
        assertFalse(v1.contains("contentSha256"));
        assertEquals(checkpoint, CheckpointFormat.fromJson(v1, "old.json"));
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> CheckpointFormat.fromJson(v1.replace("\"version\": 1,", "\"version\": 2,"), "old.json"));
        assertEquals("checkpoint old.json: missing field \"contentSha256\"", e.getMessage());
        e = assertThrows(CheckpointException.class, () -> CheckpointFormat.fromJson(v2.replace("\"version\": 2,", "\"version\": 1,"),
                "old.json"));
        assertEquals("checkpoint old.json: unexpected field \"contentSha256\"", e.getMessage());
    }

    @Test
    void non_finite_tensor_data_is_refused_even_with_a_valid_parameter_checksum() {
        Checkpoint checkpoint = split57();
        List<Tensor> tensors = new ArrayList<>(checkpoint.tensors());
        Tensor first = tensors.get(0);
        double[] values = first.values();
        values[0] = Double.NaN;
        tensors.set(0, new Tensor(first.name(), first.shape(), first.dtype(), values));
        IllegalArgumentException write = assertThrows(IllegalArgumentException.class,
                () -> CheckpointFormat.toJson(new Checkpoint(checkpoint.config(), tensors, checkpoint.metadata())));
        assertEquals("tensor " + first.name() + ": value [0] is NaN; checkpoints hold finite numbers only", write.getMessage());

        // a version-1 file (no content checksum) whose data holds an infinity and whose parameter checksum matches it
        String v1 = CheckpointFormat.toJson(checkpoint).replace("\"version\": 2,", "\"version\": 1,")
                .replaceFirst("\\n  \"contentSha256\": \"[0-9a-f]{64}\",", "");
        ByteBuffer bytes = ByteBuffer.allocate(first.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < first.size(); i++) {
            bytes.putFloat(i == 0 ? Float.POSITIVE_INFINITY : (float) first.value(i));
        }
        String oldData = Base64.getEncoder().encodeToString(bytesOf(first));
        values[0] = Double.POSITIVE_INFINITY;
        tensors.set(0, new Tensor(first.name(), first.shape(), first.dtype(), values));
        String crafted = v1.replace(oldData, Base64.getEncoder().encodeToString(bytes.array()))
                .replace(checkpoint.parametersSha256(), ParameterDigest.sha256Hex(tensors));
        CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointFormat.fromJson(crafted, "inf.json"));
        assertEquals("checkpoint inf.json: tensors[0].data: tensor " + first.name()
                + ": value [0] is Infinity; checkpoints hold finite numbers only", e.getMessage());
    }

    private static byte[] bytesOf(Tensor tensor) {
        ByteBuffer bytes = ByteBuffer.allocate(tensor.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < tensor.size(); i++) {
            bytes.putFloat((float) tensor.value(i));
        }
        return bytes.array();
    }

    @Test
    void unknown_config_fields_are_refused() {
        Checkpoint checkpoint = split57();
        JsonObject config = checkpoint.config();
        config.getAsJsonObject("attention").addProperty("temperature", 0.5);
        CheckpointException e = assertThrows(CheckpointException.class, () -> AdderModel.fromCheckpoint(
                new Checkpoint(config, checkpoint.tensors(), checkpoint.metadata()), "x.json"));
        assertEquals("checkpoint x.json: invalid config (config has an unknown field attention.\"temperature\" (known: [bias, "
                + "headDim, heads, key, kvHeads, layers, out, outputMode, qkMode, qkSource, query, scale, sharedRank, softmax, "
                + "vSource, value, valueMode]))", e.getMessage());
    }

    @Test
    void odd_files_are_named_for_what_they_are() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("weights"));
        assertEquals("checkpoint " + sub + ": is a directory, not a file",
                assertThrows(IllegalArgumentException.class, () -> CheckpointFormat.read(sub)).getMessage());
        assertEquals("checkpoint /dev/null: not a regular file",
                assertThrows(IllegalArgumentException.class, () -> CheckpointFormat.read(Path.of("/dev/null"))).getMessage());
        Path empty = Files.createFile(dir.resolve("empty.json"));
        assertEquals("checkpoint empty.json: truncated or malformed JSON (unexpected end of input)",
                assertThrows(CheckpointException.class, () -> CheckpointFormat.read(empty)).getMessage());
        Path missing = dir.resolve("missing.json");
        assertEquals("checkpoint " + missing + ": no such file",
                assertThrows(UncheckedIOException.class, () -> CheckpointFormat.read(missing)).getMessage());
        Path truncated = dir.resolve("truncated.json");
        String json = CheckpointFormat.toJson(split57());
        Files.writeString(truncated, json.substring(0, json.length() / 2));
        assertEquals("checkpoint truncated.json: truncated or malformed JSON (unexpected end of input)",
                assertThrows(CheckpointException.class, () -> CheckpointFormat.read(truncated)).getMessage());
    }

    @Test
    void a_failed_write_says_why_and_leaves_no_temporary_file() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> AtomicFiles.write(notADirectory.resolve("model.json"), new byte[] {1}));
        assertTrue(e.getMessage().startsWith("cannot write " + notADirectory.resolve("model.json") + ": FileAlreadyExistsException: "),
                e.getMessage());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(notADirectory), files.toList());
        }
    }

    @Test
    void published_fixtures_are_checked_against_the_committed_manifest() throws IOException {
        Path original = fixtures().resolve("published-57p.json");
        assertEquals(PublishedFixture.publishedSha256("published-57p.json").orElseThrow(),
                ParameterDigestAccess.sha256(Files.readAllBytes(original)));
        String json = Files.readString(original);
        Path copy = Files.createDirectories(dir.resolve("copy")).resolve("published-57p.json");
        Files.writeString(copy, json);
        assertEquals(PublishedFixture.read(original).tensors(), PublishedFixture.read(copy).tensors());
        int at = json.indexOf("\"values\": [") + "\"values\": [".length();
        String edited = json.substring(0, at) + "1" + json.substring(at);
        Files.writeString(copy, edited);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PublishedFixture.read(copy));
        assertTrue(e.getMessage().startsWith("fixture published-57p.json: SHA-256 "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" (the file was changed; restore it from shared/fixtures)"), e.getMessage());
    }

    @Test
    void fixture_values_fields_and_shapes_are_checked() throws IOException {
        JsonObject root = JsonParser.parseString(Files.readString(fixtures().resolve("published-57p.json"))).getAsJsonObject();
        JsonObject tensors = root.getAsJsonObject("tensors");

        JsonObject huge = root.deepCopy();
        huge.getAsJsonObject("tensors").getAsJsonObject("tok_arc_A").getAsJsonArray("values").set(0,
                new com.google.gson.JsonPrimitive(new java.math.BigDecimal("1e39")));
        assertEquals("fixture mine.json: field \"tensors.tok_arc_A.values[0]\" is out of the float32 range: 1E+39",
                assertThrows(IllegalArgumentException.class, () -> read(huge)).getMessage());

        JsonObject extraField = root.deepCopy();
        extraField.addProperty("scale", 2);
        assertEquals("fixture mine.json: unexpected field \"scale\"",
                assertThrows(IllegalArgumentException.class, () -> read(extraField)).getMessage());

        JsonObject extraTensor = root.deepCopy();
        extraTensor.getAsJsonObject("tensors").add("bias", tensors.get("tok_arc_A").deepCopy());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PublishedWeights.load(Preset.SPLIT_57, read(extraTensor)));
        assertTrue(e.getMessage().startsWith("fixture mine.json: unknown tensor bias (preset split-57 uses ["), e.getMessage());

        JsonObject transposed = root.deepCopy();
        JsonObject q = transposed.getAsJsonObject("tensors").getAsJsonObject("q_proj.weight");
        com.google.gson.JsonArray shape = q.getAsJsonArray("shape");
        assertTrue(shape.get(0).getAsLong() != shape.get(1).getAsLong(), shape.toString());
        com.google.gson.JsonArray swapped = new com.google.gson.JsonArray();
        swapped.add(shape.get(1));
        swapped.add(shape.get(0));
        q.add("shape", swapped);
        e = assertThrows(IllegalArgumentException.class, () -> PublishedWeights.load(Preset.SPLIT_57, read(transposed)));
        assertEquals("fixture mine.json: tensor q_proj.weight has shape " + swapped.toString().replace(",", ", ")
                + " but parameter layer0.attention.key.weight has shape " + shape.toString().replace(",", ", "), e.getMessage());
    }

    private PublishedFixture read(JsonObject root) throws IOException {
        Path file = dir.resolve("mine.json");
        Files.writeString(file, root.toString());
        return PublishedFixture.read(file);
    }

    /** SHA-256 of bytes, through the JDK (independent of the code under test). */
    private static final class ParameterDigestAccess {
        static String sha256(byte[] bytes) {
            try {
                return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
