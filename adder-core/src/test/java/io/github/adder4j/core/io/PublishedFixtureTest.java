package io.github.adder4j.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublishedFixtureTest {

    private static final List<String> FIXTURES =
            List.of("published-57p.json", "published-122p.json", "published-234p.json", "published-311p.json");

    @TempDir
    Path dir;

    /** The reference fixtures: {@code adder.shared} (set by surefire) or ../../shared from the module directory. */
    private static Path fixtures() {
        String shared = System.getProperty("adder.shared");
        Path base = shared == null || shared.isBlank() ? Path.of("..", "..", "shared") : Path.of(shared);
        Path fixtures = base.resolve("fixtures");
        assertTrue(Files.isDirectory(fixtures), "fixture directory not found: " + fixtures.toAbsolutePath());
        return fixtures;
    }

    private static PublishedFixture fixture(String name) {
        return PublishedFixture.read(fixtures().resolve(name));
    }

    private static List<String> names(PublishedFixture fixture) {
        return fixture.tensorList().stream().map(Tensor::name).collect(Collectors.toList());
    }

    @Test
    void readsThe57pFixture() {
        PublishedFixture fixture = fixture("published-57p.json");
        assertEquals("published-57p.json", fixture.fileName());
        assertTrue(fixture.source().startsWith("evindor/MicroAdder"), fixture.source());
        assertEquals(20, fixture.tensors().size());
        assertEquals("tok_arc_A", names(fixture).get(0));
        Tensor arc = fixture.tensor("tok_arc_A");
        assertEquals(0, arc.rank());
        assertEquals(DType.FLOAT32, arc.dtype());
        assertEquals((float) 11.0684948, arc.toFloatArray()[0]);
        assertArrayEquals(new long[] {4, 3}, fixture.tensor("q_proj.weight").shape());
        assertArrayEquals(new long[] {5, 1}, fixture.tensor("out_proj.A").shape());
        assertEquals((float) 2.81940246, fixture.tensor("q_proj.weight").toFloatArray()[0]);
        assertEquals("10010/10010", fixture.expectedAdderboard().orElseThrow());
        assertEquals(0, fixture.expectedFailures().size());
    }

    @Test
    void readsThe122pFixture() {
        PublishedFixture fixture = fixture("published-122p.json");
        assertEquals(13, fixture.tensors().size());
        assertEquals("model.layers.0.mlp.up_proj.weight", names(fixture).get(0));
        assertEquals((float) 0.9207366108894348, fixture.tensor("model.layers.0.mlp.up_proj.weight").toFloatArray()[0]);
        assertArrayEquals(new long[] {10, 3}, fixture.tensor("model.embed_tokens.weight").shape());
        assertArrayEquals(new long[] {4}, fixture.tensor("model.layers.0.self_attn.q_norm.weight").shape());
        assertEquals("10005/10010", fixture.expectedAdderboard().orElseThrow());
        List<long[]> failures = fixture.expectedFailures();
        assertEquals(5, failures.size());
        assertArrayEquals(new long[] {6190105256L, 9983555477L, 16273660733L}, failures.get(0));
    }

    @Test
    void readsThe234pFixture() {
        PublishedFixture fixture = fixture("published-234p.json");
        assertEquals(24, fixture.tensors().size());
        assertEquals((float) 1.8359925746917725, fixture.tensor("pos_spiral_amp").toFloatArray()[0]);
        assertEquals(0, fixture.tensor("pos_spiral_amp").rank());
        assertArrayEquals(new long[] {14, 3}, fixture.tensor("tok_emb.weight").shape());
        assertArrayEquals(new long[] {34}, fixture.tensor("_pos_indices").shape());
        assertArrayEquals(new long[] {6, 2}, fixture.tensor("ffn.2.weight").shape());
        assertEquals("10001/10010", fixture.expectedAdderboard().orElseThrow());
        assertEquals(9, fixture.expectedFailures().size());
        assertArrayEquals(new long[] {7400652012L, 9506612997L, 7265009L}, fixture.expectedFailures().get(6));
    }

    @Test
    void readsThe311pFixture() {
        PublishedFixture fixture = fixture("published-311p.json");
        assertEquals(16, fixture.tensors().size());
        assertEquals((float) -2.0661468505859375, fixture.tensor("token_emb.weight").toFloatArray()[0]);
        assertArrayEquals(new long[] {14, 4}, fixture.tensor("token_emb.weight").shape());
        assertArrayEquals(new long[] {33, 3}, fixture.tensor("pos_emb.A").shape());
        assertArrayEquals(new long[] {3, 8}, fixture.tensor("blocks.0.mlp.fc1.B").shape());
        assertEquals("10010/10010", fixture.expectedAdderboard().orElseThrow());
        assertEquals(List.of(), fixture.expectedFailures());
    }

    /** Every tensor agrees, in order, shape and float32 value, with an independent plain-Gson reading of the file. */
    @Test
    void allFixturesMatchTheirJsonExactly() throws IOException {
        for (String name : FIXTURES) {
            JsonObject raw = JsonParser.parseString(Files.readString(fixtures().resolve(name))).getAsJsonObject();
            JsonObject rawTensors = raw.getAsJsonObject("tensors");
            PublishedFixture fixture = fixture(name);
            assertEquals(List.copyOf(rawTensors.keySet()), names(fixture), name);
            for (Map.Entry<String, JsonElement> entry : rawTensors.entrySet()) {
                JsonObject rawTensor = entry.getValue().getAsJsonObject();
                Tensor tensor = fixture.tensor(entry.getKey());
                JsonArray shape = rawTensor.getAsJsonArray("shape");
                assertEquals(shape.size(), tensor.rank(), entry.getKey());
                for (int axis = 0; axis < shape.size(); axis++) {
                    assertEquals(shape.get(axis).getAsLong(), tensor.dim(axis), entry.getKey());
                }
                JsonArray values = rawTensor.getAsJsonArray("values");
                float[] floats = tensor.toFloatArray();
                assertEquals(values.size(), floats.length, entry.getKey());
                for (int i = 0; i < floats.length; i++) {
                    assertEquals((float) values.get(i).getAsDouble(), floats[i], entry.getKey() + "[" + i + "]");
                }
            }
        }
    }

    @Test
    void listedFailuresAreWrongSumsOfTenDigitOperands() {
        int total = 0;
        for (String name : FIXTURES) {
            for (long[] failure : fixture(name).expectedFailures()) {
                assertEquals(3, failure.length);
                assertTrue(failure[0] >= 0 && failure[0] <= 9_999_999_999L, name);
                assertTrue(failure[1] >= 0 && failure[1] <= 9_999_999_999L, name);
                assertNotEquals(failure[0] + failure[1], failure[2], name);
                total++;
            }
        }
        assertEquals(14, total);
    }

    @Test
    void failureListsAreFreshCopies() {
        PublishedFixture fixture = fixture("published-234p.json");
        fixture.expectedFailures().get(0)[0] = -1;
        fixture.expected().remove("failures");
        assertEquals(7194558397L, fixture.expectedFailures().get(0)[0]);
    }

    @Test
    void missingTensorIsReportedWithTheFixtureName() {
        PublishedFixture fixture = fixture("published-57p.json");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fixture.tensor("xyz"));
        assertEquals("fixture published-57p.json has no tensor named xyz", e.getMessage());
    }

    @Test
    void fixtureWeightsSurviveACheckpointRoundTrip() {
        PublishedFixture fixture = fixture("published-122p.json");
        JsonObject config = new JsonObject();
        config.addProperty("preset", "qwen3-122p");
        Checkpoint checkpoint = new Checkpoint(config, fixture.tensorList(), new Checkpoint.Metadata(122, 122,
                "published: " + fixture.source(), Instant.parse("2025-06-01T00:00:00Z"),
                Map.of("adderboard", fixture.expectedAdderboard().orElseThrow())));
        Path file = dir.resolve("122p.json");
        CheckpointFormat.write(checkpoint, file);
        Checkpoint read = CheckpointFormat.read(file);
        assertEquals(checkpoint, read);
        assertEquals(checkpoint.parametersSha256(), read.parametersSha256());
        assertEquals(122, read.tensors().stream().mapToInt(Tensor::size).sum());
    }

    @Test
    void aFixtureIsNotACheckpoint() {
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> CheckpointFormat.read(fixtures().resolve("published-57p.json")));
        assertEquals("checkpoint published-57p.json: not an adder4j checkpoint (no \"format\" field)", e.getMessage());
    }

    private static String readFails(String json) {
        return assertThrows(IllegalArgumentException.class, () -> PublishedFixture.read(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "bad.json")).getMessage();
    }

    @Test
    void malformedFixturesAreRejected() {
        String tensors = "\"tensors\": {\"w\": {\"shape\": [2, 2], \"values\": [1, 2, 3, 4]}}";
        String ok = "{\"source\": \"s\", \"notes\": \"n\", \"expected\": {}, " + tensors + "}";
        assertEquals(4, PublishedFixture.read(new ByteArrayInputStream(ok.getBytes(StandardCharsets.UTF_8)), "ok.json")
                .tensor("w").size());
        assertEquals("fixture bad.json: tensor w: shape [2, 2] needs 4 values, got 3",
                readFails(ok.replace("[1, 2, 3, 4]", "[1, 2, 3]")));
        assertEquals("fixture bad.json: field \"tensors.w.values[1]\" must be a number, found \"2\"",
                readFails(ok.replace("[1, 2, 3, 4]", "[1, \"2\", 3, 4]")));
        assertEquals("fixture bad.json: missing field \"source\"", readFails(ok.replace("\"source\": \"s\",", "")));
        assertEquals("fixture bad.json: field \"tensors\" must not be empty",
                readFails(ok.replace(tensors, "\"tensors\": {}")));
        assertEquals("fixture bad.json: expected lists failures under both \"failures\" and \"failures_model_output\"",
                readFails(ok.replace("\"expected\": {}",
                        "\"expected\": {\"failures\": [], \"failures_model_output\": []}")));
        assertEquals("fixture bad.json: field \"expected.failures[0]\" must be an array [a, b, got], found [1,2]",
                readFails(ok.replace("\"expected\": {}", "\"expected\": {\"failures\": [[1, 2]]}")));
        assertEquals("fixture bad.json: field \"expected.failures[0][2]\" must be an integer, found 3.5",
                readFails(ok.replace("\"expected\": {}", "\"expected\": {\"failures\": [[1, 2, 3.5]]}")));
        assertEquals("fixture bad.json: field \"expected.adderboard_seed2025\" must be a string, found 10010",
                readFails(ok.replace("\"expected\": {}", "\"expected\": {\"adderboard_seed2025\": 10010}")));
        assertEquals("fixture bad.json: truncated or malformed JSON (unexpected end of input)",
                readFails(ok.substring(0, ok.length() / 2)));
    }
}
