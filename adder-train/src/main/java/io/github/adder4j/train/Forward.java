package io.github.adder4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.adder4j.core.TrainableModel;

/** Forward passes the trainer needs: the masked cross-entropy and teacher-forced token accuracy. */
final class Forward {
    private Forward() { }

    /**
     * Mean cross-entropy over the masked positions: {@code -sum(mask * log p(target)) / sum(mask)}. All arrays are created in
     * {@code manager}; the loss is a scalar that autograd can differentiate. The logits are computed from the batch's
     * {@link Batch#firstLossColumn()} on ({@link TrainableModel#logitsFrom}): the columns before it count in no row.
     */
    static NDArray maskedCrossEntropy(TrainableModel model, NDManager manager, Batch batch, boolean training) {
        int from = batch.firstLossColumn();
        return crossEntropy(logits(model, manager, batch, from, training), manager, batch, from, model.dataType());
    }

    /** The model's logits on a batch's inputs from column {@code from} on, shape (B, T - from, V), created in {@code manager}. */
    private static NDArray logits(TrainableModel model, NDManager manager, Batch batch, int from, boolean training) {
        NDArray inputs = manager.create(batch.inputs(), new Shape(batch.rows(), batch.length()));
        return model.logitsFrom(new ParameterStore(manager, false), inputs, from, training);   // (B, T - from, V)
    }

    /** {@code -sum(mask * log softmax(logits)[target]) / sum(mask)} of given logits (B, T - from, V) of the columns from {@code from}. */
    private static NDArray crossEntropy(NDArray logits, NDManager manager, Batch batch, int from, DataType dtype) {
        NDArray targets = columnsFrom(manager.create(batch.targets(), new Shape(batch.rows(), batch.length())), from); // (B, T - from)
        return maskedMean(logProbabilityOf(logits, targets), manager, batch, from, dtype).neg();
    }

    /**
     * {@code log softmax(logits)[target]} of logits {@code (..., V)} and int64 targets {@code (...)}, as
     * {@code (x_t - m) - log sum_i exp(x_i - m)} with {@code m = max_i x_i} held constant (the terms in m cancel, so the
     * gradient is the same): PyTorch's fused log-softmax over a short last axis costs several times these five operations,
     * forward and backward. The target is picked with one gather, whose backward scatters into the picked entries.
     */
    static NDArray logProbabilityOf(NDArray logits, NDArray targets) {
        NDArray shifted = logits.sub(logits.max(new int[] {-1}, true).stopGradient());            // (..., V) x - m
        NDArray logSum = shifted.exp().sum(new int[] {-1}).log();                                   // (...) log sum exp(x - m)
        return shifted.gather(targets.expandDims(-1), -1).squeeze(-1).sub(logSum);                 // (...) log p(target)
    }

    /** {@code sum(mask * values) / max(1, sum(mask))} of per-position values (B, T - from) of the columns from {@code from}. */
    private static NDArray maskedMean(NDArray values, NDManager manager, Batch batch, int from, DataType dtype) {
        NDArray mask = columnsFrom(manager.create(batch.mask(), new Shape(batch.rows(), batch.length())), from).toType(dtype, false);
        NDArray count = manager.create(Math.max(1f, sum(batch.mask()))).toType(dtype, false);
        return values.mul(mask).sum().div(count);
    }

    /** The columns (last axis) from {@code from} on of a (..., T) array: a (B, T) batch or a population's (P, B, T). */
    static NDArray columnsFrom(NDArray rows, int from) {
        return from == 0 ? rows : rows.get("..., " + from + ":");                                 // (..., T - from)
    }

