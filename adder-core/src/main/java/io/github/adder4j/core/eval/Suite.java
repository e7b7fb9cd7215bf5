package io.github.adder4j.core.eval;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A fixed, ordered list of addition cases to verify an adder on.
 *
 * <p>Three kinds exist: {@link #adderBoard()} (the public AdderBoard test set, reproduced exactly),
 * {@link #carry()} (carry-structured cases that uniform pairs almost never contain) and
 * {@link #random(long, int)} (uniform pairs from a seed of your choice). {@link #parse(String)} reads the textual forms
 * used on command lines; {@link #name()} of every suite parses back to an equal suite.
 */
public sealed interface Suite permits AdderBoardSuite, CarrySuite, RandomSuite {

    /** The seed of the AdderBoard test pairs; it is reserved for {@link #adderBoard()}. */
    long ADDERBOARD_SEED = 2025L;

    /** Most cases of a {@link #random(long, int)} suite (its cases are held in memory). */
    int MAX_RANDOM_CASES = 1_000_000;

    /** The textual forms {@link #parse(String)} accepts. */
    String ACCEPTED_FORMS = "adderboard, carry, carry:SEED, random:SEED:N";

    /**
     * The suite's name, as printed in summary lines; {@link #parse(String)} accepts it.
     *
     * @return the suite's name, e.g. {@code AdderBoard}
     */
    String name();

    /**
     * The cases, in their fixed order (immutable).
     *
     * @return the cases, in a fixed order
     */
    List<Case> cases();

    /**
     * The number of cases.
     *
     * @return the number of cases
     */
    default int size() {
        return cases().size();
    }

    /**
     * Runs this suite on {@code adder} with the default batch size of {@link SuiteRunner}.
     *
     * @param adder the adder under test
     * @return the result
     */
    default SuiteResult run(BatchAdder adder) {
        return new SuiteRunner().run(this, adder);
    }

    /**
     * Runs this suite on {@code adder}, {@code batchSize} cases per call.
     *
     * @param adder the adder under test
     * @param batchSize pairs per call of the adder
     * @return the result
     */
    default SuiteResult run(BatchAdder adder, int batchSize) {
        return new SuiteRunner(batchSize).run(this, adder);
    }

    /**
     * The 10,010 AdderBoard cases: the ten edge cases, then 10,000 pairs of CPython's {@code Random(2025)}.
     *
     * @return the AdderBoard suite
     */
    static AdderBoardSuite adderBoard() {
        return AdderBoardSuite.INSTANCE;
    }

    /**
     * The carry-structured suite for {@link CarrySuite#DEFAULT_SEED}.
     *
     * @return the carry suite with its default seed
     */
    static CarrySuite carry() {
        return new CarrySuite(CarrySuite.DEFAULT_SEED);
    }

    /**
     * The carry-structured suite whose fillers come from {@code new MersenneTwister(seed)}.
     *
     * @param seed the seed of the random digits
     * @return the carry suite
     * @throws IllegalArgumentException if the seed is negative or is {@link #ADDERBOARD_SEED}
     */
    static CarrySuite carry(long seed) {
        return new CarrySuite(seed);
    }

    /**
     * {@code n} uniform pairs from {@code new MersenneTwister(seed)}, each operand drawn with
     * {@code randint(0, 9999999999)}, a first.
     *
     * @param seed the seed, not the AdderBoard seed 2025
     * @param n the number of cases
     * @return the random suite
     * @throws IllegalArgumentException if the seed is negative or is {@link #ADDERBOARD_SEED}, or n is not in
     *     [1, {@link #MAX_RANDOM_CASES}]
     */
    static RandomSuite random(long seed, int n) {
        return new RandomSuite(seed, n);
    }

    /**
     * Reads a suite from text: {@code adderboard}, {@code carry}, {@code carry:SEED} or {@code random:SEED:N}
     * (keywords in any letter case, surrounding blanks ignored).
     *
     * @param text {@code adderboard}, {@code carry}, {@code carry:SEED} or {@code random:SEED:N}
     * @return the suite
     * @throws IllegalArgumentException if the text has none of these forms, or the seed or count is rejected by the
     *     factory
     */
    static Suite parse(String text) {
        Objects.requireNonNull(text, "text");
        String[] parts = text.strip().split(":", -1);
        for (int i = 1; i < parts.length; i++) {
            if (!parts[i].matches("-?[0-9]{1,19}")) {
                // only ASCII digits: Long.parseLong would also take other scripts' digits
                throw new IllegalArgumentException("suite must be one of " + ACCEPTED_FORMS + ": "
                        + io.github.adder4j.core.io.Text.shown(text));
            }
        }
        String keyword = parts[0].toLowerCase(Locale.ROOT);
        try {
            if (keyword.equals("adderboard") && parts.length == 1) {
                return adderBoard();
            }
            if (keyword.equals("carry") && parts.length == 1) {
                return carry();
            }
            if (keyword.equals("carry") && parts.length == 2) {
                return carry(Long.parseLong(parts[1]));
            }
            if (keyword.equals("random") && parts.length == 3) {
                return random(Long.parseLong(parts[1]), Integer.parseInt(parts[2]));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("suite must be one of " + ACCEPTED_FORMS + ": "
                    + io.github.adder4j.core.io.Text.shown(text), e);
        }
        throw new IllegalArgumentException("suite must be one of " + ACCEPTED_FORMS + ": " + io.github.adder4j.core.io.Text.shown(text));
    }
}
