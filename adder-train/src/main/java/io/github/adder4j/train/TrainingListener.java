package io.github.adder4j.train;

/** Receives progress from a running trainer (e.g. a console progress bar). */
@FunctionalInterface
public interface TrainingListener {
    /**
     * Called after every metrics line.
     *
     * @param step steps done
     * @param totalSteps steps in the run
     * @param loss mean loss since the previous line
     * @param lastExact validation exact match at the last evaluation, or -1
     */
    void progress(long step, long totalSteps, double loss, double lastExact);
}
