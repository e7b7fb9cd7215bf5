package io.github.adder4j.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Validation and formatting of {@link Case}, {@link Failure} and {@link SuiteResult}. */
class EvalRecordsTest {

    @Test
    void caseValidatesItsOperands() {
        assertEquals(19_999_999_998L, new Case(9_999_999_999L, 9_999_999_999L).expected());
        assertEquals("a must be in [0, 9999999999]: -1",
                assertThrows(IllegalArgumentException.class, () -> new Case(-1, 0)).getMessage());
        assertEquals("b must be in [0, 9999999999]: 10000000000",
                assertThrows(IllegalArgumentException.class, () -> new Case(0, 10_000_000_000L)).getMessage());
    }

    @Test
    void failurePrintsAsAnEquation() {
        Failure f = new Failure(5_193_798_811L, 1_806_201_129L, 6_999_999_940L, 7_000_000_000L);
        assertEquals("5193798811 + 1806201129 = 6999999940, got 7000000000", f.toString());
        assertEquals("0 + 1 = 1, got -1", new Failure(0, 1, 1, -1).toString());
        assertEquals(new Case(5_193_798_811L, 1_806_201_129L), f.testCase());
    }

    @Test
    void failureValidatesItsFields() {
        assertEquals("expected must be a + b = 3: 4",
                assertThrows(IllegalStateException.class, () -> new Failure(1, 2, 4, 0)).getMessage());
        assertEquals("got equals expected, so this is no failure: 3",
                assertThrows(IllegalStateException.class, () -> new Failure(1, 2, 3, 3)).getMessage());
        assertEquals("a must be in [0, 9999999999]: -2",
                assertThrows(IllegalArgumentException.class, () -> new Failure(-2, 2, 0, 1)).getMessage());
    }

    private static List<Failure> failures(int count) {
        List<Failure> failures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            failures.add(new Failure(i, 1, i + 1, -1));
        }
        return failures;
    }

    @Test
    void resultDerivesAccuracyQualificationAndSummary() {
        SuiteResult result = new SuiteResult("AdderBoard", 9_910, 10_010, failures(100), Duration.ofMillis(5));
        assertEquals("AdderBoard: 9910/10010 passed", result.summaryLine());
        assertEquals(9_910 / 10_010.0, result.accuracy());
        assertTrue(result.qualified());
        assertFalse(result.perfect());
        assertEquals(100, result.failed());
        SuiteResult worse = new SuiteResult("AdderBoard", 9_909, 10_010, failures(101), Duration.ZERO);
        assertFalse(worse.qualified());
        assertEquals("carry: 3/4 passed",
                new SuiteResult("carry", 3, 4, failures(1), Duration.ZERO).summaryLine());
    }

    @Test
    void resultCopiesItsFailures() {
        List<Failure> list = failures(1);
        SuiteResult result = new SuiteResult("x", 0, 1, list, Duration.ZERO);
        list.clear();
        assertEquals(1, result.failures().size());
        assertThrows(UnsupportedOperationException.class, () -> result.failures().clear());
    }

    @Test
    void resultValidatesItsFields() {
        assertEquals("suite must not be blank: ' '", assertThrows(IllegalArgumentException.class,
                () -> new SuiteResult(" ", 1, 1, List.of(), Duration.ZERO)).getMessage());
        assertEquals("total must be positive: 0", assertThrows(IllegalArgumentException.class,
                () -> new SuiteResult("x", 0, 0, List.of(), Duration.ZERO)).getMessage());
        assertEquals("passed must be non-negative: -1", assertThrows(IllegalArgumentException.class,
                () -> new SuiteResult("x", -1, 1, failures(2), Duration.ZERO)).getMessage());
        assertEquals("passed must be <= total: passed=2, total=1", assertThrows(IllegalStateException.class,
                () -> new SuiteResult("x", 2, 1, List.of(), Duration.ZERO)).getMessage());
        assertEquals("failures must hold total - passed = 1 entries: 0", assertThrows(IllegalStateException.class,
                () -> new SuiteResult("x", 1, 2, List.of(), Duration.ZERO)).getMessage());
        assertEquals("wallTime must not be negative: PT-1S", assertThrows(IllegalArgumentException.class,
                () -> new SuiteResult("x", 1, 1, List.of(), Duration.ofSeconds(-1))).getMessage());
    }
}
