package io.github.adder4j.core.eval;

import io.github.adder4j.core.format.TokenFormat;

import java.util.ArrayList;
import java.util.List;

/**
 * Carry structure of a 10-digit addition.
 *
 * <p>Definitions. Column i (0 = units, 9 = the tenth digit) adds digit i of a, digit i of b and the carry into the
 * column, c<sub>i</sub> (c<sub>0</sub> = 0). The column <em>produces a carry</em> when that sum is at least 10; the
 * carry goes into column i + 1, or for column 9 into the eleventh (carry-out) digit of the sum. A <em>carry chain</em>
 * is a maximal run of consecutive columns that all produce a carry; its <em>length</em> is the number of columns in
 * the run (1 to 10), its <em>start</em> the lowest column of the run. The first column of a chain produces its carry
 * on its own digits (digit sum &ge; 10); every further column receives a carry and passes one on (digit sum &ge; 9).
 * The longest carry chain of a pair without any carry is 0.
 *
 * <p>With this definition the 10,010 AdderBoard cases have a longest chain of at least 8 in 148 cases and of 10 in 20,
 * the figures AdderBoard publishes.
 */
public final class Carries {

    /** Number of digit columns of an operand. */
    public static final int COLUMNS = 10;

    private Carries() {
    }

    /**
     * The carry-out of every column as a bit mask: bit i is set iff column i produces a carry.
     *
     * @param a first operand, in [0, 9999999999]
     * @param b second operand, in [0, 9999999999]
     * @return bit i set when column i carries out
     * @throws IllegalArgumentException if an operand is outside [0, 9999999999]
     */
    public static int carryMask(long a, long b) {
        TokenFormat.requireOperands(a, b);
        int mask = 0;
        int carry = 0;
        long x = a;
        long y = b;
        for (int column = 0; column < COLUMNS; column++) {
            int sum = (int) (x % 10) + (int) (y % 10) + carry;
            carry = sum >= 10 ? 1 : 0;
            mask |= carry << column;
            x /= 10;
            y /= 10;
        }
        return mask;
    }

    /**
     * All carry chains, lowest column first.
     *
     * @param a first operand, in [0, 9999999999]
     * @param b second operand, in [0, 9999999999]
     * @return the chains, lowest column first
     * @throws IllegalArgumentException if an operand is outside [0, 9999999999]
     */
    public static List<CarryChain> carryChains(long a, long b) {
        int mask = carryMask(a, b);
        List<CarryChain> chains = new ArrayList<>();
        int column = 0;
        while (column < COLUMNS) {
            if ((mask >>> column & 1) == 0) {
                column++;
                continue;
            }
            int start = column;
            while (column < COLUMNS && (mask >>> column & 1) == 1) {
                column++;
            }
            chains.add(new CarryChain(start, column - start));
        }
        return List.copyOf(chains);
    }

    /**
     * The lengths of all carry chains, lowest column first.
     *
     * @param a first operand, in [0, 9999999999]
     * @param b second operand, in [0, 9999999999]
     * @return the chains' lengths, lowest column first
     * @throws IllegalArgumentException if an operand is outside [0, 9999999999]
     */
    public static int[] carryChainLengths(long a, long b) {
        return carryChains(a, b).stream().mapToInt(CarryChain::length).toArray();
    }

    /**
     * The length of the longest carry chain, 0 when no column produces a carry.
     *
     * @param a first operand, in [0, 9999999999]
     * @param b second operand, in [0, 9999999999]
     * @return the longest chain's length, 0 when no column carries
     * @throws IllegalArgumentException if an operand is outside [0, 9999999999]
     */
    public static int longestCarryChain(long a, long b) {
        int mask = carryMask(a, b);
        int longest = 0;
        int run = 0;
        for (int column = 0; column < COLUMNS; column++) {
            run = (mask >>> column & 1) == 1 ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    /**
     * The number of columns that produce a carry (the total length of all chains), in [0, 10].
     *
     * @param a first operand, in [0, 9999999999]
     * @param b second operand, in [0, 9999999999]
     * @return the number of columns that carry out
     * @throws IllegalArgumentException if an operand is outside [0, 9999999999]
     */
    public static int carryCount(long a, long b) {
        return Integer.bitCount(carryMask(a, b));
    }
}
