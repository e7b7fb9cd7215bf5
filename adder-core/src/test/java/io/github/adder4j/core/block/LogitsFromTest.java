package io.github.adder4j.core.block;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.Preset;
import io.github.adder4j.core.format.TokenFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The logits of a suffix of positions, which a training loss over the answer positions asks for, are the same rows of the
 * full forward pass: on every preset, from the first row, the answer's first row and the last row, in an evaluation pass
 * and in a training pass (whose last layer runs its residual lines and the classifier on columns, {@link Fwd#columns()}).
 */
class LogitsFromTest {

    @ParameterizedTest
    @EnumSource(Preset.class)
    void everyPresetsSuffixLogitsAreTheFullPassRows(Preset preset) {
        try (AdderModel model = preset.builder().seed(5).build(); NDManager m = model.manager().newSubManager()) {
            TokenFormat.TrainingBatch batch = trainingBatch(model.format(), 16, preset.ordinal());
            NDArray tokens = m.create(batch.inputs(), new Shape(batch.rows(), batch.length()));
            ParameterStore store = new ParameterStore(m, false);
            float[] full = model.block().forward(store, new NDList(tokens), false).head()
                    .toType(DataType.FLOAT32, false).toFloatArray();                            // (B, T, V)
            int answer = firstMasked(batch);
            for (int run = 0; run < 6; run++) {
                int from = new int[] {0, answer, batch.length() - 1}[run % 3];
                boolean training = run >= 3;
                NDArray suffix = model.logitsFrom(store, tokens, from, training);
                Shape s = suffix.getShape();
                int vocab = (int) s.get(2);
                String what = preset.id() + " from " + from + (training ? " (training)" : "");
                assertEquals(new Shape(batch.rows(), batch.length() - from, vocab), s, what);
                float[] got = suffix.toType(DataType.FLOAT32, false).toFloatArray();
                for (int r = 0; r < batch.rows(); r++) {
                    for (int t = from; t < batch.length(); t++) {
                        for (int v = 0; v < vocab; v++) {
                            float want = full[(r * batch.length() + t) * vocab + v];
                            float have = got[(r * (batch.length() - from) + t - from) * vocab + v];
                            assertEquals(want, have, 1e-5f * Math.max(1, Math.abs(want)),
                                    what + ": row " + r + ", position " + t + ", token " + v);
                        }
                    }
                }
            }
        }
    }

    @Test
    void aFirstRowOutsideTheSequenceIsRefused() {
        try (AdderModel model = Preset.SPLIT_57.builder().seed(1).build(); NDManager m = model.manager().newSubManager()) {
            NDArray tokens = m.zeros(new Shape(2, 33), DataType.INT64);
            ParameterStore store = new ParameterStore(m, false);
            IllegalArgumentException late = assertThrows(IllegalArgumentException.class, () -> model.logitsFrom(store, tokens, 33, false));
            assertEquals("firstRow must be in [0, 33): 33", late.getMessage());
            IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> model.logitsFrom(store, tokens, -1, false));
            assertEquals("firstRow must be in [0, 33): -1", negative.getMessage());
            IllegalArgumentException floats = assertThrows(IllegalArgumentException.class,
                    () -> model.logitsFrom(store, m.zeros(new Shape(2, 33)), 0, false));
            assertEquals("tokens must be int64 (B, T), got float32 (2, 33)", floats.getMessage());
        }
    }

    private static TokenFormat.TrainingBatch trainingBatch(TokenFormat format, int rows, long seed) {
        Random random = new Random(seed);
        long[] a = new long[rows];
        long[] b = new long[rows];
        for (int i = 0; i < rows; i++) {
            a[i] = (long) (random.nextDouble() * 1e10);
            b[i] = (long) (random.nextDouble() * 1e10);
        }
        return format.trainingBatch(a, b);
    }

    private static int firstMasked(TokenFormat.TrainingBatch batch) {
        for (int t = 0; t < batch.length(); t++) {
            if (batch.mask()[t] != 0) {
                return t;
            }
        }
        throw new AssertionError("no loss position in " + batch);
    }
}
