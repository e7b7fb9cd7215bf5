package io.github.adder4j.core.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code n} uniform pairs from {@code new MersenneTwister(seed)}, drawn exactly as AdderBoard draws its pairs but from
 * another seed: for each pair {@code a = randint(0, 9999999999)}, then b. Named {@code random:SEED:N}. Obtain it with
 * {@link Suite#random(long, int)}.
 */
public final class RandomSuite implements Suite {

    private final long seed;
    private final int n;
    private final List<Case> cases;

    RandomSuite(long seed, int n) {
        checkSeed(seed);
        if (n <= 0) {
            throw new IllegalArgumentException("n must be positive: " + n);
        }
        if (n > Suite.MAX_RANDOM_CASES) {
            throw new IllegalArgumentException("n must be at most " + Suite.MAX_RANDOM_CASES + ": " + n);
        }
        this.seed = seed;
        this.n = n;
        MersenneTwister rng = new MersenneTwister(seed);
        List<Case> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long a = rng.randint(0L, Case.MAX_OPERAND);
            long b = rng.randint(0L, Case.MAX_OPERAND);
            all.add(new Case(a, b));
        }
        cases = List.copyOf(all);
    }

    /** Rejects negative seeds and the AdderBoard test seed. */
    static void checkSeed(long seed) {
        if (seed < 0) {
            throw new IllegalArgumentException("seed must be non-negative: " + seed);
        }
        if (seed == Suite.ADDERBOARD_SEED) {
            throw new IllegalArgumentException(
                    "seed 2025 is the AdderBoard test seed; use another seed for random suites");
        }
    }

    /**
     * The seed.
     *
     * @return the suite's seed
     */
    public long seed() {
        return seed;
    }

    /** {@code random:SEED:N}. */
    @Override
    public String name() {
        return "random:" + seed + ":" + n;
    }

    @Override
    public List<Case> cases() {
        return cases;
    }

    @Override
    public String toString() {
        return name();
    }
}
