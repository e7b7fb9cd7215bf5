package io.github.adder4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.adder4j.core.TrainableModel;
import io.github.adder4j.core.engine.GradMode;
import io.github.adder4j.core.vision.ImageSet;
import io.github.adder4j.train.data.DataRng;
import io.github.adder4j.train.data.SamplerState;
import java.util.List;

/**
 * Image classification: batches are uniform draws (with replacement) from a training set, each image optionally shifted by
 * up to {@code shift} pixels in x and y (zero fill) as augmentation; evaluation (which chooses the best checkpoint) is the
 * accuracy on a validation set, with the accuracy on {@value #TRAIN_EVAL} training images spread evenly over the set (files
 * are often ordered by class) alongside. An optional test set is never evaluated during training: the trainer measures the
 * chosen checkpoint on it once, at the end ({@link #testCorrect}).
 */
public final class ImageTask implements Task {
    /** Training images whose accuracy is reported beside the held-out accuracy. */
    static final int TRAIN_EVAL = 2000;
    private static final int EVAL_CHUNK = 500;

    private final ImageSet train;
    private final ImageSet validation;
    private final ImageSet test;
    private final int shift;
    private DataRng rng;
    private int nextStep;

    /**
     * A task without a test set, whose evaluations are on {@code heldOut} (how runs before the validation split were made:
     * their best checkpoint was chosen on the held-out digits).
     *
     * @param train training images
     * @param heldOut held-out images evaluated during training (square, the same size as the training images)
     * @param shift largest random shift in pixels (0: no augmentation)
     * @param seed seed of the draws
     * @throws IllegalArgumentException when the images are not square and alike, or the shift is negative
     */
    public ImageTask(ImageSet train, ImageSet heldOut, int shift, long seed) {
        this(train, heldOut, null, shift, seed);
    }

    /**
     * @param train training images
     * @param validation images evaluated during training, which choose the best checkpoint
     * @param test images measured once on the chosen checkpoint, or null
     * @param shift largest random shift in pixels (0: no augmentation)
     * @param seed seed of the draws
     * @throws IllegalArgumentException when the images are not square and alike, or the shift is negative
     */
    public ImageTask(ImageSet train, ImageSet validation, ImageSet test, int shift, long seed) {
        sameSquare(train, validation, "validation");
        if (test != null) {
            sameSquare(train, test, "test");
        }
        if (shift < 0 || shift >= train.rows()) {
            throw new IllegalArgumentException("shift must be in [0, " + train.rows() + "): " + shift);
        }
        this.train = train;
        this.validation = validation;
        this.test = test;
        this.shift = shift;
        this.rng = new DataRng(DataRng.deriveSeed(seed, 2));
    }

    @Override
    public ImageBatch batch(int step, int batchSize) {
        int side = train.rows();
        int n = side * side;
        float[] pixels = new float[batchSize * n];
        long[] labels = new long[batchSize];
        for (int i = 0; i < batchSize; i++) {
            int index = rng.nextInt(train.size());
            labels[i] = train.labels()[index];
            float[] image = train.image(index);
            int dx = shift == 0 ? 0 : rng.nextInt(2 * shift + 1) - shift;
            int dy = shift == 0 ? 0 : rng.nextInt(2 * shift + 1) - shift;
            for (int y = 0; y < side; y++) {
                int sy = y - dy;
                if (sy < 0 || sy >= side) {
                    continue;
                }
                for (int x = 0; x < side; x++) {
                    int sx = x - dx;
                    if (sx >= 0 && sx < side) {
                        pixels[i * n + y * side + x] = image[sy * side + sx];
                    }
                }
            }
        }
        nextStep = step + 1;
        return new ImageBatch(pixels, labels, batchSize, side);
    }

    private static void sameSquare(ImageSet train, ImageSet other, String what) {
        if (train.rows() != train.cols() || other.rows() != train.rows() || other.cols() != train.cols()) {
            throw new IllegalArgumentException("train and " + what + " images must be square and of one size: " + train.rows() + "x"
                    + train.cols() + " and " + other.rows() + "x" + other.cols());
        }
    }

    /** The test set measured once at the end, or null. */
    public ImageSet test() {
        return test;
    }

    /**
     * How many test images the model classifies right.
     *
     * @throws IllegalStateException when the task has no test set
     */
    public int testCorrect(TrainableModel model) {
        if (test == null) {
            throw new IllegalStateException("this image task has no test set");
        }
        int[] all = all(test);
        int[] predicted = predict(model, test, all);
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            correct += predicted[i] == test.labels()[i] ? 1 : 0;
        }
        return correct;
    }

    private static int[] all(ImageSet images) {
        int[] all = new int[images.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return all;
    }

    @Override
    public Evaluation evaluate(TrainableModel model) {
        int[] all = all(validation);
        double accuracy = accuracy(predict(model, validation, all), validation, all);
        int[] spread = new int[Math.min(TRAIN_EVAL, train.size())];
        for (int i = 0; i < spread.length; i++) {
            spread[i] = (int) ((long) i * train.size() / spread.length);
        }
        double trainAccuracy = accuracy(predict(model, train, spread), train, spread);
        return new Evaluation(accuracy, accuracy, validation.size(), trainAccuracy);
    }

    /** The argmax class of the images at {@code picked}, without gradients. */
    static int[] predict(TrainableModel model, ImageSet images, int[] picked) {
        int side = images.rows();
        int[] out = new int[picked.length];
        try (GradMode off = GradMode.off(model.manager())) {
            for (int from = 0; from < picked.length; from += EVAL_CHUNK) {
                int rows = Math.min(EVAL_CHUNK, picked.length - from);
                int[] indices = java.util.Arrays.copyOfRange(picked, from, from + rows);
                try (NDManager m = model.manager().newSubManager()) {
                    NDArray x = m.create(images.images(indices), new Shape(rows, side, side));
                    long[] best = model.block().forward(new ParameterStore(m, false), new NDList(x), false).head().argMax(1).toLongArray();
                    for (int i = 0; i < rows; i++) {
                        out[from + i] = (int) best[i];
                    }
                }
            }
        }
        return out;
    }

    private static double accuracy(int[] predicted, ImageSet images, int[] picked) {
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            correct += predicted[i] == images.labels()[picked[i]] ? 1 : 0;
        }
        return (double) correct / predicted.length;
    }

    @Override
    public SamplerState state() {
        return new SamplerState(nextStep, rng.state(), List.of());
    }

    @Override
    public void restore(SamplerState state) {
        rng = DataRng.fromState(state.words());
        nextStep = state.nextStep();
    }

    @Override
    public String describe() {
        return train.name() + " (" + train.size() + " training images" + (shift > 0 ? ", random shifts up to " + shift + " px" : "")
                + "), " + (test == null ? "held-out " + validation.name() + " (" + validation.size() + ")"
                : "validation " + validation.name() + " (" + validation.size() + "), test " + test.name() + " (" + test.size()
                + ", measured once on the best checkpoint)");
    }
}
