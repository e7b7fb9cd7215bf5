package io.github.adder4j.core.eval;

/**
 * MT19937, bit-for-bit the generator behind CPython's {@code random.Random(seed)} for non-negative integer seeds.
 *
 * <p>Seeding follows CPython: the seed is split into 32-bit words, least significant word first (seed 2025 gives the
 * key {2025}, seed 0 the key {0}), and fed to the reference {@code init_by_array}. {@link #next32()},
 * {@link #getrandbits(int)}, {@link #randbelow(long)}, {@link #randint(long, long)} and {@link #random()} then return
 * exactly what the CPython methods of the same names return, so {@code new MersenneTwister(2025)} reproduces the
 * AdderBoard test pairs.
 *
 * <p>Instances are mutable and not thread-safe.
 */
public final class MersenneTwister {

    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] mt = new int[N];
    private int mti;

    /**
     * Seeds the generator as CPython's {@code random.Random(seed)} does.
     *
     * @param seed non-negative seed; seeds of 2^32 and more use a two-word key, as CPython does
     * @throws IllegalArgumentException if the seed is negative
     */
    public MersenneTwister(long seed) {
        if (seed < 0) {
            throw new IllegalArgumentException("seed must be non-negative: " + seed);
        }
        int[] key = (seed >>> 32) == 0
                ? new int[] {(int) seed}
                : new int[] {(int) seed, (int) (seed >>> 32)};
        initByArray(key);
    }

    private void initGenrand(int s) {
        mt[0] = s;
        for (mti = 1; mti < N; mti++) {
            mt[mti] = 1812433253 * (mt[mti - 1] ^ (mt[mti - 1] >>> 30)) + mti;
        }
    }

    private void initByArray(int[] key) {
        initGenrand(19650218);
        int i = 1;
        int j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.length) {
                j = 0;
            }
        }
        for (int k = N - 1; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = UPPER_MASK;
        mti = N;
    }

    private void twist() {
        for (int kk = 0; kk < N; kk++) {
            int y = (mt[kk] & UPPER_MASK) | (mt[(kk + 1) % N] & LOWER_MASK);
            mt[kk] = mt[(kk + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        mti = 0;
    }

    /**
     * The next tempered 32-bit output, as an unsigned value in [0, 2^32).
     *
     * @return the next 32 random bits
     */
    public long next32() {
        if (mti >= N) {
            twist();
        }
        int y = mt[mti++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xffffffffL;
    }

    /**
     * CPython's {@code getrandbits(k)}: k random bits, filled from 32-bit outputs least significant word first; the
     * last word keeps its top bits. For k = 64 the result is returned as a signed long (two's complement).
     *
     * @param k number of bits in [0, 64]
     * @return the next k random bits, as Python's {@code getrandbits(k)}
     * @throws IllegalArgumentException if k is outside [0, 64]
     */
    public long getrandbits(int k) {
        if (k < 0 || k > 64) {
            throw new IllegalArgumentException("k must be in [0, 64]: " + k);
        }
        if (k == 0) {
            return 0L;
        }
        if (k <= 32) {
            return next32() >>> (32 - k);
        }
        long low = next32();
        long high = next32() >>> (64 - k);
        return low | (high << 32);
    }

    /**
     * CPython's {@code _randbelow(n)}: uniform in [0, n) by rejection on {@code getrandbits(n.bit_length())}.
     *
     * @param n exclusive upper bound, at least 1
     * @return a uniform value in [0, n), as Python's {@code _randbelow(n)}
     * @throws IllegalArgumentException if n is not positive
     */
    public long randbelow(long n) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be positive: " + n);
        }
        int k = 64 - Long.numberOfLeadingZeros(n);
        long r = getrandbits(k);
        while (r >= n) {
            r = getrandbits(k);
        }
        return r;
    }

    /**
     * CPython's {@code randint(lo, hi)}: uniform in [lo, hi], both ends included, computed as
     * {@code lo + randbelow(hi - lo + 1)}.
     *
     * @param lo the smallest value
     * @param hi the largest value
     * @return a uniform value in [lo, hi], as Python's {@code randint(lo, hi)}
     * @throws IllegalStateException if lo &gt; hi or the range holds more than 2^63 - 1 values
     */
    public long randint(long lo, long hi) {
        if (lo > hi) {
            throw new IllegalStateException("lo must be <= hi: lo=" + lo + ", hi=" + hi);
        }
        long width;
        try {
            width = Math.addExact(Math.subtractExact(hi, lo), 1L);
        } catch (ArithmeticException e) {
            throw new IllegalStateException("range [" + lo + ", " + hi + "] holds more than 2^63 - 1 values", e);
        }
        return lo + randbelow(width);
    }

    /**
     * CPython's {@code random()}: a double in [0, 1) with 53 random bits built from two 32-bit outputs.
     *
     * @return a uniform double in [0, 1), as Python's {@code random()}
     */
    public double random() {
        long a = next32() >>> 5;
        long b = next32() >>> 6;
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
    }
}
