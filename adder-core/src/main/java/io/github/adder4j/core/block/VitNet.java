package io.github.adder4j.core.block;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.github.adder4j.core.Options.Norm;
import io.github.adder4j.core.Positions;
import io.github.adder4j.core.Projection;
import io.github.adder4j.core.engine.GradMode;
import io.github.adder4j.core.params.Component;
import io.github.adder4j.core.params.ParameterReport;
import io.github.adder4j.core.vision.VitConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Vision Transformer classifier as one DJL block: {@code images (B, S, S) float -> logits (B, classes)}.
 *
 * <pre>
 * x = [cls ; PatchEmbedding(images)] + P[0..N]     (B, N + 1, d)
 * for each layer:  x = x + attn(LN1(x));  x = x + mlp(LN2(x))   (no mask: every token sees every token)
 * logits = head(LN_f(x[:, 0]))                      (B, classes)
 * </pre>
 * Parameters, with {@code w = H hd} the attention width: patches {@code p^2 d + d}, CLS {@code d}, positions
 * {@code (N + 1) d}; per layer LN1 {@code 2d}, q, k, v {@code 3 (d w + w)}, output {@code w d + d}, and with an MLP of
 * width m also LN2 {@code 2d} and {@code d m + m + m d + d}; final LN {@code 2d}; classifier {@code d c + c}. The
 * Micro-ViT (d 32, 16 patches of 7x7, H 2, hd 8, no MLP): 1600 + 32 + 544 + 64 + 1584 + 544 + 64 + 330 = 4762.
 */
public final class VitNet extends AbstractBlock {
    private final VitConfig config;
    private final PatchEmbedding patches;
    private final Parameter cls;
    private final PositionBlock positions;
    private final List<TransformerLayer> layers = new ArrayList<>();
    private final NormBlock finalNorm;
    private final ProjectionBlock head;

    /**
     * Builds the block graph of a configuration (parameters are allocated by {@link #initialize}).
     *
     * @param config a validated ViT configuration
     */
    public VitNet(VitConfig config) {
        this.config = config;
        DataType dtype = DataType.FLOAT32;
        int d = config.dModel();
        patches = addChildBlock("patch", new PatchEmbedding("patch", config.imageSize(), config.patchSize(), d, dtype));
        cls = addParameter(Parameter.builder().setName("cls").setType(Parameter.Type.WEIGHT).optShape(new Shape(1, d))
                .optInitializer(Init.ZEROS).build());
        positions = addChildBlock("position", new PositionBlock(Positions.learned(config.tokens()), d, null, dtype));
        for (int i = 0; i < config.depth(); i++) {
            String prefix = "layer" + i;
            boolean mlp = config.mlpWidth() > 0;
            layers.add(addChildBlock(prefix, new TransformerLayer(prefix, d,
                    new NormBlock(prefix + ".norm1", Norm.LAYER, d, config.normEps(), dtype),
                    AttentionBlock.of(prefix + ".attention", config.attention(), d, AttentionMask.none(), dtype),
                    mlp ? new NormBlock(prefix + ".norm2", Norm.LAYER, d, config.normEps(), dtype) : null,
                    mlp ? new FeedForwardBlock(prefix + ".mlp", config.mlp(), d, null, "", dtype) : null, false)));
        }
        finalNorm = addChildBlock("final.norm", new NormBlock("final.norm", Norm.LAYER, d, config.normEps(), dtype));
        head = addChildBlock("head", new ProjectionBlock("head", d, config.classes(), Projection.full(), true, dtype));
    }

