package io.github.adder4j.train.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

class GrokfastEmaTest {

    private static final long[][] SHAPES = {{2, 2}, {3}};

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private List<Parameter> parameters(DataType type) {
        List<Parameter> out = new ArrayList<>();
        for (int i = 0; i < SHAPES.length; i++) {
            int n = (int) (SHAPES[i].length == 2 ? SHAPES[i][0] * SHAPES[i][1] : SHAPES[i][0]);
            out.add(Fixtures.parameter(manager, "g" + i, type, SHAPES[i], new double[n]));
        }
        return out;
    }

    private static double[][] randomGradients(Random rnd, DataType type) {
        double[][] g = {new double[4], new double[3]};
        for (double[] row : g) {
            for (int j = 0; j < row.length; j++) {
                row[j] = rnd.nextGaussian();
            }
        }
        if (type == DataType.FLOAT32) {
            for (int i = 0; i < g.length; i++) {
                g[i] = Fixtures.roundToFloat(g[i]);
            }
        }
        return g;
    }

    @Test
    void float64FollowsTheFormula() {
        List<Parameter> params = parameters(DataType.FLOAT64);
        Random rnd = new Random(1);
        double alpha = 0.98;
        double lambda = 3.0;
        double[][] ema = null;
        try (GrokfastEma filter = GrokfastEma.create(GrokfastEma.Config.defaults(), params)) {
            for (int step = 0; step < 6; step++) {
                double[][] g = randomGradients(rnd, DataType.FLOAT64);
                Fixtures.setGradients(params, g);
                filter.filter();
                if (ema == null) {
                    ema = new double[][] {g[0].clone(), g[1].clone()};
                }
                for (int i = 0; i < g.length; i++) {
                    double[] expected = new double[g[i].length];
                    for (int j = 0; j < g[i].length; j++) {
                        ema[i][j] = alpha * ema[i][j] + (1 - alpha) * g[i][j];
                        expected[j] = g[i][j] + lambda * ema[i][j];
                    }
                    assertArrayEquals(expected, Fixtures.gradient(params.get(i)), 1e-12, "step " + step);
                }
            }
            assertEquals(6, filter.filterCount());
        }
    }

    @Test
    void float32IsBitExactWithSinglePrecisionArithmetic() {
        List<Parameter> params = parameters(DataType.FLOAT32);
        Random rnd = new Random(2);
        float alpha = 0.9f;
        float oneMinusAlpha = (float) (1 - 0.9);
        float lambda = 2.0f;
        float[][] ema = null;
        try (GrokfastEma filter = GrokfastEma.create(new GrokfastEma.Config(0.9, 2.0), params)) {
            for (int step = 0; step < 5; step++) {
                double[][] g = randomGradients(rnd, DataType.FLOAT32);
                Fixtures.setGradients(params, g);
                filter.filter();
                if (ema == null) {
                    ema = new float[][] {Fixtures.toFloats(g[0]), Fixtures.toFloats(g[1])};
                }
                for (int i = 0; i < g.length; i++) {
                    float[] expected = new float[g[i].length];
                    for (int j = 0; j < g[i].length; j++) {
                        float gj = (float) g[i][j];
                        ema[i][j] = ema[i][j] * alpha + oneMinusAlpha * gj;
                        expected[j] = gj + lambda * ema[i][j];
                    }
                    assertArrayEquals(expected, params.get(i).getArray().getGradient().toFloatArray(),
                            "step " + step);
                }
            }
        }
    }

    @Test
    void exportImportThenContinueIsBitIdentical() {
        Random rndA = new Random(3);
        List<Parameter> a = parameters(DataType.FLOAT32);
        try (GrokfastEma filter = GrokfastEma.create(GrokfastEma.Config.defaults(), a)) {
            for (int step = 0; step < 7; step++) {
                Fixtures.setGradients(a, randomGradients(rndA, DataType.FLOAT32));
                filter.filter();
            }
        }
        Random rndB = new Random(3);
        GrokfastEma.State saved;
        try (NDManager first = NDManager.newBaseManager()) {
            List<Parameter> b = new ArrayList<>();
            for (int i = 0; i < SHAPES.length; i++) {
                b.add(Fixtures.parameter(first, "g" + i, DataType.FLOAT32, SHAPES[i], new double[i == 0 ? 4 : 3]));
            }
            try (GrokfastEma filter = GrokfastEma.create(GrokfastEma.Config.defaults(), b)) {
                assertEquals(new GrokfastEma.State(0, Map.of()), filter.exportState());
                for (int step = 0; step < 3; step++) {
                    Fixtures.setGradients(b, randomGradients(rndB, DataType.FLOAT32));
                    filter.filter();
                }
                saved = filter.exportState();
            }
        }
        List<Parameter> c = parameters(DataType.FLOAT32);
        try (GrokfastEma filter = GrokfastEma.create(GrokfastEma.Config.defaults(), c)) {
            filter.importState(saved);
            assertEquals(3, filter.filterCount());
            assertEquals(saved, filter.exportState());
            for (int step = 3; step < 7; step++) {
                Fixtures.setGradients(c, randomGradients(rndB, DataType.FLOAT32));
                filter.filter();
            }
        }
        for (int i = 0; i < SHAPES.length; i++) {
            assertArrayEquals(a.get(i).getArray().getGradient().toFloatArray(),
                    c.get(i).getArray().getGradient().toFloatArray(), "gradient of g" + i);
        }
    }

