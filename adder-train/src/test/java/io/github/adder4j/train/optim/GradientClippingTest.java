package io.github.adder4j.train.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

class GradientClippingTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private List<Parameter> twoParameters(DataType type, double[] g0, double[] g1) {
        Parameter a = Fixtures.parameter(manager, "a", type, new long[] {g0.length}, new double[g0.length]);
        Parameter b = Fixtures.parameter(manager, "b", type, new long[] {g1.length}, new double[g1.length]);
        List<Parameter> params = List.of(a, b);
        Fixtures.setGradients(params, new double[][] {g0, g1});
        return params;
    }

    @Test
    void normIsTakenOverAllParametersTogetherAndGradientsAreScaledInFloat32() {
        // |(3, 4)| = 5 and |(12)| = 12 separately; together sqrt(9 + 16 + 144) = 13
        List<Parameter> params = twoParameters(DataType.FLOAT32, new double[] {3, 4}, new double[] {12});
        double norm = GradientClipping.clipGlobalNorm(params, 1.0);
        assertEquals(13.0, norm);
        float factor = 1.0f / (13.0f + 1e-6f);
        assertArrayEquals(new double[] {3 * factor, 4 * factor}, Fixtures.gradient(params.get(0)));
        assertArrayEquals(new double[] {(float) (12 * factor)}, Fixtures.gradient(params.get(1)));
        // after clipping the global norm is the maximum (up to the epsilon)
        assertEquals(1.0, GradientClipping.clipGlobalNorm(params, 1.0), 1e-6);
    }

    @Test
    void float64GradientsAreScaledInDouble() {
        List<Parameter> params = twoParameters(DataType.FLOAT64, new double[] {3, 4}, new double[] {12});
        assertEquals(13.0, GradientClipping.clipGlobalNorm(params, 2.5));
        double factor = 2.5 / (13.0 + 1e-6);
        assertArrayEquals(new double[] {3 * factor, 4 * factor}, Fixtures.gradient(params.get(0)));
        assertArrayEquals(new double[] {12 * factor}, Fixtures.gradient(params.get(1)));
    }

    @Test
    void belowTheMaximumNothingChanges() {
        List<Parameter> params = twoParameters(DataType.FLOAT32, new double[] {0.3, -0.4}, new double[] {1.2});
        assertEquals(1.3, GradientClipping.clipGlobalNorm(params, 2.0), 1e-6);
        assertArrayEquals(Fixtures.roundToFloat(new double[] {0.3, -0.4}), Fixtures.gradient(params.get(0)));
        assertArrayEquals(Fixtures.roundToFloat(new double[] {1.2}), Fixtures.gradient(params.get(1)));
    }

    @Test
    void randomGradientsMatchAPlainJavaNorm() {
        Random rnd = new Random(5);
        double[] g0 = new double[37];
        double[] g1 = new double[11];
        for (int i = 0; i < g0.length; i++) {
            g0[i] = rnd.nextGaussian();
        }
        for (int i = 0; i < g1.length; i++) {
            g1[i] = 3 * rnd.nextGaussian();
        }
        List<Parameter> params = twoParameters(DataType.FLOAT32, g0, g1);
        double sum = 0;
        for (double[] g : new double[][] {Fixtures.roundToFloat(g0), Fixtures.roundToFloat(g1)}) {
            for (double x : g) {
                sum += x * x;
            }
        }
        double expected = Math.sqrt(sum);
        assertTrue(expected > 1.0);
        assertEquals(expected, GradientClipping.clipGlobalNorm(params, 1.0), 1e-6 * expected);
        double after = 0;
        for (Parameter p : params) {
            for (double x : Fixtures.gradient(p)) {
                after += x * x;
            }
        }
        assertEquals(1.0, Math.sqrt(after), 1e-5);
        double[] clipped = Fixtures.gradient(params.get(0));
        for (int i = 0; i < g0.length; i++) {
            assertEquals(Fixtures.roundToFloat(g0)[i] / expected, clipped[i], 1e-6);
        }
    }

    @Test
    void frozenParametersAreIgnoredAndDuplicatesCountedOnce() {
        List<Parameter> params = twoParameters(DataType.FLOAT32, new double[] {3, 4}, new double[] {12});
        params.get(1).freeze(true);
        assertEquals(5.0, GradientClipping.clipGlobalNorm(List.of(params.get(0), params.get(1), params.get(0)), 10));
        assertEquals(0.0, GradientClipping.clipGlobalNorm(List.of(params.get(1)), 10));
    }

    @Test
    void nonFiniteNormIsReportedAndGradientsLeftAlone() {
        List<Parameter> params = twoParameters(DataType.FLOAT32, new double[] {Double.NaN, 4}, new double[] {12});
        assertTrue(Double.isNaN(GradientClipping.clipGlobalNorm(params, 1.0)));
        assertArrayEquals(new double[] {12}, Fixtures.gradient(params.get(1)));
    }

    @Test
    void rejectsBadMaximum() {
        assertEquals("maxNorm must be positive: 0.0", assertThrows(IllegalArgumentException.class,
                () -> GradientClipping.clipGlobalNorm(List.of(), 0.0)).getMessage());
        assertEquals("maxNorm must be positive: NaN", assertThrows(IllegalArgumentException.class,
                () -> GradientClipping.clipGlobalNorm(List.of(), Double.NaN)).getMessage());
        assertEquals("parameters must not be null", assertThrows(IllegalArgumentException.class,
                () -> GradientClipping.clipGlobalNorm(null, 1.0)).getMessage());
    }
}
