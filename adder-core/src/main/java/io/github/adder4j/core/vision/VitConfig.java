package io.github.adder4j.core.vision;

import io.github.adder4j.core.AttentionSpec;
import io.github.adder4j.core.FfnSpec;
import io.github.adder4j.core.Options;
import io.github.adder4j.core.Projection;
import java.util.Objects;

/**
 * The complete, immutable description of a Vision Transformer classifier of square grayscale images: enough to rebuild
 * its architecture exactly. Built by {@link #builder()}; {@link #microVit()} is the published Micro-ViT.
 *
 * <pre>
 * x = [cls ; patches(image) W_p^T + b_p] + P          (B, N + 1, d)
 * depth times: x = x + attn(LN(x)); x = x + mlp(LN(x))   (the MLP only when mlpWidth > 0; attention sees every patch)
 * logits = LN(x[:, 0]) W_h^T + b_h                    (B, classes)
 * </pre>
 *
 * @param imageSize side S of the square input (28 for MNIST)
 * @param patchSize side p of a patch; divides S
 * @param dModel    embedding width d
 * @param heads     attention heads
 * @param headDim   query/key/value width per head
 * @param depth     transformer layers
 * @param mlpWidth  hidden width of each layer's MLP (GELU), 0 for attention-only layers
 * @param classes   output classes
 * @param normEps   LayerNorm epsilon
 * @param init      initialisation scheme of the projections ({@link Options.Init})
 * @param seed      seed of the parameter initialisation
 */
