package io.github.adder4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.adder4j.core.TrainableModel;

/**
 * One step's training examples, whatever their kind (token rows with a loss mask, labelled images): they know their loss
 * under a model, so the trainer does not.
 */
public interface Examples {

    /**
     * The mean loss of these examples under {@code model}, a scalar autograd can differentiate; every array it creates
     * belongs to {@code manager}.
     */
    NDArray loss(TrainableModel model, NDManager manager, boolean training);
}
