package io.github.adder4j.core.decode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The keys and values of the positions a decoding session has seen, per attention layer, so that each new position
 * attends to them without recomputing them. It knows nothing of the model but the layer count: the arrays' layout is the
 * attention's own ({@code (B, heads, positions, width)} in adder4j's blocks), and {@link #length()} is the number of
 * positions held.
 *
 * <p>A cache belongs to one {@link IncrementalBlock} and one batch of rows; its arrays live in the manager given at
 * creation, and {@link #put} closes the arrays it replaces.
 */
public final class KeyValueCache {
    private final NDManager manager;
    private final List<NDArray> keys;
    private final List<NDArray> values;
    private int length;

    /**
     * An empty cache.
     *
     * @param manager owns the cached arrays (e.g. the manager of one decoding chunk)
     * @param layers  the number of attention layers
     * @throws IllegalArgumentException when {@code layers} is negative
     */
    public KeyValueCache(NDManager manager, int layers) {
        this.manager = Objects.requireNonNull(manager, "manager");
        if (layers < 0) {
            throw new IllegalArgumentException("layers must not be negative: " + layers);
        }
        keys = new ArrayList<>(java.util.Collections.nCopies(layers, null));
        values = new ArrayList<>(java.util.Collections.nCopies(layers, null));
    }

    /**
     * Positions held.
     *
     * @return the number of positions whose keys and values are cached (0 for a new cache)
     */
    public int length() {
        return length;
    }

    /**
     * The cached keys of a layer.
     *
     * @param layer the layer index
     * @return the keys of all cached positions, or null before the first {@link #put} of that layer
     */
    public NDArray keys(int layer) {
        return keys.get(layer);
    }

    /**
     * The cached values of a layer.
     *
     * @param layer the layer index
     * @return the values of all cached positions, or null before the first {@link #put} of that layer
     */
    public NDArray values(int layer) {
        return values.get(layer);
    }

    /**
     * Replaces a layer's keys and values by arrays that cover every position seen so far plus the new ones; the replaced
     * arrays are closed and the new ones move to this cache's manager.
     *
     * @param layer  the layer index
     * @param key    the keys of all positions, old and new
     * @param value  the values of all positions, old and new
     */
    public void put(int layer, NDArray key, NDArray value) {
        key.attach(manager);
        value.attach(manager);
        NDArray oldKey = keys.set(layer, key);
        NDArray oldValue = values.set(layer, value);
        if (oldKey != null && oldKey != key) {
            oldKey.close();
        }
        if (oldValue != null && oldValue != value && oldValue != key) {
            oldValue.close();
        }
    }

    /**
     * Records that {@code positions} more positions are now held (after every layer has put them).
     *
     * @param positions the number of new positions
     * @throws IllegalArgumentException when {@code positions} is negative
     */
    public void advance(int positions) {
        if (positions < 0) {
            throw new IllegalArgumentException("positions must not be negative: " + positions);
        }
        length += positions;
    }
}
