package io.github.adder4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.github.adder4j.core.Options.Init;
import io.github.adder4j.core.io.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The initialisation schemes draw the distributions their javadoc states, and leave structural parameters alone. */
class InitSchemeTest {

    /** A fresh preset's initial values by parameter name. */
    private static Map<String, double[]> values(Preset preset, Init init, long seed) {
        try (AdderModel model = preset.builder().init(init).seed(seed).build()) {
            return model.tensors().stream().collect(Collectors.toMap(Tensor::name, Tensor::values));
        }
    }

    private static Map<String, double[]> values(Init init, long seed) {
        return values(Preset.CLASSIC_777, init, seed);
    }

    /** Values of every seed in {@code seeds}, pooled per parameter name. */
    private static double[] pooled(Preset preset, Init init, String name, int seeds) {
        return java.util.stream.IntStream.range(0, seeds).mapToObj(s -> values(preset, init, s).get(name))
                .flatMapToDouble(Arrays::stream).toArray();
    }

    private static double[] pooled(Init init, String name, int seeds) {
        return pooled(Preset.CLASSIC_777, init, name, seeds);
    }

    private static double std(double[] v) {
        double mean = Arrays.stream(v).average().orElseThrow();
        return Math.sqrt(Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / (v.length - 1));
    }

    private static double maxAbs(double[] v) {
        return Arrays.stream(v).map(Math::abs).max().orElseThrow();
    }

    @Test
    void xavierIsTheDefault() {
        assertEquals(Init.XAVIER, AdderModel.builder().config().init());
        assertEquals(Init.XAVIER, Preset.CLASSIC_777.builder().config().init());
    }

    @Test
    void torchMatricesAreUniformWithinOneOverRootFanIn() {
        // layer0.ffn.out.weight is 7x14 (fan-in 14), the query 7x7 (fan-in 7)
        double[] out = pooled(Init.TORCH, "layer0.ffn.out.weight", 20);
        double[] query = pooled(Init.TORCH, "layer0.attention.query.weight", 20);
        double boundOut = 1 / Math.sqrt(14);
        double boundQuery = 1 / Math.sqrt(7);
        assertTrue(maxAbs(out) <= boundOut && maxAbs(out) > 0.97 * boundOut, "ffn.out max " + maxAbs(out));
        assertTrue(maxAbs(query) <= boundQuery && maxAbs(query) > 0.97 * boundQuery, "query max " + maxAbs(query));
        // U(-b, b) has standard deviation b / sqrt 3
        assertEquals(boundOut / Math.sqrt(3), std(out), 0.05 * boundOut);
        double[] table = pooled(Init.TORCH, "token.table", 20);
        assertEquals(1.0, std(table), 0.06);
    }

    @Test
    void flaxTablesAreNarrowAndMatricesTruncatedLecunNormal() {
        double[] table = pooled(Init.FLAX, "token.table", 20);
        assertEquals(1 / Math.sqrt(7), std(table), 0.03);
        double[] positions = pooled(Init.FLAX, "position.table", 8);
        assertEquals(1 / Math.sqrt(7), std(positions), 0.03);
        double[] in = pooled(Init.FLAX, "layer0.ffn.in.weight", 20);
        double std = 1 / Math.sqrt(7);
        assertEquals(std, std(in), 0.06 * std, "the truncation is rescaled so the variance stays 1/fan-in");
        assertTrue(maxAbs(in) <= 2 * std / 0.87962566103423978 + 1e-12, "truncated at two standard deviations: " + maxAbs(in));
    }

    private static Map<String, double[]> lowRank(Init init, long seed) {
        return values(Preset.LOWRANK_311, init, seed);
    }

    private static double[] pooledLowRank(Init init, String name, int seeds) {
        return pooled(Preset.LOWRANK_311, init, name, seeds);
    }