    /**
     * The configuration this block was built from.
     *
     * @return the configuration given to the constructor
     */
    public VitConfig config() {
        return config;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray images = inputs.head();                                                      // (B, S, S)
        Shape s = images.getShape();
        if (s.dimension() != 3 || s.get(1) != config.imageSize() || s.get(2) != config.imageSize() || images.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("VitNet expects float32 images (B, " + config.imageSize() + ", " + config.imageSize()
                    + "), got " + images.getDataType() + " " + s);
        }
        Fwd f = new Fwd(store, images.getManager(), training, DataType.FLOAT32);
        NDArray x = patches.apply(f, images);                                                // (B, N, d)
        NDArray token = f.manager.zeros(new Shape(s.get(0), 1, config.dModel())).add(f.p(cls)); // (B, 1, d), the CLS token
        x = token.concat(x, 1).add(positions.table(f, config.tokens()));                     // (B, N + 1, d)
        for (TransformerLayer layer : layers) {
            x = layer.apply(f, x);                                                           // x + attn(LN(x)) [+ mlp(LN(x))]
        }
        NDArray first = x.get(":, 0, :");                                                    // (B, d), the CLS token
        return new NDList(head.apply(f, finalNorm.apply(f, first)));                         // (B, classes)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), config.classes())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Block child : getChildren().values()) {
            child.initialize(manager, dataType, inputShapes);
        }
    }

    /**
     * Writes seeded initial values into every parameter (after {@link #initialize}): projections by the config's scheme, CLS and positions N(0, 0.02^2).
     *
     * @param seed the seed of the initialisation; the same seed gives the same values
     */
    public void initializeValues(long seed) {
        Seeded r = new Seeded(seed, config.init());
        patches.initialize(r);
        r.normal(cls, 0.02);
        for (Parameter p : positions.ownParameters()) {
            r.normal(p, 0.02);
        }
        for (TransformerLayer layer : layers) {
            layer.initialize(r);
        }
        finalNorm.initialize(r);
        head.initialize(r, false);
    }

    /**
     * The softmax attention weights of one forward pass over one image, {@code [layer][head][query][key]} over the
     * {@code N + 1} tokens (token 0 is CLS, token {@code 1 + i} patch i in row-major grid order). No gradients; arrays in a
     * sub-manager of {@code manager}, closed before returning. No other thread may run this block at the same time.
     *
     * @param manager the model's manager
     * @param image   {@code S * S} pixels, row-major
     * @return the weights as {@code [layer][head][query][key]}; each row sums to 1
     */
    public float[][][][] attentionMaps(NDManager manager, float[] image) {
        int side = config.imageSize();
        if (image.length != side * side) {
            throw new IllegalArgumentException("image must have " + side * side + " pixels: " + image.length);
        }
        List<float[]> captured = new ArrayList<>();
        for (TransformerLayer layer : layers) {
            layer.attention().capture = captured;
        }
        try (GradMode off = GradMode.off(manager); NDManager pass = manager.newSubManager()) {
            forward(new ParameterStore(pass, false), new NDList(pass.create(image, new Shape(1, side, side))), false);
        } finally {
            for (TransformerLayer layer : layers) {
                layer.attention().capture = null;
            }
        }
        int t = config.tokens();
        float[][][][] maps = new float[layers.size()][config.heads()][t][t];
        for (int layer = 0; layer < maps.length; layer++) {
            float[] flat = captured.get(layer);                                              // (1, H, T, T)
            for (int h = 0; h < config.heads(); h++) {
                for (int q = 0; q < t; q++) {
                    System.arraycopy(flat, (h * t + q) * t, maps[layer][h][q], 0, t);
                }
            }
        }
        return maps;
    }

    /**
     * Every parameter once, by name, in a stable order.
     *
     * @return an ordered map from parameter path to parameter
     */
    public Map<String, Parameter> namedParameters() {
        return ParameterValues.named(this);
    }

    /**
     * The per-component parameter report.
     *
     * @return the unique and strict parameter counts, with one row per component
     */
    public ParameterReport report() {
        List<Component> rows = new ArrayList<>();
        patches.describe(rows::add);
        rows.add(Component.learned("cls", new long[] {1, config.dModel()}, "learned CLS token"));
        positions.describe(rows::add);
        for (TransformerLayer layer : layers) {
            layer.norm1().describe(rows::add);
            layer.attention().describe(rows::add);
            if (layer.ffn() != null) {
                layer.norm2().describe(rows::add);
                layer.ffn().describe(rows::add);
            }
        }
        finalNorm.describe(rows::add);
        head.describe(rows::add);
        return ParameterReport.of(rows);
    }
}
