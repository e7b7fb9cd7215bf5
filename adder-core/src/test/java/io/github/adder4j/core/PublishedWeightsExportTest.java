package io.github.adder4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import io.github.adder4j.core.io.PublishedFixture;
import io.github.adder4j.core.io.SafeTensors;
import io.github.adder4j.core.io.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * {@link PublishedWeights#export}: a model of a mapped preset goes out under the published tensor names and shapes,
 * exactly as the published fixtures hold them, and comes back through safetensors as the same model.
 */
class PublishedWeightsExportTest {

    private static Map<String, Tensor> byName(List<Tensor> tensors) {
        Map<String, Tensor> map = new LinkedHashMap<>();
        tensors.forEach(t -> map.put(t.name(), t));
        return map;
    }

    /** Loading a published fixture and exporting the model gives the fixture back: every name, shape and value. */
    @ParameterizedTest
    @CsvSource({"split-57, published-57p.json", "split-234, published-234p.json", "lowrank-311, published-311p.json",
        "rope-122, published-122p.json"})
    void exportingALoadedFixtureGivesTheFixtureBack(String presetId, String file) {
        Preset preset = Preset.byId(presetId);
        PublishedFixture fixture = Fixtures.read(file);
        try (AdderModel model = PublishedWeights.load(preset, fixture)) {
            Map<String, Tensor> exported = byName(PublishedWeights.export(preset, model));
            assertEquals(fixture.tensors().keySet(), exported.keySet(), "the published names");
            for (Tensor original : fixture.tensorList()) {
                Tensor out = exported.get(original.name());
                assertArrayEquals(original.shape(), out.shape(), original.name());
                assertArrayEquals(original.toFloatArray(), out.toFloatArray(), original.name());
            }
        }
    }

    /** A freshly initialised model (not a published one) goes through safetensors and back to identical tensors. */
    @ParameterizedTest
    @CsvSource({"split-57", "split-234", "lowrank-311", "rope-122"})
    void anyModelOfAMappedPresetRoundTripsThroughSafetensors(String presetId) {
        Preset preset = Preset.byId(presetId);
        try (AdderModel model = preset.builder().seed(11).build()) {
            List<Tensor> published = PublishedWeights.export(preset, model);
            SafeTensors.Contents back = SafeTensors.fromBytes(SafeTensors.toBytes(published, Map.of()), "m.safetensors");
            PublishedFixture fixture = new PublishedFixture("m.safetensors", "test", "", new JsonObject(), back.byName());
            try (AdderModel again = PublishedWeights.load(preset, fixture)) {
                assertEquals(model.tensors(), again.tensors());
            }
        }
    }

    @Test
    void presetsWithoutAPublishedCounterpartAreRefused() {
        try (AdderModel model = Preset.ROPE19_10.create()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PublishedWeights.export(Preset.ROPE19_10, model));
            assertEquals("no published tensor names are mapped for preset rope19-10 (mapped: split-57, split-234, "
                    + "lowrank-311, rope-122)", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> PublishedWeights.export(Preset.SPLIT_57, model));
            assertEquals("the model is not of preset split-57's architecture, so it has no published tensor names (export"
                    + " it under adder4j's names instead)", e.getMessage());
            assertEquals(Optional.empty(), PublishedWeights.presetOf(model.config()));
        }
    }

    @Test
    void theMappedPresetOfAConfigIgnoresSeedAndInit() {
        for (Preset preset : PublishedWeights.MAPPED) {
            assertEquals(Optional.of(preset), PublishedWeights.presetOf(preset.builder().seed(99).config()));
        }
    }
}
