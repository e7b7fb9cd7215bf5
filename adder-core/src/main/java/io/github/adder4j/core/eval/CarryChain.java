package io.github.adder4j.core.eval;

/**
 * A maximal run of consecutive carry-producing columns, as defined in {@link Carries}.
 *
 * @param start the least significant column of the run, in [0, 9]
 * @param length the number of columns in the run, at least 1, with {@code start + length <= 10}
 */
public record CarryChain(int start, int length) {

    /**
     * Validates the chain.
     *
     * @param start the lowest carrying column, in [0, 9]
     * @param length the number of columns, at least 1
     * @throws IllegalArgumentException if start is outside [0, 9] or length outside [1, 10]
     * @throws IllegalStateException if the chain runs past column 9
     */
    public CarryChain {
        if (start < 0 || start >= Carries.COLUMNS) {
            throw new IllegalArgumentException("start must be in [0, " + (Carries.COLUMNS - 1) + "]: " + start);
        }
        if (length < 1 || length > Carries.COLUMNS) {
            throw new IllegalArgumentException("length must be in [1, " + Carries.COLUMNS + "]: " + length);
        }
        if (start + length > Carries.COLUMNS) {
            throw new IllegalStateException("chain must end by column " + (Carries.COLUMNS - 1)
                    + ": start=" + start + ", length=" + length);
        }
    }

    /**
     * The most significant column of the run; its carry goes into column {@code end() + 1} (10 = the carry-out digit).
     *
     * @return the highest carrying column, {@code start + length - 1}
     */
    public int end() {
        return start + length - 1;
    }
}
