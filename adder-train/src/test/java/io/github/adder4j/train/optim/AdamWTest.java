package io.github.adder4j.train.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;

import com.google.gson.Gson;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

class AdamWTest {

    private static final long[][] SHAPES = {{2, 3}, {4}, {1, 1}};

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** Textbook AdamW in double precision, written independently of the optimiser under test. */
    private static final class Reference {
        private final double beta1;
        private final double beta2;
        private final double eps;
        private final double[][] m;
        private final double[][] v;
        private long t;

        Reference(double beta1, double beta2, double eps, double[][] params) {
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.eps = eps;
            m = new double[params.length][];
            v = new double[params.length][];
            for (int i = 0; i < params.length; i++) {
                m[i] = new double[params[i].length];
                v[i] = new double[params[i].length];
            }
        }

        void step(double[][] p, double[][] g, double lr, double wd, double[] multipliers) {
            t++;
            for (int i = 0; i < p.length; i++) {
                for (int j = 0; j < p[i].length; j++) {
                    p[i][j] -= lr * wd * multipliers[i] * p[i][j];
                    m[i][j] = beta1 * m[i][j] + (1 - beta1) * g[i][j];
                    v[i][j] = beta2 * v[i][j] + (1 - beta2) * g[i][j] * g[i][j];
                    double mHat = m[i][j] / (1 - Math.pow(beta1, t));
                    double vHat = v[i][j] / (1 - Math.pow(beta2, t));
                    p[i][j] -= lr * mHat / (Math.sqrt(vHat) + eps);
                }
            }
        }
    }

    private static double[][] randomValues(Random rnd, double lo, double hi) {
        double[][] out = new double[SHAPES.length][];
        for (int i = 0; i < SHAPES.length; i++) {
            int n = (int) new Shape(SHAPES[i]).size();
            out[i] = new double[n];
            for (int j = 0; j < n; j++) {
                double mag = lo + (hi - lo) * rnd.nextDouble();
                out[i][j] = rnd.nextBoolean() ? mag : -mag;
            }
        }
        return out;
    }

    private List<Parameter> parameters(DataType type, double[][] values) {
        List<Parameter> out = new ArrayList<>();
        for (int i = 0; i < SHAPES.length; i++) {
            out.add(Fixtures.parameter(manager, "p" + i, type, SHAPES[i], values[i]));
        }
        return out;
    }

