package io.github.adder4j.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
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

    /**
     * The DJL block the trainer runs forward and backward.
     *
     * @return the model's block, holding every parameter
     */
    Block block();

    /**
     * The manager that owns the parameters.
     *
     * @return the manager of the parameters and of the arrays made for them; closing the model closes it
     */
    NDManager manager();

    /**
     * Data type of parameters and activations.
     *
     * @return {@code FLOAT32} or {@code FLOAT64}
     */
    DataType dataType();

    /**
     * The logits of the positions from {@code firstRow} on, for a loss that reads only those: {@code inputs (B, T, ...)} to
     * {@code (B, T - firstRow, ...)}, equal (to float rounding) to the same rows of the block's forward pass. This default
     * runs the whole pass and drops the first rows; a model that can skip their work overrides it ({@link AdderModel}
     * computes the last layer for these rows only).
     *
     * @param store    the parameter store of the pass
     * @param inputs   the block's input, rows first
     * @param firstRow the first row (axis 1) whose logits are wanted, {@code >= 0}
     * @param training whether this is a training pass
     * @return the logits from {@code firstRow} on
     */
    default NDArray logitsFrom(ParameterStore store, NDArray inputs, int firstRow, boolean training) {
        NDArray logits = block().forward(store, new NDList(inputs), training).head();       // (B, T, ...)
        return firstRow == 0 ? logits : logits.get(":, " + firstRow + ":");                  // (B, T - firstRow, ...)
    }

    /**
     * Every parameter once, by name, in a stable order.
     *
     * @return an ordered map from parameter path (e.g. {@code layer0.attention.query.weight}) to parameter
     */
    Map<String, Parameter> namedParameters();

    /**
     * Parameter counts and per-component rows.
     *
     * @return the unique and strict parameter counts, with one row per component
     */
    ParameterReport parameterReport();

    /**
     * The configuration as the JSON a checkpoint stores (it rebuilds the architecture).
     *
     * @return a new JSON object, e.g. the one {@link ConfigCodec#toJson(AdderConfig)} writes for an addition model
     */
    JsonObject configJson();

    /**
     * This model as a self-describing checkpoint: its config, every parameter, and metadata.
     *
     * @param provenance how the weights were made, e.g. {@code trained: split-57 seed 3, step 41000}; not blank
     * @param results measured results by name, e.g. {@code adderboard -> 10010/10010}; may be empty
     * @return a checkpoint of the current weights
     */
    Checkpoint toCheckpoint(String provenance, Map<String, String> results);

    /**
     * Writes {@link #toCheckpoint} atomically to a file.
     *
     * @param path the file to write; missing parent directories are created
     * @param provenance how the weights were made; not blank
     * @param results measured results by name; may be empty
     */
    default void save(Path path, String provenance, Map<String, String> results) {
        CheckpointFormat.write(toCheckpoint(provenance, results), path);
    }

    /** Frees the native memory of the parameters. */
    @Override
    void close();

    /**
     * Reads a checkpoint of either kind: a config with {@code "kind": "vit"} rebuilds a {@link VitModel}, any other an
     * {@link AdderModel}.
     *
     * @param path an adder4j checkpoint file
     * @return the rebuilt model with the checkpoint's weights; the caller closes it
     * @throws io.github.adder4j.core.io.CheckpointException when the file is not a valid checkpoint
     */
    static TrainableModel load(Path path) {
        return fromCheckpoint(CheckpointFormat.read(path), path.getFileName().toString());
    }

    /**
     * Rebuilds the model a checkpoint describes; see {@link #load(Path)}.
     *
     * @param checkpoint a checkpoint of an addition model or of a ViT
     * @param source the checkpoint's name for messages, e.g. its file name
     * @return the rebuilt model with the checkpoint's weights; the caller closes it
     * @throws IllegalArgumentException naming {@code source} when the config is invalid or the parameters do not fit it
     */
    static TrainableModel fromCheckpoint(Checkpoint checkpoint, String source) {
        return VitModel.isVit(checkpoint.config()) ? VitModel.fromCheckpoint(checkpoint, source) : AdderModel.fromCheckpoint(checkpoint, source);
    }
}
