package io.github.adder4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adder4j.core.params.ParameterReport;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class PresetTest {

    @ParameterizedTest
    @EnumSource(Preset.class)
    void reportMatchesPublishedCountAndUniqueParameterTensors(Preset preset) {
        try (AdderModel model = preset.create()) {
            ParameterReport report = model.parameterReport();
            assertEquals(preset.publishedParameters(), report.uniqueParameters(), report.table());
            long fromParameters = model.namedParameters().values().stream().mapToLong(p -> p.getArray().getShape().size()).sum();
            assertEquals(report.uniqueParameters(), fromParameters, "report rows vs. unique DJL parameters");
            assertTrue(report.table().endsWith("unique parameters (AdderBoard): " + preset.publishedParameters()));
        }
    }

    @ParameterizedTest
    @EnumSource(Preset.class)
    void forwardProducesFiniteLogitsOfTheRightShape(Preset preset) {
        try (AdderModel model = preset.create()) {
            long[][] prompts = model.format().prompts(new long[] {1234567890L, 9999999999L}, new long[] {9876543210L, 1L});
            float[][][] logits = model.logits(prompts);
            assertEquals(2, logits.length);
            assertEquals(model.format().promptLength(), logits[0].length);
            assertEquals(model.format().vocabSize(), logits[0][0].length);
            for (float[][] row : logits) {
                for (float[] v : row) {
                    for (float x : v) {
                        assertTrue(Float.isFinite(x), preset.id());
                    }
                }
            }
        }
    }

    @Test
    void strictCountOfSplit57CountsTheFrozenSpiralConstants() {
        try (AdderModel model = Preset.SPLIT_57.create()) {
            assertEquals(59, model.parameterReport().strictParameters(), model.parameterReport().table());
        }
    }

    @Test
    void unknownPresetNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Preset.byId("split-5"));
        assertEquals("unknown preset: split-5 (known: " + Preset.ids() + ")", e.getMessage());
    }

    @Test
    void headMatrixIsOneParameterUsedThreeTimes() {
        try (AdderModel model = Preset.SPLIT_57.create()) {
            Map<String, ai.djl.nn.Parameter> named = model.namedParameters();
            assertTrue(named.containsKey("head.H"));
            long uses = model.block().getParameters().values().stream().filter(p -> p.getName().equals("head.H")).count();
            assertEquals(1, uses);
        }
    }
}
