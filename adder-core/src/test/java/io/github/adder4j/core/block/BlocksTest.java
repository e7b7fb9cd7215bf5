package io.github.adder4j.core.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.github.adder4j.core.AttentionSpec;
import io.github.adder4j.core.FfnSpec;
import io.github.adder4j.core.Options;
import io.github.adder4j.core.Options.Norm;
import io.github.adder4j.core.Options.Softmax;
import io.github.adder4j.core.Positions;
import io.github.adder4j.core.Projection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every public block works on its own through DJL: initialize, forward, parameters named by their path, shapes checked. */
class BlocksTest {
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private NDArray run(Block block, NDArray... inputs) {
        return block.forward(new ParameterStore(manager, false), new NDList(inputs), false).head();
    }

    private static void set(Block block, String name, float... values) {
        for (var pair : block.getParameters()) {
            if (pair.getValue().getName().equals(name)) {
                pair.getValue().getArray().set(values);
                return;
            }
        }
        throw new AssertionError("no parameter " + name);
    }

    private static List<String> names(Block block) {
        List<String> out = new ArrayList<>();
        for (var pair : block.getParameters()) {
            out.add(pair.getValue().getName());
        }
        return out;
    }

    private NDArray ramp(long... shape) {
        return manager.arange(0f, new Shape(shape).size(), 1f).reshape(shape).div(manager.create(7f));
    }

    private static AttentionSpec encoderAttention(int heads, int headDim) {
        return new AttentionSpec(1, heads, heads, headDim, Options.Source.ALL, Options.Source.ALL, Options.QkMode.SEPARATE, 0,
                Options.ValueMode.OWN, Projection.full(), Projection.full(), Projection.full(), Options.OutputMode.PROJECTION,
                Projection.full(), Softmax.STANDARD, 0, true);
    }

    @Test
    void layerNormNormalisesTheLastAxisOfAnyLeadingShape() {
        NormBlock norm = new NormBlock("enc.norm", Norm.LAYER, 4, 1e-5, DataType.FLOAT32);
        norm.initialize(manager, DataType.FLOAT32, new Shape(3, 2, 5, 4));
        set(norm, "enc.norm.weight", 1, 2, 1, 1);
        set(norm, "enc.norm.bias", 0, 0, 0, 10);
        assertEquals(List.of("enc.norm.weight", "enc.norm.bias"), names(norm));
        NDArray x = ramp(3, 2, 5, 4);                                             // (P, B, T, d): a population axis in front
        float[] y = run(norm, x).toFloatArray();
        // every row is (k, k+1, k+2, k+3) / 7: centred (-1.5, -0.5, 0.5, 1.5) / 7, variance 1.25 / 49
        double sd = Math.sqrt(1.25 / 49 + 1e-5);
        for (int row = 0; row < 30; row++) {
            assertEquals(-1.5 / 7 / sd * 1, y[row * 4], 1e-4);
            assertEquals(-0.5 / 7 / sd * 2, y[row * 4 + 1], 1e-4);
            assertEquals(1.5 / 7 / sd + 10, y[row * 4 + 3], 1e-4);
        }
    }

