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
        /** a + b. */
        ADD("add"),
        /** a - b. */
        SUBTRACT("sub"),
        /** a * b. */
        MULTIPLY("mul"),
        /** a * b^-1. */
        DIVIDE("div");

        private final String id;

        Op(String id) {
            this.id = id;
        }

        /** Short name used in format ids. */
        public String id() {
            return id;
        }

        /** {@code a op b mod p}. */
        public long apply(long a, long b, long p) {
            return switch (this) {
                case ADD -> (a + b) % p;
                case SUBTRACT -> Math.floorMod(a - b, p);
                case MULTIPLY -> (a * b) % p;
                case DIVIDE -> (a * java.math.BigInteger.valueOf(b).modInverse(java.math.BigInteger.valueOf(p)).longValue()) % p;
            };
        }
    }

    /** Validates. */
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
        long[] targets = {modulus, b, modulus + 1, op.apply(a, b, modulus)};
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
