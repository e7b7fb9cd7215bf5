package io.github.adder4j.examples.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * A one-line progress indicator for long runs, fed with the number of items done (an {@link IntConsumer}, as
 * {@code SuiteRunner} and {@code GreedyDecoder} report progress).
 *
 * <p>On a console ({@link Style#CONSOLE}) it redraws one line in place with {@code \r}:
 * {@code AdderBoard [#########---------]  50% 5005/10010 1.2 s}. Otherwise ({@link Style#LINES}, e.g. output captured
 * to a log) it prints a plain line at most once per interval: {@code [AdderBoard] 5005/10010 (50%) 1.2 s}. Either way
 * {@link #finish()} prints the final state once and ends the line. A {@link #detail(String) detail} text, when set, follows
 * the time on the same line (e.g. {@code ETA 3:12 loss 0.0412 val 0.9120} for training). Not thread-safe: feed it from
 * one thread.
 */
public final class ProgressBar implements IntConsumer {

    /** How the progress is drawn. */
    public enum Style {
        /** One line redrawn in place with carriage returns. */
        CONSOLE,
        /** Separate lines, at most one per interval. */
        LINES
    }

    /** The default interval between lines in {@link Style#LINES}. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

    /** Cells of the bar. */
    static final int WIDTH = 30;

    /** Shortest time between two redraws on a console, unless the percentage changed. */
    private static final long CONSOLE_REFRESH_NANOS = 100_000_000L;

    private final String label;
    private final int total;
    private final PrintWriter out;
    private final Style style;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final long start;
    private long lastDrawn;
    private int lastPercent = -1;
    private int lastLength;
    private int lastPrintedDone = -1;
    private int done;
    private boolean finished;
    private String detail = "";

    /**
     * A progress bar.
     *
     * @param label     what is counted, e.g. the suite name
     * @param total     the number of items, at least 1
     * @param out       where to draw (standard error in the CLI)
     * @param style     console redraws or plain lines
     * @param interval  the least time between two lines in {@link Style#LINES}, positive
     * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime})
     * @throws IllegalArgumentException if total is not positive, the label is blank or the interval not positive
     */
    public ProgressBar(String label, int total, PrintWriter out, Style style, Duration interval, LongSupplier nanoClock) {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("label must not be blank: " + label);
        }
        if (total < 1) {
            throw new IllegalArgumentException("total must be positive: " + total);
        }
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        this.label = label;
        this.total = total;
        this.out = Objects.requireNonNull(out, "out");
        this.style = Objects.requireNonNull(style, "style");
        this.intervalNanos = interval.toNanos();
        this.clock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.start = clock.getAsLong();
        this.lastDrawn = start;
    }

    /** A progress bar on {@code out} in the style that suits this JVM ({@link #detectStyle()}), real time. */
    public static ProgressBar create(String label, int total, PrintWriter out) {
        return new ProgressBar(label, total, out, detectStyle(), DEFAULT_INTERVAL, System::nanoTime);
    }

    /**
     * {@link Style#CONSOLE} when the JVM has an interactive console, else {@link Style#LINES}. (Java cannot ask whether
     * standard error alone is a terminal; a JVM whose input and output are both terminals is taken as interactive.)
     */
    public static Style detectStyle() {
        return System.console() != null ? Style.CONSOLE : Style.LINES;
    }

    /**
     * Reports that {@code itemsDone} items are done.
     *
     * @throws IllegalArgumentException if the count is outside [0, total]
     * @throws IllegalStateException    if the bar is finished
     */
    @Override
    public void accept(int itemsDone) {
        if (itemsDone < 0 || itemsDone > total) {
            throw new IllegalArgumentException("itemsDone must be in [0, " + total + "]: " + itemsDone);
        }
        if (finished) {
            throw new IllegalStateException("progress bar " + label + " is finished");
        }
        done = itemsDone;
        long now = clock.getAsLong();
        int percent = percent();
        if (style == Style.CONSOLE) {
            if (percent != lastPercent || now - lastDrawn >= CONSOLE_REFRESH_NANOS) {
                drawInPlace(now);
            }
        } else if (now - lastDrawn >= intervalNanos) {
            printLine(now);
        }
    }

    /**
     * Draws the final state (whatever was reached) and ends the line, unless {@link Style#LINES} already printed that
     * state; later calls do nothing.
     */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        long now = clock.getAsLong();
        if (style == Style.CONSOLE) {
            drawInPlace(now);
            out.println();
            out.flush();
        } else if (lastPrintedDone != done) {
            printLine(now);
        }
    }

    /**
     * Sets the text shown after the time from the next draw on (empty: none).
     *
     * @param text the detail, not null, without line breaks
     * @throws IllegalArgumentException if the text contains a line break
     */
    public void detail(String text) {
        Objects.requireNonNull(text, "text");
        if (text.contains("\n") || text.contains("\r")) {
            throw new IllegalArgumentException("detail must be one line: " + text.strip());
        }
        detail = text;
    }

    /** Items reported done so far. */
    public int done() {
        return done;
    }

    private int percent() {
        return (int) (100L * done / total);
    }

    private void drawInPlace(long now) {
        int cells = (int) ((long) WIDTH * done / total);
        String line = String.format(Locale.ROOT, "%s [%s%s] %3d%% %d/%d %s", label, "#".repeat(cells),
                "-".repeat(WIDTH - cells), percent(), done, total, seconds(now)) + suffix();
        String pad = line.length() < lastLength ? " ".repeat(lastLength - line.length()) : "";
        out.print("\r" + line + pad);
        out.flush();
        lastLength = line.length();
        lastPercent = percent();
        lastDrawn = now;
    }

    private void printLine(long now) {
        out.println(String.format(Locale.ROOT, "[%s] %d/%d (%d%%) %s", label, done, total, percent(), seconds(now)) + suffix());
        out.flush();
        lastPrintedDone = done;
        lastPercent = percent();
        lastDrawn = now;
    }

    private String suffix() {
        return detail.isEmpty() ? "" : " " + detail;
    }

    private String seconds(long now) {
        return String.format(Locale.ROOT, "%.1f s", (now - start) / 1e9);
    }
}
