package io.github.adder4j.train.data;

import java.util.Objects;

/**
 * Held-out validation pairs drawn from their own seed, for evaluation during training, checkpoint selection and early
 * stopping. Seed 2025 is refused: it is the AdderBoard test seed, and the public test set must never steer training.
 * Wrap the training sampler in an {@link ExcludingSampler} with {@link #pairSet()} to keep these pairs out of
 * training. Pairs are drawn independently, so (rarely, mostly among short operands) a pair can repeat.
 */
public final class ValidationSet {

    /** The AdderBoard test seed, refused here. */
    public static final long ADDERBOARD_SEED = 2025L;

    /** How validation operands are distributed. */
    public enum Distribution {
        /** a, b ~ U[0, 10^10 - 1]. */
        UNIFORM_VALUE,
        /** n ~ U{minDigits..10} per pair, then a, b ~ U[0, 10^n): the training distribution of the 311p recipe. */
        DIGIT_LENGTH
    }

    private final long seed;
    private final Distribution distribution;
    private final int minDigits;
    private final long[] a;
    private final long[] b;

    private ValidationSet(long seed, Distribution distribution, int minDigits, long[] a, long[] b) {
        this.seed = seed;
        this.distribution = distribution;
        this.minDigits = minDigits;
        this.a = a;
        this.b = b;
    }

    /**
     * {@code size} pairs with both operands uniform over [0, 10^10 - 1].
     *
     * @param size number of pairs, positive
     * @param seed any seed but 2025
     * @return the set
     */
    public static ValidationSet uniform(int size, long seed) {
        return create(size, seed, Distribution.UNIFORM_VALUE, 1);
    }

    /**
     * {@code size} pairs from the per-example digit-length distribution at full length: n ~ U{minDigits..10}, then
     * a, b ~ U[0, 10^n).
     *
     * @param size number of pairs, positive
     * @param seed any seed but 2025
     * @param minDigits smallest length, in [1, 10]
     * @return the set
     */
    public static ValidationSet digitLengths(int size, long seed, int minDigits) {
        return create(size, seed, Distribution.DIGIT_LENGTH, minDigits);
    }

    private static ValidationSet create(int size, long seed, Distribution distribution, int minDigits) {
        if (seed == ADDERBOARD_SEED) {
            throw new IllegalArgumentException("seed 2025 is the AdderBoard test seed; use another seed for validation");
        }
        if (size < 1) {
            throw new IllegalArgumentException("size must be >= 1: " + size);
        }
        Batches.checkDigits("minDigits", minDigits);
        PairSampler sampler = distribution == Distribution.UNIFORM_VALUE
                ? new UniformValueSampler(DigitCurriculum.constant(Batches.MAX_DIGITS), seed)
                : new DigitLengthSampler(DigitCurriculum.constant(Batches.MAX_DIGITS), minDigits, seed);
        long[] a = new long[size];
        long[] b = new long[size];
        sampler.sample(0, a, b);
        return new ValidationSet(seed, distribution, minDigits, a, b);
    }

    /**
     * The seed the pairs were drawn from.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * The operand distribution.
     *
     * @return the distribution
     */
    public Distribution distribution() {
        return distribution;
    }

    /**
     * The smallest length for {@link Distribution#DIGIT_LENGTH} (1 for {@link Distribution#UNIFORM_VALUE}).
     *
     * @return digits
     */
    public int minDigits() {
        return minDigits;
    }

    /**
     * Number of pairs.
     *
     * @return the size
     */
    public int size() {
        return a.length;
    }

    /**
     * First operands (a copy).
     *
     * @return the operands
     */
    public long[] a() {
        return a.clone();
    }

    /**
     * Second operands (a copy).
     *
     * @return the operands
     */
    public long[] b() {
        return b.clone();
    }

    /**
     * The pairs as a set, for an {@link ExcludingSampler}.
     *
     * @return a new set
     */
    public PairSet pairSet() {
        return PairSet.of(a, b);
    }

    @Override
    public String toString() {
        return "ValidationSet[size=" + a.length + ", seed=" + seed + ", distribution=" + distribution
                + (distribution == Distribution.DIGIT_LENGTH ? ", minDigits=" + minDigits : "") + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValidationSet v && v.seed == seed && v.distribution == distribution
                && v.minDigits == minDigits && java.util.Arrays.equals(v.a, a) && java.util.Arrays.equals(v.b, b);
    }

    @Override
    public int hashCode() {
        return Objects.hash(seed, distribution, minDigits, a.length);
    }
}