    /**
     * The distillation loss {@code (1 - w) CE + w T^2 KL(softmax(teacher / T) || softmax(student / T))}, each term a mean
     * over the masked positions. {@code teacherLogits} (B * T * V values, row-major) carry no gradient. Every scalar
     * factor is a tensor that lives in {@code manager} until after backward (DJL's scalar ops corrupt gradients).
     */
    static NDArray distillationLoss(TrainableModel model, NDManager manager, Batch batch, boolean training, float[] teacherLogits,
                                    double temperature, double weight) {
        DataType dtype = model.dataType();
        NDArray student = logits(model, manager, batch, 0, training);                                  // (B, T, V)
        NDArray teacher = manager.create(teacherLogits, student.getShape()).toType(dtype, false);   // (B, T, V), no gradient
        NDArray inverseT = scalar(manager, 1 / temperature, dtype);
        NDArray studentLogp = student.mul(inverseT).logSoftmax(-1);                                 // (B, T, V) log q_T
        NDArray teacherLogp = teacher.mul(inverseT).logSoftmax(-1);                                 // (B, T, V) log p_T
        NDArray kl = teacherLogp.exp().mul(teacherLogp.sub(studentLogp)).sum(new int[] {-1});       // (B, T) KL(p_T || q_T)
        NDArray hard = crossEntropy(student, manager, batch, 0, dtype);
        NDArray soft = maskedMean(kl, manager, batch, 0, dtype);
        return hard.mul(scalar(manager, 1 - weight, dtype)).add(soft.mul(scalar(manager, weight * temperature * temperature, dtype)));
    }

    /** A teacher's logits on a batch's inputs (B * T * V values), computed without gradients in its own manager. */
    static float[] teacherLogits(TrainableModel teacher, Batch batch) {
        try (NDManager m = teacher.manager().newSubManager()) {
            NDArray logits = logits(teacher, m, batch, 0, false);
            return logits.toType(DataType.FLOAT32, false).toFloatArray();
        }
    }

    private static NDArray scalar(NDManager manager, double value, DataType dtype) {
        return manager.create(value).toType(dtype, false);
    }

    /** Fraction of masked positions whose argmax equals the target (teacher forcing), in chunks. */
    static double tokenAccuracy(TrainableModel model, Batch batch, int chunkRows) {
        return teacherForced(model, batch, chunkRows).tokenAccuracy();
    }

    /**
     * Teacher-forced metrics of a batch over its masked positions.
     *
     * @param tokenAccuracy fraction whose argmax equals the target
     * @param loss          mean cross-entropy {@code -log p(target)} (the training loss on these rows, without updates)
     */
    record TeacherForced(double tokenAccuracy, double loss) { }

    /** The teacher-forced token accuracy and mean cross-entropy of {@code batch}, in chunks of {@code chunkRows}. */
    static TeacherForced teacherForced(TrainableModel model, Batch batch, int chunkRows) {
        long correct = 0;
        long total = 0;
        double lossSum = 0;
        int length = batch.length();
        for (int start = 0; start < batch.rows(); start += chunkRows) {
            int rows = Math.min(chunkRows, batch.rows() - start);
            try (NDManager m = model.manager().newSubManager()) {
                long[] in = java.util.Arrays.copyOfRange(batch.inputs(), start * length, (start + rows) * length);
                NDArray logits = model.block().forward(new ParameterStore(m, false),
                        new NDList(m.create(in, new Shape(rows, length))), false).head();    // (B, T, V)
                int vocab = (int) logits.getShape().get(2);
                long[] argmax = logits.argMax(-1).toType(DataType.INT64, false).toLongArray();
                float[] logp = logits.logSoftmax(-1).toType(DataType.FLOAT32, false).toFloatArray();  // (B * T * V)
                for (int i = 0; i < rows * length; i++) {
                    int k = start * length + i;
                    if (batch.mask()[k] != 0) {
                        total++;
                        lossSum -= logp[i * vocab + (int) batch.targets()[k]];
                        if (argmax[i] == batch.targets()[k]) {
                            correct++;
                        }
                    }
                }
            }
        }
        return total == 0 ? new TeacherForced(0, 0) : new TeacherForced((double) correct / total, lossSum / total);
    }

    private static float sum(float[] v) {
        float s = 0;
        for (float x : v) {
            s += x;
        }
        return s;
    }
}
