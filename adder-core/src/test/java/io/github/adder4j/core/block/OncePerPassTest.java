package io.github.adder4j.core.block;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.AttentionSpec;
import io.github.adder4j.core.Options.Precision;
import io.github.adder4j.core.Options.ValueMode;
import io.github.adder4j.core.Preset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every example of a pass shares is computed once: the first layer's norm scale and attention weights of the
 * arc-embedded split models (they depend on the position alone), and the first layer's row-wise work of the models with
 * no absolute positions (their input is a function of the token alone). The logits and every parameter's gradient are
 * those of the per-example computation, and no other preset takes these paths.
 */
class OncePerPassTest {
    private static final Set<Preset> SHARED = Set.of(Preset.SPLIT_57, Preset.SPLIT_67, Preset.SPLIT_74);
    private static final Set<Preset> PER_TOKEN = Set.of(Preset.ROPE_122, Preset.ROPE_36, Preset.ROPE19_10);
    private static final int ROWS = 6;

    @ParameterizedTest
    @EnumSource(Preset.class)
    void onlyTheArcEmbeddedSplitModelsShareTheirFirstLayersWeights(Preset preset) {
        try (AdderModel model = preset.builder().seed(1).build()) {
            AdderNet net = model.block();
            assertEquals(SHARED.contains(preset), AdderNet.firstWeightsShared(net.config()), preset.id());
            assertEquals(SHARED.contains(preset), net.attention(0).weightsSharedAcrossBatch(), preset.id());
            assertEquals(SHARED.contains(preset), AdderNet.firstNormScaleByPosition(net.config()), preset.id());
            assertEquals(SHARED.contains(preset), net.layer(0).norm1ScaledByPosition(), preset.id());
            assertEquals(PER_TOKEN.contains(preset), net.firstLayerPerToken(), preset.id());
            for (int layer = 1; layer < net.config().attention().layers(); layer++) {
                assertTrue(!net.attention(layer).weightsSharedAcrossBatch() && !net.layer(layer).norm1ScaledByPosition(),
                        preset.id() + " layer " + layer);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Preset.class, names = {"SPLIT_57", "SPLIT_67", "SPLIT_74"})
    void sharedWeightsGiveThePerExampleLogitsAndGradients(Preset preset) {
        assertSameAsPerExample(preset, (net, once) -> {
            net.attention(0).shareWeightsAcrossBatch(once);
            net.layer(0).scaleNorm1ByPosition(once);
        });
    }

    @ParameterizedTest
    @EnumSource(value = Preset.class, names = {"ROPE_122", "ROPE_36", "ROPE19_10"})
    void perTokenRowsGiveThePerExampleLogitsAndGradients(Preset preset) {
        assertSameAsPerExample(preset, AdderNet::computeFirstLayerPerToken);
    }

    /**
     * A training pass of the preset in float64 (parameters moved away from their init) with the work done once per pass,
     * then with {@code onceAPass} set to false, per example: the logits and every gradient agree to 1e-10.
     */
    private static void assertSameAsPerExample(Preset preset, BiConsumer<AdderNet, Boolean> onceAPass) {
        try (AdderModel model = preset.builder().seed(11).precision(Precision.FLOAT64).build();
             NDManager m = model.manager().newSubManager()) {
            AdderNet net = model.block();
            randomize(model, 3);
            int length = model.format().contextLength() - 1;
            NDArray tokens = m.create(tokens(ROWS, length, model.format().vocabSize(), 5), new Shape(ROWS, length));
            Pass once = pass(net, m, tokens);
            onceAPass.accept(net, false);
            try {
                Pass perExample = pass(net, m, tokens);
                assertClose(perExample.logits, once.logits, preset.id() + " logits");
                assertEquals(perExample.gradients.keySet(), once.gradients.keySet(), preset.id());
                for (String name : perExample.gradients.keySet()) {
                    assertClose(perExample.gradients.get(name), once.gradients.get(name), preset.id() + " gradient of " + name);
                }
            } finally {
                onceAPass.accept(net, true);
            }
        }
    }

    @Test
    void aFirstLayerWithAbsolutePositionsIsNotPerToken() {
        try (AdderModel model = Preset.CLASSIC_777.builder().seed(1).build()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> model.block().computeFirstLayerPerToken(true));
            assertEquals("the first layer's input carries absolute positions (" + model.block().config().positions()
                    + "): it is not a function of the token alone", e.getMessage());
        }
    }

    @Test
    void valuesDerivedFromTheQueriesCannotShareTheWeights() {
        try (AdderModel model = Preset.ROPE_36.builder().seed(1).build()) {
            AttentionSpec spec = model.block().config().attention();
            assertEquals(ValueMode.EQUALS_Q, spec.valueMode());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> model.block().attention(0).shareWeightsAcrossBatch(true));
            assertEquals("attention layer0.attention derives its values from its queries or keys: valueMode=EQUALS_Q, sharedRank="
                    + spec.sharedRank(), e.getMessage());
        }
    }

