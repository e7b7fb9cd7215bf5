package io.github.adder4j.core.format;

import io.github.adder4j.core.format.TokenFormat.PositionRole.Kind;
import java.util.Objects;

/**
 * Modular arithmetic {@code a op b mod p} (the grokking task): prompt {@code [a, OP, b, EQ]} with residue tokens
 * {@code 0..p-1}, {@code OP = p}, {@code EQ = p + 1}; the model generates one token, the residue. Operands are residues
 * in {@code [0, p)}; for division {@code b} must be non-zero and the result is {@code a * b^-1 mod p}.
 *
 * @param op the operation
 * @param modulus the prime modulus p
 */
public record ModularFormat(Op op, int modulus) implements TokenFormat {

    /** Operations. */
    public enum Op {
        /** {@code (a + b) mod p}. */
        ADD("add", '+'),
        /** {@code (a - b) mod p}, in [0, p). */
        SUBTRACT("sub", '-'),
        /** {@code (a * b) mod p}. */
        MULTIPLY("mul", '*'),
        /** {@code (a * b^-1) mod p} with {@code b != 0}; needs a prime p. */
        DIVIDE("div", '/');

        private final String id;
        private final char symbol;

        Op(String id, char symbol) {
            this.id = id;
            this.symbol = symbol;
        }

        /**
         * Short name used in format ids.
         *
         * @return e.g. {@code add}
         */
        public String id() {
            return id;
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
         * @throws IllegalArgumentException naming the operand out of range
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

    /**
     * Validates.
     *
     * @param op      the operation
     * @param modulus a prime in [2, 2048]
     */
    public ModularFormat {
        Objects.requireNonNull(op, "op");
        if (modulus < 2 || modulus > 2048 || !java.math.BigInteger.valueOf(modulus).isProbablePrime(30)) {
            throw new IllegalArgumentException("modulus must be a prime in [2, 2048]: " + modulus);
        }
    }

    /** Parses ids like {@code mod97-add}; returns null when the id is not a modular format id. */
    static ModularFormat parse(String id) {
        if (!id.startsWith("mod") || id.indexOf('-') < 0) {
            return null;
        }
        String p = id.substring(3, id.indexOf('-'));
        String o = id.substring(id.indexOf('-') + 1);
        for (Op op : Op.values()) {
            if (op.id.equals(o) && p.chars().allMatch(Character::isDigit) && !p.isEmpty()) {
                return new ModularFormat(op, Integer.parseInt(p));
            }
        }
        return null;
    }

    @Override
    public String id() {
        return "mod" + modulus + "-" + op.id;
    }

    @Override
    public int vocabSize() {
        return modulus + 2;
    }

    @Override
    public int promptLength() {
        return 4;
    }

    @Override
    public int answerLength() {
        return 1;
    }

    @Override
    public int contextLength() {
        return 4;
    }

    private void check(long a, long b) {
        if (a < 0 || a >= modulus) {
            throw new IllegalArgumentException("a must be in [0, " + (modulus - 1) + "]: " + a);
        }
        if (b < 0 || b >= modulus) {
            throw new IllegalArgumentException("b must be in [0, " + (modulus - 1) + "]: " + b);
        }
        if (op == Op.DIVIDE && b == 0) {
            throw new IllegalArgumentException("b must be non-zero for division: 0");
        }
    }

    @Override
    public long[] prompt(long a, long b) {
        check(a, b);
        return new long[] {a, modulus, b, modulus + 1};
    }

    @Override
    public TrainingRow trainingRow(long a, long b) {
        check(a, b);
        long[] inputs = {a, modulus, b, modulus + 1};
        long[] targets = {modulus, b, modulus + 1, op.apply((int) a, (int) b, modulus)};
        float[] mask = {0, 0, 0, 1};
        return new TrainingRow(inputs, targets, mask);
    }

    @Override
    public long readAnswer(long[] generated) {
        if (generated.length != 1) {
            throw new IllegalArgumentException("generated must have 1 token: " + generated.length);
        }
        return generated[0] < modulus ? generated[0] : -1;
    }

    @Override
    public PositionRole role(int position) {
        return switch (position) {
            case 0 -> new PositionRole(Kind.OPERAND_A, 0);
            case 1 -> new PositionRole(Kind.PLUS, -1);
            case 2 -> new PositionRole(Kind.OPERAND_B, 0);
            case 3 -> new PositionRole(Kind.EQUALS, -1);
            case 4 -> new PositionRole(Kind.SUM, 0);
            default -> throw new IllegalArgumentException("position must be in [0, 4]: " + position);
        };
    }
}
