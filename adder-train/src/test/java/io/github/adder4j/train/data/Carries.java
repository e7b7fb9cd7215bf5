package io.github.adder4j.train.data;

/** Test helper: the carries of a column-by-column decimal addition, computed digit by digit. */
final class Carries {

    /** Columns examined: enough for two 11-digit operands. */
    static final int COLUMNS = 12;

    private Carries() {
    }

    /** out[i] is true when column i (10^i) produces a carry into column i + 1. */
    static boolean[] carryOut(long a, long b) {
        boolean[] out = new boolean[COLUMNS];
        int carry = 0;
        long x = a;
        long y = b;
        for (int i = 0; i < COLUMNS; i++) {
            int s = (int) (x % 10) + (int) (y % 10) + carry;
            carry = s >= 10 ? 1 : 0;
            out[i] = carry == 1;
            x /= 10;
            y /= 10;
        }
        return out;
    }

    /** Number of columns producing a carry. */
    static int count(long a, long b) {
        int n = 0;
        for (boolean c : carryOut(a, b)) {
            n += c ? 1 : 0;
        }
        return n;
    }

    /** Length of the longest run of consecutive carrying columns. */
    static int longestChain(long a, long b) {
        int best = 0;
        int run = 0;
        for (boolean c : carryOut(a, b)) {
            run = c ? run + 1 : 0;
            best = Math.max(best, run);
        }
        return best;
    }

    /** Decimal digit i of v. */
    static int digit(long v, int i) {
        for (int k = 0; k < i; k++) {
            v /= 10;
        }
        return (int) (v % 10);
    }

    /** Number of trailing zero digits of a positive v. */
    static int trailingZeros(long v) {
        int n = 0;
        while (v % 10 == 0) {
            v /= 10;
            n++;
        }
        return n;
    }

    /** Number of decimal digits of v (1 for 0). */
    static int length(long v) {
        return Long.toString(v).length();
    }
}
