package io.github.adder4j.examples.cli;

import io.github.adder4j.core.vision.ImageSet;
import io.github.adder4j.core.vision.Predictions;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Pictures of a digit classifier: the confusion matrix, a grid of misclassified digits with their true and predicted
 * labels, and each head's attention from the CLS token to the patches drawn over a digit.
 */
final class MnistPictures {
    private static final int CELL = 56;
    private static final int DIGIT_SCALE = 4;

    private MnistPictures() {
    }

    /** A {@code classes x classes} table of counts, rows the true class, columns the predicted one, shaded by count. */
    static BufferedImage confusion(Predictions p, String title) {
        int n = p.classes();
        int[][] m = p.confusion();
        int left = 60;
        int top = 70;
        BufferedImage image = ChartImages.blank(left + n * CELL + 20, top + n * CELL + 40);
        Graphics2D g = graphics(image);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, 10, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString("rows: true digit, columns: predicted digit", 10, 42);
        int max = 1;
        for (int[] row : m) {
            for (int v : row) {
                max = Math.max(max, v);
            }
        }
        for (int t = 0; t < n; t++) {
            g.setColor(Color.BLACK);
            g.drawString(Integer.toString(t), left - 20, top + t * CELL + CELL / 2 + 5);
            g.drawString(Integer.toString(t), left + t * CELL + CELL / 2 - 4, top - 6);
            for (int q = 0; q < n; q++) {
                int v = m[t][q];
                float shade = v == 0 ? 0 : 0.15f + 0.85f * (float) Math.log1p(v) / (float) Math.log1p(max);
                g.setColor(t == q ? blend(new Color(0x2C, 0x7B, 0xB6), shade) : blend(new Color(0xD7, 0x19, 0x1C), shade));
                g.fillRect(left + q * CELL, top + t * CELL, CELL, CELL);
                g.setColor(Color.GRAY);
                g.drawRect(left + q * CELL, top + t * CELL, CELL, CELL);
                if (v > 0) {
                    g.setColor(shade > 0.6f ? Color.WHITE : Color.BLACK);
                    String text = Integer.toString(v);
                    g.drawString(text, left + q * CELL + (CELL - g.getFontMetrics().stringWidth(text)) / 2, top + t * CELL + CELL / 2 + 5);
                }
            }
        }
        g.dispose();
        return image;
    }

    /** Misclassified digits (at most {@code limit}), each labelled {@code true -> predicted}. */
    static BufferedImage misclassified(ImageSet images, Predictions p, int limit, int columns, String title) {
        List<Integer> wrong = p.misclassified();
        int count = Math.min(limit, wrong.size());
        int side = images.rows() * DIGIT_SCALE;
        int cellW = side + 12;
        int cellH = side + 26;
        int rows = Math.max(1, (count + columns - 1) / columns);
        BufferedImage image = ChartImages.blank(columns * cellW + 12, 40 + rows * cellH);
        Graphics2D g = graphics(image);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title + " (" + count + " of " + wrong.size() + " shown)", 8, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        for (int k = 0; k < count; k++) {
            int index = wrong.get(k);
            int x = 8 + (k % columns) * cellW;
            int y = 36 + (k / columns) * cellH;
            drawDigit(g, images.image(index), images.rows(), x, y);
            g.setColor(Color.BLACK);
            g.drawString(p.labels()[index] + " \u2192 " + p.predicted()[index], x + 2, y + side + 16);
        }
        g.dispose();
        return image;
    }

    /**
     * One panel per head: the digit, with the head's CLS -> patch weights (row 0 of its map, patches in row-major grid
     * order) as a translucent red overlay, opaque at the largest weight of that head.
     */
    static BufferedImage attention(float[] image, int side, float[][][][] maps, int patchSize, String title) {
        int heads = maps[0].length;
        int layers = maps.length;
        int size = side * DIGIT_SCALE * 2;
        int cellW = size + 16;
        BufferedImage out = ChartImages.blank(Math.max(cellW * heads + 16, 760), 40 + layers * (size + 30));
        Graphics2D g = graphics(out);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, 8, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        int grid = side / patchSize;
        int scale = DIGIT_SCALE * 2;
        for (int layer = 0; layer < layers; layer++) {
            for (int h = 0; h < heads; h++) {
                int x0 = 8 + h * cellW;
                int y0 = 36 + layer * (size + 30);
                for (int y = 0; y < side; y++) {
                    for (int x = 0; x < side; x++) {
                        int v = 255 - Math.round(image[y * side + x] * 255);
                        g.setColor(new Color(v, v, v));
                        g.fillRect(x0 + x * scale, y0 + y * scale, scale, scale);
                    }
                }
                float[] cls = maps[layer][h][0];
                float max = 1e-9f;
                for (int i = 1; i < cls.length; i++) {
                    max = Math.max(max, cls[i]);
                }
                int patch = patchSize * scale;
                for (int i = 0; i < grid * grid; i++) {
                    int px = x0 + (i % grid) * patch;
                    int py = y0 + (i / grid) * patch;
                    int alpha = Math.round(200 * cls[i + 1] / max);
                    g.setColor(new Color(220, 30, 30, alpha));
                    g.fillRect(px, py, patch, patch);
                    g.setColor(new Color(255, 255, 255, 160));
                    g.drawRect(px, py, patch - 1, patch - 1);                      // the patch grid
                    // the weight on a white tag in the patch's corner, readable over ink and red alike
                    String label = String.format(java.util.Locale.ROOT, "%.2f", cls[i + 1]);
                    int w = g.getFontMetrics().stringWidth(label);
                    g.setColor(new Color(255, 255, 255, 225));
                    g.fillRect(px + 1, py + 1, w + 5, 15);
                    g.setColor(Color.BLACK);
                    g.drawString(label, px + 3, py + 13);
                }
                g.setColor(Color.BLACK);
                g.drawString("layer " + layer + ", head " + h + " (CLS itself: " + String.format(java.util.Locale.ROOT, "%.2f", cls[0]) + ")",
                        x0, y0 + size + 18);
            }
        }
        g.dispose();
        return out;
    }

    private static void drawDigit(Graphics2D g, float[] pixels, int side, int x0, int y0) {
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int v = 255 - Math.round(pixels[y * side + x] * 255);
                g.setColor(new Color(v, v, v));
                g.fillRect(x0 + x * DIGIT_SCALE, y0 + y * DIGIT_SCALE, DIGIT_SCALE, DIGIT_SCALE);
            }
        }
        g.setColor(Color.LIGHT_GRAY);
        g.drawRect(x0, y0, side * DIGIT_SCALE, side * DIGIT_SCALE);
    }

    private static Color blend(Color c, float amount) {
        return new Color(Math.round(255 + (c.getRed() - 255) * amount), Math.round(255 + (c.getGreen() - 255) * amount),
                Math.round(255 + (c.getBlue() - 255) * amount));
    }

    private static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        return g;
    }
}
