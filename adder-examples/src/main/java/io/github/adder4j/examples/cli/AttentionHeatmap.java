package io.github.adder4j.examples.cli;

import io.github.adder4j.core.format.TokenFormat;
import io.github.adder4j.core.format.TokenFormat.PositionRole;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;

/**
 * Attention maps as heatmaps: one cell per (query, key) position pair, the query positions top to bottom and the key
 * positions left to right, both labelled by token role ({@link #label}). Weights run from white (0) to dark blue (1);
 * the causal mask leaves the upper right triangle white.
 */
final class AttentionHeatmap {

    /** The colour scale, from weight 0 to weight 1. */
    static final Color[] SCALE = {Color.WHITE, new Color(0xC6, 0xDB, 0xEF), new Color(0x6B, 0xAE, 0xD6),
        new Color(0x21, 0x71, 0xB5), new Color(0x08, 0x30, 0x6B)};

    private AttentionHeatmap() { }

    /** One map to draw: {@code weights[t][j]} of a layer and head. */
    record Panel(int layer, int head, float[][] weights) {
        /** Validates the indices and that the map is square. */
        Panel {
            if (layer < 0 || head < 0) {
                throw new IllegalArgumentException("layer and head must be >= 0: " + layer + ", " + head);
            }
            for (float[] row : weights) {
                if (row.length != weights.length) {
                    throw new IllegalArgumentException("weights must be square: " + weights.length + " rows, a row of " + row.length);
                }
            }
        }
    }

    /**
     * The axis label of a sequence position: {@code X_i} / {@code Y_i} for the digits of the two operands and
     * {@code Z_i} for the digits of the sum (i is the power of ten, the carry-out digit is {@code Z_10}), and
     * {@code +}, {@code =}, {@code EOS}, {@code BOS}, {@code PAD} for the other positions.
     */
    static String label(PositionRole role) {
        return switch (role.kind()) {
            case OPERAND_A -> "X_" + role.slot();
            case OPERAND_B -> "Y_" + role.slot();
            case SUM, SUM_CARRY -> "Z_" + role.slot();
            case PLUS -> "+";
            case EQUALS -> "=";
            case EOS -> "EOS";
            case PAD -> "PAD";
            case BOS -> "BOS";
        };
    }

    /** The labels of positions {@code 0 .. length-1} of a format's full row. */
    static List<String> labels(TokenFormat format, int length) {
        List<String> labels = new ArrayList<>(length);
        for (int t = 0; t < length; t++) {
            labels.add(label(format.role(t)));
        }
        return labels;
    }

    /**
     * Draws the panels in a grid of {@code columns} columns into a {@code width x height} image.
     *
     * @param title  the first title line of every panel (the panel adds its layer and head)
     * @param labels one label per position
     */
    static BufferedImage draw(List<Panel> panels, List<String> labels, String title, int columns, int width, int height) {
        int rows = (panels.size() + columns - 1) / columns;
        List<HeatMapChart> charts = new ArrayList<>();
        for (Panel p : panels) {
            charts.add(chart(p, labels, title + "  |  layer " + p.layer() + ", head " + p.head()));
        }
        return ChartImages.grid(charts, columns, width / columns, height / rows);
    }

    private static HeatMapChart chart(Panel panel, List<String> labels, String title) {
        int n = panel.weights().length;
        if (labels.size() != n) {
            throw new IllegalArgumentException("labels must have one entry per position (" + n + "): " + labels.size());
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(800).height(700).title(title)
                .xAxisTitle("key position (attended to)").yAxisTitle("query position (attending)").build();
        // y runs bottom-up in XChart: list the queries in reverse so that position 0 is the top row, as in a matrix
        List<String> yLabels = new ArrayList<>(labels);
        Collections.reverse(yLabels);
        List<Number[]> cells = new ArrayList<>(n * n);
        for (int t = 0; t < n; t++) {
            for (int j = 0; j < n; j++) {
                cells.add(new Number[] {j, n - 1 - t, panel.weights()[t][j]});
            }
        }
        chart.addSeries("attention weight", labels, yLabels, cells);
        HeatMapStyler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(0x99, 0x99, 0x99));
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setAxisTickLabelsFont(new Font(Font.MONOSPACED, Font.PLAIN, 11));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendBorderColor(Color.WHITE);
        s.setXAxisLabelRotation(90);
        s.setRangeColors(SCALE);
        s.setMin(0);
        s.setMax(1);
        s.setShowValue(false);
        s.setDrawBorder(false);
        s.setPlotContentSize(1.0);
        s.setChartPadding(8);
        return chart;
    }
}