    @Test
    void importValidatesBeforeChangingAnything() {
        List<Parameter> params = parameters(DataType.FLOAT64);
        try (GrokfastEma filter = GrokfastEma.create(GrokfastEma.Config.defaults(), params)) {
            Fixtures.setGradients(params, randomGradients(new Random(4), DataType.FLOAT64));
            filter.filter();
            GrokfastEma.State before = filter.exportState();

            Map<String, SavedTensor> averages = new LinkedHashMap<>(before.averages());
            averages.remove("g0");
            GrokfastEma.State missing = new GrokfastEma.State(5, averages);
            assertEquals("Grokfast state has no average for parameter 'g0' of shape (2, 2)",
                    assertThrows(IllegalStateException.class, () -> filter.importState(missing)).getMessage());

            averages = new LinkedHashMap<>(before.averages());
            averages.put("g1", new SavedTensor(new long[] {1, 3}, new double[3]));
            GrokfastEma.State misShaped = new GrokfastEma.State(5, averages);
            assertEquals("Grokfast state average for parameter 'g1' has shape (1, 3) but the parameter has shape (3)",
                    assertThrows(IllegalStateException.class, () -> filter.importState(misShaped)).getMessage());

            averages = new LinkedHashMap<>(before.averages());
            averages.put("bias", new SavedTensor(new long[] {1}, new double[1]));
            GrokfastEma.State unknown = new GrokfastEma.State(5, averages);
            assertEquals("Grokfast state has an average for unknown parameter 'bias' of shape (1)",
                    assertThrows(IllegalStateException.class, () -> filter.importState(unknown)).getMessage());

            assertEquals(before, filter.exportState());
            filter.importState(new GrokfastEma.State(0, Map.of()));
            assertEquals(new GrokfastEma.State(0, Map.of()), filter.exportState());
        }
    }

    @Test
    void rejectsBadValues() {
        assertEquals("alpha must be in [0, 1): 1.0", assertThrows(IllegalArgumentException.class,
                () -> new GrokfastEma.Config(1.0, 3.0)).getMessage());
        assertEquals("lambda must be non-negative: -3.0", assertThrows(IllegalArgumentException.class,
                () -> new GrokfastEma.Config(0.98, -3.0)).getMessage());
        assertEquals("filterCount must be non-negative: -1", assertThrows(IllegalArgumentException.class,
                () -> new GrokfastEma.State(-1, Map.of())).getMessage());
        assertEquals("averages must be empty exactly when filterCount is 0: filterCount=2, averages=0",
                assertThrows(IllegalStateException.class, () -> new GrokfastEma.State(2, Map.of())).getMessage());
        GrokfastEma.Config d = GrokfastEma.Config.defaults();
        assertEquals(0.98, d.alpha());
        assertEquals(3.0, d.lambda());
    }

    @Test
    void frozenParametersAreSkippedAndFloat64WithoutGradientIsRefused() {
        List<Parameter> params = parameters(DataType.FLOAT64);
        Fixtures.setGradients(params, new double[][] {{1, 2, 3, 4}, {5, 6, 7}});
        params.get(0).freeze(true);
        try (GrokfastEma filter = GrokfastEma.create(GrokfastEma.Config.defaults(), params)) {
            filter.filter();
            // first call: ema = g, so g becomes g + 3 g
            assertArrayEquals(new double[] {20, 24, 28}, Fixtures.gradient(params.get(1)), 1e-12);
            assertEquals(new SavedTensor(new long[] {2, 2}, new double[4]), filter.exportState().averages().get("g0"));
        }
        Parameter fresh = Fixtures.parameter(manager, "fresh", DataType.FLOAT64, new long[] {2}, new double[2]);
        try (GrokfastEma filter = GrokfastEma.create(GrokfastEma.Config.defaults(), List.of(fresh))) {
            assertEquals("parameter 'fresh' has no gradient yet (run a backward pass before filtering)",
                    assertThrows(IllegalStateException.class, filter::filter).getMessage());
        }
    }
}
