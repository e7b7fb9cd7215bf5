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
     * {@code manager}; the loss is a scalar that autograd can differentiate.
     */
    static NDArray maskedCrossEntropy(TrainableModel model, NDManager manager, Batch batch, boolean training) {
        DataType dtype = model.dataType();
        NDArray inputs = manager.create(batch.inputs(), new Shape(batch.rows(), batch.length()));
        NDArray targets = manager.create(batch.targets(), new Shape(batch.rows(), batch.length()));
        NDArray mask = manager.create(batch.mask(), new Shape(batch.rows(), batch.length())).toType(dtype, false);
        NDArray logits = model.block().forward(new ParameterStore(manager, false), new NDList(inputs), training).head(); // (B, T, V)
        int vocab = (int) logits.getShape().get(2);
        NDArray ids = manager.arange(0, vocab, 1, DataType.INT64);
        NDArray oneHot = targets.expandDims(-1).eq(ids).toType(dtype, false);                    // (B, T, V)
        NDArray logp = logits.logSoftmax(-1).mul(oneHot).sum(new int[] {-1});                    // (B, T) log p(target)
        NDArray count = manager.create(Math.max(1f, sum(batch.mask()))).toType(dtype, false);
        return logp.mul(mask).sum().div(count).neg();
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
