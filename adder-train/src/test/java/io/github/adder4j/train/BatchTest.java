package io.github.adder4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A batch's first loss column: the first column whose mask counts in any row, which the loss computes logits from. */
class BatchTest {

    private static Batch batch(float[] mask, int rows, int length) {
        return new Batch(new long[rows * length], new long[rows * length], mask, rows, length);
    }

    @Test
    void theFirstLossColumnIsTheEarliestMaskedColumnOverAllRows() {
        assertEquals(2, batch(new float[] {0, 0, 1, 1, 0, 0, 0, 1}, 2, 4).firstLossColumn());
        assertEquals(1, batch(new float[] {0, 0, 1, 1, 0, 1, 0, 0}, 2, 4).firstLossColumn());
        assertEquals(3, batch(new float[] {0, 0, 0, 1}, 1, 4).firstLossColumn());
        assertEquals(0, batch(new float[] {1, 0, 0, 0}, 1, 4).firstLossColumn());
    }

    @Test
    void anAllZeroMaskStartsAtColumnZero() {
        assertEquals(0, batch(new float[6], 2, 3).firstLossColumn());
    }

    @Test
    void theMaskedLossEqualsTheLossOverAllColumns() {
        // the loss from the first loss column on equals the teacher-forced loss of the full pass over the same positions
        try (io.github.adder4j.core.AdderModel model = io.github.adder4j.core.Preset.SPLIT_57.builder().seed(3).build();
             ai.djl.ndarray.NDManager m = model.manager().newSubManager()) {
            var rows = model.format().trainingBatch(new long[] {1234567890L, 9999999999L, 5L}, new long[] {9876543210L, 1L, 5L});
            Batch b = new Batch(rows.inputs(), rows.targets(), rows.mask(), rows.rows(), rows.length());
            assertEquals(21, b.firstLossColumn());
            double suffix = Forward.maskedCrossEntropy(model, m, b, false).getFloat();
            double teacherForced = Forward.teacherForced(model, b, 2).loss();
            assertEquals(teacherForced, suffix, 1e-5);
        }
    }
}
