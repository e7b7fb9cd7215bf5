package io.github.adder4j.core.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * The AdderBoard test set, case for case: ten edge cases (9999999999 + 9999999999 twice), then the 10,000 pairs of
 * CPython's {@code random.Random(2025)}, each pair drawn as {@code a = randint(0, 9999999999)} then {@code b} the same
 * way. Obtain it with {@link Suite#adderBoard()}.
 */
public final class AdderBoardSuite implements Suite {

    /** The suite's name, also the prefix of its summary line. */
    public static final String NAME = "AdderBoard";

    /** Number of random pairs. */
    public static final int RANDOM_PAIRS = 10_000;

    /** Total number of cases. */
    public static final int SIZE = 10_010;

    /** The ten edge cases, in AdderBoard order. */
    public static final List<Case> EDGE_CASES = List.of(
            new Case(0L, 0L),
            new Case(0L, 1L),
            new Case(9_999_999_999L, 0L),
            new Case(9_999_999_999L, 1L),
            new Case(9_999_999_999L, 9_999_999_999L),
            new Case(5_000_000_000L, 5_000_000_000L),
            new Case(1_111_111_111L, 8_888_888_889L),
            new Case(1_234_567_890L, 9_876_543_210L),
            new Case(9_999_999_999L, 9_999_999_999L),
            new Case(1L, 9_999_999_999L));

    static final AdderBoardSuite INSTANCE = new AdderBoardSuite();

    private final List<Case> cases;

    private AdderBoardSuite() {
        List<Case> all = new ArrayList<>(SIZE);
        all.addAll(EDGE_CASES);
        MersenneTwister rng = new MersenneTwister(Suite.ADDERBOARD_SEED);
        for (int i = 0; i < RANDOM_PAIRS; i++) {
            long a = rng.randint(0L, Case.MAX_OPERAND);
            long b = rng.randint(0L, Case.MAX_OPERAND);
            all.add(new Case(a, b));
        }
        cases = List.copyOf(all);
    }

    /** {@value #NAME}. */
    @Override
    public String name() {
        return NAME;
    }

    /** All 10,010 cases in AdderBoard order. */
    @Override
    public List<Case> cases() {
        return cases;
    }

    /**
     * The 10,000 random pairs alone (cases 11 to 10,010).
     *
     * @return the 10,000 random pairs of the suite, in generation order
     */
    public List<Case> randomPairs() {
        return cases.subList(EDGE_CASES.size(), SIZE);
    }

    @Override
    public String toString() {
        return NAME;
    }
}
