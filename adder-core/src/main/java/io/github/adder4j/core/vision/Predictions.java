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

    /** The model's predictions on a set. */
    public static Predictions of(VitModel model, ImageSet images) {
        return new Predictions(model.predict(images), images.labels(), model.config().classes());
    }

    /** Correctly classified images. */
    public int correct() {
        int n = 0;
        for (int i = 0; i < labels.length; i++) {
            n += predicted[i] == labels[i] ? 1 : 0;
        }
        return n;
    }

    /** Images. */
    public int total() {
        return labels.length;
    }

    /** {@code [true class][predicted class]} counts. */
    public int[][] confusion() {
        int[][] m = new int[classes][classes];
        for (int i = 0; i < labels.length; i++) {
            m[labels[i]][predicted[i]]++;
        }
        return m;
    }

    /** Indices of the misclassified images, in set order. */
    public List<Integer> misclassified() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] != labels[i]) {
                out.add(i);
            }
        }
        return out;
    }

    /** The line {@code NAME test: P/N correct}. */
    public String summaryLine(String name) {
        return name + " test: " + correct() + "/" + total() + " correct";
    }
}
