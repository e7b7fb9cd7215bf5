package io.github.adder4j.core.prove;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One partition cell of answer step {@code step}: the digit pairs of columns {@code lo..hi} are fixed, the carry into column
 * {@code lo} is {@code carryIn}, every other operand digit is free. Inside a cell the correct answer digit of the step, and
 * every already generated sum digit of a fixed column, are determined; the other generated digits are free. Column 10 is the
 * carry-out column (no operand digits), so step 10's cells fix column 9 and the carry into it.
 *
 * <p>Text form (certificates): {@code step/lo/carryIn/digits}, digits {@code a_lo b_lo a_lo+1 b_lo+1 ...}, e.g.
 * {@code 3/2/1/4718} (step 3; a2=4, b2=7, a3=1, b3=8; carry 1 into column 2).
 *
 * @param step    answer step (sum digit), 0..10
 * @param lo      lowest fixed column
 * @param carryIn carry into column lo (0 when lo is 0)
 * @param digits  {@code a_lo, b_lo, a_lo+1, b_lo+1, ...} up to the highest fixed column (at most 9)
 */
public record Cell(int step, int lo, int carryIn, int[] digits) {

    /** Highest operand column. */
    public static final int TOP = 9;

    /**
     * Validates.
     *
     * @param step answer step (sum digit), 0..10
     * @param lo lowest fixed column
     * @param carryIn carry into column lo (0 when lo is 0)
     * @param digits {@code a_lo, b_lo, a_lo+1, b_lo+1, ...} up to the highest fixed column (at most 9)
     */
    public Cell {
        if (step < 0 || step > 10) {
            throw new IllegalArgumentException("step must be in [0, 10]: " + step);
        }
        if (digits.length % 2 != 0 || lo < 0 || lo + digits.length / 2 - 1 > TOP) {
            throw new IllegalArgumentException("bad fixed columns: lo=" + lo + ", digits=" + Arrays.toString(digits));
        }
        if (carryIn < 0 || carryIn > 1 || (lo == 0 && carryIn != 0)) {
            throw new IllegalArgumentException("carryIn must be 0 or 1 (0 at column 0): " + carryIn);
        }
        digits = digits.clone();
    }

    /**
     * Highest fixed column ({@code lo - 1} when none is fixed).
     *
     * @return the highest column whose digits are fixed, from {@code lo - 1} to 9
     */
    public int hi() {
        return lo + digits.length / 2 - 1;
    }

    /**
     * Whether column k's digits are fixed.
     *
     * @param k an operand column, 0..9
     * @return {@code true} when k is in {@code lo..hi}
     */
    public boolean fixed(int k) {
        return k >= lo && k <= hi();
    }

    /**
     * Digit of operand a (0) or b (1) at a fixed column.
     *
     * @param operand 0 for a, 1 for b
     * @param column a fixed column, in {@code lo..hi}
     * @return the digit, 0..9
     */
    public int digit(int operand, int column) {
        return digits[2 * (column - lo) + operand];
    }

    /**
     * The sum digit of column k when it is determined in this cell (k in lo..hi, or k = hi + 1 = 10), else -1.
     *
     * @param k a sum column, 0..10
     * @return the sum digit, 0..9, or -1 when the cell leaves it open
     */
    public int sumDigit(int k) {
        if (k < lo || k > hi() + 1 || (k == hi() + 1 && k != 10)) {
            return -1;
        }
        int carry = carryIn;
        for (int c = lo; c <= hi(); c++) {
            int total = digit(0, c) + digit(1, c) + carry;
            if (c == k) {
                return total % 10;
            }
            carry = total / 10;
        }
        return carry; // k == 10: the carry out of column 9
    }

    /**
     * The correct answer digit of this cell's step.
     *
     * @return the digit, 0..9, the step must write in every input pair of the cell
     */
    public int answer() {
        int z = sumDigit(step);
        if (z < 0) {
            throw new IllegalStateException("cell " + this + " does not determine sum digit " + step);
        }
        return z;
    }

    /**
     * Whether every operand column is fixed: the cell is one input pair.
     *
     * @return {@code true} when the cell is one pair of operands
     */
    public boolean isPoint() {
        return lo == 0 && hi() == TOP;
    }

