package io.github.adder4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.adder4j.core.TrainableModel;

/**
 * Labelled square images for one step, pixels in [0, 1] row-major.
 *
 * @param pixels {@code rows * side * side} values
 * @param labels one class per image
 * @param rows   images
 * @param side   image side
 */
public record ImageBatch(float[] pixels, long[] labels, int rows, int side) implements Examples {
    /** Validates the sizes. */
    public ImageBatch {
        if (rows <= 0 || side <= 0 || pixels.length != (long) rows * side * side || labels.length != rows) {
            throw new IllegalArgumentException("an image batch needs rows * side * side pixels and rows labels: rows " + rows + ", side "
                    + side + ", pixels " + pixels.length + ", labels " + labels.length);
        }
    }

    /** The mean cross-entropy of the labels under the model's class logits {@code (B, classes)}. */
    @Override
    public NDArray loss(TrainableModel model, NDManager manager, boolean training) {
        NDArray images = manager.create(pixels, new Shape(rows, side, side));                     // (B, S, S)
        NDArray logits = model.block().forward(new ParameterStore(manager, false), new NDList(images), training).head(); // (B, C)
        return Forward.logProbabilityOf(logits, manager.create(labels, new Shape(rows))).mean().neg(); // -mean log p(label)
    }
}
