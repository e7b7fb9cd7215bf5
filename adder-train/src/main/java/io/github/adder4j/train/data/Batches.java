package io.github.adder4j.train.data;

import java.util.Objects;

/** Package-private checks and constants shared by the samplers. */
final class Batches {

    /** Largest operand: ten decimal digits. */
    static final long MAX_OPERAND = 9_999_999_999L;

    /** Largest supported number of digits. */
    static final int MAX_DIGITS = 10;

    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private Batches() {
    }

    /** 10^n for n in [0, 18]. */
    static long pow10(int n) {
        return POW10[n];
    }

    /** Validates the step and the batch arrays of a {@link PairSampler#sample} call. */
    static void check(int step, long[] a, long[] b) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0: " + step);
        }
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a.length != b.length) {
            throw new IllegalArgumentException("b.length must equal a.length (" + a.length + "): " + b.length);
        }
    }

    /** Validates a digit count. */
    static int checkDigits(String name, int digits) {
        if (digits < 1 || digits > MAX_DIGITS) {
            throw new IllegalArgumentException(name + " must be in [1, " + MAX_DIGITS + "]: " + digits);
        }
        return digits;
    }

    /** Validates an operand. */
    static long checkOperand(String name, long value) {
        if (value < 0 || value > MAX_OPERAND) {
            throw new IllegalArgumentException(name + " must be in [0, " + MAX_OPERAND + "]: " + value);
        }
        return value;
    }

    /** Clips to [0, MAX_OPERAND]. */
    static long clip(long value) {
        return Math.max(0, Math.min(MAX_OPERAND, value));
    }
}
