package io.github.adder4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.adder4j.core.format.Formats;
import io.github.adder4j.train.data.AdditionSamplers;
import io.github.adder4j.train.data.SamplerState;
import io.github.adder4j.train.data.ValidationSet;
import org.junit.jupiter.api.Test;

class NextBatchTest {

    /** The digit-length recipe's task (a curriculum, so batches depend on the step as well as the RNG). */
    private static AdditionTask task() {
        return new AdditionTask(Formats.LSB34_V10, AdditionSamplers.digitLengthRecipe(42), ValidationSet.uniform(10, 7), "test");
    }

    private static void assertSameBatch(Batch want, Examples got, long step) {
        Batch b = (Batch) got;
        assertArrayEquals(want.inputs(), b.inputs(), "inputs of step " + step);
        assertArrayEquals(want.targets(), b.targets(), "targets of step " + step);
        assertArrayEquals(want.mask(), b.mask(), "mask of step " + step);
    }

    @Test
    void drawingAheadGivesExactlyTheBatchesOfDrawingEachAtItsStepAndSettlingRestoresTheTaskState() {
        AdditionTask plain = task();
        AdditionTask ahead = task();
        try (NextBatch next = new NextBatch(ahead, 64, true)) {
            for (long step = 0; step < 40; step++) {
                Batch want = plain.batch((int) step, 64);
                assertSameBatch(want, next.take(step), step);
                if (step % 7 == 6) {
                    // an evaluation or checkpoint boundary: nothing drawn ahead, the task's state is that of the plain task
                    next.settle();
                    assertEquals(plain.state(), ahead.state(), "state after step " + step);
                } else {
                    next.drawAhead(step + 1);
                }
            }
            next.settle();
            assertEquals(plain.state(), ahead.state(), "a batch drawn ahead and settled leaves no trace in the task");
        }
    }

    @Test
    void aBatchDrawnAheadForAnotherStepIsDroppedAndTheRequestedOneDrawnFromTheStateBeforeIt() {
        AdditionTask plain = task();
        AdditionTask ahead = task();
        try (NextBatch next = new NextBatch(ahead, 32, true)) {
            assertSameBatch(plain.batch(0, 32), next.take(0), 0);
            next.drawAhead(1);
            assertSameBatch(plain.batch(5, 32), next.take(5), 5);    // a resumed run jumps: the batch of step 1 is dropped
            assertEquals(plain.state(), ahead.state());
        }
    }

    @Test
    void withoutDrawingAheadNothingRunsInTheBackground() {
        AdditionTask plain = task();
        AdditionTask off = task();
        try (NextBatch next = new NextBatch(off, 16, false)) {
            for (long step = 0; step < 5; step++) {
                SamplerState before = off.state();
                next.drawAhead(step + 1);
                assertEquals(before, off.state(), "drawAhead does nothing when off");
                assertSameBatch(plain.batch((int) step, 16), next.take(step), step);
            }
        }
    }

    @Test
    void aFailureWhileDrawingAheadSurfacesAtTheStepThatTakesTheBatch() {
        Task failing = new DelegatingTask(task()) {
            @Override
            public Examples batch(int step, int batchSize) {
                if (step == 3) {
                    throw new IllegalStateException("no batch for step 3");
                }
                return super.batch(step, batchSize);
            }
        };
        try (NextBatch next = new NextBatch(failing, 8, true)) {
            next.take(2);
            next.drawAhead(3);
            assertEquals("no batch for step 3", assertThrows(IllegalStateException.class, () -> next.take(3)).getMessage());
        }
    }
}
