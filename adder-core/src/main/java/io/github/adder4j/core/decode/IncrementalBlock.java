package io.github.adder4j.core.decode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;

/**
 * A decoder block that can continue a sequence without recomputing its past: it keeps each attention layer's keys and
 * values in a {@link KeyValueCache}, so a step costs one new position instead of the whole prefix.
 * {@link GreedyDecoder} uses it when the block offers it (the full recomputation stays the reference, and both give the
 * same logits to float rounding).
 */
public interface IncrementalBlock {

    /**
     * A new, empty cache for one decoding session.
     *
     * @param manager owns the cached arrays
     * @return a cache with no positions
     */
    KeyValueCache newCache(NDManager manager);

    /**
     * The logits of {@code tokens} at the positions following the cached ones: the first new token is at position
     * {@code cache.length()}, each attends to every cached position and to the new ones up to itself; afterwards the cache
     * also holds the new positions.
     *
     * @param store  where parameter values come from
     * @param tokens token ids {@code (B, n)}, int64, the same rows as the cache's earlier calls
     * @param cache  the session's cache (empty for the prompt)
     * @return logits {@code (B, n, vocab)}, created in the tokens' manager
     * @throws IllegalArgumentException when the positions would pass the block's context
     */
    NDArray forwardCached(ParameterStore store, NDArray tokens, KeyValueCache cache);

    /**
     * The logits of the position after {@code tokens}' last one, as {@link #forwardCached} gives them for that position,
     * with the cache advanced the same way; a block may compute less for the positions whose logits nobody reads (this
     * default computes them all and keeps the last).
     *
     * @param store  where parameter values come from
     * @param tokens token ids {@code (B, n)}, int64
     * @param cache  the session's cache
     * @return logits {@code (B, vocab)} of the last new position, created in the tokens' manager
     */
    default NDArray nextTokenLogits(ParameterStore store, NDArray tokens, KeyValueCache cache) {
        NDArray logits = forwardCached(store, tokens, cache);                                        // (B, n, V)
        return logits.get(new ai.djl.ndarray.index.NDIndex().addAllDim().addIndices(logits.getShape().get(1) - 1));
    }
}
