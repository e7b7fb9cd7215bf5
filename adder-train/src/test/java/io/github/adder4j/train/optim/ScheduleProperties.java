package io.github.adder4j.train.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

class ScheduleProperties {

    /** A schedule and two steps, drawn to land near the warmup end and the last step as often as anywhere else. */
    record Case(LearningRateSchedule.WarmupCosine schedule, long s1, long s2) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Double> peaks = Arbitraries.oneOf(Arbitraries.doubles().between(-6, 0).map(e -> Math.pow(10, e)),
                Arbitraries.of(0.02, 1e-3, 3e-4));
        Arbitrary<Double> ratios = Arbitraries.oneOf(Arbitraries.doubles().between(-4, 0).map(e -> Math.pow(10, e)),
                Arbitraries.of(1.0, 0.1, 0.01));
        Arbitrary<Long> warmups = Arbitraries.oneOf(Arbitraries.longs().between(0, 5),
                Arbitraries.longs().between(0, 5000));
        Arbitrary<Long> cosineLengths = Arbitraries.oneOf(Arbitraries.longs().between(2, 10),
                Arbitraries.longs().between(2, 200_000));
        return Combinators.combine(peaks, ratios, warmups, cosineLengths, offsets(), offsets())
                .as((peak, ratio, warmup, cosine, o1, o2) -> {
                    long total = warmup + cosine;
                    LearningRateSchedule.WarmupCosine s = (LearningRateSchedule.WarmupCosine)
                            LearningRateSchedule.warmupCosineToRatio(peak, warmup, total, ratio);
                    return new Case(s, place(o1, warmup, total), place(o2, warmup, total));
                });
    }

    /** (anchor, offset): anchor 0 = start, 1 = warmup end, 2 = last step, 3 = anywhere in the run. */
    private static Arbitrary<long[]> offsets() {
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.longs().between(-3, 3),
                Arbitraries.doubles().between(0, 1.2).ofScale(6)).as((anchor, delta, frac) -> new long[] {anchor, delta,
                Double.doubleToLongBits(frac)});
    }

    private static long place(long[] o, long warmup, long total) {
        long step = switch ((int) o[0]) {
            case 0 -> o[1];
            case 1 -> warmup + o[1];
            case 2 -> total - 1 + o[1];
            default -> (long) (Double.longBitsToDouble(o[2]) * total);
        };
        return Math.max(0, step);
    }

    private static String phase(LearningRateSchedule.WarmupCosine s, long step) {
        if (step < s.warmupSteps()) {
            return "warmup";
        }
        if (step == s.warmupSteps()) {
            return "peak step";
        }
        return step < s.totalSteps() - 1 ? "cosine" : "at or after last step";
    }

    @Property(tries = 2000)
    void learningRateStaysWithinBounds(@ForAll("cases") Case c) {
        LearningRateSchedule.WarmupCosine s = c.schedule();
        long step = c.s1();
        double lr = s.learningRate(step);
        Statistics.collect(phase(s, step));
        if (step < s.warmupSteps()) {
            assertTrue(lr > 0 && lr <= s.peak(), () -> "warmup lr " + lr + " outside (0, " + s.peak() + "] for " + c);
        } else {
            assertTrue(lr >= s.floor() && lr <= s.peak(), () -> "lr " + lr + " outside [floor, peak] for " + c);
        }
        if (step == s.warmupSteps()) {
            assertTrue(lr == s.peak(), () -> "lr at the end of warmup is " + lr + " for " + c);
        }
        if (step >= s.totalSteps() - 1) {
            assertTrue(lr == s.floor(), () -> "lr at the last step is " + lr + " for " + c);
        }
    }

    @Property(tries = 2000)
    void monotoneWithinEachPhase(@ForAll("cases") Case c) {
        LearningRateSchedule.WarmupCosine s = c.schedule();
        long lo = Math.min(c.s1(), c.s2());
        long hi = Math.max(c.s1(), c.s2());
        double a = s.learningRate(lo);
        double b = s.learningRate(hi);
        if (lo >= s.warmupSteps()) {
            Statistics.collect("both after warmup");
            assertTrue(a >= b, () -> "lr rose after warmup: " + a + " at " + lo + ", " + b + " at " + hi + " for " + c);
        } else if (hi < s.warmupSteps()) {
            Statistics.collect("both in warmup");
            assertTrue(a <= b, () -> "lr fell during warmup: " + a + " at " + lo + ", " + b + " at " + hi + " for " + c);
        } else {
            Statistics.collect("across warmup end");
            assertTrue(a <= s.peak() && b <= s.peak(), () -> "lr above peak for " + c);
        }
    }
}
