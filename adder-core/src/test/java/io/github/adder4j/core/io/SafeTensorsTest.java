package io.github.adder4j.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.Fixtures;
import io.github.adder4j.core.Preset;
import io.github.adder4j.core.PublishedWeights;
import io.github.adder4j.core.eval.Suite;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** safetensors bytes: the layout, round trips of published fixtures and checkpoints, and refused files. */
class SafeTensorsTest {

    private static byte[] file(String header, byte[] data) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length).put(json).put(data);
        return b.array();
    }

    private static byte[] floats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    @Test
    void theLayoutIsTheSafetensorsOne() {
        byte[] bytes = SafeTensors.toBytes(List.of(Tensor.ofFloats("w", new long[] {2}, new float[] {1.5f, -2f})),
                Map.of("source", "test"));
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = in.getLong();
        assertEquals(0, n % 8, "the data starts 8-byte aligned");
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8).stripTrailing();
        assertEquals("{\"__metadata__\":{\"source\":\"test\"},\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}",
                header);
        in.position((int) (8 + n));
        assertEquals(1.5f, in.getFloat());
        assertEquals(-2f, in.getFloat());
    }

    @Test
    void aFileWrittenByHandIsRead() {
        SafeTensors.Contents c = SafeTensors.fromBytes(file("{\"b\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[8,12]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[0,8]}}", floats(1, 2, 3)), "x.safetensors");
        assertEquals(List.of("a", "b"), c.tensors().stream().map(Tensor::name).toList());
        assertArrayEquals(new long[] {1, 2}, c.byName().get("a").shape());
        assertArrayEquals(new double[] {3}, c.byName().get("b").values());
        assertEquals(Map.of(), c.metadata());
    }

    @Test
    void aPublishedFixtureRoundTripsToTheSameAdderBoardResult() {
        PublishedFixture fixture = Fixtures.read("published-57p.json");
        byte[] bytes = SafeTensors.toBytes(fixture.tensorList(), Map.of("source", fixture.source()));
        SafeTensors.Contents back = SafeTensors.fromBytes(bytes, "57p.safetensors");
        assertEquals(fixture.tensorList(), back.tensors(), "same names, shapes and float32 values");
        PublishedFixture imported = new PublishedFixture("57p.safetensors", back.metadata().get("source"), "",
                new JsonObject(), back.byName());
        try (AdderModel model = PublishedWeights.load(Preset.SPLIT_57, imported)) {
            var result = Suite.adderBoard().run(model.adder());
            assertEquals(fixture.expectedAdderboard().orElseThrow(), result.passed() + "/" + result.total());
        }
    }

    @Test
    void aCheckpointRoundTripsToTheSameModel() {
        try (AdderModel model = Preset.ROPE19_10.create()) {
            Checkpoint checkpoint = model.toCheckpoint("hand-coded: test", Map.of());
            SafeTensors.Contents contents = SafeTensors.fromCheckpoint(checkpoint);
            SafeTensors.Contents back = SafeTensors.fromBytes(SafeTensors.toBytes(contents.tensors(), contents.metadata()),
                    "r.safetensors");
            assertTrue(SafeTensors.isCheckpoint(back));
            assertEquals(checkpoint.tensors(), back.tensors(), "float64 values exactly");
            try (AdderModel again = AdderModel.fromCheckpoint(SafeTensors.toCheckpoint(back, "imported"), "r.safetensors")) {
                assertEquals(11_111_111_100L, again.adder().add(1_234_567_890L, 9_876_543_210L));
                assertEquals(checkpoint.config(), again.toCheckpoint("x", Map.of()).config());
            }
        }
    }

    @Test
    void badFilesAreRefusedNamingTheProblem() {
        assertEquals("safetensors x: shorter than its 8-byte header length: 3 bytes",
                assertThrows(IllegalArgumentException.class, () -> SafeTensors.fromBytes(new byte[3], "x")).getMessage());
        byte[] huge = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array();
        assertEquals("safetensors x: header length 1099511627776 does not fit the file of 8 bytes (at most 16777216)",
                assertThrows(IllegalArgumentException.class, () -> SafeTensors.fromBytes(huge, "x")).getMessage());
        assertEquals("safetensors x: tensor a: dtype BF16 is not supported (F32, F64; convert with tensor.float() before "
                + "saving)", assertThrows(IllegalArgumentException.class, () -> SafeTensors.fromBytes(
                file("{\"a\":{\"dtype\":\"BF16\",\"shape\":[1],\"data_offsets\":[0,2]}}", new byte[2]), "x")).getMessage());
        assertEquals("safetensors x: tensor a: shape [3, 4] of F32 needs 48 bytes, data_offsets give 8",
                assertThrows(IllegalArgumentException.class, () -> SafeTensors.fromBytes(
                        file("{\"a\":{\"dtype\":\"F32\",\"shape\":[3,4],\"data_offsets\":[0,8]}}", floats(1, 2)), "x"))
                        .getMessage());
        assertEquals("safetensors x: tensor a: data_offsets [0, 12] are not within the 8 data bytes",
                assertThrows(IllegalArgumentException.class, () -> SafeTensors.fromBytes(
                        file("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,12]}}", floats(1, 2)), "x"))
                        .getMessage());
        assertEquals("safetensors x: tensor b: data starts at 8, expected 4 (the tensors' data must follow each other "
                + "without gaps or overlaps)", assertThrows(IllegalArgumentException.class, () -> SafeTensors.fromBytes(
                file("{\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[8,12]}}", floats(1, 2, 3)), "x")).getMessage());
        assertEquals("safetensors x: tensor a: value 1 is not finite: NaN", assertThrows(IllegalArgumentException.class,
                () -> SafeTensors.fromBytes(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}",
                        floats(1, Float.NaN)), "x")).getMessage());
        assertEquals("safetensors x: tensor a: unexpected field extra", assertThrows(IllegalArgumentException.class,
                () -> SafeTensors.fromBytes(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4],\"extra\":1}}",
                        floats(1)), "x")).getMessage());
        assertEquals("safetensors x: the tensors cover 4 of the 8 data bytes", assertThrows(IllegalArgumentException.class,
                () -> SafeTensors.fromBytes(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}",
                        floats(1, 2)), "x")).getMessage());
    }
}
