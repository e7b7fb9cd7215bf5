package io.github.adder4j.train.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterVectorTest {

    @Test
    void tiedParametersAppearOnceAndFrozenOnesNotAtAll() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter m = Fixtures.parameter(manager, "m", DataType.FLOAT32, new long[] {2, 2}, new double[] {1, 2, 3, 4});
            Parameter v = Fixtures.parameter(manager, "v", DataType.FLOAT64, new long[] {2}, new double[] {5, 6});
            Parameter frozen = Fixtures.parameter(manager, "f", DataType.FLOAT32, new long[] {1}, new double[] {7});
            frozen.freeze(true);
            ParameterVector vector = new ParameterVector(List.of(m, v, m, frozen));
            assertEquals(6, vector.size());
            assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, vector.values());
            assertArrayEquals(new double[] {1, 1, 1, 1, 0, 0}, vector.matrixMask());
        }
    }

    @Test
    void setWritesInPlaceRoundingToEachParametersType() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter m = Fixtures.parameter(manager, "m", DataType.FLOAT32, new long[] {2}, new double[] {1, 2});
            Parameter v = Fixtures.parameter(manager, "v", DataType.FLOAT64, new long[] {1}, new double[] {3});
            ParameterVector vector = new ParameterVector(List.of(m, v));
            ai.djl.ndarray.NDArray before = m.getArray();
            double third = 1.0 / 3;
            vector.set(new double[] {third, -2, third});
            assertEquals(before, m.getArray(), "the same array, written in place");
            assertArrayEquals(new double[] {(float) third, -2, third}, vector.values(), 0);
            assertEquals("x must have 3 coordinates: 2",
                    assertThrows(IllegalArgumentException.class, () -> vector.set(new double[2])).getMessage());
        }
    }

    @Test
    void gradientsFollowTheValuesLayout() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter m = Fixtures.parameter(manager, "m", DataType.FLOAT32, new long[] {2}, new double[] {1, 2});
            Parameter v = Fixtures.parameter(manager, "v", DataType.FLOAT64, new long[] {1}, new double[] {3});
            Fixtures.setGradients(List.of(m, v), new double[][] {{0.5, -1}, {4}});
            assertArrayEquals(new double[] {0.5, -1, 4}, new ParameterVector(List.of(m, v)).gradients(), 0);
        }
    }

    @Test
    void nothingToTrainIsAnError() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter frozen = Fixtures.parameter(manager, "f", DataType.FLOAT32, new long[] {1}, new double[] {7});
            frozen.freeze(true);
            assertEquals("no trainable parameters",
                    assertThrows(IllegalArgumentException.class, () -> new ParameterVector(List.of(frozen))).getMessage());
        }
    }
}
