package io.github.adder4j.train.data;

import java.util.Arrays;

/**
 * The random number generator behind every data sampler: xoshiro256** (Blackman and Vigna, 2018) seeded through
 * SplitMix64, with a state that can be exported and restored so that a resumed training run draws exactly the batches
 * an uninterrupted run would have drawn.
 *
 * <p>Algorithm, as published by its authors:
 * <ul>
 *   <li>state: four 64-bit words {@code s0..s3}, never all zero;</li>
 *   <li>output: {@code rotl(s1 * 5, 7) * 9};</li>
 *   <li>update: {@code t = s1 << 17; s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 45)}.</li>
 * </ul>
 * Seeding from one {@code long} uses the first four outputs of a SplitMix64 generator started at the seed
 * (increment {@code 0x9E3779B97F4A7C15}, finaliser {@link #mix64(long)}), as the authors recommend.
 *
 * <p>Not thread-safe; every sampler owns its own instance.
 */
public final class DataRng {

    /** Number of 64-bit words in {@link #state()}. */
    public static final int STATE_WORDS = 4;

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final long STREAM_SALT = 0xD1B54A32D192ED03L;

    private long s0;
    private long s1;
    private long s2;
    private long s3;

    /**
     * A generator seeded with the first four SplitMix64 outputs of {@code seed}.
     *
     * @param seed any value
     */
    public DataRng(long seed) {
        long x = seed;
        x += GOLDEN_GAMMA;
        s0 = mix64(x);
        x += GOLDEN_GAMMA;
        s1 = mix64(x);
        x += GOLDEN_GAMMA;
        s2 = mix64(x);
        x += GOLDEN_GAMMA;
        s3 = mix64(x);
    }

    /**
     * A generator continuing from an exported state.
     *
     * @param state four words as returned by {@link #state()}
     * @return the generator
     */
    public static DataRng fromState(long[] state) {
        DataRng rng = new DataRng(0L);
        rng.restore(state);
        return rng;
    }

    /**
     * The SplitMix64 finaliser (a bijection on 64-bit values with good avalanche):
     * {@code z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9; z = (z ^ (z >>> 27)) * 0x94D049BB133111EB; z ^ (z >>> 31)}.
     *
     * @param z input
     * @return mixed value
     */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * A seed for an independent sub-stream, e.g. the carry generator of a sampler whose base stream uses {@code seed}
     * itself. Deterministic in both arguments.
     *
     * @param seed the parent seed
     * @param stream the sub-stream number
     * @return the derived seed
     */
    public static long deriveSeed(long seed, long stream) {
        return mix64(mix64(seed) ^ (stream * GOLDEN_GAMMA + STREAM_SALT));
    }

    /**
     * Next 64 uniformly distributed bits.
     *
     * @return the value
     */
    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /**
     * Uniform value in [0, bound) without modulo bias (rejection of the incomplete last block).
     *
     * @param bound exclusive upper bound, positive
     * @return the value
     */
    public long nextLong(long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be > 0: " + bound);
        }
        long m = bound - 1;
        long r = nextLong() >>> 1;
        if ((bound & m) == 0) {
            return r & m;
        }
        long u = r;
        r = u % bound;
        while (u - r + m < 0) {
            u = nextLong() >>> 1;
            r = u % bound;
        }
        return r;
    }

    /**
     * Uniform value in [lo, hi], both inclusive.
     *
     * @param lo smallest value
     * @param hi largest value, {@code >= lo}, with {@code hi - lo < Long.MAX_VALUE}
     * @return the value
     */
    public long nextLongBetween(long lo, long hi) {
        if (hi < lo) {
            throw new IllegalArgumentException("hi must be >= lo (" + lo + "): " + hi);
        }
        long span = hi - lo + 1;
        if (span <= 0) {
            throw new IllegalArgumentException("hi - lo must be < " + Long.MAX_VALUE + ": " + lo + ".." + hi);
        }
        return lo + nextLong(span);
    }

    /**
     * Uniform value in [0, bound).
     *
     * @param bound exclusive upper bound, positive
     * @return the value
     */
    public int nextInt(int bound) {
        return (int) nextLong(bound);
    }

    /**
     * Uniform value in [lo, hi], both inclusive.
     *
     * @param lo smallest value
     * @param hi largest value, {@code >= lo}
     * @return the value
     */
    public int nextIntBetween(int lo, int hi) {
        return (int) nextLongBetween(lo, hi);
    }

    /**
     * Uniform double in [0, 1) with 53 random bits.
     *
     * @return the value
     */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /**
     * The current state, a fresh array of {@link #STATE_WORDS} words {@code s0..s3}.
     *
     * @return the state
     */
    public long[] state() {
        return new long[] {s0, s1, s2, s3};
    }

    /**
     * Continues from an exported state; afterwards this generator produces exactly what the exporting one produced
     * after {@link #state()}.
     *
     * @param state four words, not all zero
     */
    public void restore(long[] state) {
        if (state == null || state.length != STATE_WORDS) {
            throw new IllegalArgumentException("state must have " + STATE_WORDS + " words: "
                    + (state == null ? "null" : Arrays.toString(state)));
        }
        if ((state[0] | state[1] | state[2] | state[3]) == 0) {
            throw new IllegalArgumentException("state must not be all zero: " + Arrays.toString(state));
        }
        s0 = state[0];
        s1 = state[1];
        s2 = state[2];
        s3 = state[3];
    }
}