    @Test
    void nanoGptDrawsSmallTablesAndXavierVarianceNormalFactorsWithoutZeroOutputs() {
        // tables and both factors of the low-rank positions: N(0, 0.02^2)
        for (String name : List.of("token.table", "position.A", "position.B")) {
            assertEquals(0.02, std(pooledLowRank(Init.NANOGPT, name, 20)), 0.0015, name);
        }
        // A (in x r) and B (r x out) of low-rank projections: variance 2 / (in + r) and 2 / (r + out)
        assertEquals(Math.sqrt(2.0 / (4 + 3)), std(pooledLowRank(Init.NANOGPT, "layer0.attention.shared.A", 40)), 0.04);
        assertEquals(Math.sqrt(2.0 / (3 + 8)), std(pooledLowRank(Init.NANOGPT, "layer0.ffn.in.B", 40)), 0.03);
        assertEquals(Math.sqrt(2.0 / (8 + 3)), std(pooledLowRank(Init.NANOGPT, "layer0.ffn.out.A", 40)), 0.03);
        double[] outB = pooledLowRank(Init.NANOGPT, "layer0.attention.out.B", 40);
        assertEquals(Math.sqrt(2.0 / (3 + 4)), std(outB), 0.04, "the attention output is drawn, not zero");
        assertTrue(maxAbs(outB) > 1.2 * Math.sqrt(6.0 / 7), "normal, not uniform: tails beyond the Xavier bound " + maxAbs(outB));
        // the structural rule the other schemes keep: the attention output's B starts at zero, its A is U(-1, 1)
        assertTrue(Arrays.stream(lowRank(Init.XAVIER, 1).get("layer0.attention.out.B")).allMatch(x -> x == 0.0));
        assertEquals(1.0, std(pooledLowRank(Init.XAVIER, "position.A", 20)), 0.06);
        assertTrue(Arrays.stream(lowRank(Init.NANOGPT, 1).get("final.norm.weight")).allMatch(x -> x == 1.0), "norms stay structural");
        // full matrices and the classic model's learned position table
        assertEquals(0.02, std(pooled(Init.NANOGPT, "layer0.attention.query.weight", 20)), 0.0015);
        assertEquals(0.02, std(pooled(Init.NANOGPT, "position.table", 8)), 0.0015);
    }

    @Test
    void xavierMatricesKeepTheirBound() {
        double[] query = pooled(Init.XAVIER, "layer0.attention.query.weight", 20);
        double bound = Math.sqrt(6.0 / 14);
        assertTrue(maxAbs(query) <= bound && maxAbs(query) > 0.97 * bound, "query max " + maxAbs(query));
    }

    @Test
    void normsAreStructuralUnderEveryScheme() {
        for (Init init : Init.values()) {
            Map<String, double[]> v = values(init, 3);
            assertTrue(Arrays.stream(v.get("layer0.norm1.weight")).allMatch(x -> x == 1.0), init + ": LayerNorm weight starts at 1");
            assertTrue(Arrays.stream(v.get("layer0.norm1.bias")).allMatch(x -> x == 0.0), init + ": LayerNorm bias starts at 0");
        }
    }

    @Test
    void schemesDifferAndStructuralModelsDoNot() {
        assertNotEquals(Arrays.toString(values(Init.TORCH, 5).get("layer0.ffn.in.weight")),
                Arrays.toString(values(Init.XAVIER, 5).get("layer0.ffn.in.weight")));
        // split-57 has no table and no full matrix but H (xavier is symmetric, so XAVIER draws as before) and Wqk, W1
        Function<Init, List<Tensor>> split = init -> {
            try (AdderModel m = Preset.SPLIT_57.builder().init(init).seed(9).build()) {
                return m.tensors();
            }
        };
        List<Tensor> xavier = split.apply(Init.XAVIER);
        List<Tensor> torch = split.apply(Init.TORCH);
        Map<String, Tensor> byName = torch.stream().collect(Collectors.toMap(Tensor::name, t -> t));
        for (Tensor t : xavier) {
            boolean matrix = t.name().equals("head.H") || t.name().endsWith(".weight") && t.shape().length == 2;
            if (!matrix) {
                assertEquals(t, byName.get(t.name()), t.name() + " is structural: the same under every scheme");
            }
        }
    }

    @Test
    void seedAndSchemeAreNotPartOfTheArchitecture() {
        AdderConfig plain = Preset.CLASSIC_777.builder().config();
        assertTrue(plain.sameArchitecture(Preset.CLASSIC_777.builder().seed(3).init(Init.TORCH).config()));
        assertTrue(!plain.sameArchitecture(Preset.CLASSIC_777.builder().ffnWidth(13).config()), "a different FFN width");
        assertTrue(!plain.sameArchitecture(null));
    }

    @Test
    void theSchemeTravelsWithTheConfigAndOldConfigsReadAsXavier() {
        AdderConfig config = Preset.CLASSIC_777.builder().init(Init.FLAX).config();
        assertEquals(Init.FLAX, config.toBuilder().config().init());
        JsonObject json = ConfigCodec.toJson(config);
        assertEquals("FLAX", json.get("init").getAsString());
        assertEquals(config, ConfigCodec.fromJson(json));
        json.remove("init");
        assertEquals(Init.XAVIER, ConfigCodec.fromJson(json).init(), "a checkpoint written before the option existed");
        assertEquals(false, ConfigCodec.toJson(Preset.CLASSIC_777.builder().config()).has("init"), "the default is not written");
    }
}
