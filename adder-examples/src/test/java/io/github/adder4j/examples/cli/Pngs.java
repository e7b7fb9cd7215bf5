package io.github.adder4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/** Reading back the PNGs the commands write, and measuring what is in them. */
final class Pngs {
    private Pngs() { }

    /** Decodes a PNG and checks its size. */
    static BufferedImage read(Path file, int width, int height) throws IOException {
        assertTrue(Files.isRegularFile(file), file + " was not written");
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, file + " does not decode as an image");
        assertEquals(width, image.getWidth(), "width");
        assertEquals(height, image.getHeight(), "height");
        return image;
    }

    /**
     * Checks that the image is not blank: at least {@code minColours} distinct colours, and no single colour (the
     * background) covers more than 98% of it.
     */
    static void assertNotBlank(BufferedImage image, int minColours) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                counts.merge(image.getRGB(x, y) & 0xFFFFFF, 1, Integer::sum);
            }
        }
        assertTrue(counts.size() >= minColours, "only " + counts.size() + " distinct colours");
        int top = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        long pixels = (long) image.getWidth() * image.getHeight();
        assertTrue(top < 0.98 * pixels, "one colour covers " + top + " of " + pixels + " pixels");
    }

    /** Pixels within 12 of {@code colour} in every channel. */
    static int pixelsNear(BufferedImage image, Color colour) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (Math.abs(((rgb >> 16) & 0xFF) - colour.getRed()) <= 12
                        && Math.abs(((rgb >> 8) & 0xFF) - colour.getGreen()) <= 12
                        && Math.abs((rgb & 0xFF) - colour.getBlue()) <= 12) {
                    n++;
                }
            }
        }
        return n;
    }
}
