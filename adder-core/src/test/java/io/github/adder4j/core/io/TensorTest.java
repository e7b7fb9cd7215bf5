package io.github.adder4j.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TensorTest {

    private static String failure(Runnable action) {
        return assertThrows(IllegalArgumentException.class, action::run).getMessage();
    }

    @Test
    void constructorRejectsInvalidComponents() {
        assertEquals("tensor q_proj.weight: shape [4, 3] needs 12 values, got 11",
                failure(() -> new Tensor("q_proj.weight", new long[] {4, 3}, DType.FLOAT32, new double[11])));
        assertEquals("tensor s: shape [] needs 1 values, got 0",
                failure(() -> new Tensor("s", new long[0], DType.FLOAT64, new double[0])));
        assertEquals("tensor w: shape dimensions must be >= 0: [2, -1]",
                failure(() -> new Tensor("w", new long[] {2, -1}, DType.FLOAT32, new double[0])));
        assertEquals("tensor w: shape [65536, 65536] has more than 2147483639 values",
                failure(() -> new Tensor("w", new long[] {65536, 65536}, DType.FLOAT32, new double[0])));
        assertEquals("tensor name must not be blank: \" \"",
                failure(() -> Tensor.scalar(" ", DType.FLOAT32, 1)));
        assertEquals("tensor name must not be null", failure(() -> Tensor.scalar(null, DType.FLOAT32, 1)));
        assertEquals("tensor name must not contain control characters: \"a\\u0000b\"",
                failure(() -> Tensor.scalar("a\u0000b", DType.FLOAT32, 1)));
        assertEquals("tensor name must be well-formed Unicode (unpaired surrogate at index 1): \"a\\ud800\"",
                failure(() -> Tensor.scalar("a\ud800", DType.FLOAT32, 1)));
        assertEquals("tensor w: dtype must not be null", failure(() -> Tensor.scalar("w", null, 1)));
        assertEquals("tensor w: shape must not be null",
                failure(() -> new Tensor("w", null, DType.FLOAT32, new double[1])));
        assertEquals("tensor w: values must not be null",
                failure(() -> new Tensor("w", new long[] {1}, DType.FLOAT32, null)));
    }

    @Test
    void zeroSizedShapesNeedNoValues() {
        Tensor empty = new Tensor("e", new long[] {0, 1_000_000_000L, 1_000_000_000L}, DType.FLOAT32, new double[0]);
        assertEquals(0, empty.size());
        assertEquals(3, empty.rank());
        assertEquals(1_000_000_000L, empty.dim(1));
    }

    @Test
    void float32ValuesAreRoundedThroughFloat() {
        Tensor tensor = new Tensor("w", new long[] {3}, DType.FLOAT32, new double[] {0.1, 1e300, -1e-50});
        assertEquals((double) 0.1f, tensor.value(0));
        assertEquals(Double.POSITIVE_INFINITY, tensor.value(1));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(tensor.value(2)));
        assertArrayEquals(new float[] {0.1f, Float.POSITIVE_INFINITY, -0.0f}, tensor.toFloatArray());
        Tensor wide = Tensor.ofDoubles("w", new long[] {1}, new double[] {0.1});
        assertEquals(0.1, wide.value(0));
        assertEquals(0.1f, wide.toFloatArray()[0]);
    }

    @Test
    void tensorsAreImmutable() {
        long[] shape = {2};
        double[] values = {1, 2};
        Tensor tensor = new Tensor("w", shape, DType.FLOAT64, values);
        shape[0] = 7;
        values[0] = 7;
        tensor.shape()[0] = 9;
        tensor.values()[0] = 9;
        assertArrayEquals(new long[] {2}, tensor.shape());
        assertArrayEquals(new double[] {1, 2}, tensor.values());
        float[] floats = {1f, 2f};
        Tensor fromFloats = Tensor.ofFloats("f", new long[] {2}, floats);
        floats[1] = 5f;
        assertArrayEquals(new float[] {1f, 2f}, fromFloats.toFloatArray());
    }

    @Test
    void equalityIsByContentWithBitwiseValues() {
        Tensor a = new Tensor("w", new long[] {2}, DType.FLOAT32, new double[] {Double.NaN, 0.0});
        Tensor b = new Tensor("w", new long[] {2}, DType.FLOAT32,
                new double[] {Double.longBitsToDouble(0x7ff0000000000123L), 0.0});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new Tensor("w", new long[] {2}, DType.FLOAT32, new double[] {Double.NaN, -0.0}));
        assertNotEquals(a, new Tensor("w", new long[] {1, 2}, DType.FLOAT32, new double[] {Double.NaN, 0.0}));
        assertNotEquals(a, new Tensor("w", new long[] {2}, DType.FLOAT64, new double[] {Double.NaN, 0.0}));
        assertNotEquals(a, new Tensor("v", new long[] {2}, DType.FLOAT32, new double[] {Double.NaN, 0.0}));
        assertEquals("Tensor[name=w, dtype=FLOAT32, shape=[2], values=[NaN, 0.0]]", a.toString());
        assertEquals("Tensor[name=big, dtype=FLOAT64, shape=[7], values=[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, ... (7 values)]]",
                Tensor.ofDoubles("big", new long[] {7}, new double[] {0, 1, 2, 3, 4, 5, 6}).toString());
    }

    @Test
    void accessorsCheckTheirArguments() {
        Tensor tensor = new Tensor("w", new long[] {2, 3}, DType.FLOAT32, new double[6]);
        assertEquals("axis must be in [0, 1]: 2", failure(() -> tensor.dim(2)));
        assertEquals("index must be in [0, 5]: -1", failure(() -> tensor.value(-1)));
        assertEquals("dtype must be one of [float32, float64]: int8", failure(() -> DType.fromJsonName("int8")));
        assertEquals(DType.FLOAT64, DType.fromJsonName("float64"));
    }

    private static Checkpoint.Metadata metadata() {
        return new Checkpoint.Metadata(3, 3, "unit test", Instant.EPOCH, Map.of());
    }

    @Test
    void checkpointRejectsInvalidComponents() {
        JsonObject config = new JsonObject();
        Tensor w = Tensor.scalar("w", DType.FLOAT32, 1);
        Tensor v = Tensor.scalar("v", DType.FLOAT32, 1);
        assertEquals("duplicate tensor name w (tensors[0] and tensors[2])",
                failure(() -> new Checkpoint(config, List.of(w, v, w), metadata())));
        assertEquals("tensors must not be empty", failure(() -> new Checkpoint(config, List.of(), metadata())));
        List<Tensor> withNull = new ArrayList<>();
        withNull.add(w);
        withNull.add(null);
        assertEquals("tensors must not contain null: index 1",
                failure(() -> new Checkpoint(config, withNull, metadata())));
        assertEquals("config must not be null", failure(() -> new Checkpoint(null, List.of(w), metadata())));
        assertEquals("metadata must not be null", failure(() -> new Checkpoint(config, List.of(w), null)));
        JsonObject nan = new JsonObject();
        nan.addProperty("scale", Double.NaN);
        assertEquals("config must hold only finite numbers: Numeric values must be finite, but was NaN",
                failure(() -> new Checkpoint(nan, List.of(w), metadata())));
        JsonObject nested = new JsonObject();
        com.google.gson.JsonArray array = new com.google.gson.JsonArray();
        array.add(Double.NEGATIVE_INFINITY);
        nested.add("deep", array);
        assertEquals("config must hold only finite numbers: Numeric values must be finite, but was -Infinity",
                failure(() -> new Checkpoint(nested, List.of(w), metadata())));
        JsonObject surrogate = new JsonObject();
        JsonObject inner = new JsonObject();
        inner.addProperty("label", "x\udc00");
        surrogate.add("model", inner);
        assertEquals("config.model.label must be well-formed Unicode (unpaired surrogate at index 1): \"x\\udc00\"",
                failure(() -> new Checkpoint(surrogate, List.of(w), metadata())));
        // files allow 255 levels of nesting and the config is one level down
        JsonObject deepest = nestedObjects(254);
        Checkpoint deepCheckpoint = new Checkpoint(deepest, List.of(w), metadata());
        assertEquals(deepCheckpoint, CheckpointFormat.fromJson(CheckpointFormat.toJson(deepCheckpoint), "deep.json"));
        JsonObject tooDeep = nestedObjects(255);
        assertEquals("config cannot be stored: truncated or malformed JSON (nested deeper than 254 levels)",
                failure(() -> new Checkpoint(tooDeep, List.of(w), metadata())));
    }

    /** An object nested {@code levels} deep: {"d": {"d": ... {}}}. */
    private static JsonObject nestedObjects(int levels) {
        JsonObject root = new JsonObject();
        JsonObject cursor = root;
        for (int level = 1; level < levels; level++) {
            JsonObject next = new JsonObject();
            cursor.add("d", next);
            cursor = next;
        }
        return root;
    }

    @Test
    void checkpointIsImmutableAndFindsTensorsByName() {
        JsonObject config = new JsonObject();
        config.addProperty("preset", "p");
        List<Tensor> tensors = new ArrayList<>(List.of(Tensor.scalar("w", DType.FLOAT32, 1)));
        Checkpoint checkpoint = new Checkpoint(config, tensors, metadata());
        config.addProperty("preset", "changed");
        tensors.clear();
        checkpoint.config().addProperty("preset", "changed too");
        assertEquals("p", checkpoint.config().get("preset").getAsString());
        assertEquals(1, checkpoint.tensors().size());
        assertThrows(UnsupportedOperationException.class, () -> checkpoint.tensors().clear());
        assertEquals(1.0, checkpoint.tensor("w").value(0));
        assertEquals("checkpoint has no tensor named q", failure(() -> checkpoint.tensor("q")));
        assertEquals(false, checkpoint.find("q").isPresent());
    }

    @Test
    void metadataRejectsInvalidComponents() {
        assertEquals("uniqueParameters must be >= 0: -1",
                failure(() -> new Checkpoint.Metadata(-1, 0, "p", Instant.EPOCH, Map.of())));
        assertEquals("strictParameters must be >= 0: -2",
                failure(() -> new Checkpoint.Metadata(0, -2, "p", Instant.EPOCH, Map.of())));
        assertEquals("provenance must not be blank: \"\"",
                failure(() -> new Checkpoint.Metadata(0, 0, "", Instant.EPOCH, Map.of())));
        assertEquals("provenance must not be null",
                failure(() -> new Checkpoint.Metadata(0, 0, null, Instant.EPOCH, Map.of())));
        assertEquals("created must not be null", failure(() -> new Checkpoint.Metadata(0, 0, "p", null, Map.of())));
        assertEquals("results must not be null",
                failure(() -> new Checkpoint.Metadata(0, 0, "p", Instant.EPOCH, null)));
        assertEquals("results key must not be blank: \" \"",
                failure(() -> new Checkpoint.Metadata(0, 0, "p", Instant.EPOCH, Map.of(" ", "x"))));
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("adderboard", null);
        assertEquals("results value for \"adderboard\" must not be null",
                failure(() -> new Checkpoint.Metadata(0, 0, "p", Instant.EPOCH, nullValue)));
    }

    @Test
    void metadataResultsAreSortedAndImmutable() {
        Map<String, String> results = new HashMap<>(Map.of("z", "1", "adderboard", "10010/10010", "m", "2"));
        Checkpoint.Metadata metadata = new Checkpoint.Metadata(1, 2, "p", Instant.EPOCH, results);
        results.put("late", "3");
        assertEquals(List.of("adderboard", "m", "z"), List.copyOf(metadata.results().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> metadata.results().put("x", "y"));
        Checkpoint.Metadata more = metadata.withResult("b", "4");
        assertEquals(List.of("adderboard", "b", "m", "z"), List.copyOf(more.results().keySet()));
        assertEquals(3, metadata.results().size());
    }
}
