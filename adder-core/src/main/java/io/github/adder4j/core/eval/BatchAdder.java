package io.github.adder4j.core.eval;

/**
 * Anything that adds pairs of operands in batches: a model behind the {@code Adder} facade, a reference, a stub in a
 * test. Implementations return one result per pair, or -1 for a pair they could not answer.
 */
@FunctionalInterface
public interface BatchAdder {
    /**
     * Sums {@code a[i] + b[i]} for every i; both arrays have the same length.
     *
     * @param a first operands
     * @param b second operands, as many as {@code a}
     * @return one sum per pair, -1 where unanswered
     */
    long[] add(long[] a, long[] b);
}
