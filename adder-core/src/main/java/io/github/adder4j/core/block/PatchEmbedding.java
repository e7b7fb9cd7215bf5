package io.github.adder4j.core.block;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.adder4j.core.Projection;
import io.github.adder4j.core.params.Component;
import java.util.function.Consumer;

/**
 * Cuts square images into non-overlapping square patches and embeds each: {@code images (B, S, S) -> (B, N, d)} with
 * {@code N = (S / p)^2} patches in row-major grid order, each flattened row-major to {@code p^2} pixels.
 *
 * <pre>
 * patches = images reshaped to (B, S/p, p, S/p, p), grid axes first, flattened    (B, N, p^2)
 * x       = patches W^T + b                                                       (B, N, d)
 * </pre>
 * Parameters: {@code p^2 d + d} (the projection {@code name.weight}, {@code name.bias}).
 */
public final class PatchEmbedding extends ModelBlock {
    private final String name;
    private final int imageSize;
    private final int patchSize;
    private final ProjectionBlock projection;

    /**
     * @param name      the block's path; its parameters are {@code name.weight} and {@code name.bias}
     * @param imageSize side S of the square input images
     * @param patchSize side p of a patch (divides S)
     * @param dModel    embedding width d
     * @param dtype     parameter type
     * @throws IllegalArgumentException when a size is not positive or p does not divide S
     */
    public PatchEmbedding(String name, int imageSize, int patchSize, int dModel, DataType dtype) {
        super(dtype);
        if (imageSize <= 0 || patchSize <= 0 || imageSize % patchSize != 0) {
            throw new IllegalArgumentException("patches need positive sizes with patchSize dividing imageSize: imageSize=" + imageSize
                    + ", patchSize=" + patchSize);
        }
        this.name = name;
        this.imageSize = imageSize;
        this.patchSize = patchSize;
        this.projection = addChildBlock("projection", new ProjectionBlock(name, patchSize * patchSize, dModel, Projection.full(), true, dtype));
    }

    /**
     * Number of patches N.
     *
     * @return {@code (S / P)^2} for images of side S and patches of side P
     */
    public int patches() {
        int side = imageSize / patchSize;
        return side * side;
    }

    /** {@code images (B, S, S) -> (B, N, p^2)}: the flattened patches, no parameters. */
    NDArray cut(NDArray images) {
        long batch = images.getShape().get(0);
        int grid = imageSize / patchSize;
        return images.reshape(batch, grid, patchSize, grid, patchSize)      // (B, gy, py, gx, px)
                .transpose(0, 1, 3, 2, 4)                                    // (B, gy, gx, py, px)
                .reshape(batch, (long) grid * grid, (long) patchSize * patchSize); // (B, N, p^2)
    }

    /** {@code images (B, S, S) -> (B, N, d)}. */
    NDArray apply(Fwd f, NDArray images) {
        return projection.apply(f, cut(images));                              // (B, N, d)
    }

    void initialize(Seeded r) {
        projection.initialize(r, false);
    }

    @Override
    NDList forward(Fwd f, NDList inputs) {
        return new NDList(apply(f, inputs.head()));
    }

    @Override
    void checkInputs(NDList inputs) {
        Shape s = inputs.head().getShape();
        if (s.dimension() != 3 || s.get(1) != imageSize || s.get(2) != imageSize) {
            throw new IllegalArgumentException("PatchEmbedding " + name + " expects (B, " + imageSize + ", " + imageSize + "), got " + s);
        }
    }

    @Override
    String blockName() {
        return name;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), patches(), projection.out)};
    }

    @Override
    void describe(Consumer<Component> sink) {
        projection.describe(sink);
    }
}
