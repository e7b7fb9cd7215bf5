package io.github.adder4j.train.data;

import java.util.Objects;

/**
 * One pair drawn by the {@link CarryGenerator}.
 *
 * @param pattern the pattern that produced it
 * @param digits the drawn length {@code nd}, in [1, 10]
 * @param a first operand, in [0, 9999999999]
 * @param b second operand, in [0, 9999999999]
 */
public record CarryPair(CarryPattern pattern, int digits, long a, long b) {
    /**
     * Validates.
     *
     * @param pattern not null
     * @param digits in [1, 10]
     * @param a in [0, 9999999999]
     * @param b in [0, 9999999999]
     */
    public CarryPair {
        Objects.requireNonNull(pattern, "pattern");
        Batches.checkDigits("digits", digits);
        Batches.checkOperand("a", a);
        Batches.checkOperand("b", b);
    }
}
