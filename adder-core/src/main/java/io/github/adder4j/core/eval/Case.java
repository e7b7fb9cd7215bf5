package io.github.adder4j.core.eval;

import io.github.adder4j.core.format.TokenFormat;

/**
 * One test case: the operands of {@code a + b}, both in [0, 9999999999].
 *
 * @param a first operand
 * @param b second operand
 */
public record Case(long a, long b) {

    /** Largest operand: ten decimal digits ({@link TokenFormat#MAX_OPERAND}). */
    public static final long MAX_OPERAND = TokenFormat.MAX_OPERAND;

    /**
     * Validates the operands.
     *
     * @param a first operand
     * @param b second operand
     * @throws IllegalArgumentException if an operand is outside [0, 9999999999]
     */
    public Case {
        TokenFormat.requireOperands(a, b);
    }

    /**
     * The exact sum {@code a + b}.
     *
     * @return {@code a + b}
     */
    public long expected() {
        return a + b;
    }
}
