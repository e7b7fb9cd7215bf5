package io.github.adder4j.core.block;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import io.github.adder4j.core.params.Component;
import java.util.function.Consumer;

/**
 * One pre-norm transformer layer, two residual lines: {@code x (B, T, d) -> (B, T, d)}.
 *
 * <pre>
 * x = x + attn(norm1(x))
 * x = x + ffn(norm2(x))        (when the layer has a feed-forward block)
 * </pre>
 * Parameters: those of its norms, attention and feed-forward blocks. A norm shared by every site of a model is one block
 * registered once by the model; the layer then only uses it.
 */
public final class TransformerLayer extends ModelBlock {
    private final String name;
    private final int dModel;
    private final NormBlock norm1;
    private final AttentionBlock attention;
    private final NormBlock norm2;
    private final FeedForwardBlock ffn;
    /** Whether norm1's scale depends on the position alone, so that it is computed once per pass ({@link #scaleByPosition}). */
    private boolean scaleByPosition;

    /**
     * @param name        the layer's path, such as {@code layer0} (its parts carry their own full names)
     * @param dModel      residual width d
     * @param norm1       the norm before attention
     * @param attention   the attention block
     * @param norm2       the norm before the feed-forward block, or null when there is none
     * @param ffn         the feed-forward block, or null for an attention-only layer
     * @param sharedNorms whether the norms belong to the model (one shared block registered by it) rather than to the layer
     * @throws IllegalArgumentException when a feed-forward block comes without its norm
     */
    public TransformerLayer(String name, int dModel, NormBlock norm1, AttentionBlock attention, NormBlock norm2, FeedForwardBlock ffn,
                            boolean sharedNorms) {
        super(attention.dtype);
        if ((ffn == null) != (norm2 == null)) {
            throw new IllegalArgumentException("layer " + name + " needs norm2 exactly when it has a feed-forward block");
        }
        this.name = name;
        this.dModel = dModel;
        this.norm1 = sharedNorms ? norm1 : addChildBlock("norm1", norm1);
        this.attention = addChildBlock("attention", attention);
        this.norm2 = sharedNorms || norm2 == null ? norm2 : addChildBlock("norm2", norm2);
        this.ffn = ffn == null ? null : addChildBlock("ffn", ffn);
    }

    /** {@code x (B, T, d) -> (B, T, d)}. */
    NDArray apply(Fwd f, NDArray x) {
        return apply(f, x, null, 0, 0);
    }

    /**
     * As {@link #apply(Fwd, NDArray)}, the attention continuing from (and adding to) {@code cache}'s layer {@code index};
     * the layer's output is that of the rows from {@code firstRow} on, {@code (B, T - firstRow, d)} (all rows still give
     * their keys and values).
     */
    NDArray apply(Fwd f, NDArray x, io.github.adder4j.core.decode.KeyValueCache cache, int index, int firstRow) {
        return residuals(f, rowsFrom(x, firstRow), update(f, x, cache, index, firstRow, f));
    }

    /**
     * The attention update {@code attn(norm1(x))} of the rows from {@code firstRow} on, {@code (B, T - firstRow, d)}, or as
     * columns {@code (d, M)} when {@code out} is {@link Fwd#columns()}.
     */
    NDArray update(Fwd f, NDArray x, io.github.adder4j.core.decode.KeyValueCache cache, int index, int firstRow, Fwd out) {
        NDArray h = scaleByPosition ? norm1.applyWithSharedScale(f, x) : norm1.apply(f, x); // (B, T, d)
        return attention.apply(f, h, cache, index, firstRow, out);                         // (B, T - firstRow, d) or (d, M)
    }

    /**
     * As {@link #apply(Fwd, NDArray, io.github.adder4j.core.decode.KeyValueCache, int, int)} for an input that is a function of
     * the token alone, {@code x = table[tok]} (a first layer with no absolute positions): norm1 and the attention's row-wise
     * work run once per vocabulary row ({@link AttentionBlock#applyTokenTable}).
     *
     * @param x      the rows from {@code firstRow} on, {@code (B, T - firstRow, d)}: the others only give keys and values,
     *               which come from the table
     * @param table  the embedding table {@code (V, d)} ({@code (P, V, d)} in a population) that x was looked up in
     * @param tokens the token ids {@code (B, T)} of all rows, with {@code x = table[tokens]} from {@code firstRow} on
     */
    NDArray applyTokenTable(Fwd f, NDArray x, NDArray table, NDArray tokens, io.github.adder4j.core.decode.KeyValueCache cache,
                            int index, int firstRow) {
        return residuals(f, x, tokenTableUpdate(f, table, tokens, cache, index, firstRow, f));
    }

    /** The attention update of {@link #applyTokenTable}, {@code (B, T - firstRow, d)}, or columns as {@link #update}. */
    NDArray tokenTableUpdate(Fwd f, NDArray table, NDArray tokens, io.github.adder4j.core.decode.KeyValueCache cache, int index,
                             int firstRow, Fwd out) {
        return attention.applyTokenTable(f, norm1.apply(f, table), tokens, cache, index, firstRow, out); // (B, T - firstRow, d) or (d, M)
    }

    /**
     * {@code x + update}, then the feed-forward line: on rows {@code (B, n, d)}, or on columns {@code (d, M)} when
     * {@code f} lays activations out so ({@link Fwd#columns()}).
     */
    NDArray residuals(Fwd f, NDArray x, NDArray update) {
        x = x.add(update);                                                              // x = x + attn(norm1(x))
        return ffn == null ? x : x.add(ffn.apply(f, norm2.apply(f, x)));  // x = x + ffn(norm2(x))
    }

    /** The rows {@code (B, T - firstRow, d)} of {@code x (B, T, d)} from {@code firstRow} on. */
    static NDArray rowsFrom(NDArray x, int firstRow) {
        return firstRow > 0 ? x.get("..., " + firstRow + ":, :") : x;                   // (B, T - firstRow, d)
    }

    /**
     * Computes norm1's scale once per pass, from the first example's rows: for a layer whose input rows have the same mean
     * square in every example, which the model proves before it calls this ({@link AdderNet#firstNormScaleByPosition}).
     *
     * @param byPosition whether norm1's scale is shared by the examples of a pass
     * @throws IllegalStateException when norm1 is a LayerNorm
     */
    void scaleNorm1ByPosition(boolean byPosition) {
        if (byPosition && norm1.kind == io.github.adder4j.core.Options.Norm.LAYER) {
            throw new IllegalStateException("layer " + name + " has a LayerNorm before attention: its scale cannot be shared");
        }
        scaleByPosition = byPosition;
    }

    /** Whether norm1's scale is computed once per pass ({@link #scaleNorm1ByPosition}). */
    boolean norm1ScaledByPosition() {
        return scaleByPosition;
    }

    NormBlock norm1() {
        return norm1;
    }

    AttentionBlock attention() {
        return attention;
    }

    NormBlock norm2() {
        return norm2;
    }

    FeedForwardBlock ffn() {
        return ffn;
    }

    void initialize(Seeded r) {
        norm1.initialize(r);
        attention.initialize(r);
        if (ffn != null) {
            norm2.initialize(r);
            ffn.initialize(r);
        }
    }

    @Override
    NDList forward(Fwd f, NDList inputs) {
        return new NDList(apply(f, inputs.head()));
    }

    @Override
    void checkInputs(NDList inputs) {
        checkLast(inputs.head(), "(B, T, " + dModel + ")", 3, dModel);
    }

    @Override
    String blockName() {
        return name;
    }

    @Override
    void describe(Consumer<Component> out) {
        // the parts report themselves (a model reports a shared norm once)
    }
}
