package io.github.adder4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.adder4j.core.io.CheckpointException;
import io.github.adder4j.core.io.CheckpointFormat;
import io.github.adder4j.core.io.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdderModelCheckpointTest {

    @Test
    void saveThenLoadRebuildsTheSameArchitectureAndWeights(@TempDir Path tmp) {
        Path file = tmp.resolve("m.json");
        try (AdderModel original = PublishedWeights.load(Preset.SPLIT_57, Fixtures.read("published-57p.json"))) {
            original.save(file, "published 57p weights (test)", Map.of("note", "round trip"));
            try (AdderModel loaded = AdderModel.load(file)) {
                assertEquals(original.config(), loaded.config());
                List<Tensor> a = original.tensors();
                List<Tensor> b = loaded.tensors();
                assertEquals(a, b);
                long[] x = {1234567890L, 9999999999L, 5193798811L};
                long[] y = {9876543210L, 1L, 1806201129L};
                assertArrayEquals(original.adder().add(x, y), loaded.adder().add(x, y));
            }
        }
        var checkpoint = CheckpointFormat.read(file);
        assertEquals(57, checkpoint.metadata().uniqueParameters());
        assertEquals(59, checkpoint.metadata().strictParameters());
        assertEquals("published 57p weights (test)", checkpoint.metadata().provenance());
    }

    @Test
    void float64HandCodedModelRoundTripsExactly(@TempDir Path tmp) {
        Path file = tmp.resolve("r.json");
        try (AdderModel original = Preset.ROPE19_10.create()) {
            original.save(file, "hand-coded: HandCoded.rope19", Map.of());
            try (AdderModel loaded = AdderModel.load(file)) {
                assertEquals(original.tensors(), loaded.tensors());
                assertEquals(Options.Precision.FLOAT64, loaded.config().precision());
            }
        }
    }

    @Test
    void truncatedFileFailsWithAClearError(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("m.json");
        try (AdderModel m = Preset.SPLIT_57.create()) {
            m.save(file, "test", Map.of());
        }
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        CheckpointException e = assertThrows(CheckpointException.class, () -> AdderModel.load(file));
        assertEquals("checkpoint m.json: truncated or malformed JSON (unexpected end of input)", e.getMessage());
    }

    @Test
    void parametersThatDoNotFitTheConfigAreRejectedAndNothingIsReturned(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("m.json");
        try (AdderModel m = Preset.SPLIT_57.create()) {
            m.save(file, "test", Map.of());
        }
        // claim a different architecture (split-67 has a separate FFN output) while keeping 57p's tensors and counts
        var checkpoint = CheckpointFormat.read(file);
        JsonObject other = ConfigCodec.toJson(Preset.SPLIT_67.builder().config());
        var edited = new io.github.adder4j.core.io.Checkpoint(other, checkpoint.tensors(), checkpoint.metadata());
        CheckpointException counts = assertThrows(CheckpointException.class, () -> AdderModel.fromCheckpoint(edited, "edited.json"));
        assertEquals("checkpoint edited.json: metadata says 57/59 parameters (unique/strict) but the config builds 67/69", counts.getMessage());

        var meta67 = new io.github.adder4j.core.io.Checkpoint.Metadata(67, 69, "test", checkpoint.metadata().created(), Map.of());
        var missing = new io.github.adder4j.core.io.Checkpoint(other, checkpoint.tensors(), meta67);
        CheckpointException params = assertThrows(CheckpointException.class, () -> AdderModel.fromCheckpoint(missing, "edited.json"));
        assertEquals("checkpoint edited.json: parameters do not fit the config (missing values for parameter layer0.ffn.out.weight)",
                params.getMessage());
    }

    @Test
    void loadRejectsUnknownNamesAndWrongShapesBeforeWritingAnything() {
        try (AdderModel m = Preset.SPLIT_57.create()) {
            List<Tensor> before = m.tensors();
            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                    () -> m.load(Map.of("nope", new double[] {1})));
            assertTrue(unknown.getMessage().startsWith("no parameter named nope in this model (has ["), unknown.getMessage());
            Map<String, double[]> values = new java.util.LinkedHashMap<>();
            for (Tensor t : before) {
                values.put(t.name(), new double[t.values().length]);
            }
            values.put("head.H", new double[9]);
            IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> m.load(values));
            assertEquals("parameter head.H has shape (2, 5) (10 values), got 9 values", shape.getMessage());
            assertEquals(before, m.tensors(), "a failed load changes nothing");
        }
    }

    @Test
    void configJsonInTheFileIsHumanReadable(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("m.json");
        try (AdderModel m = Preset.LOWRANK_311.create()) {
            m.save(file, "test", Map.of());
        }
        JsonObject root = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        assertEquals("msb-rev-v14", root.getAsJsonObject("config").get("format").getAsString());
        assertEquals(3, root.getAsJsonObject("config").getAsJsonObject("attention").get("sharedRank").getAsInt());
    }
}
