package io.github.adder4j.train.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeightAverageTest {

    /** The weights after step s of a made-up trajectory: coordinate i is (s + 1) * (i + 1) / 4. */
    private static double[] weightsAt(long s) {
        return new double[] {(s + 1) * 0.25, (s + 1) * 0.5, (s + 1) * 0.75};
    }

    @Test
    void theEmaFollowsItsFormulaFromTheFirstDueStep() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter p = Fixtures.parameter(manager, "p", DataType.FLOAT64, new long[] {3}, new double[] {0, 0, 0});
            ParameterVector vector = new ParameterVector(List.of(p));
            WeightAverage ema = new WeightAverage(new WeightAverage.Ema(0.9, 2, 2), vector);
            double[] expected = null;
            for (long s = 0; s < 10; s++) {
                vector.set(weightsAt(s));
                boolean due = s >= 2 && s % 2 == 0;
                assertEquals(due, ema.afterStep(s), "step " + s);
                if (due) {
                    double[] theta = weightsAt(s);
                    if (expected == null) {
                        expected = theta;
                    } else {
                        for (int i = 0; i < 3; i++) {
                            expected[i] = 0.9 * expected[i] + 0.1 * theta[i];
                        }
                    }
                }
            }
            assertEquals(4, ema.updates(), "steps 2, 4, 6, 8");
            assertArrayEquals(expected, ema.values(), 1e-15);
        }
    }

    @Test
    void swaIsThePlainMeanOfTheAveragedSteps() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter p = Fixtures.parameter(manager, "p", DataType.FLOAT64, new long[] {3}, new double[] {0, 0, 0});
            ParameterVector vector = new ParameterVector(List.of(p));
            WeightAverage swa = new WeightAverage(new WeightAverage.Swa(3, 3), vector);
            for (long s = 0; s < 12; s++) {
                vector.set(weightsAt(s));
                swa.afterStep(s);
            }
            // steps 3, 6, 9: the mean of s + 1 = 4, 7, 10 is 7
            assertArrayEquals(new double[] {7 * 0.25, 7 * 0.5, 7 * 0.75}, swa.values(), 1e-15);
        }
    }

    @Test
    void theAverageIsSwappedInForTheBodyAndTheRawWeightsComeBack() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter p = Fixtures.parameter(manager, "p", DataType.FLOAT32, new long[] {3}, new double[] {0, 0, 0});
            ParameterVector vector = new ParameterVector(List.of(p));
            WeightAverage swa = new WeightAverage(new WeightAverage.Swa(0, 1), vector);
            assertEquals("no average yet: the rule's first step 0 has not been taken",
                    assertThrows(IllegalStateException.class, swa::values).getMessage());
            vector.set(new double[] {1, 2, 3});
            swa.afterStep(0);
            vector.set(new double[] {3, 4, 5});
            swa.afterStep(1);
            double[] seen = swa.withAverage(vector::values);
            assertArrayEquals(new double[] {2, 3, 4}, seen, 0);
            assertArrayEquals(new double[] {3, 4, 5}, vector.values(), 0, "the raw weights are back");
            assertThrows(IllegalStateException.class, () -> swa.withAverage(() -> {
                throw new IllegalStateException("evaluation failed");
            }));
            assertArrayEquals(new double[] {3, 4, 5}, vector.values(), 0, "also after a failing body");
        }
    }

    @Test
    void anExportedStateResumesTheAverageExactly() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter p = Fixtures.parameter(manager, "p", DataType.FLOAT64, new long[] {3}, new double[] {0, 0, 0});
            ParameterVector vector = new ParameterVector(List.of(p));
            WeightAverage straight = new WeightAverage(new WeightAverage.Ema(0.99, 0, 1), vector);
            WeightAverage first = new WeightAverage(new WeightAverage.Ema(0.99, 0, 1), vector);
            WeightAverage.State saved = null;
            for (long s = 0; s < 20; s++) {
                vector.set(weightsAt(s));
                straight.afterStep(s);
                if (s < 10) {
                    first.afterStep(s);
                    saved = first.exportState();
                }
            }
            WeightAverage resumed = new WeightAverage(new WeightAverage.Ema(0.99, 0, 1), vector);
            resumed.restore(saved);
            for (long s = 10; s < 20; s++) {
                vector.set(weightsAt(s));
                resumed.afterStep(s);
            }
            assertEquals(straight.exportState(), resumed.exportState());
            assertEquals(new WeightAverage.State(0, new double[0]), new WeightAverage(new WeightAverage.Swa(0, 1), vector).exportState());
        }
    }

    @Test
    void badRulesAndStatesAreRejectedNamingTheField() {
        assertEquals("ema.decay must be in [0, 1): 1.0",
                assertThrows(IllegalArgumentException.class, () -> new WeightAverage.Ema(1.0, 0, 1)).getMessage());
        assertEquals("ema.every must be positive: 0",
                assertThrows(IllegalArgumentException.class, () -> new WeightAverage.Ema(0.5, 0, 0)).getMessage());
        assertEquals("swa.start must be non-negative: -1",
                assertThrows(IllegalArgumentException.class, () -> new WeightAverage.Swa(-1, 1)).getMessage());
        assertEquals("values must be empty exactly when updates is 0: updates=2, values=0",
                assertThrows(IllegalStateException.class, () -> new WeightAverage.State(2, new double[0])).getMessage());
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter p = Fixtures.parameter(manager, "p", DataType.FLOAT64, new long[] {3}, new double[] {0, 0, 0});
            WeightAverage a = new WeightAverage(new WeightAverage.Swa(0, 1), new ParameterVector(List.of(p)));
            assertEquals("a weight average of 2 coordinates does not fit a model of 3",
                    assertThrows(IllegalStateException.class, () -> a.restore(new WeightAverage.State(1, new double[2]))).getMessage());
            assertFalse(new WeightAverage.Swa(5, 2).due(4));
            assertTrue(new WeightAverage.Swa(5, 2).due(7));
        }
    }
}
