package io.github.adder4j.train;

/**
 * Accumulates the time of training steps by part (see {@link StepTimes}): a step calls {@link #start}, then {@link #lap}
 * at the end of each part, which charges the time since the previous mark to that part. Not thread-safe: one trainer's or
 * one population's steps, one after the other. Reading it costs two {@code System.nanoTime} calls per part.
 */
final class PhaseClock {
    enum Part { DATA, FORWARD, BACKWARD, UPDATE }

    private final long[] nanos = new long[Part.values().length];
    private long mark;

    /** Marks the start of a step's first part. */
    void start() {
        mark = System.nanoTime();
    }

    /** Charges the time since the last mark to {@code part} and marks now. */
    void lap(Part part) {
        long now = System.nanoTime();
        nanos[part.ordinal()] += now - mark;
        mark = now;
    }

    /** Forgets the time accumulated so far (after a warm-up). */
    void reset() {
        java.util.Arrays.fill(nanos, 0);
    }

    /** The nanoseconds charged to {@code part} since the last reset. */
    long nanos(Part part) {
        return nanos[part.ordinal()];
    }

    /** The time charged to {@code clocks} since their last reset, summed by part, as milliseconds per one of {@code steps}. */
    static StepTimes perStep(java.util.List<PhaseClock> clocks, double steps) {
        long[] sum = new long[Part.values().length];
        for (PhaseClock c : clocks) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += c.nanos[i];
            }
        }
        double scale = 1e6 * steps;
        return new StepTimes(sum[Part.DATA.ordinal()] / scale, sum[Part.FORWARD.ordinal()] / scale,
                sum[Part.BACKWARD.ordinal()] / scale, sum[Part.UPDATE.ordinal()] / scale);
    }
}
