package io.github.adder4j.core.eval;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Suite} on a {@link BatchAdder} and scores it as AdderBoard does: a case passes iff the returned value
 * equals {@code a + b} exactly.
 *
 * <p>Cases go to the adder {@link #batchSize()} at a time, in suite order. When a batch call throws (or returns
 * {@code null} or the wrong number of results) the batch is retried pair by pair; a pair whose call fails counts as a
 * failure with {@code got = -1}. The first such problem of a run is logged at WARN with its exception, later ones at
 * DEBUG. Instances are immutable and may be shared.
 */
public final class SuiteRunner {

    /** Default batch size: the whole AdderBoard suite in one call. */
    public static final int DEFAULT_BATCH_SIZE = AdderBoardSuite.SIZE;

    private static final Logger LOG = LoggerFactory.getLogger(SuiteRunner.class);

    private final int batchSize;

    /** A runner with {@link #DEFAULT_BATCH_SIZE}. */
    public SuiteRunner() {
        this(DEFAULT_BATCH_SIZE);
    }

    /**
     * A runner that sends {@code batchSize} cases per adder call.
     *
     * @param batchSize pairs per call of the adder
     * @throws IllegalArgumentException if batchSize is not positive
     */
    public SuiteRunner(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /**
     * Cases per adder call.
     *
     * @return pairs per call of the adder
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * Runs {@code suite} on {@code adder}.
     *
     * @param suite the suite
     * @param adder the adder under test
     * @return the result
     */
    public SuiteResult run(Suite suite, BatchAdder adder) {
        return run(suite, adder, done -> { });
    }

    /**
     * Runs {@code suite} on {@code adder}, calling {@code progress} with the number of cases done after each batch
     * (the last call reports {@code suite.size()}).
     *
     * @param suite the suite
     * @param adder the adder under test
     * @param progress told the number of cases done after each batch
     * @return the result
     */
    public SuiteResult run(Suite suite, BatchAdder adder, IntConsumer progress) {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(adder, "adder");
        Objects.requireNonNull(progress, "progress");
        long startNanos = System.nanoTime();
        List<Case> cases = suite.cases();
        int n = cases.size();
        long[] got = new long[n];
        Problems problems = new Problems(suite.name());
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            long[] batch = call(adder, cases, from, to, problems);
            if (batch != null) {
                System.arraycopy(batch, 0, got, from, to - from);
            } else if (to - from == 1) {
                got[from] = -1;
            } else {
                for (int i = from; i < to; i++) {
                    long[] one = call(adder, cases, i, i + 1, problems);
                    got[i] = one == null ? -1 : one[0];
                }
            }
            progress.accept(to);
        }
        List<Failure> failures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Case c = cases.get(i);
            if (got[i] != c.expected()) {
                failures.add(new Failure(c.a(), c.b(), c.expected(), got[i]));
            }
        }
        Duration wallTime = Duration.ofNanos(System.nanoTime() - startNanos);
        SuiteResult result = new SuiteResult(suite.name(), n - failures.size(), n, failures, wallTime);
        if (problems.count > 0) {
            LOG.info("{} ({} failed adder calls) in {} ms", result.summaryLine(), problems.count,
                    wallTime.toMillis());
        } else {
            LOG.info("{} in {} ms", result.summaryLine(), wallTime.toMillis());
        }
        return result;
    }

    /** Calls the adder on cases [from, to); returns null when the call failed in any way. */
    private static long[] call(BatchAdder adder, List<Case> cases, int from, int to, Problems problems) {
        int size = to - from;
        long[] a = new long[size];
        long[] b = new long[size];
        for (int i = 0; i < size; i++) {
            a[i] = cases.get(from + i).a();
            b[i] = cases.get(from + i).b();
        }
        try {
            long[] result = adder.add(a, b);
            if (result == null) {
                throw new IllegalStateException("adder returned null for a batch of " + size);
            }
            if (result.length != size) {
                throw new IllegalStateException(
                        "adder returned " + result.length + " results for a batch of " + size);
            }
            return result;
        } catch (RuntimeException e) {
            problems.report(from, size, e);
            return null;
        }
    }

    /** Failed adder calls of one run; logs the first at WARN. */
    private static final class Problems {
        private final String suite;
        private int count;

        Problems(String suite) {
            this.suite = suite;
        }

        void report(int from, int size, RuntimeException e) {
            count++;
            if (count == 1) {
                LOG.warn("adder call failed on {} case(s) from case index {} of suite {}; a failed batch is retried "
                        + "pair by pair and a pair that fails counts as a failure with got = -1 (further failed calls "
                        + "are logged at DEBUG)", size, from, suite, e);
            } else {
                LOG.debug("adder call failed on {} case(s) from case index {} of suite {}", size, from, suite, e);
            }
        }
    }
}
