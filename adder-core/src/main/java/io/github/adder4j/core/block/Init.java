package io.github.adder4j.core.block;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/** Initialisation helpers: DJL allocates zeros, then {@link io.github.adder4j.core.AdderModel} writes seeded values. */
final class Init {
    private Init() { }

    /** Allocates zeros; real values come from the model's seeded initialiser. */
    static final Initializer ZEROS = (NDManager manager, Shape shape, DataType dataType) -> manager.zeros(shape, dataType);
}
