package io.github.adder4j.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

class CheckpointProperties {

    private static final String SOURCE = "p.json";

    // ---------------------------------------------------------------- generators

    private static final float[] FLOAT_SPECIALS = {Float.NaN, Float.intBitsToFloat(0x7fc00123),
        Float.intBitsToFloat(0xffc00000), -0.0f, 0.0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE};

    private static final double[] DOUBLE_SPECIALS = {Double.NaN, Double.longBitsToDouble(0x7ff0000000000001L),
        -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE,
        Double.MIN_NORMAL, Double.MAX_VALUE, Math.PI, 0.1};

    /**
     * Raw random longs, mapped to values by {@link #float32From(long)} and {@link #float64From(long)}; cheaper to
     * generate than a per-value choice between arbitraries, and still shrinking towards 0.
     */
    private static Arbitrary<Long> seeds() {
        return Arbitraries.longs().withDistribution(RandomDistribution.uniform());
    }

    /**
     * A float32 candidate: the top 4 bits of {@code r} pick the kind (any bit pattern 6/16, subnormal 3/16, special
     * value 2/16, small number 4/16, a double that needs rounding 1/16), the low bits its value.
     */
    static double float32From(long r) {
        int kind = (int) (r >>> 60);
        int payload = (int) r;
        if (kind < 6) {
            return Float.intBitsToFloat(payload);
        } else if (kind < 9) {
            int mantissa = Math.max(1, payload & 0x007fffff);
            return Float.intBitsToFloat(mantissa | (payload & 0x80000000));
        } else if (kind < 11) {
            return FLOAT_SPECIALS[Math.floorMod(payload, FLOAT_SPECIALS.length)];
        } else if (kind < 15) {
            return (payload % 40_001) / 1000.0f;
        }
        return (r % 2_000_000_000L) / 997.0;
    }

    /** A float64 candidate, chosen like {@link #float32From(long)} (any bit pattern 6/16, subnormal 3/16, ...). */
    static double float64From(long r) {
        int kind = (int) (r >>> 60);
        long mixed = r * 0x9E3779B97F4A7C15L;
        if (kind < 6) {
            return Double.longBitsToDouble(mixed);
        } else if (kind < 9) {
            long mantissa = Math.max(1, mixed & 0x000fffffffffffffL);
            return Double.longBitsToDouble(mantissa | (mixed & 0x8000000000000000L));
        } else if (kind < 11) {
            return DOUBLE_SPECIALS[(int) Math.floorMod(r, (long) DOUBLE_SPECIALS.length)];
        }
        return (r % 2_000_000_000L) / 997.0;
    }

    private static Arbitrary<String> names() {
        Arbitrary<String> base = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9')
                .withChars('.', '_', '-', '\u00e9', '\u03a9', '\u4e2d').ofMinLength(1).ofMaxLength(10);
        return Arbitraries.frequencyOf(Tuple.of(6, base), Tuple.of(1, base.map(s -> s + "\ud83d\ude00")));
    }

    private static Arbitrary<long[]> shapes() {
        return Arbitraries.longs().between(0, 4).list().ofMaxSize(3)
                .map(dims -> dims.stream().mapToLong(Long::longValue).toArray());
    }

    private static Arbitrary<Tensor> tensors() {
        return Combinators.combine(names(), Arbitraries.of(DType.class), shapes())
                .flatAs((name, dtype, shape) -> {
                    int size = (int) java.util.Arrays.stream(shape).reduce(1, (x, y) -> x * y);
                    // checkpoints hold finite values only (NaN and infinities are refused on write and read)
                    return seeds().list().ofSize(size).map(list -> new Tensor(name, shape, dtype, list.stream()
                            .mapToDouble(r -> dtype == DType.FLOAT32 ? float32From(r) : float64From(r))
                            .map(v -> Double.isFinite(v) ? v : 0.0).toArray()));
                });
    }

    private static Arbitrary<String> text() {
        return Arbitraries.strings().withCharRange(' ', '~').withChars('\n', '\t', '\u00e9', '\u2192', '\u0000')
                .ofMaxLength(30);
    }