    @Test
    void aBlockNamesTheShapeItExpected() {
        NormBlock norm = new NormBlock("final.norm", Norm.RMS, 5, 1e-5, DataType.FLOAT32);
        norm.initialize(manager, DataType.FLOAT32, new Shape(2, 3, 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(norm, ramp(2, 3, 4)));
        assertEquals("NormBlock final.norm expects (..., 5), got (2, 3, 4)", e.getMessage());
        ProjectionBlock p = new ProjectionBlock("patch", 49, 32, Projection.full(), true, DataType.FLOAT32);
        p.initialize(manager, DataType.FLOAT32, new Shape(1, 16, 49));
        e = assertThrows(IllegalArgumentException.class, () -> run(p, ramp(1, 16, 48)));
        assertEquals("ProjectionBlock patch expects (..., 49), got (1, 16, 48)", e.getMessage());
        assertEquals("norm dims must be positive: 0",
                assertThrows(IllegalArgumentException.class, () -> new NormBlock("n", Norm.RMS, 0, 1e-5, DataType.FLOAT32)).getMessage());
    }

    @Test
    void projectionIsXTimesWTransposedPlusBias() {
        ProjectionBlock p = new ProjectionBlock("proj", 2, 3, Projection.full(), true, DataType.FLOAT32);
        p.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
        assertEquals(List.of("proj.weight", "proj.bias"), names(p));
        set(p, "proj.weight", 1, 0, 0, 1, 1, 1);                                   // W (3, 2)
        set(p, "proj.bias", 0, 0, 100);
        NDArray y = run(p, manager.create(new float[] {2, 5}, new Shape(1, 1, 2)));
        assertEquals(new Shape(1, 1, 3), y.getShape());
        assertArrayEquals(new float[] {2, 5, 107}, y.toFloatArray());
        assertEquals(new Shape(4, 9, 3), p.getOutputShapes(new Shape[] {new Shape(4, 9, 2)})[0]);
    }

    @Test
    void tokenEmbeddingLooksUpRowsAndPositionsGiveTheFirstTRows() {
        TokenEmbeddingBlock token = new TokenEmbeddingBlock(Options.Embedding.TABLE, 3, 2, 0, DataType.FLOAT32);
        token.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
        set(token, "token.table", 0, 1, 10, 11, 20, 21);
        NDArray e = run(token, manager.create(new long[] {2, 0, 1}, new Shape(1, 3)));
        assertArrayEquals(new float[] {20, 21, 0, 1, 10, 11}, e.toFloatArray());
        assertEquals("TokenEmbeddingBlock expects int64 token ids (..., T), got float32 (1, 3)",
                assertThrows(IllegalArgumentException.class, () -> run(token, ramp(1, 3))).getMessage());

        PositionBlock positions = new PositionBlock(Positions.learned(4), 2, null, DataType.FLOAT32);
        positions.initialize(manager, DataType.FLOAT32, new Shape(1, 4));
        set(positions, "position.table", 0, 1, 2, 3, 4, 5, 6, 7);
        NDArray p = run(positions, ramp(5, 3, 2));                                   // T = 3 from axis 1
        assertEquals(new Shape(3, 2), p.getShape());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, p.toFloatArray());
        assertEquals("PositionBlock has 4 positions, got 5 in (1, 5)",
                assertThrows(IllegalArgumentException.class, () -> run(positions, ramp(1, 5))).getMessage());
    }

