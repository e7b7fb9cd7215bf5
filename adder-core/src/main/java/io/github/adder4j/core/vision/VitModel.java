package io.github.adder4j.core.vision;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.github.adder4j.core.TrainableModel;
import io.github.adder4j.core.block.ParameterValues;
import io.github.adder4j.core.block.VitNet;
import io.github.adder4j.core.engine.GradMode;
import io.github.adder4j.core.io.Checkpoint;
import io.github.adder4j.core.io.CheckpointException;
import io.github.adder4j.core.io.Tensor;
import io.github.adder4j.core.params.ParameterReport;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A built Vision Transformer classifier: its configuration, its DJL block with initialised parameters, and the native
 * memory that holds them (close the model to free it).
 *
 * <pre>{@code
 * try (VitModel model = VitModel.of(VitConfig.microVit())) {
 *     model.parameterReport().uniqueParameters();          // 4762
 *     int[] predicted = model.predict(Digits.embeddedTest());
 * }
 * }</pre>
 */
public final class VitModel implements TrainableModel {
    /** Images per forward pass when predicting. */
    public static final int PREDICT_BATCH = 500;

    private final VitConfig config;
    private final NDManager manager;
    private final VitNet net;

    private VitModel(VitConfig config) {
        this.config = config;
        this.manager = NDManager.newBaseManager();
        this.net = new VitNet(config);
        net.initialize(manager, DataType.FLOAT32, new Shape(1, config.imageSize(), config.imageSize()));
        net.initializeValues(config.seed());
    }

    /**
     * Builds a model with seeded initial parameters.
     *
     * @param config a validated ViT configuration
     * @return a new model; the caller closes it
     */
    public static VitModel of(VitConfig config) {
        return new VitModel(Objects.requireNonNull(config, "config"));
    }

    /**
     * The configuration.
     *
     * @return the configuration the model was built from
     */
    public VitConfig config() {
        return config;
    }

    /** The DJL block: {@code images (B, S, S) float32 -> logits (B, classes)}. */
    @Override
    public VitNet block() {
        return net;
    }

    @Override
    public DataType dataType() {
        return DataType.FLOAT32;
    }

    @Override
    public com.google.gson.JsonObject configJson() {
        return config.toJson();
    }

    @Override
    public Checkpoint toCheckpoint(String provenance, Map<String, String> results) {
        ParameterReport report = parameterReport();
        return new Checkpoint(config.toJson(), tensors(), new Checkpoint.Metadata(report.uniqueParameters(), report.strictParameters(),
                provenance, java.time.Instant.now(), results));
    }

    /**
     * Whether a checkpoint's config describes a ViT ({@code "kind": "vit"}).
     *
     * @param config a checkpoint's config JSON
     * @return {@code true} when its {@code kind} is {@code vit}
     */
    public static boolean isVit(com.google.gson.JsonObject config) {
        return config.has("kind") && config.get("kind").isJsonPrimitive() && VitConfig.KIND.equals(config.get("kind").getAsString());
    }

    /**
     * Reads a ViT checkpoint file; see {@link #fromCheckpoint}.
     *
     * @param path an adder4j checkpoint file of a ViT
     * @return the rebuilt model with the checkpoint's weights; the caller closes it
     */
    public static VitModel load(java.nio.file.Path path) {
        return fromCheckpoint(io.github.adder4j.core.io.CheckpointFormat.read(path), path.getFileName().toString());
    }

