package io.github.adder4j.core.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.adder4j.core.params.Component;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Micro-ViT preset and the ViT builder options: parameter counts, shapes, attention maps, errors. */
class VitModelTest {

    @Test
    void microVitHas4762ParametersInTheReportAndTheBlock() {
        try (VitModel model = VitModel.of(VitConfig.microVit())) {
            assertEquals(4762, model.parameterReport().uniqueParameters());
            long fromBlock = model.namedParameters().values().stream().mapToLong(p -> p.getArray().getShape().size()).sum();
            assertEquals(4762, fromBlock);
            List<String> names = model.parameterReport().components().stream().map(Component::name).toList();
            assertEquals(List.of("patch.weight", "patch.bias", "cls", "position.table", "layer0.norm1.weight", "layer0.norm1.bias",
                    "layer0.attention.query.weight", "layer0.attention.query.bias", "layer0.attention.key.weight",
                    "layer0.attention.key.bias", "layer0.attention.value.weight", "layer0.attention.value.bias",
                    "layer0.attention.out.weight", "layer0.attention.out.bias", "final.norm.weight", "final.norm.bias",
                    "head.weight", "head.bias"), names);
            assertEquals(List.copyOf(model.namedParameters().keySet()).size(), names.size());
            assertTrue(model.parameterReport().table().endsWith("unique parameters (AdderBoard): 4762"));
        }
    }

    @Test
    void theOptionsChangeTheCountByTheFormula() {
        // d 16, 4 patches of 14x14, 4 heads of 4, depth 2, MLP 32
        VitConfig c = VitConfig.builder().dModel(16).patchSize(14).heads(4).headDim(4).depth(2).mlpWidth(32).build();
        int d = 16;
        int w = 16;
        int m = 32;
        long perLayer = 2L * d + 3 * (d * w + w) + (w * d + d) + 2 * d + (d * m + m + m * d + d);
        long expected = (196L * d + d) + d + 5L * d + 2 * perLayer + 2 * d + (d * 10 + 10);
        try (VitModel model = VitModel.of(c)) {
            assertEquals(expected, model.parameterReport().uniqueParameters());
            assertTrue(model.namedParameters().containsKey("layer1.mlp.in.weight"));
        }
    }

    @Test
    void badOptionsNameTheOptionAndValue() {
        assertEquals("dModel must be positive: 0",
                assertThrows(IllegalArgumentException.class, () -> VitConfig.builder().dModel(0)).getMessage());
        assertEquals("mlpWidth must not be negative: -1",
                assertThrows(IllegalArgumentException.class, () -> VitConfig.builder().mlpWidth(-1)).getMessage());
        assertEquals("patchSize must divide imageSize: imageSize=28, patchSize=5",
                assertThrows(IllegalStateException.class, () -> VitConfig.builder().patchSize(5).build()).getMessage());
    }

    @Test
    void logitsHaveOneRowPerImageAndCheckTheirInput() {
        try (VitModel model = VitModel.of(VitConfig.microVit()); NDManager m = NDManager.newBaseManager()) {
            NDArray images = m.randomUniform(0, 1, new Shape(3, 28, 28));
            NDArray logits = model.block().forward(new ParameterStore(m, false), new NDList(images), false).head();
            assertEquals(new Shape(3, 10), logits.getShape());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.block().forward(new ParameterStore(m, false), new NDList(m.zeros(new Shape(3, 28, 27))), false));
            assertEquals("VitNet expects float32 images (B, 28, 28), got float32 (3, 28, 27)", e.getMessage());
            ImageSet test = Digits.embeddedTest();
            int[] predicted = model.predict(test);
            assertEquals(test.size(), predicted.length);
            for (int p : predicted) {
                assertTrue(p >= 0 && p < 10);
            }
        }
    }

    @Test
    void attentionMapsAreRowStochasticOverTheClsTokenAndSixteenPatches() {
        try (VitModel model = VitModel.of(VitConfig.builder().seed(3).build())) {
            float[][][][] maps = model.attentionMaps(Digits.embeddedTest().image(0));
            assertEquals(1, maps.length);
            assertEquals(2, maps[0].length);
            assertEquals(17, maps[0][0].length);
            for (float[][] head : maps[0]) {
                for (float[] row : head) {
                    double sum = 0;
                    for (float v : row) {
                        assertTrue(v > 0, "no mask: every token sees every token");
                        sum += v;
                    }
                    assertEquals(1, sum, 1e-5);
                }
            }
        }
    }
}