    private static Arbitrary<JsonObject> configs() {
        return Combinators.combine(text(), Arbitraries.longs(), Arbitraries.doubles(), Arbitraries.of(true, false))
                .as((preset, count, scale, flag) -> {
                    JsonObject config = new JsonObject();
                    config.addProperty("preset", preset);
                    config.addProperty("count", count);
                    config.addProperty("scale", scale);
                    JsonArray flags = new JsonArray();
                    flags.add(flag);
                    flags.add(preset);
                    config.add("nested", flags);
                    return config;
                });
    }

    private static Arbitrary<Checkpoint.Metadata> metadata() {
        Arbitrary<Instant> instants = Combinators.combine(
                Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()),
                Arbitraries.integers().between(0, 999_999_999))
                .as(Instant::ofEpochSecond);
        Arbitrary<String> provenance = text().filter(s -> !s.isBlank());
        Arbitrary<String> keys = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8);
        return Combinators.combine(Arbitraries.longs().greaterOrEqual(0), Arbitraries.longs().greaterOrEqual(0),
                provenance, instants, Arbitraries.maps(keys, text()).ofMaxSize(3))
                .as(Checkpoint.Metadata::new);
    }

    @Provide
    Arbitrary<Checkpoint> checkpoints() {
        return Combinators.combine(configs(),
                tensors().list().ofMinSize(1).ofMaxSize(5).uniqueElements(Tensor::name),
                metadata())
                .as(Checkpoint::new);
    }

    private static void collectStatistics(Checkpoint checkpoint) {
        List<Tensor> tensors = checkpoint.tensors();
        boolean f32 = tensors.stream().anyMatch(t -> t.dtype() == DType.FLOAT32);
        boolean f64 = tensors.stream().anyMatch(t -> t.dtype() == DType.FLOAT64);
        Statistics.label("dtypes").collect(f32 && f64 ? "both" : f32 ? "float32 only" : "float64 only");
        List<Double> values = tensors.stream().flatMap(t -> java.util.Arrays.stream(t.values()).boxed())
                .collect(Collectors.toList());
        Statistics.label("has -0.0").collect(values.stream()
                .anyMatch(v -> Double.doubleToRawLongBits(v) == Double.doubleToRawLongBits(-0.0)));
        Statistics.label("has float32 subnormal").collect(tensors.stream()
                .filter(t -> t.dtype() == DType.FLOAT32)
                .flatMap(t -> java.util.Arrays.stream(t.values()).boxed())
                .anyMatch(v -> v != 0 && Math.abs(v) < Float.MIN_NORMAL));
        Statistics.label("has scalar").collect(tensors.stream().anyMatch(t -> t.rank() == 0));
        Statistics.label("has empty tensor").collect(tensors.stream().anyMatch(t -> t.size() == 0));
    }

    // ---------------------------------------------------------------- properties

    @Property(tries = 300)
    void jsonRoundTripIsExact(@ForAll("checkpoints") Checkpoint checkpoint) {
        collectStatistics(checkpoint);
        Checkpoint read = CheckpointFormat.fromJson(CheckpointFormat.toJson(checkpoint), SOURCE);
        assertEquals(checkpoint, read);
        assertEquals(checkpoint.parametersSha256(), read.parametersSha256());
        for (int i = 0; i < checkpoint.tensors().size(); i++) {
            double[] expected = checkpoint.tensors().get(i).values();
            double[] actual = read.tensors().get(i).values();
            assertEquals(expected.length, actual.length);
            for (int j = 0; j < expected.length; j++) {
                assertEquals(Double.doubleToRawLongBits(expected[j]), Double.doubleToRawLongBits(actual[j]),
                        "tensor " + i + " value " + j);
            }
        }
    }

    @Property(tries = 15)
    void fileRoundTripIsExactAndLeavesOnlyTheFile(@ForAll("checkpoints") Checkpoint checkpoint) throws IOException {
        Path dir = Files.createTempDirectory("adder4j-checkpoint-properties");
        try {
            Path file = dir.resolve("model.json");
            CheckpointFormat.write(checkpoint, file);
            assertEquals(checkpoint, CheckpointFormat.read(file));
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(List.of(file), files.collect(Collectors.toList()));
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                    Files.delete(path);
                }
            }
        }
    }

    @Property
    void float32TensorsHoldExactlyTheirFloatRounding(@ForAll("anyDouble") double value) {
        Tensor tensor = Tensor.scalar("v", DType.FLOAT32, value);
        double stored = tensor.value(0);
        Statistics.label("kind").collect(Double.isNaN(value) ? "NaN" : Double.isInfinite(value) ? "infinite"
                : (double) (float) value == value ? "float-representable" : "rounded");
        if (Double.isNaN(value)) {
            assertEquals(Double.doubleToRawLongBits(Double.NaN), Double.doubleToRawLongBits(stored));
        } else {
            assertEquals(Double.doubleToRawLongBits((float) value), Double.doubleToRawLongBits(stored));
        }
        assertEquals(Float.floatToIntBits((float) value), Float.floatToIntBits(tensor.toFloatArray()[0]));
    }

    @Provide
    Arbitrary<Double> anyDouble() {
        return Combinators.combine(seeds(), Arbitraries.of(DType.class))
                .as((r, dtype) -> dtype == DType.FLOAT32 ? float32From(r) : float64From(r));
    }

    @Property(tries = 200)
    void changedValueChangesTheChecksumAndIsDetectedOnRead(@ForAll("checkpoints") Checkpoint checkpoint,
            @ForAll @IntRange(min = 0, max = 1000) int pick, @ForAll @IntRange(min = 0, max = 63) int bit) {
        List<Tensor> tensors = new ArrayList<>(checkpoint.tensors());
        List<Integer> nonEmpty = new ArrayList<>();
        for (int i = 0; i < tensors.size(); i++) {
            if (tensors.get(i).size() > 0) {
                nonEmpty.add(i);
            }
        }
        Assume.that(!nonEmpty.isEmpty());
        int which = nonEmpty.get(pick % nonEmpty.size());
        Tensor tensor = tensors.get(which);
        double[] values = tensor.values();
        int index = pick % values.length;
        double old = values[index];
        double changed = tensor.dtype() == DType.FLOAT32
                ? Float.intBitsToFloat(Float.floatToIntBits((float) old) ^ (1 << (bit % 32)))
                : Double.longBitsToDouble(Double.doubleToLongBits(old) ^ (1L << bit));
        Assume.that(Double.isFinite(changed));
        Statistics.label("changed dtype").collect(tensor.dtype());
        values[index] = changed;
        tensors.set(which, new Tensor(tensor.name(), tensor.shape(), tensor.dtype(), values));
        Checkpoint modified = new Checkpoint(checkpoint.config(), tensors, checkpoint.metadata());
        assertNotEquals(checkpoint.parametersSha256(), modified.parametersSha256());

        JsonObject root = JsonParser.parseString(CheckpointFormat.toJson(checkpoint)).getAsJsonObject();
        JsonObject other = JsonParser.parseString(CheckpointFormat.toJson(modified)).getAsJsonObject();
        root.add("tensors", other.get("tensors"));
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> CheckpointFormat.fromJson(root.toString(), SOURCE));
        assertEquals("checkpoint " + SOURCE + ": parameter checksum mismatch (file says "
                + checkpoint.parametersSha256() + ", content is " + modified.parametersSha256() + ")", e.getMessage());
    }

    @Property(tries = 200)
    void everyProperPrefixIsReportedAsTruncated(@ForAll("checkpoints") Checkpoint checkpoint,
            @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double where) {
        String json = CheckpointFormat.toJson(checkpoint);
        int lastBrace = json.lastIndexOf('}');
        int cut = (int) (where * (lastBrace + 1));
        String prefix = json.substring(0, cut);
        Statistics.label("cut in").collect(prefix.contains("\"tensors\"") ? "tensors"
                : prefix.contains("\"metadata\"") ? "metadata" : prefix.contains("\"config\"") ? "config" : "header");
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> CheckpointFormat.fromJson(prefix, SOURCE));
        assertEquals("checkpoint " + SOURCE + ": truncated or malformed JSON (unexpected end of input)",
                e.getMessage());
        assertTrue(cut <= lastBrace);
    }
}
