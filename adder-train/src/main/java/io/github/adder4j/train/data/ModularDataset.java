package io.github.adder4j.train.data;

import io.github.adder4j.core.format.ModularFormat;
import java.util.Arrays;
import java.util.Objects;

/**
 * The modular-arithmetic grokking task: {@code a op b mod p} over all pairs, split into train and test by a fraction
 * and a seed.
 *
 * <p>Pairs: all {@code (a, b)} with {@code a, b} in [0, p), except {@code b = 0} for {@link ModularFormat.Op#DIVIDE}; so
 * {@code p^2} pairs, or {@code p (p - 1)} for division. Pair {@code k} is {@code (k / w, k % w + b0)} where
 * {@code w} is the number of b values and {@code b0} the smallest (enumeration in a-major order).
 *
 * <p>Tokens (vocabulary {@code p + 2}): ids {@code 0..p-1} are the residues, {@code p} is the operator token (one
 * operator per dataset), {@code p + 1} is '='. An input row is {@code [a, p, b, p + 1]} and its target the residue
 * {@code a op b mod p}, read from the last position.
 *
 * <p>Split: a Fisher-Yates shuffle of the pair indices with {@link DataRng}{@code (seed)}; the first
 * {@code round(trainFraction * pairs)} (clamped to [1, pairs - 1]) are the training pairs. Both splits list their
 * pairs in enumeration order. Same arguments, same split.
 */
public final class ModularDataset {

    /** The default modulus, as in the published grokking runs. */
    public static final int DEFAULT_MODULUS = 97;

    /** Largest supported modulus (keeps the enumerated pairs a few million). */
    public static final int MAX_MODULUS = 2048;

    /** Tokens per input row: {@code a op b =}. */
    public static final int SEQUENCE_LENGTH = 4;

    private final ModularFormat.Op op;
    private final int p;
    private final double trainFraction;
    private final long seed;
    private final Split train;
    private final Split test;

    private ModularDataset(ModularFormat.Op op, int p, double trainFraction, long seed, int[] trainIdx, int[] testIdx) {
        this.op = op;
        this.p = p;
        this.trainFraction = trainFraction;
        this.seed = seed;
        this.train = new Split(trainIdx);
        this.test = new Split(testIdx);
    }

    /**
     * The dataset with {@code p = 97}.
     *
     * @param op the operation
     * @param trainFraction share of pairs used for training, in (0, 1)
     * @param seed split seed
     * @return the dataset
     */
    public static ModularDataset create(ModularFormat.Op op, double trainFraction, long seed) {
        return create(op, DEFAULT_MODULUS, trainFraction, seed);
    }

