package io.github.adder4j.train.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScheduleTest {

    @Test
    void recipe57pBoundaries() {
        // 57p: lr 0.02, warmup lr*(step+1)/1000 for 1,000 steps, cosine to 0.1*lr at the last of 60,000 steps
        LearningRateSchedule s = LearningRateSchedule.warmupCosineToRatio(0.02, 1000, 60_000, 0.1);
        assertEquals(0.02 * 0.1, ((LearningRateSchedule.WarmupCosine) s).floor());
        assertEquals(0.02 / 1000, s.learningRate(0), 1e-18);
        assertEquals(0.02 * 500 / 1000, s.learningRate(499), 1e-17);
        assertEquals(0.02, s.learningRate(999));
        assertEquals(0.02, s.learningRate(1000));
        assertTrue(s.learningRate(1001) < 0.02);
        assertEquals(0.02 * 0.1, s.learningRate(59_999));
        assertEquals(0.02 * 0.1, s.learningRate(80_000));
        assertTrue(s.learningRate(59_998) > 0.02 * 0.1);
    }

    @Test
    void cosineMidpointIsHalfwayBetweenPeakAndFloor() {
        // last step 60,000; cosine phase [1000, 60000] has its midpoint at 30,500
        LearningRateSchedule s = LearningRateSchedule.warmupCosine(0.02, 1000, 60_001, 0.002);
        assertEquals(0.011, s.learningRate(30_500), 1e-15);
        // a quarter of the way: peak - (peak - floor) * (1 - cos(pi/4)) / 2
        double quarter = 0.02 - 0.018 * (1 - Math.sqrt(0.5)) / 2;
        assertEquals(quarter, s.learningRate(1000 + 59_000 / 4), 1e-15);
    }

    @Test
    void noWarmupStartsAtThePeak() {
        LearningRateSchedule s = LearningRateSchedule.warmupCosine(1e-3, 0, 100_000, 1e-5);
        assertEquals(1e-3, s.learningRate(0));
        assertEquals(1e-5, s.learningRate(99_999));
        LearningRateSchedule shortest = LearningRateSchedule.warmupCosine(0.5, 3, 5, 0.1);
        assertEquals(0.5 / 3, shortest.learningRate(0));
        assertEquals(0.5, shortest.learningRate(2));
        assertEquals(0.5, shortest.learningRate(3));
        assertEquals(0.1, shortest.learningRate(4));
    }

    @Test
    void constantIsConstant() {
        LearningRateSchedule s = LearningRateSchedule.constant(3e-4);
        assertEquals(3e-4, s.learningRate(0));
        assertEquals(3e-4, s.learningRate(Long.MAX_VALUE));
    }

    @Test
    void rejectsBadArguments() {
        assertEquals("peak must be positive: -1.0", assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedule.warmupCosine(-1.0, 10, 100, 0.1)).getMessage());
        assertEquals("warmupSteps must be non-negative: -1", assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedule.warmupCosine(1.0, -1, 100, 0.1)).getMessage());
        assertEquals("floor must be positive: 0.0", assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedule.warmupCosine(1.0, 10, 100, 0.0)).getMessage());
        assertEquals("floor must not exceed peak: floor=2.0, peak=1.0", assertThrows(IllegalStateException.class,
                () -> LearningRateSchedule.warmupCosine(1.0, 10, 100, 2.0)).getMessage());
        assertEquals("totalSteps must exceed warmupSteps + 1: totalSteps=11, warmupSteps=10",
                assertThrows(IllegalStateException.class,
                        () -> LearningRateSchedule.warmupCosine(1.0, 10, 11, 0.1)).getMessage());
        assertEquals("floorRatio must be in (0, 1]: 0.0", assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedule.warmupCosineToRatio(1.0, 10, 100, 0.0)).getMessage());
        assertEquals("floorRatio must be in (0, 1]: 1.5", assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedule.warmupCosineToRatio(1.0, 10, 100, 1.5)).getMessage());
        assertEquals("learningRate must be positive: 0.0", assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedule.constant(0.0)).getMessage());
        assertEquals("step must be non-negative: -1", assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedule.constant(0.1).learningRate(-1)).getMessage());
        assertEquals("step must be non-negative: -5", assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedule.warmupCosine(1.0, 10, 100, 0.1).learningRate(-5)).getMessage());
    }

    @Test
    void openEndCosineHasProgressOverTMinusW() {
        // the low-rank seed code: progress (s - W) / (T - W), so the floor 0.002 lies one step past the last step 161,999
        LearningRateSchedule s = LearningRateSchedule.warmupCosineOpenEnd(0.02, 1350, 162_000, 0.1);
        assertEquals(0.02 / 1350, s.learningRate(0), 1e-18);
        assertEquals(0.02, s.learningRate(1349), 1e-17);
        assertEquals(0.02, s.learningRate(1350));
        double w = 1350;
        double t = 162_000;
        double last = 0.02 - (0.02 - 0.002) * (0.5 * (1 - Math.cos(Math.PI * (161_999 - w) / (t - w))));
        assertEquals(last, s.learningRate(161_999), 1e-18);
        assertTrue(s.learningRate(161_999) > 0.002, "one step short of the floor");
        assertEquals(0.002, s.learningRate(162_000), 1e-18);
        assertEquals(0.002, s.learningRate(500_000), 1e-18);
        // the midpoint of [W, T] is halfway between peak and floor
        assertEquals(0.011, s.learningRate((1350 + 162_000) / 2), 1e-15);
        // it differs from the closed-end cosine (progress over T - 1 - W) at every cosine step but the first
        LearningRateSchedule closed = LearningRateSchedule.warmupCosineToRatio(0.02, 1350, 162_000, 0.1);
        assertEquals(closed.learningRate(1350), s.learningRate(1350));
        assertTrue(s.learningRate(100_000) > closed.learningRate(100_000));
    }

    @Test
    void openEndCosineValidates() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> LearningRateSchedule.warmupCosineOpenEnd(0.02, 100, 100, 0.1));
        assertEquals("totalSteps must exceed warmupSteps: totalSteps=100, warmupSteps=100", e.getMessage());
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedule.warmupCosineOpenEnd(0.02, 10, 100, 1.5));
        assertEquals("floorRatio must be in (0, 1]: 1.5", f.getMessage());
    }

    @Test
    void cosineRestartsRestartAtThePeakWithGrowingCycles() {
        LearningRateSchedule.CosineRestarts s = new LearningRateSchedule.CosineRestarts(0.01, 10, 100, 2, 0.001);
        assertEquals(0.01 / 10, s.learningRate(0), 1e-18);
        assertEquals(0.01, s.learningRate(10));
        // half-way through the first cycle (steps 10..109): the midpoint of peak and floor
        assertEquals(0.0055, s.learningRate(60), 1e-15);
        assertTrue(s.endsCycle(109));
        assertEquals(0.01, s.learningRate(110), "restart");
        // the second cycle has 200 steps (110..309)
        assertEquals(0.0055, s.learningRate(210), 1e-15);
        assertTrue(s.endsCycle(309));
        assertTrue(!s.endsCycle(308) && !s.endsCycle(5));
        assertEquals(0.01, s.learningRate(310));
        assertEquals("growth must be at least 1: 0.5",
                assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule.CosineRestarts(0.01, 0, 10, 0.5, 0.001))
                        .getMessage());
        assertEquals("firstCycle must be positive: 0",
                assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule.CosineRestarts(0.01, 0, 0, 1, 0.001))
                        .getMessage());
    }
}
