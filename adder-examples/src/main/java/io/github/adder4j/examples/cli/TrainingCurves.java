package io.github.adder4j.examples.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The training curves of a run as one image of stacked panels over a shared step axis: the training loss (log axis),
 * the validation metrics (exact match, token accuracy, train exact when logged), and the learning rate and weight decay
 * (weight decay on the right-hand axis). The grokking step is a dashed vertical line in every panel, labelled
 * {@code grok @ step N}; the best evaluation a dotted one (even when its exact match is 0); the steps where the digit
 * curriculum widens, where the run was resumed and where it stopped are finer dotted lines ({@link #verticals}).
 */
final class TrainingCurves {

    /** Training loss. */
    static final Color LOSS = new Color(0x1F, 0x77, 0xB4);
    /** Validation exact match. */
    static final Color VAL_EXACT = new Color(0xD6, 0x27, 0x28);
    /** Validation token accuracy. */
    static final Color TOKEN_ACCURACY = new Color(0xFF, 0x7F, 0x0E);
    /** Exact match on training pairs. */
    static final Color TRAIN_EXACT = new Color(0x2C, 0xA0, 0x2C);
    /** Learning rate. */
    static final Color LR = new Color(0x1F, 0x77, 0xB4);
    /** Weight decay. */
    static final Color WD = new Color(0x94, 0x67, 0xBD);
    /** The grokking marker. */
    static final Color GROK = new Color(0xE0, 0x1A, 0x9A);
    /** The best-step marker. */
    static final Color BEST = new Color(0x17, 0xA5, 0xB8);
    /** The resume marker. */
    static final Color RESUMED = new Color(0x7F, 0x7F, 0x7F);
    /** The stop marker. */
    static final Color STOPPED = new Color(0x00, 0x00, 0x00);
    /** The curriculum-change marker. */
    static final Color CURRICULUM = new Color(0xBC, 0xBD, 0x22);

    private static final BasicStroke GROK_STROKE = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {7f, 4f}, 0f);
    private static final BasicStroke BEST_STROKE = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {3f, 2f}, 0f);
    private static final BasicStroke MARK_STROKE = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {1f, 3f}, 0f);
    /** Relative panel heights: loss, metrics, schedule. */
    private static final double[] WEIGHTS = {0.38, 0.36, 0.26};

    private TrainingCurves() { }

    /** Draws the panels of a run into a {@code width x height} image. */
    static BufferedImage draw(RunMetrics run, String title, int width, int height) {
        List<XYChart> panels = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        double xMax = Math.max(1, run.lastStep());
        XYChart loss = lossPanel(run, title, xMax);
        if (loss != null) {
            panels.add(loss);
            weights.add(WEIGHTS[0]);
        }
        if (run.hasEvaluations()) {
            panels.add(metricsPanel(run, xMax, panels.isEmpty() ? title : null, width));
            weights.add(WEIGHTS[1]);
        }
        XYChart schedule = schedulePanel(run, xMax, panels.isEmpty() ? title : null);
        if (schedule != null) {
            panels.add(schedule);
            weights.add(WEIGHTS[2]);
        }
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("--run " + run.dir() + ": the metrics have no loss, evaluation, lr or wd values to plot");
        }
        panels.get(panels.size() - 1).setXAxisTitle("step");
        double sum = weights.stream().mapToDouble(Double::doubleValue).sum();
        int[] heights = new int[panels.size()];
        int used = 0;
        for (int i = 0; i < heights.length; i++) {
            heights[i] = i == heights.length - 1 ? height - used : (int) Math.round(height * weights.get(i) / sum);
            used += heights[i];
        }
        return ChartImages.stack(panels, heights, width);
    }

    private static XYChart lossPanel(RunMetrics run, String title, double xMax) {
        double[][] xy = series(run, RunMetrics.Point::loss, true);
        if (xy[0].length == 0) {
            return null;
        }
        XYChart chart = panel(title, "loss (log)", xMax);
        chart.getStyler().setYAxisLogarithmic(true);
        // a custom label function would make XChart place linear ticks on the log axis: keep its decade labels
        chart.getStyler().setyAxisTickLabelsFormattingFunction(null);
        line(chart, "training loss", xy, LOSS, SeriesMarkers.NONE);
        double lo = min(xy[1]);
        double hi = max(xy[1]);
        // within about a decade, label 0.2, 0.3, ... too (else there would be one label or none)
        chart.getStyler().setYAxisLogarithmicDecadeOnly(hi / lo >= 30);
        markers(chart, run, lo, hi == lo ? hi * 10 : hi, true);
        return chart;
    }

    private static XYChart metricsPanel(RunMetrics run, double xMax, String title, int width) {
        XYChart chart = panel(title, "accuracy", xMax);
        XYStyler s = chart.getStyler();
        s.setYAxisMin(0.0);
        s.setYAxisMax(1.0);
        // validation exact match last, so that it is drawn on top
        line(chart, "token accuracy", series(run, RunMetrics.Point::tokenAccuracy, false), TOKEN_ACCURACY, SeriesMarkers.DIAMOND);
        line(chart, "train exact match", series(run, RunMetrics.Point::trainExact, false), TRAIN_EXACT, SeriesMarkers.SQUARE);
        line(chart, "validation exact match", series(run, RunMetrics.Point::valExact, false), VAL_EXACT, SeriesMarkers.CIRCLE);
        markers(chart, run, 0, 1, title != null);
        if (run.grok().isPresent()) {
            long step = run.grok().getAsLong();
            boolean rightOfLine = step < 0.7 * xMax;
            String text = "grok @ step " + step;
            // the text is centred on its x: move it half its width plus a gap off the line (the plot is ~140 px narrower
            // than the image)
            double pixels = textWidth(text, s.getAnnotationTextFont()) / 2.0 + 16;
            double offset = pixels * xMax / Math.max(100, width - 140);
            chart.addAnnotation(new AnnotationText(text, rightOfLine ? step + offset : step - offset, 0.45, false));
        }
        return chart;
    }

    private static XYChart schedulePanel(RunMetrics run, double xMax, String title) {
        double[][] lr = series(run, RunMetrics.Point::lr, false);
        double[][] wd = series(run, RunMetrics.Point::wd, false);
        if (lr[0].length == 0 && wd[0].length == 0) {
            return null;
        }
        XYChart chart = panel(title, lr[0].length > 0 ? "learning rate" : "weight decay", xMax);
        XYStyler s = chart.getStyler();
        s.setYAxisMin(0, 0.0);
        if (lr[0].length > 0) {
            line(chart, "learning rate", lr, LR, SeriesMarkers.NONE);
            s.setYAxisMax(0, headroom(max(lr[1])));
            markers(chart, run, 0, Math.max(max(lr[1]), Double.MIN_NORMAL), title != null);
        }
        if (wd[0].length > 0) {
            XYSeries w = line(chart, "weight decay (right axis)", wd, WD, SeriesMarkers.NONE);
            if (lr[0].length > 0) {
                w.setYAxisGroup(1);
                s.setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
                s.setYAxisMin(1, 0.0);
                chart.setYAxisGroupTitle(1, "weight decay");
            } else {
                w.setLabel("weight decay");
                markers(chart, run, 0, Math.max(max(wd[1]), Double.MIN_NORMAL), title != null);
            }
            // a constant weight decay (the usual case) sits mid-panel rather than on top of the learning-rate plateau
            double top = min(wd[1]) == max(wd[1]) ? 2 * max(wd[1]) : headroom(max(wd[1]));
            s.setYAxisMax(lr[0].length > 0 ? 1 : 0, top > 0 ? top : 1.0);
        }
        return chart;
    }

    /** A panel with the common style: white, light grid, legend below, x from 0 to the last step. */
    private static XYChart panel(String title, String yTitle, double xMax) {
        XYChart chart = new XYChartBuilder().width(800).height(300).title(title == null ? "" : title).yAxisTitle(yTitle).build();
        XYStyler s = chart.getStyler();
        s.setChartTitleVisible(title != null);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(0x99, 0x99, 0x99));
        s.setPlotGridLinesColor(new Color(0xE4, 0xE4, 0xE4));
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendBorderColor(Color.WHITE);
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setChartTitleBoxVisible(false);
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        s.setAnnotationTextFontColor(GROK);
        s.setMarkerSize(5);
        s.setXAxisMin(0.0);
        s.setXAxisMax(xMax);
        s.setxAxisTickLabelsFormattingFunction(TrainingCurves::stepLabel);
        s.setyAxisTickLabelsFormattingFunction(TrainingCurves::compact);
        s.setChartPadding(8);
        return chart;
    }

    private static XYSeries line(XYChart chart, String name, double[][] xy, Color color, Marker marker) {
        if (xy[0].length == 0) {
            return null;
        }
        XYSeries s = chart.addSeries(name, xy[0], xy[1]);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setLineWidth(1.6f);
        s.setMarker(xy[0].length > 60 ? SeriesMarkers.NONE : marker);
        return s;
    }

    /**
     * Vertical grok and best lines from lo to hi; named in the legend only where {@code legend} is true (the top panel,
     * whose legend has room for them).
     */
    private static void markers(XYChart chart, RunMetrics run, double lo, double hi, boolean legend) {
        for (Vertical v : verticals(run)) {
            vertical(chart, v.name(), v.step(), lo, hi, v.color(), v.stroke(), legend);
        }
    }

    /**
     * A vertical line of every panel.
     *
     * @param name   its legend text
     * @param step   where it stands
     * @param color  its colour
     * @param stroke its dash pattern
     */
    record Vertical(String name, long step, Color color, BasicStroke stroke) { }

    /**
     * The vertical lines of a run: grokking, the best evaluation (also when its exact match is 0), and the marks
     * (curriculum changes, resumes, stops), one line per name.
     */
    static List<Vertical> verticals(RunMetrics run) {
        List<Vertical> out = new ArrayList<>();
        run.grok().ifPresent(step -> out.add(new Vertical("grok @ step " + step, step, GROK, GROK_STROKE)));
        run.best().ifPresent(best -> out.add(new Vertical(String.format(Locale.ROOT, "best @ step %d (exact %.4f)",
                best.step(), best.valExact()), best.step(), BEST, BEST_STROKE)));
        for (RunMetrics.Mark m : run.marks()) {
            Color color = switch (m.kind()) {
                case RESUMED -> RESUMED;
                case STOPPED -> STOPPED;
                case CURRICULUM -> CURRICULUM;
            };
            if (out.stream().noneMatch(v -> v.name().equals(m.label()))) {
                out.add(new Vertical(m.label(), m.step(), color, MARK_STROKE));
            }
        }
        return out;
    }

    private static void vertical(XYChart chart, String name, double x, double lo, double hi, Color color, BasicStroke stroke,
                                 boolean legend) {
        XYSeries s = chart.addSeries(name, new double[] {x, x}, new double[] {lo, hi});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(stroke);
        s.setShowInLegend(legend);
    }

    /** Steps and values where the value is finite (and positive when {@code positive}). */
    private static double[][] series(RunMetrics run, ToDoubleFunction<RunMetrics.Point> value, boolean positive) {
        List<double[]> kept = new ArrayList<>();
        for (RunMetrics.Point p : run.points()) {
            double v = value.applyAsDouble(p);
            if (Double.isFinite(v) && (!positive || v > 0)) {
                kept.add(new double[] {p.step(), v});
            }
        }
        double[][] xy = new double[2][kept.size()];
        for (int i = 0; i < kept.size(); i++) {
            xy[0][i] = kept.get(i)[0];
            xy[1][i] = kept.get(i)[1];
        }
        return xy;
    }

    /** An axis maximum 10% above the largest value, so that a flat curve does not hide in the plot border (1 for 0). */
    private static double headroom(double max) {
        return max > 0 ? 1.1 * max : 1.0;
    }

    private static int textWidth(String text, Font font) {
        java.awt.Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            return g.getFontMetrics(font).stringWidth(text);
        } finally {
            g.dispose();
        }
    }

    private static double min(double[] values) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : values) {
            m = Math.min(m, v);
        }
        return m;
    }

    private static double max(double[] values) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** Step tick labels: 44000 as {@code 44k}, 2500 as {@code 2.5k}, small steps as they are. */
    static String stepLabel(double step) {
        if (Math.abs(step) >= 1000) {
            return compact(step / 1000) + "k";
        }
        return compact(step);
    }

    /** A number in at most three significant digits, plain in [1e-4, 1e5), scientific outside. */
    static String compact(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v == 0 ? "0" : Double.toString(v);
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros();
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e5) {
            return d.toPlainString();
        }
        return d.toString().replace("E", "e").replace("e+", "e");
    }
}
