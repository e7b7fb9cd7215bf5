package io.github.adder4j.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Batching, exception handling, progress and timing of {@link SuiteRunner}. */
class SuiteRunnerTest {

    private static long[] sums(long[] a, long[] b) {
        long[] sums = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            sums[i] = a[i] + b[i];
        }
        return sums;
    }

    @Test
    void sendsBatchesInOrderAndReportsProgress() {
        Suite suite = Suite.random(3, 25);
        List<Integer> batchSizes = new ArrayList<>();
        List<Long> seenA = new ArrayList<>();
        BatchAdder recording = (a, b) -> {
            batchSizes.add(a.length);
            for (long x : a) {
                seenA.add(x);
            }
            return sums(a, b);
        };
        List<Integer> progress = new ArrayList<>();
        SuiteResult result = new SuiteRunner(10).run(suite, recording, progress::add);
        assertEquals(List.of(10, 10, 5), batchSizes);
        assertEquals(List.of(10, 20, 25), progress);
        assertEquals(suite.cases().stream().map(Case::a).toList(), seenA);
        assertEquals("random:3:25: 25/25 passed", result.summaryLine());
        assertEquals("random:3:25", result.suite());
        assertFalse(result.wallTime().isNegative());
    }

    @Test
    void defaultRunnerSendsTheWholeAdderBoardSuiteInOneCall() {
        AtomicInteger calls = new AtomicInteger();
        SuiteResult result = new SuiteRunner().run(Suite.adderBoard(), (a, b) -> {
            calls.incrementAndGet();
            assertEquals(10_010, a.length);
            return sums(a, b);
        });
        assertEquals(1, calls.get());
        assertEquals(10_010, new SuiteRunner().batchSize());
        assertTrue(result.perfect());
    }

    @Test
    void aThrowingBatchIsRetriedPairByPairAndTheThrowingPairFailsWithMinusOne() {
        Suite suite = Suite.random(5, 40);
        Case poisoned = suite.cases().get(13);
        AtomicInteger calls = new AtomicInteger();
        BatchAdder throwsOnOnePair = (a, b) -> {
            calls.incrementAndGet();
            for (int i = 0; i < a.length; i++) {
                if (a[i] == poisoned.a() && b[i] == poisoned.b()) {
                    throw new IllegalStateException("cannot add this one");
                }
            }
            return sums(a, b);
        };
        List<Integer> progress = new ArrayList<>();
        SuiteResult result = new SuiteRunner(10).run(suite, throwsOnOnePair, progress::add);
        assertEquals(List.of(new Failure(poisoned.a(), poisoned.b(), poisoned.expected(), -1)), result.failures());
        assertEquals("random:5:40: 39/40 passed", result.summaryLine());
        // four batches, and the ten pairs of the second batch one by one
        assertEquals(4 + 10, calls.get());
        assertEquals(List.of(10, 20, 30, 40), progress);
    }

    @Test
    void aThrowingSingleCaseBatchIsNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        SuiteResult result = new SuiteRunner(1).run(Suite.random(5, 3), (a, b) -> {
            calls.incrementAndGet();
            throw new UnsupportedOperationException("never answers");
        });
        assertEquals(3, calls.get());
        assertEquals(3, result.failed());
        result.failures().forEach(f -> assertEquals(-1, f.got()));
    }

    @Test
    void wrongShapedAnswersCountAsFailedCalls() {
        Suite suite = Suite.random(9, 12);
        // answers single pairs correctly but returns one result too few for larger batches
        BatchAdder shortBatches = (a, b) -> a.length == 1 ? sums(a, b) : new long[a.length - 1];
        assertEquals("random:9:12: 12/12 passed", new SuiteRunner(5).run(suite, shortBatches).summaryLine());
        SuiteResult nulls = new SuiteRunner(5).run(suite, (a, b) -> null);
        assertEquals("random:9:12: 0/12 passed", nulls.summaryLine());
        nulls.failures().forEach(f -> assertEquals(-1, f.got()));
    }

    @Test
    void minusOneAnswersAreFailures() {
        Suite suite = Suite.random(4, 6);
        BatchAdder cannotAnswerOdd = (a, b) -> {
            long[] out = sums(a, b);
            for (int i = 1; i < out.length; i += 2) {
                out[i] = -1;
            }
            return out;
        };
        SuiteResult result = suite.run(cannotAnswerOdd, 6);
        assertEquals(3, result.failed());
        assertEquals(List.of(suite.cases().get(1), suite.cases().get(3), suite.cases().get(5)),
                result.failures().stream().map(Failure::testCase).toList());
        assertEquals(0.5, result.accuracy());
    }

    @Test
    void rejectsBadBatchSizes() {
        assertEquals("batchSize must be positive: 0",
                assertThrows(IllegalArgumentException.class, () -> new SuiteRunner(0)).getMessage());
        assertEquals("batchSize must be positive: -4",
                assertThrows(IllegalArgumentException.class,
                        () -> Suite.random(1, 1).run((a, b) -> a, -4)).getMessage());
    }
}