    /**
     * The dataset.
     *
     * @param op the operation
     * @param p modulus in [2, 2048]; prime for {@link ModularFormat.Op#DIVIDE}
     * @param trainFraction share of pairs used for training, in (0, 1)
     * @param seed split seed
     * @return the dataset
     */
    public static ModularDataset create(ModularFormat.Op op, int p, double trainFraction, long seed) {
        Objects.requireNonNull(op, "op");
        if (p < 2 || p > MAX_MODULUS) {
            throw new IllegalArgumentException("p must be in [2, " + MAX_MODULUS + "]: " + p);
        }
        if (op == ModularFormat.Op.DIVIDE && !isPrime(p)) {
            throw new IllegalStateException("p must be prime for op DIVIDE: " + p);
        }
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("trainFraction must be in (0, 1): " + trainFraction);
        }
        int pairs = p * (op.allowsZeroRight() ? p : p - 1);
        int trainSize = (int) Math.max(1, Math.min(pairs - 1, Math.round(trainFraction * pairs)));
        int[] order = new int[pairs];
        for (int i = 0; i < pairs; i++) {
            order[i] = i;
        }
        DataRng rng = new DataRng(seed);
        for (int i = pairs - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] trainIdx = Arrays.copyOfRange(order, 0, trainSize);
        int[] testIdx = Arrays.copyOfRange(order, trainSize, pairs);
        Arrays.sort(trainIdx);
        Arrays.sort(testIdx);
        return new ModularDataset(op, p, trainFraction, seed, trainIdx, testIdx);
    }

    /**
     * Whether {@code n} is prime (trial division).
     *
     * @param n any int
     * @return true for primes
     */
    public static boolean isPrime(int n) {
        if (n < 2) {
            return false;
        }
        for (int d = 2; (long) d * d <= n; d++) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The operation.
     *
     * @return the operation
     */
    public ModularFormat.Op op() {
        return op;
    }

    /**
     * The modulus p.
     *
     * @return p
     */
    public int modulus() {
        return p;
    }

    /**
     * The requested training fraction.
     *
     * @return the fraction
     */
    public double trainFraction() {
        return trainFraction;
    }

    /**
     * The split seed.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * Vocabulary size {@code p + 2}.
     *
     * @return the size
     */
    public int vocabSize() {
        return p + 2;
    }

    /**
     * The operator token id, {@code p}.
     *
     * @return the id
     */
    public int opToken() {
        return p;
    }

    /**
     * The '=' token id, {@code p + 1}.
     *
     * @return the id
     */
    public int equalsToken() {
        return p + 1;
    }

    /**
     * Number of pairs in both splits together.
     *
     * @return {@code p^2}, or {@code p (p - 1)} for division
     */
    public int size() {
        return train.size() + test.size();
    }

    /**
     * The training split.
     *
     * @return the split
     */
    public Split train() {
        return train;
    }

    /**
     * The test split.
     *
     * @return the split
     */
    public Split test() {
        return test;
    }

    /** One split: a list of pairs in enumeration order. */
    public final class Split {

        private final int[] pairIndex;

        private Split(int[] pairIndex) {
            this.pairIndex = pairIndex;
        }

        /**
         * Number of pairs.
         *
         * @return the size
         */
        public int size() {
            return pairIndex.length;
        }

        /**
         * Left operand of row {@code i}.
         *
         * @param i row in [0, size)
         * @return a in [0, p)
         */
        public int a(int i) {
            return pairIndex[Objects.checkIndex(i, pairIndex.length)] / width();
        }

        /**
         * Right operand of row {@code i}.
         *
         * @param i row in [0, size)
         * @return b in [0, p) (non-zero for division)
         */
        public int b(int i) {
            return pairIndex[Objects.checkIndex(i, pairIndex.length)] % width() + (op.allowsZeroRight() ? 0 : 1);
        }

        /**
         * Target of row {@code i}: {@code a op b mod p}.
         *
         * @param i row in [0, size)
         * @return the residue
         */
        public int target(int i) {
            return op.apply(a(i), b(i), p);
        }

        /**
         * All rows as one batch (full-batch training or evaluation).
         *
         * @return the batch
         */
        public ModularBatch all() {
            return rows(0, pairIndex.length);
        }

        /**
         * Rows {@code from..to-1}.
         *
         * @param from first row, in [0, size]
         * @param to end row, in [from, size]
         * @return the batch
         */
        public ModularBatch rows(int from, int to) {
            Objects.checkFromToIndex(from, to, pairIndex.length);
            int[] rows = new int[to - from];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = from + i;
            }
            return rows(rows);
        }

        /**
         * The given rows, in the given order (e.g. a shuffled mini-batch).
         *
         * @param rows row numbers in [0, size)
         * @return the batch
         */
        public ModularBatch rows(int[] rows) {
            Objects.requireNonNull(rows, "rows");
            long[] inputs = new long[rows.length * SEQUENCE_LENGTH];
            long[] targets = new long[rows.length];
            for (int r = 0; r < rows.length; r++) {
                int i = rows[r];
                int a = a(i);
                int b = b(i);
                inputs[r * SEQUENCE_LENGTH] = a;
                inputs[r * SEQUENCE_LENGTH + 1] = opToken();
                inputs[r * SEQUENCE_LENGTH + 2] = b;
                inputs[r * SEQUENCE_LENGTH + 3] = equalsToken();
                targets[r] = op.apply(a, b, p);
            }
            return new ModularBatch(rows.length, inputs, targets);
        }

        private int width() {
            return op.allowsZeroRight() ? p : p - 1;
        }
    }
}
