package io.github.adder4j.train;

import io.github.adder4j.core.AdderModel;
import io.github.adder4j.train.data.SamplerState;

/**
 * What the trainer trains on. The trainer knows nothing about addition: a task supplies batches with loss masks,
 * evaluates a model on its own validation data, and saves/restores its data state for exact resumption.
 */
public interface Task {

    /** The batch for a step (deterministic given the task's state). */
    Batch batch(int step, int batchSize);

    /**
     * Evaluates the model on held-out data: {@code exact} is the fraction of examples answered entirely right
     * (autoregressively), {@code tokenAccuracy} the fraction of supervised tokens predicted right under teacher forcing.
     */
    Evaluation evaluate(AdderModel model);

    /** The data state (RNG and step), for resumption. */
    SamplerState state();

    /** Restores a state from {@link #state()}. */
    void restore(SamplerState state);

    /** A short description for logs and run files. */
    String describe();

    /**
     * Validation metrics.
     *
     * @param exact exact-match rate in [0, 1]
     * @param tokenAccuracy token accuracy in [0, 1]
     * @param examples number of validation examples
     * @param trainExact exact-match rate on the training data, or -1 when the task does not measure it
     * @param loss mean teacher-forced cross-entropy on the validation data (the training loss, measured on held-out
     *        examples), or -1 when the task does not measure it
     */
    record Evaluation(double exact, double tokenAccuracy, int examples, double trainExact, double loss) {
        /** Metrics without a validation loss. */
        public Evaluation(double exact, double tokenAccuracy, int examples, double trainExact) {
            this(exact, tokenAccuracy, examples, trainExact, -1);
        }
    }
}
