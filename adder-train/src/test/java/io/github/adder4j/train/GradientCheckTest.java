package io.github.adder4j.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.Options.Precision;
import io.github.adder4j.core.Preset;
import io.github.adder4j.core.format.TokenFormat;
import io.github.adder4j.core.io.Tensor;
import io.github.adder4j.train.optim.Gradients;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Autograd through every preset's blocks agrees with central finite differences of the masked loss (float64), coordinate
 * by coordinate, for every learned parameter: a parameter detached from the graph, a wrong tying or a scalar freed too early
 * all show up here.
 */
class GradientCheckTest {
    private static final long[] A = {1234567890L, 9999999999L, 5193798811L, 42L};
    private static final long[] B = {9876543210L, 1L, 1806201129L, 58L};

    private static double loss(AdderModel model, Batch batch) {
        try (NDManager m = model.manager().newSubManager()) {
            return Forward.maskedCrossEntropy(model, m, batch, false).getDouble();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Preset.class, names = "ROPE19_10", mode = EnumSource.Mode.EXCLUDE)
    void autogradMatchesFiniteDifferences(Preset preset) {
        try (AdderModel model = preset.builder().precision(Precision.FLOAT64).seed(11).build()) {
            TokenFormat.TrainingBatch t = model.format().trainingBatch(A, B);
            Batch batch = new Batch(t.inputs(), t.targets(), t.mask(), t.rows(), t.length());
            // move every parameter off its initial value: zero-initialised branches would hide upstream gradients
            java.util.SplittableRandom random = new java.util.SplittableRandom(5);
            Map<String, double[]> start = new LinkedHashMap<>();
            for (Tensor tensor : model.tensors()) {
                double[] v = tensor.values();
                for (int i = 0; i < v.length; i++) {
                    v[i] += 0.3 * (random.nextDouble() * 2 - 1);
                }
                start.put(tensor.name(), v);
            }
            model.load(start);
            Map<String, double[]> analytic = new LinkedHashMap<>();
            java.util.List<Parameter> params = new ArrayList<>(model.namedParameters().values());
            Gradients.zero(params);
            try (NDManager m = model.manager().newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = Forward.maskedCrossEntropy(model, m, batch, true);
                gc.backward(l);
            }
            for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
                analytic.put(e.getKey(), e.getValue().getArray().getGradient().toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray());
            }
            Map<String, double[]> values = new LinkedHashMap<>();
            for (Tensor tensor : model.tensors()) {
                values.put(tensor.name(), tensor.values());
            }
            double h = 1e-5;
            for (Map.Entry<String, double[]> e : analytic.entrySet()) {
                double[] v = values.get(e.getKey());
                for (int i : new int[] {0, v.length / 2, v.length - 1}) {
                    double keep = v[i];
                    v[i] = keep + h;
                    model.load(values);
                    double up = loss(model, batch);
                    v[i] = keep - h;
                    model.load(values);
                    double down = loss(model, batch);
                    v[i] = keep;
                    model.load(values);
                    double numeric = (up - down) / (2 * h);
                    double g = e.getValue()[i];
                    assertTrue(Math.abs(g - numeric) <= 1e-4 * Math.max(1, Math.max(Math.abs(g), Math.abs(numeric))),
                            preset.id() + ": d loss / d " + e.getKey() + "[" + i + "] autograd " + g + " vs finite difference " + numeric);
                }
            }
        }
    }
}
