package io.github.adder4j.train.data;

/**
 * The four carry patterns of the 57p carry-mix generator (see {@link CarryGenerator} for the exact definitions).
 */
public enum CarryPattern {
    /** One column with both digits in 5..9 (it carries), every other column with both digits in 0..4. */
    SINGLE,
    /** {@code a = 10^nd - 1} (all nines) plus a small {@code b}: a carry chain through all of a's nines. */
    CHAIN,
    /** An nd-digit {@code a} plus a single non-zero digit {@code k * 10^pos}. */
    PLACE,
    /** {@code a} just below a power of ten plus a small {@code b}: sums straddling {@code 10^nd}. */
    BOUNDARY
}
