package io.github.adder4j.examples.cli;

/** Checks the {@code --width} and {@code --height} of the PNG commands. */
final class ImageSize {

    /** Smallest accepted width or height in pixels. */
    static final int MIN = 200;
    /** Largest accepted width or height in pixels. */
    static final int MAX = 8000;

    private ImageSize() { }

    /**
     * The size given, else {@code fallback}.
     *
     * @param option the option's name, for the message
     * @throws IllegalArgumentException when the size given is outside [{@value #MIN}, {@value #MAX}]
     */
    static int pixels(String option, Integer value, int fallback) {
        if (value == null) {
            return fallback;
        }
        if (value < MIN || value > MAX) {
            throw new IllegalArgumentException(option + " must be in [" + MIN + ", " + MAX + "]: " + value);
        }
        return value;
    }
}
