package io.github.adder4j.train.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

class GradientsTest {

    @Test
    void zeroClearsAccumulatedAndNonFiniteGradients() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter a = Fixtures.parameter(manager, "a", DataType.FLOAT32, new long[] {3}, new double[] {1, 2, 3});
            Parameter b = Fixtures.parameter(manager, "b", DataType.FLOAT64, new long[] {2}, new double[] {1, 2});
            List<Parameter> params = List.of(a, b);
            Fixtures.setGradients(params, new double[][] {{Double.NaN, Double.POSITIVE_INFINITY, 2}, {5, 6}});
            assertEquals(Double.NaN, Fixtures.gradient(a)[0]);
            Gradients.zero(params);
            assertArrayEquals(new double[3], Fixtures.gradient(a));
            assertArrayEquals(new double[2], Fixtures.gradient(b));
            // gradients accumulate between backward passes unless zeroed: setGradients relies on zero()
            Fixtures.setGradients(params, new double[][] {{1, 2, 3}, {4, 5}});
            Fixtures.setGradients(params, new double[][] {{1, 2, 3}, {4, 5}});
            assertArrayEquals(new double[] {1, 2, 3}, Fixtures.gradient(a));
            assertArrayEquals(new double[] {4, 5}, Fixtures.gradient(b));
            assertArrayEquals(new double[] {1, 2, 3}, Fixtures.values(a));
        }
    }

    @Test
    void zeroSkipsFrozenParametersAndRejectsNull() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter a = Fixtures.parameter(manager, "a", DataType.FLOAT32, new long[] {2}, new double[] {1, 2});
            a.freeze(true);
            Gradients.zero(List.of(a));
            assertEquals("parameters must not contain null", assertThrows(IllegalArgumentException.class,
                    () -> Gradients.zero(Arrays.asList(a, null))).getMessage());
        }
    }
}
