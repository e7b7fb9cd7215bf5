package io.github.adder4j.core.eval;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.statistics.Statistics;

/** Range and consistency properties of {@link MersenneTwister}. */
class MersenneTwisterProperties {

    @Provide
    Arbitrary<Long> bounds() {
        // small bounds, bounds just above a power of two (worst rejection rate) and huge ones
        return Arbitraries.oneOf(
                Arbitraries.longs().between(1, 1_000),
                Arbitraries.integers().between(0, 62).map(k -> (1L << k) + 1),
                Arbitraries.longs().between(1, Long.MAX_VALUE));
    }

    @Property(tries = 300)
    void randbelowStaysBelowItsBound(@ForAll @LongRange(min = 0, max = 1L << 40) long seed,
            @ForAll("bounds") long n) {
        MersenneTwister rng = new MersenneTwister(seed);
        Statistics.label("bound bits").collect(64 - Long.numberOfLeadingZeros(n));
        for (int i = 0; i < 20; i++) {
            long r = rng.randbelow(n);
            if (r < 0 || r >= n) {
                throw new AssertionError("randbelow(" + n + ") returned " + r);
            }
        }
    }

    @Property(tries = 300)
    void randintStaysInItsRange(@ForAll @LongRange(min = 0, max = 100_000) long seed,
            @ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long lo,
            @ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long width) {
        MersenneTwister rng = new MersenneTwister(seed);
        long hi = lo + width;
        Statistics.label("single value").collect(width == 0);
        for (int i = 0; i < 20; i++) {
            long r = rng.randint(lo, hi);
            if (r < lo || r > hi) {
                throw new AssertionError("randint(" + lo + ", " + hi + ") returned " + r);
            }
        }
    }

    @Property(tries = 300)
    void getrandbitsUpTo32IsTheTopOfOneWord(@ForAll @LongRange(min = 0, max = 1L << 40) long seed,
            @ForAll @IntRange(min = 1, max = 32) int k) {
        MersenneTwister bits = new MersenneTwister(seed);
        MersenneTwister words = new MersenneTwister(seed);
        Statistics.label("k").collect(k);
        for (int i = 0; i < 10; i++) {
            long r = bits.getrandbits(k);
            long expected = words.next32() >>> (32 - k);
            if (r != expected) {
                throw new AssertionError("getrandbits(" + k + ") = " + r + ", expected " + expected);
            }
        }
    }

    @Property(tries = 300)
    void getrandbitsAbove32FillsWordsLeastSignificantFirst(@ForAll @LongRange(min = 0, max = 1L << 40) long seed,
            @ForAll @IntRange(min = 33, max = 64) int k) {
        MersenneTwister bits = new MersenneTwister(seed);
        MersenneTwister words = new MersenneTwister(seed);
        long r = bits.getrandbits(k);
        long low = words.next32();
        long high = words.next32() >>> (64 - k);
        Statistics.label("k").collect(k);
        if (r != (low | high << 32)) {
            throw new AssertionError("getrandbits(" + k + ") = " + r);
        }
        if (k < 64 && r >>> k != 0) {
            throw new AssertionError("getrandbits(" + k + ") out of range: " + r);
        }
    }

    @Property(tries = 200)
    void randomIsInTheUnitInterval(@ForAll @LongRange(min = 0, max = 1L << 40) long seed) {
        MersenneTwister rng = new MersenneTwister(seed);
        for (int i = 0; i < 50; i++) {
            double r = rng.random();
            if (!(r >= 0.0 && r < 1.0)) {
                throw new AssertionError("random() returned " + r);
            }
            Statistics.label("decile").collect((int) (r * 10));
        }
    }
}
