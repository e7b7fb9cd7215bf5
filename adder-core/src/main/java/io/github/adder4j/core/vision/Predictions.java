package io.github.adder4j.core.vision;

import java.util.ArrayList;
import java.util.List;

/**
 * A classifier's answers on a labelled set: how many are right, the confusion matrix, the misclassified images.
 *
 * @param predicted the predicted class of every image
 * @param labels    the true class of every image
 * @param classes   number of classes
 */
public record Predictions(int[] predicted, int[] labels, int classes) {

    /**
     * Validates.
     *
     * @param predicted the predicted class of every image
     * @param labels the true class of every image
     * @param classes number of classes
     * @throws IllegalArgumentException when the arrays differ in length or hold a class outside [0, classes)
     */
    public Predictions {
        if (predicted.length != labels.length) {
            throw new IllegalArgumentException("predictions and labels differ in count: " + predicted.length + " vs " + labels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] < 0 || predicted[i] >= classes || labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("image " + i + ": classes must be in [0, " + classes + "): predicted " + predicted[i]
                        + ", label " + labels[i]);
            }
        }
    }

    /**
     * The model's predictions on a set.
     *
     * @param model the model to run
     * @param images the images to classify, of the model's image size
     * @return the predictions with the true labels
     */
    public static Predictions of(VitModel model, ImageSet images) {
        return new Predictions(model.predict(images), images.labels(), model.config().classes());
    }

    /**
     * Correctly classified images.
     *
     * @return how many predictions equal the true label
     */
    public int correct() {
        int n = 0;
        for (int i = 0; i < labels.length; i++) {
            n += predicted[i] == labels[i] ? 1 : 0;
        }
        return n;
    }

    /**
     * Images.
     *
     * @return the number of images classified
     */
    public int total() {
        return labels.length;
    }

    /**
     * {@code [true class][predicted class]} counts.
     *
     * @return a new matrix of {@code classes x classes} counts
     */
    public int[][] confusion() {
        int[][] m = new int[classes][classes];
        for (int i = 0; i < labels.length; i++) {
            m[labels[i]][predicted[i]]++;
        }
        return m;
    }

    /**
     * Indices of the misclassified images, in set order.
     *
     * @return the indices of the images whose prediction differs from the label
     */
    public List<Integer> misclassified() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] != labels[i]) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * The line {@code NAME test: P/N correct}.
     *
     * @param name the set's name, e.g. {@code digits}
     * @return the summary line, {@code <name> test: <correct>/<total> correct}
     */
    public String summaryLine(String name) {
        return name + " test: " + correct() + "/" + total() + " correct";
    }
}
