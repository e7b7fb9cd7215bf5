package io.github.adder4j.core.eval;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of running a {@link Suite}.
 *
 * @param suite the suite's {@link Suite#name()}
 * @param passed cases answered exactly
 * @param total cases run, at least 1
 * @param failures every failed case, in case order ({@code total - passed} of them)
 * @param wallTime wall-clock time of the run, adder calls included
 */
public record SuiteResult(String suite, int passed, int total, List<Failure> failures, Duration wallTime) {

    /**
     * Validates the result and copies the failures.
     *
     * @param suite the suite's name
     * @param passed cases answered exactly
     * @param total cases run
     * @param failures the failed cases
     * @param wallTime how long the run took
     * @throws IllegalArgumentException if the name is blank, a count is out of range or the time is negative
     * @throws IllegalStateException if passed exceeds total or the number of failures is not total - passed
     */
    public SuiteResult {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(failures, "failures");
        Objects.requireNonNull(wallTime, "wallTime");
        if (suite.isBlank()) {
            throw new IllegalArgumentException("suite must not be blank: '" + suite + "'");
        }
        if (total <= 0) {
            throw new IllegalArgumentException("total must be positive: " + total);
        }
        if (passed < 0) {
            throw new IllegalArgumentException("passed must be non-negative: " + passed);
        }
        if (passed > total) {
            throw new IllegalStateException("passed must be <= total: passed=" + passed + ", total=" + total);
        }
        if (failures.size() != total - passed) {
            throw new IllegalStateException("failures must hold total - passed = " + (total - passed)
                    + " entries: " + failures.size());
        }
        if (wallTime.isNegative()) {
            throw new IllegalArgumentException("wallTime must not be negative: " + wallTime);
        }
        failures = List.copyOf(failures);
    }

    /**
     * Cases failed: {@code total - passed}.
     *
     * @return {@code total - passed}
     */
    public int failed() {
        return total - passed;
    }

    /**
     * {@code passed / total}.
     *
     * @return {@code passed / total}
     */
    public double accuracy() {
        return (double) passed / total;
    }

    /**
     * Whether accuracy is at least 99 % (AdderBoard's qualification bar: at most 100 failures of 10,010). Computed
     * exactly in integers; only meaningful for the AdderBoard suite.
     *
     * @return whether the accuracy reaches AdderBoard's bar
     */
    public boolean qualified() {
        return 100L * passed >= 99L * total;
    }

    /**
     * Whether every case passed.
     *
     * @return whether every case passed
     */
    public boolean perfect() {
        return passed == total;
    }

    /**
     * {@code NAME: P/N passed}, e.g. {@code AdderBoard: 10010/10010 passed}.
     *
     * @return e.g. {@code AdderBoard: 10010/10010 passed}
     */
    public String summaryLine() {
        return suite + ": " + passed + "/" + total + " passed";
    }
}