    @Test
    void attentionCoreTakesItsMaskAsAnInput() {
        AttentionCore core = new AttentionCore("core", 1.0, Softmax.STANDARD, DataType.FLOAT32);
        core.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 3, 2));
        NDArray q = manager.zeros(new Shape(1, 1, 3, 2));                            // equal scores: weights are the mask's
        NDArray v = manager.create(new float[] {3, 30, 6, 60, 9, 90}, new Shape(1, 1, 3, 2));
        NDArray none = manager.create(toFloat(AttentionMask.none().bias(3)), new Shape(3, 3));
        NDArray causal = manager.create(toFloat(AttentionMask.causal().bias(3)), new Shape(3, 3));
        // no mask: every query averages all three values
        assertArrayEquals(new float[] {6, 60, 6, 60, 6, 60}, run(core, q, q, v, none).toFloatArray(), 1e-5f);
        // causal: query t averages values 0..t
        assertArrayEquals(new float[] {3, 30, 4.5f, 45, 6, 60}, run(core, q, q, v, causal).toFloatArray(), 1e-5f);
        assertEquals(-2.0, AttentionMask.alibi(1).bias(3)[2 * 3], 0);
        assertEquals(Double.NEGATIVE_INFINITY, AttentionMask.alibi(1).bias(3)[1], 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(core, q, q, v, manager.zeros(new Shape(2, 2))));
        assertEquals("AttentionCore core expects q (B, H, T, hd), k (B, H, T, hd), v (B, H, T, vd), bias (T, T), got (1, 1, 3, 2),"
                + " (1, 1, 3, 2), (1, 1, 3, 2), (2, 2)", e.getMessage());
    }

    @Test
    void anEncoderLayerRunsOnItsOwnWithParametersNamedByItsPath() {
        AttentionBlock attention = AttentionBlock.of("layer0.attention", encoderAttention(2, 4), 8, AttentionMask.none(), DataType.FLOAT32);
        NormBlock norm1 = new NormBlock("layer0.norm1", Norm.LAYER, 8, 1e-5, DataType.FLOAT32);
        NormBlock norm2 = new NormBlock("layer0.norm2", Norm.LAYER, 8, 1e-5, DataType.FLOAT32);
        FeedForwardBlock ffn = new FeedForwardBlock("layer0.ffn", new FfnSpec(16, Options.Activation.GELU, true, Projection.full(),
                Projection.full(), Options.FfnOut.OWN, Projection.full()), 8, null, "", DataType.FLOAT32);
        TransformerLayer layer = new TransformerLayer("layer0", 8, norm1, attention, norm2, ffn, false);
        layer.initialize(manager, DataType.FLOAT32, new Shape(2, 5, 8));
        assertEquals(List.of("layer0.norm1.weight", "layer0.norm1.bias", "layer0.attention.query.weight", "layer0.attention.query.bias",
                "layer0.attention.key.weight", "layer0.attention.key.bias", "layer0.attention.value.weight", "layer0.attention.value.bias",
                "layer0.attention.out.weight", "layer0.attention.out.bias", "layer0.norm2.weight", "layer0.norm2.bias",
                "layer0.ffn.in.weight", "layer0.ffn.in.bias", "layer0.ffn.out.weight", "layer0.ffn.out.bias"), names(layer));
        NDArray x = ramp(2, 5, 8);
        // all parameters zero: both updates are zero, so the two residual lines return x
        assertArrayEquals(x.toFloatArray(), run(layer, x).toFloatArray());
        // a bias on the attention output and on the FFN output: x + b_attn + b_ffn
        set(layer, "layer0.attention.out.bias", 1, 1, 1, 1, 1, 1, 1, 1);
        set(layer, "layer0.ffn.out.bias", 0, 0, 0, 0, 0, 0, 0, 10);
        NDArray y = run(layer, x);
        assertEquals(new Shape(2, 5, 8), y.getShape());
        assertEquals(x.getFloat(1, 4, 7) + 11, y.getFloat(1, 4, 7), 1e-5);
        assertEquals(x.getFloat(0, 0, 0) + 1, y.getFloat(0, 0, 0), 1e-5);
        assertEquals("TransformerLayer layer0 expects (B, T, 8), got (2, 5, 7)",
                assertThrows(IllegalArgumentException.class, () -> run(layer, ramp(2, 5, 7))).getMessage());
    }

    @Test
    void attentionWithoutAMaskLetsTheFirstTokenSeeTheLast() {
        AttentionBlock encoder = AttentionBlock.of("enc", encoderAttention(1, 2), 2, AttentionMask.none(), DataType.FLOAT32);
        AttentionBlock decoder = new AttentionBlock("dec", encoderAttention(1, 2), 2, 2, Positions.Relative.none(),
                Options.QkNorm.NONE, 1e-5, null, "", DataType.FLOAT32);
        for (AttentionBlock a : List.of(encoder, decoder)) {
            a.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 2));
            set(a, a.name + ".value.weight", 1, 0, 0, 1);
            set(a, a.name + ".out.weight", 1, 0, 0, 1);
        }
        NDArray x = manager.create(new float[] {0, 0, 0, 0, 3, 9}, new Shape(1, 3, 2));
        // q = k = 0: uniform weights; the first query sees all tokens without a mask, only itself with the causal one
        assertArrayEquals(new float[] {1, 3}, run(encoder, x).get("0, 0").toFloatArray(), 1e-5f);
        assertArrayEquals(new float[] {0, 0}, run(decoder, x).get("0, 0").toFloatArray(), 1e-5f);
        assertArrayEquals(new float[] {1, 3}, run(decoder, x).get("0, 2").toFloatArray(), 1e-5f);
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    @Test
    void aRankOneOutputMixesTheProjectedValuesToTheSameResult() {
        ProjectionBlock out = new ProjectionBlock("o", 3, 4, Projection.lowRank(1), true, DataType.FLOAT32);
        out.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
        set(out, "o.A", 0.5f, -1, 2);
        set(out, "o.B", 1, -2, 0.25f, 3);
        set(out, "o.bias", 0.1f, 0.2f, 0.3f, 0.4f);
        AttentionCore core = new AttentionCore("core", 1, Softmax.STANDARD, DataType.FLOAT32);
        Fwd f = new Fwd(new ParameterStore(manager, false), manager, false, DataType.FLOAT32);
        NDArray weights = manager.randomUniform(0, 1, new Shape(2, 1, 3, 5)).softmax(-1);       // (B, 1, T, keys)
        NDArray v = manager.randomNormal(new Shape(2, 1, 5, 3));                                 // (B, 1, keys, vd)
        NDArray mixedFirst = new AttentionOutputs.Projected(out, false).apply(f, f, core, weights, v); // ((W v) alpha) beta
        NDArray valuesFirst = new AttentionOutputs.Projected(out, true).apply(f, f, core, weights, v); // (W (v alpha)) beta
        assertEquals(new Shape(2, 3, 4), valuesFirst.getShape());
        assertArrayEquals(mixedFirst.toFloatArray(), valuesFirst.toFloatArray(), 1e-5f);
    }

    @Test
    void parametersOfAProjectionAreRegisteredOnce() {
        ProjectionBlock p = new ProjectionBlock("x", 2, 2, Projection.lowRank(1), false, DataType.FLOAT32);
        p.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
        List<Parameter> params = new ArrayList<>(p.getParameters().values());
        assertEquals(List.of("x.A", "x.B"), names(p));
        assertEquals(2, params.size());
    }

    @Test
    void patchesAreCutInRowMajorGridOrderAndEmbedded() {
        PatchEmbedding patches = new PatchEmbedding("patch", 4, 2, 3, DataType.FLOAT32);
        patches.initialize(manager, DataType.FLOAT32, new Shape(1, 4, 4));
        assertEquals(List.of("patch.weight", "patch.bias"), names(patches));
        NDArray image = manager.arange(0f, 16f, 1f).reshape(1, 4, 4);              // pixel value = its row-major index
        assertArrayEquals(new float[] {0, 1, 4, 5, 2, 3, 6, 7, 8, 9, 12, 13, 10, 11, 14, 15}, patches.cut(image).toFloatArray());
        set(patches, "patch.weight", 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0);          // d0 = top-left pixel, d1 = top-right
        set(patches, "patch.bias", 0, 0, 1);
        NDArray x = run(patches, image);
        assertEquals(new Shape(1, 4, 3), x.getShape());
        assertArrayEquals(new float[] {0, 1, 1, 2, 3, 1, 8, 9, 1, 10, 11, 1}, x.toFloatArray());
        assertEquals("PatchEmbedding patch expects (B, 4, 4), got (1, 4, 5)",
                assertThrows(IllegalArgumentException.class, () -> run(patches, ramp(1, 4, 5))).getMessage());
        assertEquals("patches need positive sizes with patchSize dividing imageSize: imageSize=28, patchSize=5",
                assertThrows(IllegalArgumentException.class, () -> new PatchEmbedding("p", 28, 5, 8, DataType.FLOAT32)).getMessage());
    }
}