    @Test
    void aLayerNormsScaleCannotBeShared() {
        try (AdderModel model = Preset.SPLIT_234.builder().seed(1).build()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> model.block().layer(0).scaleNorm1ByPosition(true));
            assertEquals("layer layer0 has a LayerNorm before attention: its scale cannot be shared", e.getMessage());
        }
    }

    private record Pass(double[] logits, Map<String, double[]> gradients) { }

    /**
     * Logits of a training pass over the second half of the rows (as a loss over the answer asks for them) and the
     * gradient of a fixed weighted sum of them, each parameter's from this pass alone.
     */
    private static Pass pass(AdderNet net, NDManager m, NDArray tokens) {
        Map<String, double[]> before = gradients(net);
        NDArray logits;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            logits = net.logitsFrom(new ParameterStore(m, false), tokens, (int) tokens.getShape().get(1) / 2, true);
            Random r = new Random(17);
            double[] c = new double[(int) logits.getShape().size()];
            for (int i = 0; i < c.length; i++) {
                c[i] = r.nextGaussian();
            }
            gc.backward(logits.mul(logits).mul(m.create(c, logits.getShape())).sum());      // sum_i c_i logit_i^2
        }
        Map<String, double[]> after = gradients(net);
        Map<String, double[]> own = new LinkedHashMap<>();
        for (String name : after.keySet()) {
            double[] a = after.get(name);
            double[] b = before.get(name);
            double[] g = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                g[i] = a[i] - (b == null ? 0 : b[i]);
            }
            own.put(name, g);
        }
        return new Pass(logits.toDoubleArray(), own);
    }

    private static Map<String, double[]> gradients(AdderNet net) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : net.namedParameters().entrySet()) {
            NDArray array = e.getValue().getArray();
            if (e.getValue().requiresGradient() && array.hasGradient()) {
                out.put(e.getKey(), array.getGradient().toType(DataType.FLOAT64, false).toDoubleArray());
            }
        }
        return out;
    }

    private static void assertClose(double[] want, double[] got, String what) {
        assertEquals(want.length, got.length, what);
        double scale = 1e-12;
        double worst = 0;
        for (int i = 0; i < want.length; i++) {
            scale = Math.max(scale, Math.abs(want[i]));
            worst = Math.max(worst, Math.abs(want[i] - got[i]));
        }
        assertTrue(worst <= 1e-10 * scale, what + " differs by " + worst + " (largest " + scale + ")");
    }

    private static void randomize(AdderModel model, long seed) {
        Random r = new Random(seed);
        for (Parameter p : model.namedParameters().values()) {
            NDArray a = p.getArray();
            double[] v = a.toDoubleArray();
            for (int i = 0; i < v.length; i++) {
                v[i] += 0.3 * r.nextGaussian();
            }
            a.set(v);
        }
    }

    private static long[] tokens(int rows, int length, int vocab, long seed) {
        Random r = new Random(seed);
        long[] t = new long[rows * length];
        for (int i = 0; i < t.length; i++) {
            t[i] = r.nextInt(vocab);
        }
        return t;
    }
}
