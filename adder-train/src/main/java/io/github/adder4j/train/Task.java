package io.github.adder4j.train;

import io.github.adder4j.core.TrainableModel;
import io.github.adder4j.train.data.SamplerState;

/**
 * What the trainer trains on. The trainer knows nothing about addition or images: a task supplies each step's examples
 * (which know their loss), evaluates a model on its own held-out data, and saves/restores its data state for exact
 * resumption. Addition ({@link AdditionTask}), modular arithmetic ({@link ModularTask}) and image classification
 * ({@link ImageTask}) are tasks.
 */
public interface Task {

    /** The examples for a step (deterministic given the task's state). */
    Examples batch(int step, int batchSize);

    /**
     * Evaluates the model on held-out data: {@code exact} is the fraction of examples answered entirely right
     * (autoregressively; for a classifier, its accuracy), {@code tokenAccuracy} the fraction of supervised tokens predicted
     * right under teacher forcing.
     *
     * @throws IllegalArgumentException when the model is not of the kind the task evaluates
     */
    Evaluation evaluate(TrainableModel model);

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