    /**
     * The operands of a point cell.
     *
     * @return {@code {a, b}}
     */
    public long[] operands() {
        long a = 0;
        long b = 0;
        for (int k = hi(); k >= lo; k--) {
            a = a * 10 + digit(0, k);
            b = b * 10 + digit(1, k);
        }
        for (int k = lo; k > 0; k--) {
            a *= 10;
            b *= 10;
        }
        return new long[] {a, b};
    }

    /**
     * The initial cells of a step: columns {@code step-1} and {@code step} fixed (only column 0 at step 0, only column 9 at
     * step 10) with both carries into the lower one.
     *
     * @param step the answer step, 0..10
     * @return the cells that partition the inputs of that step
     */
    public static List<Cell> initial(int step) {
        List<Cell> cells = new ArrayList<>();
        int lo = Math.max(0, step - 1);
        int hi = Math.min(TOP, step);
        int columns = hi - lo + 1;
        int combos = (int) Math.pow(100, columns);
        for (int carry = 0; carry <= (lo == 0 ? 0 : 1); carry++) {
            for (int n = 0; n < combos; n++) {
                int[] digits = new int[2 * columns];
                int rest = n;
                for (int c = 0; c < columns; c++) {
                    digits[2 * c] = rest % 10;
                    digits[2 * c + 1] = rest / 10 % 10;
                    rest /= 100;
                }
                cells.add(new Cell(step, lo, carry, digits));
            }
        }
        return cells;
    }

    /** Which way a cell is split: fix the column below ({@code DOWN}) or above ({@code UP}). */
    public enum Split {
        /** Fix the free column below the fixed ones, {@code lo - 1}. */
        DOWN,
        /** Fix the free column above the fixed ones, {@code hi + 1}. */
        UP
    }

    /**
     * The split a refinement uses for this cell: down while a free column is below, else up; null for a point.
     *
     * @return the split to refine this cell with, or null for a point
     */
    public Split nextSplit() {
        return lo > 0 ? Split.DOWN : hi() < TOP ? Split.UP : null;
    }

    /**
     * The children of a split: DOWN fixes column {@code lo-1} with every pair and carry into it that produces this cell's
     * carry; UP fixes column {@code hi+1} with every pair. The children partition the cell.
     *
     * @param split the way to split, usually {@link #nextSplit()}
     * @return the children; they partition this cell
     */
    public List<Cell> children(Split split) {
        List<Cell> out = new ArrayList<>();
        if (split == Split.DOWN) {
            int c = lo - 1;
            for (int carry = 0; carry <= (c == 0 ? 0 : 1); carry++) {
                for (int a = 0; a <= 9; a++) {
                    for (int b = 0; b <= 9; b++) {
                        if ((a + b + carry >= 10 ? 1 : 0) == carryIn) {
                            int[] d = new int[digits.length + 2];
                            d[0] = a;
                            d[1] = b;
                            System.arraycopy(digits, 0, d, 2, digits.length);
                            out.add(new Cell(step, c, carry, d));
                        }
                    }
                }
            }
        } else {
            for (int a = 0; a <= 9; a++) {
                for (int b = 0; b <= 9; b++) {
                    int[] d = Arrays.copyOf(digits, digits.length + 2);
                    d[digits.length] = a;
                    d[digits.length + 1] = b;
                    out.add(new Cell(step, lo, carryIn, d));
                }
            }
        }
        return out;
    }

    /**
     * Parses the text form.
     *
     * @param text a cell in the text form of the class description
     * @return the cell
     * @throws IllegalArgumentException naming the text when it is not a valid cell
     */
    public static Cell parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("cell must be step/lo/carryIn/digits: " + text);
        }
        int[] digits = new int[parts[3].length()];
        for (int i = 0; i < digits.length; i++) {
            char ch = parts[3].charAt(i);
            if (ch < '0' || ch > '9') {
                throw new IllegalArgumentException("cell digits must be 0-9: " + text);
            }
            digits[i] = ch - '0';
        }
        return new Cell(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), digits);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder().append(step).append('/').append(lo).append('/').append(carryIn).append('/');
        for (int x : digits) {
            s.append(x);
        }
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cell c && c.step == step && c.lo == lo && c.carryIn == carryIn && Arrays.equals(c.digits, digits);
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
