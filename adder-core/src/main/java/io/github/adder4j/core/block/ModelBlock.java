package io.github.adder4j.core.block;

import ai.djl.ndarray.NDArray;
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
 * Base of adder4j's blocks: parameters with explicit shapes and full names (the block's path in the model, such as
 * {@code layer0.attention}, then the parameter's own name), a parameter report of their own, and a forward that works both
 * on its own through DJL ({@code block.initialize(...)}, {@code block.forward(store, inputs, training)}) and inside a parent,
 * which calls the package's {@code apply} with the pass state of the whole model.
 *
 * <p>Parameters are allocated as zeros by {@link #initialize}; a model then writes seeded values. A block used on its own
 * keeps those zeros (or values set by the caller), which is enough to run it; a parent decides the initial values.
 */
public abstract class ModelBlock extends AbstractBlock {

    /** Data type of this block's parameters and activations. */
    protected final DataType dtype;

    ModelBlock(DataType dtype) {
        this.dtype = dtype;
    }

    /**
     * Registers a learned parameter with a fixed shape; values are set by {@link Init}.
     *
     * @param name the parameter's name inside this block, e.g. {@code weight}
     * @param shape its dimensions
     * @return the registered parameter
     */
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

    /**
     * The block's computation on the inputs of a standalone call, after the shapes are checked by
     * {@link #checkInputs(NDList)}; most blocks map one array to one array.
     */
    abstract NDList forward(Fwd f, NDList inputs);

    /**
     * Checks the inputs of a standalone call.
     *
     * @throws IllegalArgumentException naming the block, the expected and the actual shape
     */
    abstract void checkInputs(NDList inputs);

    @Override
    protected final NDList forwardInternal(ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        if (inputs == null || inputs.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs an input, got none");
        }
        checkInputs(inputs);
        return forward(new Fwd(store, inputs.head().getManager(), training, dtype), inputs);
    }

    /**
     * Checks that the last axis of {@code x} has {@code dims} entries and that it has at least {@code minRank} axes.
     *
     * @throws IllegalArgumentException {@code NormBlock final.norm expects (..., 5), got (2, 3, 4)}
     */
    final void checkLast(NDArray x, String expected, int minRank, long dims) {
        Shape s = x.getShape();
        if (s.dimension() < minRank || s.get(s.dimension() - 1) != dims) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " " + blockName() + " expects " + expected + ", got " + s);
        }
    }

    /** The block's path in its model, used in messages. */
    abstract String blockName();

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
