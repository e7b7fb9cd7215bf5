package io.github.adder4j.core.block;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.engine.Engine;
import ai.djl.training.GradientCollector;
import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.Preset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A population pass (P models of one architecture in one graph) gives member p exactly what member p's own model gives:
 * the same logits on the same tokens, for every preset, and gradients that belong to member p alone.
 */
class PopulationForwardTest {
    private static final int MEMBERS = 3;
    private static final int ROWS = 4;

    @ParameterizedTest
    @EnumSource(Preset.class)
    void memberLogitsEqualEachModelAlone(Preset preset) {
        List<AdderModel> models = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            for (int p = 0; p < MEMBERS; p++) {
                models.add(preset.builder().seed(100 + p).build());
            }
            AdderNet net = models.get(0).block();
            int length = models.get(0).format().contextLength();
            int vocab = models.get(0).format().vocabSize();
            long[][][] tokens = tokens(MEMBERS, ROWS, length, vocab, preset.ordinal());
            Map<String, NDArray> values = stacked(m, models);
            NDArray population = net.populationLogits(values, m.create(flat(tokens), new Shape(MEMBERS, ROWS, length)), false);
            assertEquals(new Shape(MEMBERS, ROWS, length, vocab), population.getShape());
            float[] all = population.toType(DataType.FLOAT32, false).toFloatArray();
            int per = ROWS * length * vocab;
            for (int p = 0; p < MEMBERS; p++) {
                float[][][] alone = models.get(p).logits(tokens[p]);
                double worst = 0;
                double scale = 1e-6;
                for (int b = 0; b < ROWS; b++) {
                    for (int t = 0; t < length; t++) {
                        for (int v = 0; v < vocab; v++) {
                            double want = alone[b][t][v];
                            double got = all[p * per + (b * length + t) * vocab + v];
                            worst = Math.max(worst, Math.abs(want - got));
                            scale = Math.max(scale, Math.abs(want));
                        }
                    }
                }
                assertTrue(worst <= 2e-5 * scale, preset.id() + " member " + p + " differs from its model alone by " + worst
                        + " (largest logit " + scale + ")");
            }
        } finally {
            models.forEach(AdderModel::close);
        }
    }

    @Test
    void gradientsOfOneMembersLossReachOnlyThatMember() {
        List<AdderModel> models = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            for (int p = 0; p < MEMBERS; p++) {
                models.add(Preset.ROPE_36.builder().seed(7 + p).build());
            }
            AdderNet net = models.get(0).block();
            int length = models.get(0).format().contextLength();
            Map<String, NDArray> values = stacked(m, models);
            values.values().forEach(v -> v.setRequiresGradient(true));
            long[][][] tokens = tokens(MEMBERS, ROWS, length, models.get(0).format().vocabSize(), 1);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray logits = net.populationLogits(values, m.create(flat(tokens), new Shape(MEMBERS, ROWS, length)), true);
                gc.backward(logits.get("1").square().sum());                      // member 1's output only
            }
            for (Map.Entry<String, NDArray> e : values.entrySet()) {
                float[] g = e.getValue().getGradient().toType(DataType.FLOAT32, false).toFloatArray();
                int per = g.length / MEMBERS;
                for (int i = 0; i < g.length; i++) {
                    if (i / per != 1) {
                        assertEquals(0f, g[i], e.getKey() + " of member " + i / per + " got a gradient from member 1");
                    }
                }
            }
        } finally {
            models.forEach(AdderModel::close);
        }
    }

    @Test
    void refusesValuesOfTheWrongShapeNamingTheParameter() {
        try (AdderModel model = Preset.ROPE_36.builder().seed(1).build(); NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> values = stacked(m, List.of(model));
            String first = values.keySet().iterator().next();
            values.put(first, m.zeros(new Shape(2, 7)));
            NDArray tokens = m.zeros(new Shape(1, 2, 5), DataType.INT64);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.block().populationLogits(values, tokens, false));
            assertEquals("population value of " + first + " must have shape " + new Shape(1).addAll(
                    model.namedParameters().get(first).getShape()) + ", got (2, 7)", e.getMessage());
            IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                    () -> model.block().populationLogits(stacked(m, List.of(model)), m.zeros(new Shape(2, 5), DataType.INT64), false));
            assertEquals("population tokens must be int64 (P, B, T), got int64 (2, 5)", rank.getMessage());
        }
    }

    /** Each model's parameters stacked along a new leading member axis, by name. */
    private static Map<String, NDArray> stacked(NDManager m, List<AdderModel> models) {
        Map<String, NDArray> values = new LinkedHashMap<>();
        for (String name : models.get(0).namedParameters().keySet()) {
            NDList parts = new NDList();
            for (AdderModel model : models) {
                parts.add(model.namedParameters().get(name).getArray().duplicate());
            }
            NDArray stacked = NDArrays.stack(parts);
            stacked.attach(m);
            parts.close();
            values.put(name, stacked);
        }
        return values;
    }

    private static long[][][] tokens(int members, int rows, int length, int vocab, long seed) {
        Random r = new Random(seed);
        long[][][] t = new long[members][rows][length];
        for (long[][] member : t) {
            for (long[] row : member) {
                for (int i = 0; i < length; i++) {
                    row[i] = r.nextInt(vocab);
                }
            }
        }
        return t;
    }

    private static long[] flat(long[][][] t) {
        List<Long> out = new ArrayList<>();
        for (long[][] a : t) {
            for (long[] row : a) {
                for (long v : row) {
                    out.add(v);
                }
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }
}
