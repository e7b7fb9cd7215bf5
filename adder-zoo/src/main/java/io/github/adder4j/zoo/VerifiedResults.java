package io.github.adder4j.zoo;

import io.github.adder4j.core.eval.AdderBoardSuite;
import io.github.adder4j.core.eval.BatchAdder;
import io.github.adder4j.core.eval.Suite;
import io.github.adder4j.core.eval.SuiteResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a zoo entry was measured to do, on three suites:
 * <ul>
 *   <li>{@code adderboard}: the 10,010 AdderBoard cases ({@link Suite#adderBoard()});</li>
 *   <li>{@code carry}: the carry-structured suite {@link Suite#carry()};</li>
 *   <li>{@code random}: {@value #RANDOM_SEEDS} uniform suites {@code random:SEED:}{@value #RANDOM_CASES_PER_SEED} with
 *       seeds 1 to {@value #RANDOM_SEEDS} (none of them the AdderBoard seed 2025), pooled into one score out of
 *       {@value #RANDOM_TOTAL}.</li>
 * </ul>
 * {@link #measure(BatchAdder)} runs exactly this protocol; the records in the zoo index were produced by it.
 *
 * @param adderBoard AdderBoard score, out of 10,010
 * @param carry      carry-suite score
 * @param random     pooled random-suite score, out of {@value #RANDOM_TOTAL}
 */
public record VerifiedResults(Score adderBoard, Score carry, Score random) {

    /** Key of the AdderBoard score in checkpoint metadata and the index. */
    public static final String ADDERBOARD = "adderboard";
    /** Key of the carry-suite score. */
    public static final String CARRY = "carry";
    /** Key of the pooled random-suite score. */
    public static final String RANDOM = "random";
    /** Random suites run: seeds 1 to this number. */
    public static final int RANDOM_SEEDS = 10;
    /** Cases per random suite. */
    public static final int RANDOM_CASES_PER_SEED = 10_000;
    /** Random cases in total. */
    public static final int RANDOM_TOTAL = RANDOM_SEEDS * RANDOM_CASES_PER_SEED;
    /** The AdderBoard percentage an entry needs to ship in the zoo (with an exact carry suite). */
    public static final int QUALIFYING_PERCENT = 99;

    private static final Logger LOG = LoggerFactory.getLogger(VerifiedResults.class);

    /**
     * Validates the scores.
     *
     * @param adderBoard AdderBoard score
     * @param carry      carry-suite score
     * @param random     pooled random-suite score
     * @throws IllegalArgumentException if a score is null, the AdderBoard total is not 10010 or the random total is
     *                                  not {@value #RANDOM_TOTAL}
     */
    public VerifiedResults {
        if (adderBoard == null) {
            throw new IllegalArgumentException("adderBoard must not be null");
        }
        if (carry == null) {
            throw new IllegalArgumentException("carry must not be null");
        }
        if (random == null) {
            throw new IllegalArgumentException("random must not be null");
        }
        if (adderBoard.total() != AdderBoardSuite.SIZE) {
            throw new IllegalArgumentException("adderBoard total must be " + AdderBoardSuite.SIZE + ": " + adderBoard);
        }
        if (random.total() != RANDOM_TOTAL) {
            throw new IllegalArgumentException("random total must be " + RANDOM_TOTAL + ": " + random);
        }
    }

    /**
     * Whether an entry with these scores may ship in the zoo: at least {@value #QUALIFYING_PERCENT} % of AdderBoard and
     * every case of the carry suite.
     *
     * @return true when both hold
     */
    public boolean qualifies() {
        return adderBoard.passed() * 100 >= QUALIFYING_PERCENT * adderBoard.total() && carry.perfect();
    }

    /**
     * Why these scores do not qualify (see {@link #qualifies()}), or an empty string when they do.
     *
     * @return e.g. {@code AdderBoard 1062/10010 is below 99 %; carry 89/780 is not exact}
     */
    public String disqualification() {
        List<String> reasons = new ArrayList<>();
        if (adderBoard.passed() * 100 < QUALIFYING_PERCENT * adderBoard.total()) {
            reasons.add("AdderBoard " + adderBoard + " is below " + QUALIFYING_PERCENT + " %");
        }
        if (!carry.perfect()) {
            reasons.add("carry " + carry + " is not exact");
        }
        return String.join("; ", reasons);
    }

    /**
     * Runs the verification protocol on {@code adder} (about 125,000 additions).
     *
     * @param adder the model's adder
     * @return the three scores
     */
    public static VerifiedResults measure(BatchAdder adder) {
        Objects.requireNonNull(adder, "adder");
        SuiteResult board = Suite.adderBoard().run(adder);
        SuiteResult carry = Suite.carry().run(adder);
        long passed = 0;
        long total = 0;
        for (int seed = 1; seed <= RANDOM_SEEDS; seed++) {
            SuiteResult r = Suite.random(seed, RANDOM_CASES_PER_SEED).run(adder);
            passed += r.passed();
            total += r.total();
        }
        VerifiedResults results = new VerifiedResults(score(board), score(carry), new Score(passed, total));
        LOG.info("verified: adderboard {}, carry {}, random {}", results.adderBoard, results.carry, results.random);
        return results;
    }

    private static Score score(SuiteResult r) {
        return new Score(r.passed(), r.total());
    }

    /**
     * The scores as {@code key -> "P/N"}, in the order adderboard, carry, random.
     *
     * @return a new ordered map
     */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(ADDERBOARD, adderBoard.toString());
        map.put(CARRY, carry.toString());
        map.put(RANDOM, random.toString());
        return map;
    }

    /**
     * Reads the three scores from a map written by {@link #toMap()}; other keys are ignored.
     *
     * @param map the scores by key
     * @return the scores
     * @throws IllegalArgumentException if a key is missing or a score is invalid
     */
    public static VerifiedResults fromMap(Map<String, String> map) {
        Objects.requireNonNull(map, "map");
        return new VerifiedResults(get(map, ADDERBOARD), get(map, CARRY), get(map, RANDOM));
    }

    private static Score get(Map<String, String> map, String key) {
        String text = map.get(key);
        if (text == null) {
            throw new IllegalArgumentException("results must contain " + key + ": " + map.keySet());
        }
        try {
            return Score.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("results " + key + ": " + e.getMessage(), e);
        }
    }
}
