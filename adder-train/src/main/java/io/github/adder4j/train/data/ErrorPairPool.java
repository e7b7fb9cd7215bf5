package io.github.adder4j.train.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * The accumulated error pairs of targeted fine-tuning: pairs a model got wrong on a (non-AdderBoard) test set, kept in
 * insertion order without duplicates. Grows between fine-tuning rounds; export it with {@link #a()} / {@link #b()} and
 * rebuild it with {@link #of(long[], long[])} when resuming.
 */
public final class ErrorPairPool {

    private final PairSet seen = new PairSet();
    private long[] a = new long[16];
    private long[] b = new long[16];
    private int size;

    /** An empty pool. */
    public ErrorPairPool() {
    }

    /**
     * A pool holding the distinct pairs {@code (a[i], b[i])} in order of first occurrence.
     *
     * @param a first operands, in [0, 9999999999]
     * @param b second operands, in [0, 9999999999], same length as {@code a}
     * @return the pool
     */
    public static ErrorPairPool of(long[] a, long[] b) {
        ErrorPairPool pool = new ErrorPairPool();
        pool.addAll(a, b);
        return pool;
    }

    /**
     * Adds a pair unless already present.
     *
     * @param a in [0, 9999999999]
     * @param b in [0, 9999999999]
     * @return true if it was new
     */
    public boolean add(long a, long b) {
        Batches.checkOperand("a", a);
        Batches.checkOperand("b", b);
        if (!seen.add(a, b)) {
            return false;
        }
        if (size == this.a.length) {
            this.a = Arrays.copyOf(this.a, size * 2);
            this.b = Arrays.copyOf(this.b, size * 2);
        }
        this.a[size] = a;
        this.b[size] = b;
        size++;
        return true;
    }

    /**
     * Adds every pair {@code (a[i], b[i])} not yet present.
     *
     * @param a first operands
     * @param b second operands, same length as {@code a}
     * @return the number of new pairs
     */
    public int addAll(long[] a, long[] b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a.length != b.length) {
            throw new IllegalArgumentException("b.length must equal a.length (" + a.length + "): " + b.length);
        }
        int added = 0;
        for (int i = 0; i < a.length; i++) {
            if (add(a[i], b[i])) {
                added++;
            }
        }
        return added;
    }

    /**
     * Whether the pair is in the pool.
     *
     * @param a first operand
     * @param b second operand
     * @return true if present
     */
    public boolean contains(long a, long b) {
        return seen.contains(a, b);
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
     * First operand of pair {@code i} (insertion order).
     *
     * @param i in [0, size)
     * @return the operand
     */
    public long a(int i) {
        Objects.checkIndex(i, size);
        return a[i];
    }

    /**
     * Second operand of pair {@code i} (insertion order).
     *
     * @param i in [0, size)
     * @return the operand
     */
    public long b(int i) {
        Objects.checkIndex(i, size);
        return b[i];
    }

    /**
     * All first operands in insertion order (a copy).
     *
     * @return the operands
     */
    public long[] a() {
        return Arrays.copyOf(a, size);
    }

    /**
     * All second operands in insertion order (a copy).
     *
     * @return the operands
     */
    public long[] b() {
        return Arrays.copyOf(b, size);
    }
}
