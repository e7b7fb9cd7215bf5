package io.github.adder4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StepTimesTest {
    @Test
    void sumsItsPartsAndSharesThemOutPerSeed() {
        StepTimes t = new StepTimes(2, 16, 26, 4);
        assertEquals(48, t.totalMs(), 0);
        StepTimes one = t.perSeed(8);
        assertEquals(new StepTimes(0.25, 2, 3.25, 0.5), one);
        assertEquals("data 0.25, forward 2.00, backward 3.25, update 0.50 ms", one.toString());
    }

    @Test
    void refusesNegativeTimesAndSeeds() {
        assertEquals("backwardMs must not be negative: -1.0",
                assertThrows(IllegalArgumentException.class, () -> new StepTimes(0, 0, -1, 0)).getMessage());
        assertEquals("dataMs must not be negative: NaN",
                assertThrows(IllegalArgumentException.class, () -> new StepTimes(Double.NaN, 0, 0, 0)).getMessage());
        assertEquals("seeds must be positive: 0",
                assertThrows(IllegalArgumentException.class, () -> new StepTimes(1, 1, 1, 1).perSeed(0)).getMessage());
    }

    @Test
    void aClockChargesEachPartTheTimeSinceTheLastMark() throws InterruptedException {
        PhaseClock clock = new PhaseClock();
        clock.start();
        Thread.sleep(2);
        clock.lap(PhaseClock.Part.FORWARD);
        clock.lap(PhaseClock.Part.DATA);
        assertEquals(true, clock.nanos(PhaseClock.Part.FORWARD) >= 2_000_000, "forward " + clock.nanos(PhaseClock.Part.FORWARD));
        assertEquals(true, clock.nanos(PhaseClock.Part.DATA) < clock.nanos(PhaseClock.Part.FORWARD));
        assertEquals(0, clock.nanos(PhaseClock.Part.UPDATE));
        clock.reset();
        assertEquals(0, clock.nanos(PhaseClock.Part.FORWARD));
    }

    @Test
    void clocksSumByPartPerStep() throws InterruptedException {
        PhaseClock a = new PhaseClock();
        PhaseClock b = new PhaseClock();
        for (PhaseClock c : java.util.List.of(a, b)) {
            c.start();
            Thread.sleep(2);
            c.lap(PhaseClock.Part.BACKWARD);
        }
        StepTimes t = PhaseClock.perStep(java.util.List.of(a, b), 4);
        assertEquals((a.nanos(PhaseClock.Part.BACKWARD) + b.nanos(PhaseClock.Part.BACKWARD)) / 1e6 / 4, t.backwardMs(), 1e-12);
        assertEquals(0, t.dataMs() + t.forwardMs() + t.updateMs(), 0);
    }
}
