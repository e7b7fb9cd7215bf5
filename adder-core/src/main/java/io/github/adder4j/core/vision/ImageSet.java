package io.github.adder4j.core.vision;

import java.util.Arrays;

/**
 * Labelled grayscale images, as an IDX pair holds them: {@code count} images of {@code rows x cols} pixel bytes (0..255,
 * row-major) and one label per image.
 *
 * @param name   where the images came from (file names), used in messages
 * @param rows   image height
 * @param cols   image width
 * @param pixels {@code count * rows * cols} bytes, image after image (read as unsigned)
 * @param labels one label per image
 */
public record ImageSet(String name, int rows, int cols, byte[] pixels, int[] labels) {

    /**
     * Validates the sizes.
     *
     * @param name where the images came from (file names), used in messages
     * @param rows image height
     * @param cols image width
     * @param pixels {@code count * rows * cols} bytes, image after image (read as unsigned)
     * @param labels one label per image
     * @throws IllegalArgumentException when the pixels are not {@code labels.length} whole images, or a label is
     *                                  negative
     */
    public ImageSet {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException(name + ": image size must be positive: " + rows + "x" + cols);
        }
        if ((long) labels.length * rows * cols != pixels.length) {
            throw new IllegalArgumentException(name + ": " + pixels.length / ((long) rows * cols) + " images of " + rows + "x" + cols
                    + " but " + labels.length + " labels");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException(name + ": label " + i + " is negative: " + labels[i]);
            }
        }
    }

    /**
     * Number of images.
     *
     * @return how many images the set holds
     */
    public int size() {
        return labels.length;
    }

    /**
     * Pixels of one image scaled to [0, 1], row-major.
     *
     * @param index the image's index, from 0 to {@code size() - 1}
     * @return a new array of {@code rows * cols} pixels in [0, 1]
     */
    public float[] image(int index) {
        int n = rows * cols;
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (pixels[index * n + i] & 0xff) / 255f;
        }
        return out;
    }

    /**
     * The images at {@code indices}, in that order, scaled to [0, 1], as one row-major block {@code (indices.length, rows, cols)}.
     *
     * @param indices image indices, each from 0 to {@code size() - 1}; may repeat
     * @return a new array of {@code indices.length * rows * cols} pixels in [0, 1]
     */
    public float[] images(int[] indices) {
        int n = rows * cols;
        float[] out = new float[indices.length * n];
        for (int k = 0; k < indices.length; k++) {
            int base = indices[k] * n;
            for (int i = 0; i < n; i++) {
                out[k * n + i] = (pixels[base + i] & 0xff) / 255f;
            }
        }
        return out;
    }

    /**
     * The images at {@code indices}, in that order, as a new set.
     *
     * @param indices image indices, each from 0 to {@code size() - 1}; may repeat
     * @param name the new set's name (for messages)
     * @return a new set of {@code indices.length} images
     * @throws IllegalArgumentException when an index is outside the set
     */
    public ImageSet select(int[] indices, String name) {
        int n = rows * cols;
        byte[] out = new byte[indices.length * n];
        int[] outLabels = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            if (indices[k] < 0 || indices[k] >= size()) {
                throw new IllegalArgumentException(this.name + ": index " + indices[k] + " is outside the " + size() + " images");
            }
            System.arraycopy(pixels, indices[k] * n, out, k * n, n);
            outLabels[k] = labels[indices[k]];
        }
        return new ImageSet(name, rows, cols, out, outLabels);
    }

    /**
     * A fixed, stratified split: within each label, in file order, every {@code every}-th image (the {@code every}-th,
     * {@code 2 every}-th, ... of that label) goes to the held-out part, the others stay.
     *
     * @param every the period, at least 2
     * @return the held-out part ({@code heldOut}) and the rest ({@code rest}), each in file order
     * @throws IllegalArgumentException when {@code every < 2}
     */
    public Split everyNthOfEachLabel(int every) {
        if (every < 2) {
            throw new IllegalArgumentException("every must be at least 2: " + every);
        }
        int[] seen = new int[classCounts().length];
        int[] held = new int[size()];
        int[] rest = new int[size()];
        int h = 0;
        int r = 0;
        for (int i = 0; i < size(); i++) {
            if (++seen[labels[i]] % every == 0) {
                held[h++] = i;
            } else {
                rest[r++] = i;
            }
        }
        return new Split(select(Arrays.copyOf(rest, r), name + " without every " + every + "th of each label"),
                select(Arrays.copyOf(held, h), name + " every " + every + "th of each label"));
    }

    /**
     * The two parts of {@link #everyNthOfEachLabel}.
     *
     * @param rest the images that were not held out
     * @param heldOut the held-out images
     */
    public record Split(ImageSet rest, ImageSet heldOut) {
    }

    /**
     * How many images each label has, indexed by label.
     *
     * @return a new array: entry k is the number of images labelled k
     */
    public int[] classCounts() {
        int max = Arrays.stream(labels).max().orElse(-1);
        int[] counts = new int[max + 1];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }
}
