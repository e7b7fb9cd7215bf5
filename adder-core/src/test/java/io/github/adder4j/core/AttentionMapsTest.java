package io.github.adder4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adder4j.core.format.TokenFormat;
import org.junit.jupiter.api.Test;

/**
 * {@link AdderModel#attentionMaps}: causal softmax rows (zero above the diagonal, summing to 1) with the
 * {@code [layer][head][t][j]} shape, on published weights and on a random two-layer, two-head model; the normal forward
 * is unchanged by a capture; bad rows are refused with messages.
 */
class AttentionMapsTest {

    /** The row the last decoding step of a + b sees: the prompt and every generated token but the last. */
    private static long[] lastStepInput(AdderModel model, long a, long b) {
        TokenFormat format = model.format();
        long[] prompt = format.prompt(a, b);
        long[] answer = model.decoder(1).generate(prompt, format.answerLength());
        long[] row = new long[format.contextLength()];
        System.arraycopy(prompt, 0, row, 0, prompt.length);
        System.arraycopy(answer, 0, row, prompt.length, row.length - prompt.length);
        return row;
    }

    private static void assertCausalSoftmax(float[][][][] maps, int layers, int heads, int length) {
        assertEquals(layers, maps.length, "layers");
        for (int l = 0; l < layers; l++) {
            assertEquals(heads, maps[l].length, "heads of layer " + l);
            for (int h = 0; h < heads; h++) {
                assertEquals(length, maps[l][h].length, "rows of layer " + l + " head " + h);
                for (int t = 0; t < length; t++) {
                    float[] row = maps[l][h][t];
                    assertEquals(length, row.length, "columns");
                    double sum = 0;
                    for (int j = 0; j < length; j++) {
                        String where = "layer " + l + " head " + h + " [" + t + "][" + j + "]";
                        if (j > t) {
                            assertEquals(0f, row[j], where + " is above the diagonal");
                        } else {
                            assertTrue(row[j] >= 0f && row[j] <= 1f, where + " = " + row[j]);
                        }
                        sum += row[j];
                    }
                    assertEquals(1.0, sum, 1e-5, "row sum of layer " + l + " head " + h + " query " + t);
                }
            }
        }
    }

    @Test
    void split57PublishedMapsAreCausalSoftmaxRows() {
        try (AdderModel model = PublishedWeights.load(Preset.SPLIT_57, Fixtures.read("published-57p.json"))) {
            long[] row = lastStepInput(model, 9_999_999_999L, 1L);
            float[][][][] maps = model.attentionMaps(row);
            assertCausalSoftmax(maps, 1, 1, model.format().contextLength());
            // causality seen from outside: a prefix gets the top-left block of the full row's maps
            float[][][][] prefix = model.attentionMaps(java.util.Arrays.copyOf(row, 20));
            for (int t = 0; t < 20; t++) {
                assertArrayEquals(java.util.Arrays.copyOf(maps[0][0][t], 20), prefix[0][0][t], 1e-5f, "prefix row " + t);
            }
        }
    }

    @Test
    void rope122PublishedMapsAreCausalSoftmaxRows() {
        try (AdderModel model = PublishedWeights.load(Preset.ROPE_122, Fixtures.read("published-122p.json"))) {
            long[] row = lastStepInput(model, 1_234_567_890L, 9_876_543_210L);
            assertCausalSoftmax(model.attentionMaps(row), 1, 1, model.format().contextLength());
        }
    }

    @Test
    void twoLayersTwoHeadsGiveOneMapPerLayerAndHeadAndLeaveTheForwardUnchanged() {
        try (AdderModel model = Preset.SPLIT_234.builder().layers(2).seed(3).build()) {
            long[] row = model.format().trainingRow(4_444_444_444L, 5_555_555_556L).inputs();
            float[][][] before = model.logits(new long[][] {row});
            float[][][][] maps = model.attentionMaps(row);
            assertCausalSoftmax(maps, 2, 2, row.length);
            float[][][] after = model.logits(new long[][] {row});
            for (int t = 0; t < row.length; t++) {
                assertArrayEquals(before[0][t], after[0][t], "logits at " + t);
            }
            float[][][][] again = model.attentionMaps(row);
            for (int l = 0; l < 2; l++) {
                for (int h = 0; h < 2; h++) {
                    for (int t = 0; t < row.length; t++) {
                        assertArrayEquals(maps[l][h][t], again[l][h][t], "second capture, layer " + l + " head " + h);
                    }
                }
            }
        }
    }

    @Test
    void badRowsAreRefused() {
        try (AdderModel model = Preset.SPLIT_57.builder().build()) {
            assertEquals("tokens length must be in [1, 33]: 0",
                    assertThrows(IllegalArgumentException.class, () -> model.attentionMaps(new long[0])).getMessage());
            assertEquals("tokens length must be in [1, 33]: 34",
                    assertThrows(IllegalArgumentException.class, () -> model.attentionMaps(new long[34])).getMessage());
            assertEquals("tokens[2] must be in [0, 9]: 10",
                    assertThrows(IllegalArgumentException.class, () -> model.attentionMaps(new long[] {1, 2, 10})).getMessage());
            assertEquals("tokens[0] must be in [0, 9]: -1",
                    assertThrows(IllegalArgumentException.class, () -> model.attentionMaps(new long[] {-1})).getMessage());
        }
    }
}
