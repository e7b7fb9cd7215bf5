package io.github.adder4j.core.block;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import io.github.adder4j.core.FfnSpec;
import io.github.adder4j.core.Options.Activation;
import io.github.adder4j.core.Options.FfnOut;
import io.github.adder4j.core.Options.Pairing;
import io.github.adder4j.core.params.Component;
import java.util.function.Consumer;

/**
 * The position-wise MLP: {@code act(h W1) W2} or SwiGLU {@code (silu(h Wg) * (h Wu)) Wd}.
 *
 * <p>Parameters: the first projection(s) (full {@code d*width} each, or their low-rank / basis forms, plus biases), and the
 * second: own projection, 0 when it is the head matrix H (triple duty), or 1 angle for {@code down = R(psi) up^T}.
 *
 * <p>Standalone: {@code h (..., d) -> (..., d)}; every leading axis is free.
 */
public final class FeedForwardBlock extends ModelBlock {
    final String name;
    final FfnSpec spec;
    final int dModel;
    private final ProjectionBlock in;
    private final ProjectionBlock up;
    private final ProjectionBlock out;
    private final Parameter head;
    private final String headName;
    private Parameter angle;

    /**
     * @param name     the block's path, prefix of its parameters' names
     * @param spec     width, activation, projections
     * @param dModel   residual width d
     * @param head     the model's head matrix H (tokenDims, d) for {@link FfnOut#HEAD}, owned (registered) by the model; else null
     * @param headName the name H is reported under
     * @param dtype    parameter type
     * @throws IllegalArgumentException when the width is 0, or {@link FfnOut#HEAD} has no head matrix
     */
    public FeedForwardBlock(String name, FfnSpec spec, int dModel, Parameter head, String headName, DataType dtype) {
        super(dtype);
        if (spec.width() <= 0) {
            throw new IllegalArgumentException("a feed-forward block needs ffnWidth > 0: " + spec.width());
        }
        if (spec.outMode() == FfnOut.HEAD && head == null) {
            throw new IllegalArgumentException("ffnOut HEAD needs the model's head matrix, got none");
        }
        this.name = name;
        this.spec = spec;
        this.dModel = dModel;
        this.head = head;
        this.headName = headName;
        in = addChildBlock("in", new ProjectionBlock(name + (spec.activation() == Activation.SWIGLU ? ".gate" : ".in"),
                dModel, spec.width(), spec.in(), spec.bias(), dtype));
        up = spec.activation() == Activation.SWIGLU
                ? addChildBlock("up", new ProjectionBlock(name + ".up", dModel, spec.width(), spec.up(), spec.bias(), dtype)) : null;
        out = spec.outMode() == FfnOut.OWN
                ? addChildBlock("out", new ProjectionBlock(name + (up != null ? ".down" : ".out"), spec.width(), dModel, spec.out(), spec.bias(), dtype))
                : null;
        if (spec.outMode() == FfnOut.ROTATED_UP_TRANSPOSE) {
            angle = learned(name + ".downAngle", 1);
        }
    }

    /** {@code h (B, T, d)} normed residual to the FFN update {@code (B, T, d)}. */
    NDArray apply(Fwd f, NDArray h) {
        NDArray hidden = switch (spec.activation()) {
            case GELU -> in.apply(f, h).getNDArrayInternal().gelu();                       // (B, T, width), exact erf GELU
            case RELU -> in.apply(f, h).getNDArrayInternal().relu();
            case SWIGLU -> {
                NDArray gate = in.apply(f, h);
                yield gate.mul(gate.getNDArrayInternal().sigmoid()).mul(up.apply(f, h)); // silu(gate) * up
            }
        };
        return switch (spec.outMode()) {
            case OWN -> out.apply(f, hidden);
            case HEAD -> f.mm(hidden, f.p(head));                                                       // (B, T, d) = a H
            // (a Wu) R(psi) = a (Wu R(psi)): the rotation turns the (width, d) matrix once, not every row
            case ROTATED_UP_TRANSPOSE -> f.mm(hidden, Rotations.rotate(f, up.weight(f), f.p(angle), dModel, Pairing.INTERLEAVED));
        };
    }

    @Override
    NDList forward(Fwd f, NDList inputs) {
        return new NDList(apply(f, inputs.head()));
    }

    @Override
    void checkInputs(NDList inputs) {
        checkLast(inputs.head(), "(..., " + dModel + ")", 1, dModel);
    }

    @Override
    String blockName() {
        return name;
    }

    void initialize(Seeded r) {
        in.initialize(r, false);
        if (up != null) {
            up.initialize(r, false);
        }
        if (out != null) {
            out.initialize(r, false);
        }
        if (angle != null) {
            r.angle(angle);
        }
    }

    @Override
    void describe(Consumer<Component> sink) {
        in.describe(sink);
        if (up != null) {
            up.describe(sink);
        }
        switch (spec.outMode()) {
            case OWN -> out.describe(sink);
            case HEAD -> sink.accept(Component.tied(name + ".out", head.getShape().getShape(), headName + " (triple duty)"));
            case ROTATED_UP_TRANSPOSE -> sink.accept(Component.learned(angle.getName(), new long[] {1}, "down = R(psi) up^T"));
        }
    }
}
