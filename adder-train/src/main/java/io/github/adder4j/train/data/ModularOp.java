package io.github.adder4j.train.data;

/**
 * The operation of a {@link ModularDataset}: {@code a op b mod p}.
 */
public enum ModularOp {
    /** {@code (a + b) mod p}. */
    ADD('+'),
    /** {@code (a - b) mod p}, in [0, p). */
    SUBTRACT('-'),
    /** {@code (a * b) mod p}. */
    MULTIPLY('*'),
    /** {@code (a * b^-1) mod p} with {@code b != 0}; needs a prime p. */
    DIVIDE('/');

    private final char symbol;

    ModularOp(char symbol) {
        this.symbol = symbol;
    }

    /**
     * The operator's symbol, for logs and reports.
     *
     * @return '+', '-', '*' or '/'
     */
    public char symbol() {
        return symbol;
    }

    /**
     * Whether {@code b} may be {@code 0}.
     *
     * @return false only for {@link #DIVIDE}
     */
    public boolean allowsZeroRight() {
        return this != DIVIDE;
    }

    /**
     * {@code a op b mod p}.
     *
     * @param a in [0, p)
     * @param b in [0, p), non-zero for {@link #DIVIDE}
     * @param p modulus, at least 2 (prime for {@link #DIVIDE})
     * @return the residue in [0, p)
     */
    public int apply(int a, int b, int p) {
        if (p < 2) {
            throw new IllegalArgumentException("p must be >= 2: " + p);
        }
        if (a < 0 || a >= p) {
            throw new IllegalArgumentException("a must be in [0, " + (p - 1) + "]: " + a);
        }
        if (b < 0 || b >= p) {
            throw new IllegalArgumentException("b must be in [0, " + (p - 1) + "]: " + b);
        }
        return switch (this) {
            case ADD -> (a + b) % p;
            case SUBTRACT -> (a - b + p) % p;
            case MULTIPLY -> (int) ((long) a * b % p);
            case DIVIDE -> (int) ((long) a * inverse(b, p) % p);
        };
    }

    /**
     * The multiplicative inverse of {@code b} modulo {@code p} (extended Euclid).
     *
     * @param b in [1, p)
     * @param p modulus, at least 2, coprime to b
     * @return x in [1, p) with {@code b * x = 1 (mod p)}
     */
    public static int inverse(int b, int p) {
        if (p < 2) {
            throw new IllegalArgumentException("p must be >= 2: " + p);
        }
        if (b <= 0 || b >= p) {
            throw new IllegalArgumentException("b must be in [1, " + (p - 1) + "]: " + b);
        }
        long oldR = b;
        long r = p;
        long oldS = 1;
        long s = 0;
        while (r != 0) {
            long q = oldR / r;
            long t = oldR - q * r;
            oldR = r;
            r = t;
            t = oldS - q * s;
            oldS = s;
            s = t;
        }
        if (oldR != 1) {
            throw new IllegalStateException("b must be coprime to p (" + p + ") to have an inverse: " + b);
        }
        return (int) (((oldS % p) + p) % p);
    }
}
