package io.github.adder4j.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ValidationSetTest {

    private static final String SEED_MESSAGE = "seed 2025 is the AdderBoard test seed; use another seed for validation";

    @Test
    void theAdderBoardSeedIsRefused() {
        assertEquals(SEED_MESSAGE,
                assertThrows(IllegalArgumentException.class, () -> ValidationSet.uniform(5000, 2025)).getMessage());
        assertEquals(SEED_MESSAGE, assertThrows(IllegalArgumentException.class,
                () -> ValidationSet.digitLengths(5000, 2025, 1)).getMessage());
    }

    @Test
    void otherBadArgumentsAreRejected() {
        assertEquals("size must be >= 1: 0",
                assertThrows(IllegalArgumentException.class, () -> ValidationSet.uniform(0, 1)).getMessage());
        assertEquals("minDigits must be in [1, 10]: 11", assertThrows(IllegalArgumentException.class,
                () -> ValidationSet.digitLengths(10, 1, 11)).getMessage());
    }

    @Test
    void sameSeedSamePairsOtherSeedOtherPairs() {
        ValidationSet v = ValidationSet.uniform(5000, 2024);
        assertEquals(v, ValidationSet.uniform(5000, 2024));
        assertArrayEquals(v.a(), ValidationSet.uniform(5000, 2024).a());
        assertFalse(Arrays.equals(v.a(), ValidationSet.uniform(5000, 2026).a()));
        assertEquals(5000, v.size());
        assertEquals(2024, v.seed());
        assertEquals(ValidationSet.Distribution.UNIFORM_VALUE, v.distribution());
        assertEquals("ValidationSet[size=5000, seed=2024, distribution=UNIFORM_VALUE]", v.toString());
    }

    @Test
    void uniformPairsAreFullLengthAndTheSetHoldsThemAll() {
        ValidationSet v = ValidationSet.uniform(5000, 1);
        long[] a = v.a();
        long[] b = v.b();
        a[0] = -5;
        assertTrue(v.a()[0] >= 0, "accessors return copies");
        a = v.a();
        long tenDigit = Arrays.stream(a).filter(x -> x >= 1_000_000_000L).count();
        assertEquals(0.9, tenDigit / 5000.0, 0.02);
        PairSet set = v.pairSet();
        for (int i = 0; i < a.length; i++) {
            assertTrue(a[i] <= 9_999_999_999L && b[i] <= 9_999_999_999L);
            assertTrue(set.contains(a[i], b[i]));
        }
    }

    @Test
    void digitLengthPairsUseTheTrainingDistributionAtFullLength() {
        ValidationSet v = ValidationSet.digitLengths(5000, 3, 1);
        long[] a = v.a();
        long[] b = v.b();
        long oneDigit = 0;
        for (int i = 0; i < a.length; i++) {
            oneDigit += Math.max(a[i], b[i]) < 10 ? 1 : 0;
        }
        assertEquals(0.101, oneDigit / 5000.0, 0.015, "about a tenth of the pairs are single-digit");
        assertEquals(1, v.minDigits());
        assertEquals(ValidationSet.Distribution.DIGIT_LENGTH, v.distribution());
        ValidationSet longOnly = ValidationSet.digitLengths(2000, 3, 10);
        long tenDigit = Arrays.stream(longOnly.a()).filter(x -> x >= 1_000_000_000L).count();
        assertEquals(0.9, tenDigit / 2000.0, 0.03, "minDigits 10 gives full-length operands");
    }
}
