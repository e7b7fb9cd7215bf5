package io.github.adder4j.zoo;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A measured pass count, written {@code P/N} (e.g. {@code 10010/10010}).
 *
 * @param passed cases answered exactly, in [0, total]
 * @param total  cases run, positive
 */
public record Score(long passed, long total) {

    private static final Pattern TEXT = Pattern.compile("(0|[1-9][0-9]{0,17})/([1-9][0-9]{0,17})");

    /**
     * Validates the counts.
     *
     * @param passed cases answered exactly
     * @param total  cases run
     * @throws IllegalArgumentException if total is not positive or passed is outside [0, total]
     */
    public Score {
        if (total <= 0) {
            throw new IllegalArgumentException("total must be positive: " + total);
        }
        if (passed < 0 || passed > total) {
            throw new IllegalArgumentException("passed must be in [0, " + total + "]: " + passed);
        }
    }

    /**
     * Reads {@code P/N}.
     *
     * @param text e.g. {@code 10010/10010}
     * @return the score
     * @throws IllegalArgumentException if the text is not of that form or the counts are invalid
     */
    public static Score parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("score must not be null");
        }
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("score must have the form P/N: " + text);
        }
        return new Score(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
    }

    /**
     * Whether every case passed.
     *
     * @return {@code passed == total}
     */
    public boolean perfect() {
        return passed == total;
    }

    /** {@code P/N}. */
    @Override
    public String toString() {
        return passed + "/" + total;
    }
}
