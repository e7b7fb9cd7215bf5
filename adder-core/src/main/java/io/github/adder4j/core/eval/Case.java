package io.github.adder4j.core.eval;

/**
 * One test case: the operands of {@code a + b}, both in [0, 9999999999].
 *
 * @param a first operand
 * @param b second operand
 */
public record Case(long a, long b) {

    /** Largest operand: ten decimal digits. */
    public static final long MAX_OPERAND = 9_999_999_999L;

    /**
     * Validates the operands.
     *
     * @throws IllegalArgumentException if an operand is outside [0, 9999999999]
     */
    public Case {
        checkOperand("a", a);
        checkOperand("b", b);
    }

    /** The exact sum {@code a + b}. */
    public long expected() {
        return a + b;
    }

    static void checkOperand(String name, long value) {
        if (value < 0 || value > MAX_OPERAND) {
            throw new IllegalArgumentException(name + " must be in [0, " + MAX_OPERAND + "]: " + value);
        }
    }
}
