package io.github.adder4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.adder4j.core.TrainableModel;

/**
 * A token batch whose loss is knowledge distillation from a teacher ({@link Recipe.Distillation}):
 * {@code (1 - weight) CE(student, targets) + weight T^2 KL(softmax(teacher / T) || softmax(student / T))} over the
 * batch's masked positions. The teacher runs without gradients; only the student learns.
 *
 * @param batch the tokens, targets and loss mask
 * @param teacher the teacher model (same token format as the student)
 * @param temperature T, positive
 * @param weight the soft term's share, in [0, 1]
 */
record DistilledBatch(Batch batch, TrainableModel teacher, double temperature, double weight) implements Examples {

    @Override
    public NDArray loss(TrainableModel model, NDManager manager, boolean training) {
        float[] soft = Forward.teacherLogits(teacher, batch);
        return Forward.distillationLoss(model, manager, batch, training, soft, temperature, weight);
    }
}
