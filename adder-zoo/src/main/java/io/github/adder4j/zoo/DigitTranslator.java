package io.github.adder4j.zoo;

import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The DJL translator of the image entries: one grayscale digit in, the ten classes {@code "0"} to {@code "9"} with their
 * softmax probabilities out ({@link Classifications#best()} is the prediction). Two inputs:
 * <ul>
 *   <li>{@code float[]}: {@code side * side} pixels in [0, 1], row-major, white digit on black (as MNIST stores them);</li>
 *   <li>{@link Image}: a {@code side x side} image, read as grayscale and scaled from 0..255 to [0, 1].</li>
 * </ul>
 * The block reads {@code (B, side, side)} and returns logits {@code (B, 10)}.
 *
 * @param <I> {@code float[]} or {@link Image}
 */
public final class DigitTranslator<I> implements Translator<I, Classifications> {
    private final int side;
    private final Class<I> input;

    private DigitTranslator(int side, Class<I> input) {
        this.side = side;
        this.input = input;
    }

    /**
     * For {@code float[]} inputs of {@code side * side} pixels.
     *
     * @param side the image's width and height (28 for MNIST)
     * @return the translator
     */
    public static DigitTranslator<float[]> ofPixels(int side) {
        return new DigitTranslator<>(side, float[].class);
    }

    /**
     * For {@link Image} inputs of {@code side x side}.
     *
     * @param side the image's width and height (28 for MNIST)
     * @return the translator
     */
    public static DigitTranslator<Image> ofImages(int side) {
        return new DigitTranslator<>(side, Image.class);
    }

    /**
     * The input as a {@code (side, side)} float array in [0, 1].
     *
     * @throws IllegalArgumentException when the pixels or the image are not {@code side x side}, or a pixel is outside [0, 1]
     */
    @Override
    public NDList processInput(TranslatorContext ctx, I in) {
        if (in instanceof float[] pixels) {
            if (pixels.length != side * side) {
                throw new IllegalArgumentException("a digit must have " + side + "x" + side + " = " + side * side + " pixels: "
                        + pixels.length);
            }
            for (int i = 0; i < pixels.length; i++) {
                if (!(pixels[i] >= 0 && pixels[i] <= 1)) {
                    throw new IllegalArgumentException("pixel " + i + " must be in [0, 1]: " + pixels[i]);
                }
            }
            return new NDList(ctx.getNDManager().create(pixels, new Shape(side, side)));
        }
        Image image = (Image) in;
        if (image.getWidth() != side || image.getHeight() != side) {
            throw new IllegalArgumentException("a digit image must be " + side + "x" + side + ": " + image.getWidth() + "x" + image.getHeight());
        }
        // (side, side, 1) bytes 0..255 -> (side, side) floats in [0, 1]
        NDArray gray = image.toNDArray(ctx.getNDManager(), Image.Flag.GRAYSCALE).toType(DataType.FLOAT32, false).div(255f);
        return new NDList(gray.reshape(side, side));
    }

    /** The softmax over the ten logits, as classes {@code "0"} to {@code "9"}. */
    @Override
    public Classifications processOutput(TranslatorContext ctx, NDList list) {
        NDArray probabilities = list.singletonOrThrow().softmax(-1);
        List<String> names = new ArrayList<>();
        for (int c = 0; c < probabilities.getShape().get(0); c++) {
            names.add(Integer.toString(c));
        }
        return new Classifications(names, probabilities);
    }

    /** {@code float[]} or {@link Image}. */
    Class<I> inputClass() {
        return input;
    }
}
