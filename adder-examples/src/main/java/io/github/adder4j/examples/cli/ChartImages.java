package io.github.adder4j.examples.cli;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * Painting XChart charts into one PNG, without a display: stacked panels whose plot areas line up, a grid of panels,
 * and the PNG writer shared by {@code plot} and {@code attention}.
 */
final class ChartImages {

    /** The plot background used to find a plot area on a trial painting; no chart draws this colour. */
    private static final Color PROBE = new Color(0x01, 0xFE, 0x02);

    private ChartImages() { }

    /** Switches AWT to headless mode (no display needed) unless it has been started already. */
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /** A white RGB image. */
    static BufferedImage blank(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    /**
     * Paints charts on top of each other, each {@code heights[i]} pixels high and {@code width} wide, shifting and
     * narrowing them so that their plot areas share one left and one right edge: x positions then mean the same
     * step in every panel, whatever the widths of their tick labels and whether they have a right-hand axis.
     */
    static BufferedImage stack(List<? extends Chart<?, ?>> charts, int[] heights, int width) {
        int n = charts.size();
        int[] left = new int[n];
        int[] right = new int[n];
        int commonLeft = 0;
        int commonRight = width;
        for (int i = 0; i < n; i++) {
            int[] box = plotArea(charts.get(i), width, heights[i]);
            left[i] = box[0];
            right[i] = box[1];
            commonLeft = Math.max(commonLeft, left[i]);
            commonRight = Math.min(commonRight, right[i]);
        }
        int total = 0;
        for (int h : heights) {
            total += h;
        }
        BufferedImage image = blank(width, total);
        Graphics2D g = image.createGraphics();
        int y = 0;
        for (int i = 0; i < n; i++) {
            int shift = commonLeft - left[i];
            int rightMargin = width - right[i];
            int panelWidth = commonRight - shift + rightMargin;
            paint(g, charts.get(i), shift, y, panelWidth, heights[i]);
            y += heights[i];
        }
        g.dispose();
        return image;
    }

    /** Paints charts in a grid of {@code columns} columns, every cell {@code cellWidth x cellHeight}. */
    static BufferedImage grid(List<? extends Chart<?, ?>> charts, int columns, int cellWidth, int cellHeight) {
        int rows = (charts.size() + columns - 1) / columns;
        BufferedImage image = blank(columns * cellWidth, rows * cellHeight);
        Graphics2D g = image.createGraphics();
        for (int i = 0; i < charts.size(); i++) {
            paint(g, charts.get(i), (i % columns) * cellWidth, (i / columns) * cellHeight, cellWidth, cellHeight);
        }
        g.dispose();
        return image;
    }

    /**
     * Writes a PNG, creating missing parent directories.
     *
     * @throws IllegalArgumentException naming {@code option} when the file cannot be written
     */
    static void writePng(BufferedImage image, Path file, String option) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IllegalStateException("no PNG writer in this Java runtime");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + file + ": cannot write: " + e.getMessage(), e);
        }
    }

    private static void paint(Graphics2D target, Chart<?, ?> chart, int x, int y, int width, int height) {
        Graphics2D g = (Graphics2D) target.create(x, y, width, height);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        chart.paint(g, width, height);
        g.dispose();
    }

    /**
     * The first and one-past-last x of the chart's plot area at this size, found on a trial painting with a probe
     * background colour (rows through the middle of the plot, where only grid lines and series interrupt it).
     */
    private static int[] plotArea(Chart<?, ?> chart, int width, int height) {
        Styler styler = chart.getStyler();
        Color background = styler.getPlotBackgroundColor();
        styler.setPlotBackgroundColor(PROBE);
        BufferedImage trial = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = trial.createGraphics();
        paint(g, chart, 0, 0, width, height);
        g.dispose();
        styler.setPlotBackgroundColor(background);
        int first = width;
        int last = -1;
        int probe = PROBE.getRGB() & 0xFFFFFF;
        for (int row = height / 4; row < height * 3 / 4; row += Math.max(1, height / 40)) {
            for (int x = 0; x < width; x++) {
                if ((trial.getRGB(x, row) & 0xFFFFFF) == probe) {
                    first = Math.min(first, x);
                    last = Math.max(last, x);
                }
            }
        }
        if (last < 0) {
            return new int[] {0, width};
        }
        return new int[] {first, last + 1};
    }
}
