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

    private static Map<String, double[]> values(Init init, long seed) {
        try (AdderModel model = Preset.CLASSIC_777.builder().init(init).seed(seed).build()) {
            return model.tensors().stream().collect(Collectors.toMap(Tensor::name, Tensor::values));
        }
    }

    /** Values of every seed in {@code seeds}, pooled per parameter name. */
    private static double[] pooled(Init init, String name, int seeds) {
        return java.util.stream.IntStream.range(0, seeds).mapToObj(s -> values(init, s).get(name))
                .flatMapToDouble(Arrays::stream).toArray();
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
