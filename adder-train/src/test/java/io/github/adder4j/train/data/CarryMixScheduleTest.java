package io.github.adder4j.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CarryMixScheduleTest {

    @Test
    void recipe57pProbabilityAtKeySteps() {
        CarryMixSchedule s = CarryMixSchedule.recipe57p();
        assertEquals(0.8, s.probability(0), 0.0);
        assertEquals(0.8, s.probability(15_000), 0.0);
        assertEquals(0.4, s.probability(30_000), 1e-12);
        assertEquals(0.0, s.probability(45_000), 0.0);
        assertEquals(0.0, s.probability(60_000), 0.0);
        assertEquals(0.8 * 29_999 / 30_000, s.probability(15_001), 1e-12);
        assertEquals(0.8 / 30_000, s.probability(44_999), 1e-12);
    }

    @Test
    void recipe74pFadesFrom10kTo80k() {
        CarryMixSchedule s = CarryMixSchedule.recipe74p();
        assertEquals(0.8, s.probability(10_000), 0.0);
        assertEquals(0.4, s.probability(45_000), 1e-12);
        assertEquals(0.0, s.probability(80_000), 0.0);
    }

    @Test
    void zeroLengthFadeIsAStepAndOffIsAlwaysZero() {
        CarryMixSchedule s = new CarryMixSchedule(0.5, 100, 100);
        assertEquals(0.5, s.probability(99), 0.0);
        assertEquals(0.0, s.probability(100), 0.0);
        assertEquals(0.0, CarryMixSchedule.off().probability(0), 0.0);
    }

    @Test
    void invalidSchedulesAreRejected() {
        assertEquals("startProbability must be in [0, 1]: 1.5",
                assertThrows(IllegalArgumentException.class, () -> new CarryMixSchedule(1.5, 0, 1)).getMessage());
        assertEquals("startProbability must be in [0, 1]: NaN",
                assertThrows(IllegalArgumentException.class,
                        () -> new CarryMixSchedule(Double.NaN, 0, 1)).getMessage());
        assertEquals("fadeStart must be >= 0: -1",
                assertThrows(IllegalArgumentException.class, () -> new CarryMixSchedule(0.8, -1, 1)).getMessage());
        assertEquals("fadeEnd must be >= fadeStart (45000): 15000",
                assertThrows(IllegalStateException.class,
                        () -> new CarryMixSchedule(0.8, 45_000, 15_000)).getMessage());
        assertEquals("step must be >= 0: -5", assertThrows(IllegalArgumentException.class,
                () -> CarryMixSchedule.recipe57p().probability(-5)).getMessage());
    }
}
