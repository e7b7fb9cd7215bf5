package io.github.adder4j.core.block;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.github.adder4j.core.params.Component;
import java.util.List;
import java.util.function.Consumer;

/**
 * Base of adder4j's internal blocks: parameters with explicit shapes and full names, a parameter report of their own, and
 * a forward that is called by the parent with the pass state rather than through DJL's generic entry point.
 */
abstract class ModelBlock extends AbstractBlock {

    protected final DataType dtype;

    ModelBlock(DataType dtype) {
        this.dtype = dtype;
    }

    /** Registers a learned parameter with a fixed shape; values are set by {@link Init}. */
    protected Parameter learned(String name, long... shape) {
        return addParameter(Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(shape)).optInitializer(Init.ZEROS).build());
    }

    /** Report rows of this block (not of its children). */
    abstract void describe(Consumer<Component> out);

    /** Parameters this block registers, in a stable order, for initialisation. */
    List<Parameter> ownParameters() {
        return getDirectParameters().values();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " is called by AdderNet, not on its own");
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }

    @Override
    protected void initializeChildBlocks(ai.djl.ndarray.NDManager manager, DataType dataType, Shape... inputShapes) {
        for (ai.djl.nn.Block child : getChildren().values()) {
            child.initialize(manager, dataType, inputShapes);
        }
    }
}