public record VitConfig(int imageSize, int patchSize, int dModel, int heads, int headDim, int depth, int mlpWidth, int classes,
                        double normEps, Options.Init init, long seed) {

    /** Identifier of the published Micro-ViT preset. */
    public static final String MICRO_VIT = "micro-vit";

    /**
     * Validates single values ({@link IllegalArgumentException}) and combinations ({@link IllegalStateException}).
     *
     * @param imageSize side S of the square input (28 for MNIST)
     * @param patchSize side p of a patch; divides S
     * @param dModel embedding width d
     * @param heads attention heads
     * @param headDim query/key/value width per head
     * @param depth transformer layers
     * @param mlpWidth hidden width of each layer's MLP (GELU), 0 for attention-only layers
     * @param classes output classes
     * @param normEps LayerNorm epsilon
     * @param init initialisation scheme of the projections ({@link Options.Init})
     * @param seed seed of the parameter initialisation
     */
    public VitConfig {
        positive("imageSize", imageSize);
        positive("patchSize", patchSize);
        positive("dModel", dModel);
        positive("heads", heads);
        positive("headDim", headDim);
        positive("depth", depth);
        positive("classes", classes);
        if (mlpWidth < 0) {
            throw new IllegalArgumentException("mlpWidth must not be negative: " + mlpWidth);
        }
        if (!(normEps > 0) || !Double.isFinite(normEps)) {
            throw new IllegalArgumentException("normEps must be positive: " + normEps);
        }
        Objects.requireNonNull(init, "init");
        if (imageSize % patchSize != 0) {
            throw new IllegalStateException("patchSize must divide imageSize: imageSize=" + imageSize + ", patchSize=" + patchSize);
        }
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    /**
     * The published Micro-ViT: 28x28 images cut into 16 patches of 7x7, patch embedding 49 -> 32, a learned CLS token,
     * learned positions 17 x 32, one pre-norm attention layer with 2 heads of width 8 and no MLP, LayerNorm, and the
     * classifier 32 -> 10 on the CLS token.
     *
     * @return the configuration of the published Micro-ViT
     */
    public static VitConfig microVit() {
        return builder().build();
    }

    /**
     * A builder with the defaults of {@link #microVit()}.
     *
     * @return a new builder; every option can be changed before {@link Builder#build()}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder initialised with this configuration.
     *
     * @return a new builder holding every value of this configuration
     */
    public Builder toBuilder() {
        return new Builder().imageSize(imageSize).patchSize(patchSize).dModel(dModel).heads(heads).headDim(headDim).depth(depth)
                .mlpWidth(mlpWidth).classes(classes).normEps(normEps).init(init).seed(seed);
    }

    /** The {@code kind} a checkpoint's config carries for a ViT. */
    public static final String KIND = "vit";

    /**
     * This configuration as JSON: {@code kind} ({@value #KIND}) and every component by name.
     *
     * @return a new JSON object
     */
    public com.google.gson.JsonObject toJson() {
        com.google.gson.JsonObject o = new com.google.gson.JsonObject();
        o.addProperty("kind", KIND);
        o.addProperty("imageSize", imageSize);
        o.addProperty("patchSize", patchSize);
        o.addProperty("dModel", dModel);
        o.addProperty("heads", heads);
        o.addProperty("headDim", headDim);
        o.addProperty("depth", depth);
        o.addProperty("mlpWidth", mlpWidth);
        o.addProperty("classes", classes);
        o.addProperty("normEps", normEps);
        o.addProperty("init", init.name());
        o.addProperty("seed", seed);
        return o;
    }

    /**
     * Reads {@link #toJson()}.
     *
     * @param o a JSON object as {@link #toJson()} writes it
     * @return the validated configuration
     * @throws IllegalArgumentException naming a missing or bad field
     */
    public static VitConfig fromJson(com.google.gson.JsonObject o) {
        if (o == null || !o.has("kind") || !KIND.equals(o.get("kind").getAsString())) {
            throw new IllegalArgumentException("not a ViT config (kind must be " + KIND + "): " + o);
        }
        try {
            return new VitConfig(o.get("imageSize").getAsInt(), o.get("patchSize").getAsInt(), o.get("dModel").getAsInt(),
                    o.get("heads").getAsInt(), o.get("headDim").getAsInt(), o.get("depth").getAsInt(), o.get("mlpWidth").getAsInt(),
                    o.get("classes").getAsInt(), o.get("normEps").getAsDouble(), Options.Init.valueOf(o.get("init").getAsString()),
                    o.get("seed").getAsLong());
        } catch (NullPointerException | ClassCastException | IllegalStateException | UnsupportedOperationException e) {
            throw new IllegalArgumentException("ViT config needs imageSize, patchSize, dModel, heads, headDim, depth, mlpWidth, classes,"
                    + " normEps, init and seed: " + o, e);
        }
    }

    /**
     * Patches per image, {@code (S / p)^2}.
     *
     * @return the number of patches N of one image
     */
    public int patches() {
        int side = imageSize / patchSize;
        return side * side;
    }

    /**
     * Tokens per image: the CLS token and the patches.
     *
     * @return {@code patches() + 1}
     */
    public int tokens() {
        return patches() + 1;
    }

    /**
     * The attention of every layer: full q/k/v/out projections with biases, standard softmax, scale {@code 1/sqrt(hd)}.
     *
     * @return the attention options shared by every layer
     */
    public AttentionSpec attention() {
        return new AttentionSpec(depth, heads, heads, headDim, Options.Source.ALL, Options.Source.ALL, Options.QkMode.SEPARATE, 0,
                Options.ValueMode.OWN, Projection.full(), Projection.full(), Projection.full(), Options.OutputMode.PROJECTION,
                Projection.full(), Options.Softmax.STANDARD, 0, true);
    }

    /**
     * The MLP of every layer (GELU, biases), meaningful when {@code mlpWidth > 0}.
     *
     * @return the MLP options shared by every layer
     */
    public FfnSpec mlp() {
        return new FfnSpec(mlpWidth, Options.Activation.GELU, true, Projection.full(), Projection.full(), Options.FfnOut.OWN,
                Projection.full());
    }

    /** Fluent builder; each setter checks its value, {@link #build()} the combination. */
    public static final class Builder {
        private int imageSize = 28;
        private int patchSize = 7;
        private int dModel = 32;
        private int heads = 2;
        private int headDim = 8;
        private int depth = 1;
        private int mlpWidth;
        private int classes = 10;
        private double normEps = 1e-5;
        private Options.Init init = Options.Init.TORCH;
        private long seed;

        private Builder() {
        }

        /**
         * Side of the square input images.
         *
         * @param v the side of the images in pixels
         * @return this builder
         * @throws IllegalArgumentException naming the option and the value when it is not positive
         */
        public Builder imageSize(int v) {
            positive("imageSize", v);
            imageSize = v;
            return this;
        }

        /**
         * Side of a patch (must divide the image size).
         *
         * @param v the side of a patch in pixels
         * @return this builder
         * @throws IllegalArgumentException naming the option and the value when it is not positive
         */
        public Builder patchSize(int v) {
            positive("patchSize", v);
            patchSize = v;
            return this;
        }

        /**
         * Embedding width d.
         *
         * @param v the width d of the token vectors
         * @return this builder
         * @throws IllegalArgumentException naming the option and the value when it is not positive
         */
        public Builder dModel(int v) {
            positive("dModel", v);
            dModel = v;
            return this;
        }

        /**
         * Attention heads.
         *
         * @param v the number of heads
         * @return this builder
         * @throws IllegalArgumentException naming the option and the value when it is not positive
         */
        public Builder heads(int v) {
            positive("heads", v);
            heads = v;
            return this;
        }

        /**
         * Query/key/value width per head.
         *
         * @param v the width of one head
         * @return this builder
         * @throws IllegalArgumentException naming the option and the value when it is not positive
         */
        public Builder headDim(int v) {
            positive("headDim", v);
            headDim = v;
            return this;
        }

        /**
         * Transformer layers.
         *
         * @param v the number of layers
         * @return this builder
         * @throws IllegalArgumentException naming the option and the value when it is not positive
         */
        public Builder depth(int v) {
            positive("depth", v);
            depth = v;
            return this;
        }

        /**
         * Hidden width of the MLP of each layer; 0 turns the MLP off.
         *
         * @param v the hidden width, 0 or more
         * @return this builder
         * @throws IllegalArgumentException {@code mlpWidth must not be negative: <v>} otherwise
         */
        public Builder mlpWidth(int v) {
            if (v < 0) {
                throw new IllegalArgumentException("mlpWidth must not be negative: " + v);
            }
            mlpWidth = v;
            return this;
        }

        /**
         * Output classes.
         *
         * @param v the number of classes
         * @return this builder
         * @throws IllegalArgumentException naming the option and the value when it is not positive
         */
        public Builder classes(int v) {
            positive("classes", v);
            classes = v;
            return this;
        }

        /**
         * LayerNorm epsilon.
         *
         * @param v the epsilon under the square root, positive
         * @return this builder
         * @throws IllegalArgumentException {@code normEps must be positive: <v>} otherwise
         */
        public Builder normEps(double v) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("normEps must be positive: " + v);
            }
            normEps = v;
            return this;
        }

        /**
         * Initialisation scheme of the projections.
         *
         * @param v the initialisation scheme
         * @return this builder
         */
        public Builder init(Options.Init v) {
            init = Objects.requireNonNull(v, "init");
            return this;
        }

        /**
         * Seed of the parameter initialisation.
         *
         * @param v any value; the same seed gives the same initial weights
         * @return this builder
         */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /**
         * The configuration.
         *
         * @return the validated configuration
         * @throws IllegalStateException when the patch size does not divide the image size
         */
        public VitConfig build() {
            return new VitConfig(imageSize, patchSize, dModel, heads, headDim, depth, mlpWidth, classes, normEps, init, seed);
        }
    }
}
