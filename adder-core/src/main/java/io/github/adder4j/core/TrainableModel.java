package io.github.adder4j.core;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import com.google.gson.JsonObject;
import io.github.adder4j.core.io.Checkpoint;
import io.github.adder4j.core.io.CheckpointFormat;
import io.github.adder4j.core.params.ParameterReport;
import io.github.adder4j.core.vision.VitModel;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the trainer needs of a model, whatever it computes: its DJL block, the manager that owns its parameters, the
 * parameters by name, its parameter report, and a self-describing checkpoint. {@link AdderModel} (token sequences to
 * next-token logits) and {@link VitModel} (images to class logits) are the two kinds.
 */
public interface TrainableModel extends AutoCloseable {

    /** The DJL block the trainer runs forward and backward. */
    Block block();

    /** The manager that owns the parameters. */
    NDManager manager();

    /** Data type of parameters and activations. */
    DataType dataType();

    /** Every parameter once, by name, in a stable order. */
    Map<String, Parameter> namedParameters();

    /** Parameter counts and per-component rows. */
    ParameterReport parameterReport();

    /** The configuration as the JSON a checkpoint stores (it rebuilds the architecture). */
    JsonObject configJson();

    /** This model as a self-describing checkpoint: its config, every parameter, and metadata. */
    Checkpoint toCheckpoint(String provenance, Map<String, String> results);

    /** Writes {@link #toCheckpoint} atomically to a file. */
    default void save(Path path, String provenance, Map<String, String> results) {
        CheckpointFormat.write(toCheckpoint(provenance, results), path);
    }

    /** Frees the native memory of the parameters. */
    @Override
    void close();

    /**
     * Reads a checkpoint of either kind: a config with {@code "kind": "vit"} rebuilds a {@link VitModel}, any other an
     * {@link AdderModel}.
     */
    static TrainableModel load(Path path) {
        return fromCheckpoint(CheckpointFormat.read(path), path.getFileName().toString());
    }

    /** Rebuilds the model a checkpoint describes; see {@link #load(Path)}. */
    static TrainableModel fromCheckpoint(Checkpoint checkpoint, String source) {
        return VitModel.isVit(checkpoint.config()) ? VitModel.fromCheckpoint(checkpoint, source) : AdderModel.fromCheckpoint(checkpoint, source);
    }
}
