package io.github.adder4j.core.eval;

import io.github.adder4j.core.format.TokenFormat;

/**
 * A case the adder got wrong.
 *
 * @param a first operand
 * @param b second operand
 * @param expected the exact sum {@code a + b}
 * @param got what the adder returned; -1 when it could not answer or threw
 */
public record Failure(long a, long b, long expected, long got) {

    /**
     * Validates the failure.
     *
     * @param a first operand
     * @param b second operand
     * @param expected the true sum
     * @param got what the adder answered (-1: not a number)
     * @throws IllegalArgumentException if an operand is outside [0, 9999999999]
     * @throws IllegalStateException if {@code expected != a + b} or {@code got == expected}
     */
    public Failure {
        TokenFormat.requireOperands(a, b);
        if (expected != a + b) {
            throw new IllegalStateException("expected must be a + b = " + (a + b) + ": " + expected);
        }
        if (got == expected) {
            throw new IllegalStateException("got equals expected, so this is no failure: " + got);
        }
    }

    /**
     * The case this failure belongs to.
     *
     * @return the operands as a case
     */
    public Case testCase() {
        return new Case(a, b);
    }

    /** {@code a + b = expected, got X}, all numbers as plain decimals. */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%d + %d = %d, got %d", a, b, expected, got);
    }
}