    private static double[][] rounded(DataType type, double[][] values) {
        double[][] out = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            out[i] = type == DataType.FLOAT32 ? Fixtures.roundToFloat(values[i]) : values[i].clone();
        }
        return out;
    }

    private static void assertClose(double[][] expected, List<Parameter> params, double relTol, String what) {
        for (int i = 0; i < expected.length; i++) {
            double[] actual = Fixtures.values(params.get(i));
            for (int j = 0; j < actual.length; j++) {
                double tol = relTol * Math.max(Math.abs(expected[i][j]), 0.1);
                assertEquals(expected[i][j], actual[j], tol, what + ": parameter " + i + " element " + j);
            }
        }
    }

    /** Runs optimiser and reference side by side with per-step lr, wd and gradients. */
    private void compareWithReference(DataType type, double relTol, double[] lrs, double[] wds,
                                      double[] multipliers, long seed) {
        Random rnd = new Random(seed);
        double[][] init = rounded(type, randomValues(rnd, 0.3, 0.9));
        List<Parameter> params = parameters(type, init);
        double[][] ref = rounded(type, init);
        Reference reference = new Reference(0.9, 0.999, 1e-8, ref);
        try (AdamW adam = AdamW.create(AdamW.Config.of(lrs[0], wds[0]), params)) {
            for (int i = 0; i < multipliers.length; i++) {
                adam.setWeightDecayMultiplier("p" + i, multipliers[i]);
            }
            for (int step = 0; step < lrs.length; step++) {
                double[][] grads = rounded(type, randomValues(rnd, 0.05, 1.0));
                Fixtures.setGradients(params, grads);
                adam.setLearningRate(lrs[step]);
                adam.setWeightDecay(wds[step]);
                adam.step();
                reference.step(ref, grads, lrs[step], wds[step], multipliers);
                assertEquals(step + 1, adam.stepCount());
                assertClose(ref, params, relTol, type + " step " + (step + 1));
            }
        }
    }

    private static double[] repeat(double value, int n) {
        double[] out = new double[n];
        java.util.Arrays.fill(out, value);
        return out;
    }

    @Test
    void float64MatchesDoubleReference() {
        compareWithReference(DataType.FLOAT64, 1e-12, repeat(0.01, 8), repeat(0.1, 8), new double[] {1, 1, 1}, 1);
    }

    @Test
    void float32MatchesDoubleReference() {
        compareWithReference(DataType.FLOAT32, 1e-6, repeat(0.02, 8), repeat(0.01, 8), new double[] {1, 1, 1}, 2);
    }

    @Test
    void float32FollowsTheDocumentedSinglePrecisionFormulaToTheUlp() {
        double lr = 0.02;
        double wd = 0.3;
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        double[] multipliers = {1.0, 0.5, 0.0};
        Random rnd = new Random(8);
        double[][] init = rounded(DataType.FLOAT32, randomValues(rnd, 0.3, 0.9));
        List<Parameter> params = parameters(DataType.FLOAT32, init);
        float[][] p = new float[init.length][];
        float[][] m = new float[init.length][];
        float[][] v = new float[init.length][];
        for (int i = 0; i < init.length; i++) {
            p[i] = Fixtures.toFloats(init[i]);
            m[i] = new float[p[i].length];
            v[i] = new float[p[i].length];
        }
        try (AdamW adam = AdamW.create(new AdamW.Config(lr, b1, b2, eps, wd), params)) {
            for (int i = 0; i < multipliers.length; i++) {
                adam.setWeightDecayMultiplier("p" + i, multipliers[i]);
            }
            for (int t = 1; t <= 6; t++) {
                double[][] grads = rounded(DataType.FLOAT32, randomValues(rnd, 0.001, 2.0));
                Fixtures.setGradients(params, grads);
                adam.step();
                float bc2Sqrt = (float) Math.sqrt(1 - Math.pow(b2, t));
                float stepSize = (float) (lr / (1 - Math.pow(b1, t)));
                for (int i = 0; i < p.length; i++) {
                    float decay = (float) (1 - lr * (wd * multipliers[i]));
                    for (int j = 0; j < p[i].length; j++) {
                        float g = (float) grads[i][j];
                        if (multipliers[i] != 0) {
                            p[i][j] = p[i][j] * decay;
                        }
                        m[i][j] = m[i][j] + (g - m[i][j]) * (float) (1 - b1);
                        v[i][j] = v[i][j] * (float) b2 + ((float) (1 - b2) * g) * g;
                        float denom = (float) Math.sqrt(v[i][j]) / bc2Sqrt + (float) eps;
                        p[i][j] = p[i][j] - (stepSize * m[i][j]) / denom;
                    }
                    float[] actual = params.get(i).getArray().toFloatArray();
                    for (int j = 0; j < actual.length; j++) {
                        // libtorch's vectorised float sqrt is not always correctly rounded (Java's is), so an
                        // element may differ by an ulp; any other deviation from the formula shows up as many ulps
                        assertEquals(p[i][j], actual[j], 2 * Math.ulp(p[i][j]), "step " + t + " p" + i + "[" + j + "]");
                    }
                }
            }
        }
    }

    @Test
    void weightDecayMultiplierScalesDecayPerParameter() {
        double[] multipliers = {0.0, 2.5, 1.0};
        compareWithReference(DataType.FLOAT64, 1e-12, repeat(0.05, 6), repeat(0.5, 6), multipliers, 3);
        compareWithReference(DataType.FLOAT32, 1e-6, repeat(0.05, 6), repeat(0.5, 6), multipliers, 4);
    }

    @Test
    void multiplierZeroMeansNoDecayAtAll() {
        // with a zero gradient, Adam's update is 0/(0 + eps) = 0, so only weight decay can move the parameter
        double[][] init = {{0.5, -0.5, 0.25, 0.75, -0.125, 1.0}, {0.5, 0.5, 0.5, 0.5}, {0.5}};
        List<Parameter> params = parameters(DataType.FLOAT64, init);
        try (AdamW adam = AdamW.create(AdamW.Config.of(0.1, 0.5), params)) {
            adam.setWeightDecayMultiplier("p0", 0.0);
            assertEquals(0.0, adam.weightDecayMultiplier("p0"));
            assertEquals(1.0, adam.weightDecayMultiplier("p1"));
            Fixtures.setGradients(params, new double[][] {new double[6], new double[4], new double[1]});
            adam.step();
        }
        assertArrayEquals(init[0], Fixtures.values(params.get(0)));
        assertArrayEquals(new double[] {0.5 * 0.95, 0.5 * 0.95, 0.5 * 0.95, 0.5 * 0.95},
                Fixtures.values(params.get(1)), 1e-15);
    }

    @Test
    void learningRateAndWeightDecayCanChangeEveryStep() {
        double[] lrs = {0.001, 0.002, 0.02, 0.02, 0.015, 0.008, 0.002};
        double[] wds = {0.01, 0.01, 0.001, 0.0001, 0.0001, 0.01, 0.0};
        compareWithReference(DataType.FLOAT64, 1e-12, lrs, wds, new double[] {1, 1, 1}, 5);
        compareWithReference(DataType.FLOAT32, 1e-6, lrs, wds, new double[] {1, 1, 1}, 6);
    }

    @Test
    void gettersFollowSetters() {
        List<Parameter> params = parameters(DataType.FLOAT32, randomValues(new Random(7), 0.3, 0.9));
        try (AdamW adam = AdamW.create(AdamW.Config.of(0.02, 0.01), params)) {
            assertEquals(0.02, adam.learningRate());
            assertEquals(0.01, adam.weightDecay());
            adam.setLearningRate(0.003);
            adam.setWeightDecay(0.0);
            assertEquals(0.003, adam.learningRate());
            assertEquals(0.0, adam.weightDecay());
            assertEquals(List.of("p0", "p1", "p2"), adam.parameterNames());
            assertEquals(0, adam.stepCount());
        }
    }

    /** Runs {@code steps} steps with gradients from {@code rnd}, lr from a small schedule. */
    private static void run(AdamW adam, List<Parameter> params, Random rnd, int fromStep, int steps) {
        LearningRateSchedule schedule = LearningRateSchedule.warmupCosine(0.02, 2, 8, 0.002);
        for (int s = fromStep; s < fromStep + steps; s++) {
            Fixtures.setGradients(params, rounded(DataType.FLOAT32, randomValues(rnd, 0.05, 1.0)));
            adam.setLearningRate(schedule.learningRate(s));
            adam.setWeightDecay(s < 4 ? 0.01 : 0.001);
            adam.step();
        }
    }

    @Test
    void exportImportThenContinueIsBitIdenticalToAnUninterruptedRun() {
        double[][] init = randomValues(new Random(11), 0.3, 0.9);

        Random rndA = new Random(12);
        List<Parameter> a = parameters(DataType.FLOAT32, init);
        AdamW.State finalA;
        try (AdamW adam = AdamW.create(AdamW.Config.of(0.02, 0.01), a)) {
            adam.setWeightDecayMultiplier("p2", 0.0);
            run(adam, a, rndA, 0, 7);
            finalA = adam.exportState();
        }

        Random rndB = new Random(12);
        AdamW.State saved;
        List<double[]> savedValues = new ArrayList<>();
        try (NDManager first = NDManager.newBaseManager()) {
            List<Parameter> b = new ArrayList<>();
            for (int i = 0; i < SHAPES.length; i++) {
                b.add(Fixtures.parameter(first, "p" + i, DataType.FLOAT32, SHAPES[i], init[i]));
            }
            try (AdamW adam = AdamW.create(AdamW.Config.of(0.02, 0.01), b)) {
                adam.setWeightDecayMultiplier("p2", 0.0);
                run(adam, b, rndB, 0, 3);
                saved = adam.exportState();
            }
            for (Parameter p : b) {
                savedValues.add(Fixtures.values(p));
            }
        }
        assertEquals(3, saved.step());

        List<Parameter> c = new ArrayList<>();
        for (int i = 0; i < SHAPES.length; i++) {
            c.add(Fixtures.parameter(manager, "p" + i, DataType.FLOAT32, SHAPES[i], savedValues.get(i)));
        }
        try (AdamW adam = AdamW.create(AdamW.Config.of(0.5, 0.3), c)) {
            adam.setWeightDecayMultiplier("p2", 0.0);
            adam.importState(saved);
            assertEquals(3, adam.stepCount());
            assertEquals(saved.learningRate(), adam.learningRate());
            assertEquals(saved.weightDecay(), adam.weightDecay());
            assertEquals(saved, adam.exportState());
            run(adam, c, rndB, 3, 4);
            assertEquals(finalA, adam.exportState());
        }
        for (int i = 0; i < SHAPES.length; i++) {
            assertArrayEquals(a.get(i).getArray().toFloatArray(), c.get(i).getArray().toFloatArray(),
                    "parameter p" + i);
        }
    }

    @Test
    void importRejectsMissingUnknownAndMisShapedParametersWithoutChangingAnything() {
        List<Parameter> params = parameters(DataType.FLOAT32, randomValues(new Random(21), 0.3, 0.9));
        try (AdamW adam = AdamW.create(AdamW.Config.of(0.02, 0.01), params)) {
            run(adam, params, new Random(22), 0, 2);
            AdamW.State before = adam.exportState();

            Map<String, SavedTensor> m = new LinkedHashMap<>(before.firstMoments());
            Map<String, SavedTensor> v = new LinkedHashMap<>(before.secondMoments());
            m.remove("p1");
            v.remove("p1");
            AdamW.State missing = new AdamW.State(9, 0.1, 0.2, m, v);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> adam.importState(missing));
            assertEquals("AdamW state has no moments for parameter 'p1' of shape (4)", e.getMessage());
            assertEquals(before, adam.exportState());

            m = new LinkedHashMap<>(before.firstMoments());
            v = new LinkedHashMap<>(before.secondMoments());
            m.put("extra", new SavedTensor(new long[] {2}, new double[] {1, 2}));
            v.put("extra", new SavedTensor(new long[] {2}, new double[] {1, 2}));
            AdamW.State unknown = new AdamW.State(9, 0.1, 0.2, m, v);
            e = assertThrows(IllegalStateException.class, () -> adam.importState(unknown));
            assertEquals("AdamW state has moments for unknown parameter 'extra' of shape (2)", e.getMessage());
            assertEquals(before, adam.exportState());

            m = new LinkedHashMap<>(before.firstMoments());
            v = new LinkedHashMap<>(before.secondMoments());
            m.put("p0", new SavedTensor(new long[] {3, 2}, new double[6]));
            v.put("p0", new SavedTensor(new long[] {3, 2}, new double[6]));
            AdamW.State misShaped = new AdamW.State(9, 0.1, 0.2, m, v);
            e = assertThrows(IllegalStateException.class, () -> adam.importState(misShaped));
            assertEquals("AdamW state moments for parameter 'p0' have shape (3, 2) but the parameter has shape (2, 3)",
                    e.getMessage());
            assertEquals(before, adam.exportState());
            assertEquals(2, adam.stepCount());
        }
    }

    @Test
    void stateSurvivesAJsonRoundTrip() {
        List<Parameter> params = parameters(DataType.FLOAT32, randomValues(new Random(23), 0.3, 0.9));
        try (AdamW adam = AdamW.create(AdamW.Config.of(0.02, 0.01), params)) {
            run(adam, params, new Random(24), 0, 3);
            AdamW.State state = adam.exportState();
            Gson gson = new Gson();
            AdamW.State back = gson.fromJson(gson.toJson(state), AdamW.State.class);
            assertEquals(state, back);
            assertEquals(List.of("p0", "p1", "p2"), List.copyOf(back.firstMoments().keySet()));
        }
    }

    @Test
    void stateRecordValidates() {
        Map<String, SavedTensor> one = Map.of("a", new SavedTensor(new long[] {1}, new double[] {0}));
        Map<String, SavedTensor> other = Map.of("b", new SavedTensor(new long[] {1}, new double[] {0}));
        Map<String, SavedTensor> wide = Map.of("a", new SavedTensor(new long[] {1, 1}, new double[] {0}));
        assertEquals("step must be non-negative: -1", assertThrows(IllegalArgumentException.class,
                () -> new AdamW.State(-1, 0.1, 0.0, one, one)).getMessage());
        assertEquals("learningRate must be positive: 0.0", assertThrows(IllegalArgumentException.class,
                () -> new AdamW.State(1, 0.0, 0.0, one, one)).getMessage());
        assertEquals("weightDecay must be non-negative: -0.5", assertThrows(IllegalArgumentException.class,
                () -> new AdamW.State(1, 0.1, -0.5, one, one)).getMessage());
        assertEquals("firstMoments and secondMoments must name the same parameters: [a] vs [b]",
                assertThrows(IllegalStateException.class, () -> new AdamW.State(1, 0.1, 0.0, one, other))
                        .getMessage());
        assertEquals("moments of parameter 'a' disagree in shape: (1) vs (1, 1)",
                assertThrows(IllegalStateException.class, () -> new AdamW.State(1, 0.1, 0.0, one, wide))
                        .getMessage());
        assertEquals("values must have 6 elements for shape (2, 3): 5", assertThrows(IllegalStateException.class,
                () -> new SavedTensor(new long[] {2, 3}, new double[5])).getMessage());
    }

    @Test
    void configAndSettersRejectBadValues() {
        assertEquals("learningRate must be positive: -1.0", assertThrows(IllegalArgumentException.class,
                () -> AdamW.Config.of(-1.0, 0.01)).getMessage());
        assertEquals("learningRate must be finite: Infinity", assertThrows(IllegalArgumentException.class,
                () -> AdamW.Config.of(Double.POSITIVE_INFINITY, 0.01)).getMessage());
        assertEquals("beta1 must be in [0, 1): 1.0", assertThrows(IllegalArgumentException.class,
                () -> new AdamW.Config(0.01, 1.0, 0.999, 1e-8, 0.01)).getMessage());
        assertEquals("beta2 must be in [0, 1): -0.1", assertThrows(IllegalArgumentException.class,
                () -> new AdamW.Config(0.01, 0.9, -0.1, 1e-8, 0.01)).getMessage());
        assertEquals("epsilon must be positive: 0.0", assertThrows(IllegalArgumentException.class,
                () -> new AdamW.Config(0.01, 0.9, 0.999, 0.0, 0.01)).getMessage());
        assertEquals("weightDecay must be non-negative: NaN", assertThrows(IllegalArgumentException.class,
                () -> AdamW.Config.of(0.01, Double.NaN)).getMessage());

        List<Parameter> params = parameters(DataType.FLOAT32, randomValues(new Random(31), 0.3, 0.9));
        try (AdamW adam = AdamW.create(AdamW.Config.of(0.02, 0.01), params)) {
            assertEquals("learningRate must be positive: -1.0", assertThrows(IllegalArgumentException.class,
                    () -> adam.setLearningRate(-1.0)).getMessage());
            assertEquals("weightDecay must be non-negative: -0.01", assertThrows(IllegalArgumentException.class,
                    () -> adam.setWeightDecay(-0.01)).getMessage());
            assertEquals("multiplier must be non-negative: -1.0", assertThrows(IllegalArgumentException.class,
                    () -> adam.setWeightDecayMultiplier("p0", -1.0)).getMessage());
            assertEquals("parameterName is not known to this optimizer: nope",
                    assertThrows(IllegalArgumentException.class,
                            () -> adam.setWeightDecayMultiplier("nope", 1.0)).getMessage());
            assertEquals(0.02, adam.learningRate());
            assertEquals(0.01, adam.weightDecay());
        }
    }

    @Test
    void constructionRejectsBadParameterSets() {
        AdamW.Config config = AdamW.Config.of(0.02, 0.01);
        Parameter a = Fixtures.parameter(manager, "w", DataType.FLOAT32, new long[] {2}, new double[] {1, 2});
        Parameter b = Fixtures.parameter(manager, "w", DataType.FLOAT32, new long[] {2}, new double[] {1, 2});
        assertEquals("parameters contain two different parameters named 'w'; pass a map with unique names instead",
                assertThrows(IllegalArgumentException.class, () -> AdamW.create(config, List.of(a, b))).getMessage());
        assertEquals("parameters must not be empty", assertThrows(IllegalArgumentException.class,
                () -> AdamW.create(config, List.of())).getMessage());
        Parameter uninitialized = Parameter.builder().setName("u").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(2)).build();
        assertEquals("parameter 'u' is not initialized", assertThrows(IllegalStateException.class,
                () -> AdamW.create(config, List.of(uninitialized))).getMessage());
        Parameter ints = Parameter.builder().setName("i").setType(Parameter.Type.WEIGHT)
                .optArray(manager.create(new int[] {1, 2})).build();
        assertEquals("parameter 'i' has data type int32; expected float32 or float64",
                assertThrows(IllegalArgumentException.class, () -> AdamW.create(config, List.of(ints))).getMessage());
        Map<String, Parameter> blank = new LinkedHashMap<>();
        blank.put(" ", a);
        assertEquals("parameter names must not be blank: ' '", assertThrows(IllegalArgumentException.class,
                () -> new AdamW(config, blank)).getMessage());
    }

    @Test
    void tiedParametersAreUpdatedOnceAndFrozenOnesNotAtAll() {
        Parameter shared = Fixtures.parameter(manager, "emb", DataType.FLOAT64, new long[] {3}, new double[] {1, -1, 2});
        Parameter frozen = Fixtures.parameter(manager, "gain", DataType.FLOAT64, new long[] {2}, new double[] {3, 4});
        Map<String, Parameter> named = new LinkedHashMap<>();
        named.put("embedding", shared);
        named.put("unembedding", shared);
        named.put("gain", frozen);
        double[] grad = {0.5, -0.25, 0.125};
        Fixtures.setGradients(List.of(shared, frozen), new double[][] {grad, {1, 1}});
        frozen.freeze(true);
        double[][] ref = {{1, -1, 2}};
        Reference reference = new Reference(0.9, 0.999, 1e-8, ref);
        try (AdamW adam = new AdamW(AdamW.Config.of(0.1, 0.01), named)) {
            assertEquals(List.of("embedding", "gain"), adam.parameterNames());
            for (int i = 0; i < 3; i++) {
                adam.step();
                reference.step(ref, new double[][] {grad}, 0.1, 0.01, new double[] {1});
            }
        }
        assertArrayEquals(ref[0], Fixtures.values(shared), 1e-12);
        assertArrayEquals(new double[] {3, 4}, Fixtures.values(frozen));
    }

    @Test
    void stepsLeakNoArraysIntoTheParameterManager() {
        List<Parameter> params = parameters(DataType.FLOAT32, randomValues(new Random(41), 0.3, 0.9));
        try (AdamW adam = AdamW.create(AdamW.Config.of(0.02, 0.01), params)) {
            Random rnd = new Random(42);
            run(adam, params, rnd, 0, 1);
            NDManager owner = params.get(0).getArray().getManager();
            int before = owner.getManagedArrays().size();
            run(adam, params, rnd, 1, 6);
            GradientClipping.clipGlobalNorm(params, 0.1);
            adam.exportState();
            assertEquals(before, owner.getManagedArrays().size());
        }
    }

    @Test
    void stepWorksWhereGradModeIsOnAndGivesTheSameResult() throws Exception {
        double[][] init = randomValues(new Random(51), 0.3, 0.9);
        double[][] grads = rounded(DataType.FLOAT32, randomValues(new Random(52), 0.05, 1.0));
        List<Parameter> main = parameters(DataType.FLOAT32, init);
        List<Parameter> other = parameters(DataType.FLOAT32, init);
        List<Parameter> inside = parameters(DataType.FLOAT32, init);
        Fixtures.setGradients(main, grads);
        Fixtures.setGradients(other, grads);
        Fixtures.setGradients(inside, grads);
        try (AdamW a = AdamW.create(AdamW.Config.of(0.02, 0.01), main);
             AdamW b = AdamW.create(AdamW.Config.of(0.02, 0.01), other);
             AdamW c = AdamW.create(AdamW.Config.of(0.02, 0.01), inside)) {
            a.step();
            // threads DJL did not start have autograd recording on
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread t = new Thread(() -> {
                try {
                    b.step();
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            t.start();
            t.join();
            assertEquals(null, failure.get());
            try (GradientCollector ignored = Engine.getInstance().newGradientCollector()) {
                c.step();
            }
        }
        for (int i = 0; i < SHAPES.length; i++) {
            float[] expected = main.get(i).getArray().toFloatArray();
            assertNotEquals(init[i][0], expected[0]);
            assertArrayEquals(expected, other.get(i).getArray().toFloatArray());
            assertArrayEquals(expected, inside.get(i).getArray().toFloatArray());
        }
    }

    @Test
    void closedOptimizerRefusesWork() {
        List<Parameter> params = parameters(DataType.FLOAT32, randomValues(new Random(61), 0.3, 0.9));
        AdamW adam = AdamW.create(AdamW.Config.of(0.02, 0.01), params);
        adam.close();
        adam.close();
        assertEquals("AdamW is closed", assertThrows(IllegalStateException.class, adam::step).getMessage());
        assertEquals("AdamW is closed", assertThrows(IllegalStateException.class, adam::exportState).getMessage());
        assertTrue(params.get(0).getArray().toFloatArray().length > 0);
    }
}
