package io.github.adder4j.train.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * A set of non-negative {@code (a, b)} pairs: open addressing with linear probing over two parallel {@code long}
 * arrays (empty slots hold -1), load factor at most 1/2, no boxing. Add-only; not thread-safe.
 */
public final class PairSet {

    private static final long EMPTY = -1L;
    private static final long HASH_MULTIPLIER = 0x9E3779B97F4A7C15L;
    private static final int MAX_EXPECTED = 1 << 27;

    private long[] keysA;
    private long[] keysB;
    private int size;

    /** An empty set. */
    public PairSet() {
        this(16);
    }

    /**
     * An empty set sized for {@code expected} pairs without resizing.
     *
     * @param expected in [0, 2^27]
     */
    public PairSet(int expected) {
        if (expected < 0) {
            throw new IllegalArgumentException("expected must be >= 0: " + expected);
        }
        if (expected > MAX_EXPECTED) {
            throw new IllegalArgumentException("expected must be <= " + MAX_EXPECTED + ": " + expected);
        }
        int capacity = Integer.highestOneBit(Math.max(8, expected) * 2 - 1) << 1;
        allocate(capacity);
    }

    /**
     * The set of the pairs {@code (a[i], b[i])}.
     *
     * @param a first elements, non-negative
     * @param b second elements, non-negative, same length as {@code a}
     * @return the set
     */
    public static PairSet of(long[] a, long[] b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a.length != b.length) {
            throw new IllegalArgumentException("b.length must equal a.length (" + a.length + "): " + b.length);
        }
        PairSet set = new PairSet(a.length);
        for (int i = 0; i < a.length; i++) {
            set.add(a[i], b[i]);
        }
        return set;
    }

    /**
     * Adds a pair.
     *
     * @param a non-negative
     * @param b non-negative
     * @return true if the pair was not yet in the set
     */
    public boolean add(long a, long b) {
        check(a, b);
        if ((size + 1) * 2 > keysA.length) {
            grow();
        }
        int slot = find(a, b);
        if (keysA[slot] != EMPTY) {
            return false;
        }
        keysA[slot] = a;
        keysB[slot] = b;
        size++;
        return true;
    }

    /**
     * Whether the pair is in the set.
     *
     * @param a any value (negative values are never contained)
     * @param b any value (negative values are never contained)
     * @return true if contained
     */
    public boolean contains(long a, long b) {
        if (a < 0 || b < 0) {
            return false;
        }
        return keysA[find(a, b)] != EMPTY;
    }

    /**
     * Number of distinct pairs.
     *
     * @return the size
     */
    public int size() {
        return size;
    }

    /**
     * An independent copy.
     *
     * @return the copy
     */
    public PairSet copy() {
        PairSet c = new PairSet(0);
        c.keysA = keysA.clone();
        c.keysB = keysB.clone();
        c.size = size;
        return c;
    }

    private static void check(long a, long b) {
        if (a < 0) {
            throw new IllegalArgumentException("a must be >= 0: " + a);
        }
        if (b < 0) {
            throw new IllegalArgumentException("b must be >= 0: " + b);
        }
    }

    /** Slot holding (a, b), or the empty slot where it would go. */
    private int find(long a, long b) {
        int mask = keysA.length - 1;
        int slot = (int) (DataRng.mix64(a * HASH_MULTIPLIER + b) >>> 32) & mask;
        while (keysA[slot] != EMPTY && (keysA[slot] != a || keysB[slot] != b)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void allocate(int capacity) {
        keysA = new long[capacity];
        keysB = new long[capacity];
        Arrays.fill(keysA, EMPTY);
    }

    private void grow() {
        long[] oldA = keysA;
        long[] oldB = keysB;
        if (oldA.length >= 1 << 29) {
            throw new IllegalStateException("PairSet is full: " + size + " pairs");
        }
        allocate(oldA.length * 2);
        for (int i = 0; i < oldA.length; i++) {
            if (oldA[i] != EMPTY) {
                int slot = find(oldA[i], oldB[i]);
                keysA[slot] = oldA[i];
                keysB[slot] = oldB[i];
            }
        }
    }
}
