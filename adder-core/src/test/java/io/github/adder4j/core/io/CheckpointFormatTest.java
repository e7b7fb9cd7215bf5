package io.github.adder4j.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFormatTest {

    private static final String SOURCE = "x.json";

    @TempDir
    Path dir;

    /** 12 float32 values that are all exactly representable. */
    private static double[] qValues() {
        double[] values = new double[12];
        for (int i = 0; i < values.length; i++) {
            values[i] = 0.5 * i - 2.25;
        }
        return values;
    }

    private static Checkpoint sample(double[] qValues) {
        JsonObject config = new JsonObject();
        config.addProperty("preset", "test-57p");
        config.addProperty("dModel", 5);
        config.addProperty("tied", true);
        config.addProperty("label", "d\u00e9j\u00e0 \u2192 \ud83d\ude00");
        JsonArray widths = new JsonArray();
        widths.add(2);
        widths.add(3.5);
        config.add("widths", widths);
        List<Tensor> tensors = List.of(
                new Tensor("q_proj.weight", new long[] {4, 3}, DType.FLOAT32, qValues),
                Tensor.ofDoubles("bias64", new long[] {3}, new double[] {Math.PI, -1e-300, Double.MIN_VALUE}),
                Tensor.scalar("tok_arc_A", DType.FLOAT32, 11.0684948),
                Tensor.scalar("gain64", DType.FLOAT64, -0.0),
                new Tensor("empty", new long[] {0, 3}, DType.FLOAT32, new double[0]));
        Checkpoint.Metadata metadata = new Checkpoint.Metadata(57, 60, "hand-coded: \"test\" \\ line\nbreak",
                Instant.parse("2025-06-01T12:34:56.123456789Z"),
                Map.of("adderboard", "10010/10010", "a-first", "1"));
        return new Checkpoint(config, tensors, metadata);
    }

    private static Checkpoint sample() {
        return sample(qValues());
    }

    private static String message(String problem) {
        return "checkpoint " + SOURCE + ": " + problem;
    }

    private static CheckpointException readFails(String json) {
        return assertThrows(CheckpointException.class, () -> CheckpointFormat.fromJson(json, SOURCE));
    }

    /** The base64 data string of the named tensor in a serialized checkpoint. */
    private static String dataOf(String json, String name) {
        int at = json.indexOf("{\"name\":\"" + name + "\"");
        int start = json.indexOf("\"data\":\"", at) + "\"data\":\"".length();
        return json.substring(start, json.indexOf('"', start));
    }

    private static String replaceData(String json, String name, String newData) {
        String old = dataOf(json, name);
        String marker = "{\"name\":\"" + name + "\"";
        int at = json.indexOf(marker);
        int start = json.indexOf("\"data\":\"" + old + "\"", at);
        return json.substring(0, start) + "\"data\":\"" + newData + "\"" + json.substring(start + old.length() + 9);
    }

    private static List<Path> listing(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().collect(Collectors.toList());
        }
    }

    @Test
    void roundTripThroughFileKeepsEverything() {
        Checkpoint original = sample();
        Path file = dir.resolve("model.json");
        CheckpointFormat.write(original, file);
        Checkpoint read = CheckpointFormat.read(file);

        assertEquals(original, read);
        assertEquals(original.hashCode(), read.hashCode());
        assertEquals(original.config(), read.config());
        assertEquals("test-57p", read.config().get("preset").getAsString());
        assertEquals("d\u00e9j\u00e0 \u2192 \ud83d\ude00", read.config().get("label").getAsString());
        assertEquals(original.metadata(), read.metadata());
        assertEquals(List.of("a-first", "adderboard"), List.copyOf(read.metadata().results().keySet()));
        Tensor bias = read.tensor("bias64");
        assertEquals(DType.FLOAT64, bias.dtype());
        assertArrayEquals(new double[] {Math.PI, -1e-300, Double.MIN_VALUE}, bias.values());
        Tensor scalar = read.tensor("tok_arc_A");
        assertEquals(0, scalar.rank());
        assertEquals(1, scalar.size());
        assertEquals((float) 11.0684948, scalar.toFloatArray()[0]);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(read.tensor("gain64").value(0)));
        assertEquals(0, read.tensor("empty").size());
        assertArrayEquals(new long[] {0, 3}, read.tensor("empty").shape());
        assertEquals(List.of("q_proj.weight", "bias64", "tok_arc_A", "gain64", "empty"),
                read.tensors().stream().map(Tensor::name).collect(Collectors.toList()));
    }

    @Test
    void roundTripThroughStringAndStream() {
        Checkpoint original = sample();
        String json = CheckpointFormat.toJson(original);
        assertEquals(original, CheckpointFormat.fromJson(json, "resource.json"));
        assertEquals(original, CheckpointFormat.read(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "stream.json"));
    }

    @Test
    void fileIsOneSelfDescribingDocument() {
        Checkpoint original = sample();
        JsonObject root = JsonParser.parseString(CheckpointFormat.toJson(original)).getAsJsonObject();
        assertEquals("adder4j-checkpoint", root.get("format").getAsString());
        assertEquals(2, root.get("version").getAsInt());
        assertEquals(original.parametersSha256(),
                root.getAsJsonObject("metadata").get("parametersSha256").getAsString());
        JsonObject q = root.getAsJsonArray("tensors").get(0).getAsJsonObject();
        assertEquals("float32", q.get("dtype").getAsString());
        assertEquals("[4,3]", q.get("shape").toString());
        ByteBuffer data = ByteBuffer.wrap(Base64.getDecoder().decode(q.get("data").getAsString()))
                .order(ByteOrder.LITTLE_ENDIAN);
        double[] expected = qValues();
        assertEquals(expected.length * 4, data.remaining());
        for (double value : expected) {
            assertEquals((float) value, data.getFloat());
        }
        JsonObject scalar = root.getAsJsonArray("tensors").get(2).getAsJsonObject();
        assertEquals("[]", scalar.get("shape").toString());
    }

    @Test
    void writeIsAtomicAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("model.json");
        CheckpointFormat.write(sample(), file);
        assertEquals(List.of(file), listing(dir));

        double[] changed = qValues();
        changed[0] = 42;
        Checkpoint second = sample(changed);
        CheckpointFormat.write(second, file);
        assertEquals(List.of(file), listing(dir));
        assertEquals(second, CheckpointFormat.read(file));
    }

    @Test
    void failedWriteLeavesTargetAndNoTemporaryFiles() throws IOException {
        Path blocked = dir.resolve("blocked.json");
        Files.createDirectory(blocked);
        Files.writeString(blocked.resolve("keep.txt"), "keep");
        assertThrows(UncheckedIOException.class, () -> CheckpointFormat.write(sample(), blocked));
        assertEquals(List.of(blocked), listing(dir));
        assertEquals("keep", Files.readString(blocked.resolve("keep.txt")));
    }

    @Test
    void writeCreatesMissingDirectories() {
        Path file = dir.resolve("a").resolve("b").resolve("model.json");
        CheckpointFormat.write(sample(), file);
        assertEquals(sample(), CheckpointFormat.read(file));
    }

    @Test
    void checksumIsStableAcrossWriteAndRead() throws IOException {
        Checkpoint original = sample();
        Path first = dir.resolve("first.json");
        Path second = dir.resolve("second.json");
        CheckpointFormat.write(original, first);
        Checkpoint read = CheckpointFormat.read(first);
        CheckpointFormat.write(read, second);
        assertEquals(original.parametersSha256(), read.parametersSha256());
        assertEquals(original.parametersSha256(), CheckpointFormat.read(second).parametersSha256());
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
    }

    @Test
    void checksumFollowsTheDocumentedCanonicalForm() throws Exception {
        Tensor a = new Tensor("w\u00e9", new long[] {2, 1}, DType.FLOAT32, new double[] {1.5, Double.NaN});
        Tensor b = Tensor.scalar("s", DType.FLOAT64, -0.0);
        ByteBuffer bytes = ByteBuffer.allocate(200).order(ByteOrder.LITTLE_ENDIAN);
        bytes.put(new byte[] {'w', (byte) 0xc3, (byte) 0xa9, 0, 0});
        bytes.putLong(2).putLong(2).putLong(1);
        bytes.putInt(0x3fc00000).putInt(0x7fc00000);
        bytes.put(new byte[] {'s', 0, 1});
        bytes.putLong(0);
        bytes.putLong(0x8000000000000000L);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(bytes.array(), 0, bytes.position());
        String expected = HexFormat.of().formatHex(sha.digest());

        assertEquals(expected, ParameterDigest.sha256Hex(List.of(a, b)));
        assertEquals(64, expected.length());
    }

    @Test
    void checksumSeesOrderNamesTypesAndSignedZeros() {
        Tensor a = Tensor.scalar("a", DType.FLOAT32, 1);
        Tensor b = Tensor.scalar("b", DType.FLOAT32, 2);
        String base = ParameterDigest.sha256Hex(List.of(a, b));
        assertNotEquals(base, ParameterDigest.sha256Hex(List.of(b, a)));
        assertNotEquals(base, ParameterDigest.sha256Hex(List.of(a, Tensor.scalar("c", DType.FLOAT32, 2))));
        assertNotEquals(base, ParameterDigest.sha256Hex(List.of(a, Tensor.scalar("b", DType.FLOAT64, 2))));
        assertNotEquals(base, ParameterDigest.sha256Hex(List.of(a, new Tensor("b", new long[] {1}, DType.FLOAT32,
                new double[] {2}))));
        assertNotEquals(ParameterDigest.sha256Hex(List.of(Tensor.scalar("z", DType.FLOAT32, 0.0))),
                ParameterDigest.sha256Hex(List.of(Tensor.scalar("z", DType.FLOAT32, -0.0))));
    }

    @Test
    void everyTruncationIsReportedAsTruncatedJson() throws IOException {
        String json = CheckpointFormat.toJson(sample());
        int lastBrace = json.lastIndexOf('}');
        int checked = 0;
        for (int cut = 0; cut <= lastBrace; cut++) {
            CheckpointException e = readFails(json.substring(0, cut));
            assertEquals(message("truncated or malformed JSON (unexpected end of input)"), e.getMessage(),
                    "cut at " + cut);
            checked++;
        }
        assertEquals(lastBrace + 1, checked);

        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        for (int cut : new int[] {0, 1, bytes.length / 3, bytes.length / 2, bytes.length - 3}) {
            Path file = dir.resolve(SOURCE);
            Files.write(file, java.util.Arrays.copyOf(bytes, cut));
            CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointFormat.read(file));
            assertEquals(message("truncated or malformed JSON (unexpected end of input)"), e.getMessage());
            assertEquals(SOURCE, e.source());
        }
    }

    @Test
    void flippedBase64CharacterIsCaughtByTheChecksum() {
        Checkpoint original = sample();
        String json = CheckpointFormat.toJson(original);
        String data = dataOf(json, "q_proj.weight");
        char[] chars = data.toCharArray();
        chars[5] = chars[5] == 'A' ? 'B' : 'A';
        String flipped = new String(chars);

        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(flipped)).order(ByteOrder.LITTLE_ENDIAN);
        double[] corrupted = new double[12];
        for (int i = 0; i < corrupted.length; i++) {
            corrupted[i] = bytes.getFloat();
        }
        assertTrue(!java.util.Arrays.equals(corrupted, qValues()));
        String contentSha = sample(corrupted).parametersSha256();

        CheckpointException e = readFails(replaceData(json, "q_proj.weight", flipped));
        assertEquals(message("parameter checksum mismatch (file says " + original.parametersSha256()
                + ", content is " + contentSha + ")"), e.getMessage());
    }

    @Test
    void invalidAndNonCanonicalBase64AreRejected() {
        String json = CheckpointFormat.toJson(sample());
        String data = dataOf(json, "q_proj.weight");
        String invalid = data.substring(0, 5) + "*" + data.substring(6);
        assertEquals(message("tensor q_proj.weight: data is not valid base64 (Illegal base64 character 2a)"),
                readFails(replaceData(json, "q_proj.weight", invalid)).getMessage());

        // a float32 scalar is 4 bytes = 6 base64 characters + "=="; the 6th character carries 4 unused bits
        String scalar = dataOf(json, "tok_arc_A");
        assertEquals(8, scalar.length());
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        char last = scalar.charAt(5);
        char unusedBitsChanged = alphabet.charAt(alphabet.indexOf(last) ^ 1);
        String nonCanonical = scalar.substring(0, 5) + unusedBitsChanged + "==";
        assertArrayEquals(Base64.getDecoder().decode(scalar), Base64.getDecoder().decode(nonCanonical));
        assertEquals(message("tensor tok_arc_A: data is not canonical base64"),
                readFails(replaceData(json, "tok_arc_A", nonCanonical)).getMessage());
    }

    @Test
    void dataOfTheWrongLengthIsRejected() {
        String json = CheckpointFormat.toJson(sample());
        String shortData = Base64.getEncoder().encodeToString(new byte[44]);
        assertEquals(message("tensor q_proj.weight: shape [4, 3] as float32 needs 48 data bytes, got 44"),
                readFails(replaceData(json, "q_proj.weight", shortData)).getMessage());
        String float32Sized = Base64.getEncoder().encodeToString(new byte[12]);
        assertEquals(message("tensor bias64: shape [3] as float64 needs 24 data bytes, got 12"),
                readFails(replaceData(json, "bias64", float32Sized)).getMessage());
    }

    @Test
    void editedValueIsCaughtByTheChecksum() {
        Checkpoint original = sample();
        double[] edited = qValues();
        edited[7] = Math.nextUp((float) edited[7]);
        Checkpoint other = sample(edited);
        String json = CheckpointFormat.toJson(original);
        String spliced = replaceData(json, "q_proj.weight", dataOf(CheckpointFormat.toJson(other), "q_proj.weight"));

        assertNotEquals(original.parametersSha256(), other.parametersSha256());
        assertEquals(message("parameter checksum mismatch (file says " + original.parametersSha256() + ", content is "
                + other.parametersSha256() + ")"), readFails(spliced).getMessage());
    }

    @Test
    void wrongVersionOrFormatIsRejected() {
        String json = CheckpointFormat.toJson(sample());
        assertTrue(json.contains("\"version\": 2,"));
        assertEquals(message("unsupported version 3 (this reader supports versions 1 and 2)"),
                readFails(json.replace("\"version\": 2,", "\"version\": 3,")).getMessage());
        assertEquals(message("unsupported version 0 (this reader supports versions 1 and 2)"),
                readFails(json.replace("\"version\": 2,", "\"version\": 0,")).getMessage());
        assertEquals(message("field \"version\" must be an integer, found \"1\""),
                readFails(json.replace("\"version\": 2,", "\"version\": \"1\",")).getMessage());
        assertEquals(message("field \"version\" must be an integer, found 1.5"),
                readFails(json.replace("\"version\": 2,", "\"version\": 1.5,")).getMessage());
        assertEquals(message("missing field \"version\""),
                readFails(json.replace("\"version\": 2,", "")).getMessage());
        assertEquals(message("not an adder4j checkpoint (its \"format\" is not \"adder4j-checkpoint\")"),
                readFails(json.replace("\"adder4j-checkpoint\"", "\"adder4j-model\"")).getMessage());
        assertEquals(message("not an adder4j checkpoint (no \"format\" field)"),
                readFails(json.replace("\"format\": \"adder4j-checkpoint\",", "")).getMessage());
        assertEquals(message("expected a JSON object at the top level, found an array"),
                readFails("[1, 2]").getMessage());
    }

    @Test
    void duplicateTensorNameIsRejected() {
        String json = CheckpointFormat.toJson(sample());
        String duplicated = json.replace("{\"name\":\"bias64\"", "{\"name\":\"q_proj.weight\"");
        assertEquals(message("duplicate tensor name q_proj.weight (tensors[0] and tensors[1])"),
                readFails(duplicated).getMessage());
    }

    @Test
    void missingUnexpectedAndIllTypedFieldsAreRejected() {
        String json = CheckpointFormat.toJson(sample());
        assertEquals(message("missing field \"metadata\""),
                readFails(edit(json, root -> root.remove("metadata"))).getMessage());
        assertEquals(message("missing field \"config\""),
                readFails(edit(json, root -> root.remove("config"))).getMessage());
        assertEquals(message("missing field \"metadata.created\""),
                readFails(edit(json, root -> root.getAsJsonObject("metadata").remove("created"))).getMessage());
        assertEquals(message("missing field \"tensors[1].shape\""), readFails(edit(json,
                root -> root.getAsJsonArray("tensors").get(1).getAsJsonObject().remove("shape"))).getMessage());
        assertEquals(message("unexpected field \"extra\""),
                readFails(edit(json, root -> root.addProperty("extra", 1))).getMessage());
        assertEquals(message("unexpected field \"tensors[0].scale\""), readFails(edit(json,
                root -> root.getAsJsonArray("tensors").get(0).getAsJsonObject().addProperty("scale", 2))).getMessage());
        assertEquals(message("field \"tensors[0].dtype\" must be one of [float32, float64], found \"int8\""),
                readFails(edit(json, root -> root.getAsJsonArray("tensors").get(0).getAsJsonObject()
                        .addProperty("dtype", "int8"))).getMessage());
        assertEquals(message("field \"tensors[0].shape\" must be an array of non-negative integers, found [4,-3]"),
                readFails(json.replace("\"shape\":[4,3]", "\"shape\":[4,-3]")).getMessage());
        assertEquals(message("field \"config\" must be an object, found \"57p\""),
                readFails(edit(json, root -> root.addProperty("config", "57p"))).getMessage());
        assertEquals(message("field \"tensors\" must not be empty"),
                readFails(edit(json, root -> root.add("tensors", new JsonArray()))).getMessage());
        assertEquals(message("field \"metadata.created\" must be an ISO-8601 instant, found \"yesterday\""),
                readFails(edit(json, root -> root.getAsJsonObject("metadata").addProperty("created", "yesterday")))
                        .getMessage());
        assertEquals(message("field \"metadata.results.adderboard\" must be a string, found 10010"),
                readFails(edit(json, root -> root.getAsJsonObject("metadata").getAsJsonObject("results")
                        .addProperty("adderboard", 10010))).getMessage());
        assertEquals(message("metadata: uniqueParameters must be >= 0: -57"),
                readFails(edit(json, root -> root.getAsJsonObject("metadata").addProperty("uniqueParameters", -57)))
                        .getMessage());
        assertEquals(message("field \"metadata.parametersSha256\" must be 64 lowercase hexadecimal digits, found \"ABC\""),
                readFails(edit(json, root -> root.getAsJsonObject("metadata").addProperty("parametersSha256", "ABC")))
                        .getMessage());
        assertEquals(message("tensors[2]: tensor name must not be blank: \" \""), readFails(edit(json,
                root -> root.getAsJsonArray("tensors").get(2).getAsJsonObject().addProperty("name", " ")))
                .getMessage());
    }

    private static String edit(String json, java.util.function.Consumer<JsonObject> change) {
        JsonObject root = JsonParser.parseString(json).getAsJsonObject();
        change.accept(root);
        return root.toString();
    }

    @Test
    void malformedJsonIsRejected() {
        String json = CheckpointFormat.toJson(sample());
        assertEquals(message("duplicate field \"version\""),
                readFails(json.replace("\"version\": 2,", "\"version\": 2, \"version\": 2,")).getMessage());
        assertEquals(message("truncated or malformed JSON (content after the end of the document)"),
                readFails(json + "{}").getMessage());
        CheckpointException syntax = readFails(json.replace("\"version\": 2,", "\"version\": 2,,"));
        assertEquals(message("truncated or malformed JSON (syntax error at line 3 column 17 path $.version)"),
                syntax.getMessage());
        assertEquals(message("truncated or malformed JSON (syntax error at line 1 column 12 path $.format)"),
                readFails("{\"format\": NaN}").getMessage());
        assertEquals(message("truncated or malformed JSON (unexpected end of input)"), readFails("").getMessage());
        assertEquals(message("truncated or malformed JSON (nested deeper than 255 levels)"),
                readFails("[".repeat(100_000)).getMessage());
        assertEquals(message("truncated or malformed JSON (nested deeper than 255 levels)"),
                readFails("{\"a\":".repeat(300)).getMessage());

        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        bytes[40] = (byte) 0xff;
        CheckpointException utf8 = assertThrows(CheckpointException.class,
                () -> CheckpointFormat.read(new ByteArrayInputStream(bytes), SOURCE));
        assertEquals(message("not valid UTF-8 text (malformed input of length 1)"), utf8.getMessage());
    }

    @Test
    void problemsNameTheSourceFile() throws IOException {
        Path file = dir.resolve("broken-57p.json");
        Files.writeString(file, "{\"format\": \"adder4j-checkpoint\", \"version\": 7}");
        CheckpointException e = assertThrows(CheckpointException.class, () -> CheckpointFormat.read(file));
        assertEquals("checkpoint broken-57p.json: unsupported version 7 (this reader supports versions 1 and 2)",
                e.getMessage());
        assertEquals("broken-57p.json", e.source());
        assertEquals("unsupported version 7 (this reader supports versions 1 and 2)", e.problem());
        assertTrue(e instanceof IllegalArgumentException);
    }

    @Test
    void missingFileIsAnIoFailure() {
        Path missing = dir.resolve("missing.json");
        assertThrows(UncheckedIOException.class, () -> CheckpointFormat.read(missing));
    }

    @Test
    void validJsonOfAnotherKindIsNotACheckpoint() {
        List<String> problems = new ArrayList<>();
        for (String json : List.of("{}", "{\"source\": \"x\", \"tensors\": {}}")) {
            problems.add(readFails(json).getMessage());
        }
        assertEquals(List.of(message("not an adder4j checkpoint (no \"format\" field)"),
                message("not an adder4j checkpoint (no \"format\" field)")), problems);
    }
}
