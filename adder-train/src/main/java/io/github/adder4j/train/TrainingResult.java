package io.github.adder4j.train;

/**
 * How a run ended.
 *
 * @param status completed, stopped early, diverged, or stopped on request
 * @param steps steps run in total
 * @param bestExact best validation exact match
 * @param bestStep step of the best checkpoint
 * @param grokStep grokking step (exact match from below 0.5 to above 0.99), or -1
 * @param wallSeconds training wall time
 * @param message human-readable summary
 */
public record TrainingResult(Status status, long steps, double bestExact, long bestStep, long grokStep, double wallSeconds,
                             String message) {
    /** Final status of a run. */
    public enum Status {
        /** All steps ran. */
        COMPLETED,
        /** Exact match 1.0 held for the early-stop window. */
        EARLY_STOPPED,
        /** Loss or gradient norm became non-finite; the last good checkpoint is kept. */
        DIVERGED,
        /**
         * Stopped on request ({@link Trainer#requestStop}, e.g. by a signal to the CLI) after {@code steps} steps, with the state
         * saved at that step: {@link Trainer#resume} continues the run and replaces this summary when it ends.
         */
        STOPPED,
        /** Ended by the recipe's abandon rule: its metrics at the rule's step said it would not learn. */
        ABANDONED
    }

    /** Whether the run is over for good; a {@link Status#STOPPED} run is not (it can be resumed). */
    public boolean ended() {
        return status != Status.STOPPED;
    }
}