    /**
     * Rebuilds the architecture from the checkpoint's config and loads its parameters; the counts must match and every
     * parameter must be present with its exact shape, else the error names the source and the mismatch.
     *
     * @param checkpoint a checkpoint whose config is a ViT's
     * @param source the checkpoint's name for messages, e.g. its file name
     * @return the rebuilt model with the checkpoint's weights; the caller closes it
     */
    public static VitModel fromCheckpoint(Checkpoint checkpoint, String source) {
        VitConfig config;
        try {
            config = VitConfig.fromJson(checkpoint.config());
        } catch (RuntimeException e) {
            throw new CheckpointException(source, "invalid config (" + e.getMessage() + ")", e);
        }
        VitModel model = new VitModel(config);
        try {
            long unique = model.parameterReport().uniqueParameters();
            if (checkpoint.metadata().uniqueParameters() != unique) {
                throw new CheckpointException(source, "metadata says " + checkpoint.metadata().uniqueParameters()
                        + " parameters but the config builds " + unique, null);
            }
            model.loadTensors(checkpoint.tensors());
            return model;
        } catch (CheckpointException e) {
            model.close();
            throw e;
        } catch (RuntimeException e) {
            model.close();
            throw new CheckpointException(source, "parameters do not fit the config (" + e.getMessage() + ")", e);
        }
    }

    /** The manager that owns the parameters. */
    @Override
    public NDManager manager() {
        return manager;
    }

    /** Parameters and per-component rows. */
    public ParameterReport parameterReport() {
        return net.report();
    }

    /** Every parameter once, by name. */
    public Map<String, Parameter> namedParameters() {
        return net.namedParameters();
    }

    /**
     * Current parameter values as tensors, in {@link #namedParameters()} order.
     *
     * @return a new list of tensors, each named by its parameter path
     */
    public List<Tensor> tensors() {
        return ParameterValues.tensors(namedParameters());
    }

    /**
     * Loads tensors by name; every parameter must be given with its exact shape, else nothing changes.
     *
     * @param tensors the new values, each named by a parameter and of its exact shape
     * @throws IllegalArgumentException naming the tensor when a name is unknown or missing or a shape does not match
     */
    public void loadTensors(List<Tensor> tensors) {
        ParameterValues.loadTensors(namedParameters(), tensors);
    }

    /**
     * The predicted class of every image of a set (no gradients, {@link #PREDICT_BATCH} images per pass).
     *
     * @param images the images to classify
     * @return one predicted class per image, in set order
     * @throws IllegalArgumentException when the set's images are not {@code S x S}
     */
    public int[] predict(ImageSet images) {
        int side = config.imageSize();
        if (images.rows() != side || images.cols() != side) {
            throw new IllegalArgumentException(images.name() + ": images are " + images.rows() + "x" + images.cols() + ", the model reads "
                    + side + "x" + side);
        }
        int[] out = new int[images.size()];
        try (GradMode off = GradMode.off(manager)) {
            for (int from = 0; from < out.length; from += PREDICT_BATCH) {
                int n = Math.min(PREDICT_BATCH, out.length - from);
                int[] indices = new int[n];
                for (int i = 0; i < n; i++) {
                    indices[i] = from + i;
                }
                try (NDManager pass = manager.newSubManager()) {
                    NDArray x = pass.create(images.images(indices), new Shape(n, side, side));
                    NDArray logits = net.forward(new ParameterStore(pass, false), new NDList(x), false).head();
                    long[] best = logits.argMax(1).toLongArray();
                    for (int i = 0; i < n; i++) {
                        out[from + i] = (int) best[i];
                    }
                }
            }
        }
        return out;
    }

    /**
     * How many images of a set the model classifies correctly.
     *
     * @param images the images to classify, with their labels
     * @return the number of images whose predicted class is their label
     */
    public int correct(ImageSet images) {
        int[] predicted = predict(images);
        int n = 0;
        for (int i = 0; i < predicted.length; i++) {
            n += predicted[i] == images.labels()[i] ? 1 : 0;
        }
        return n;
    }

    /**
     * The attention maps of one image: {@code maps[layer][head][query][key]} over the CLS token (0) and the patches
     * ({@code 1 + i}, row-major grid). Row 0 is what the classifier's token attends to.
     *
     * @param image {@code S * S} pixels in [0, 1], row-major
     * @return a new array {@code [layer][head][query][key]}; each row sums to 1
     */
    public float[][][][] attentionMaps(float[] image) {
        return net.attentionMaps(manager, image);
    }

    /** Frees the native memory of the parameters. */
    @Override
    public void close() {
        manager.close();
    }
}
