package io.github.adder4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The progress bar against a hand-driven clock. */
class ProgressBarTest {

    private long now;
    private final StringWriter text = new StringWriter();

    private ProgressBar bar(ProgressBar.Style style, int total) {
        return new ProgressBar("AdderBoard", total, new PrintWriter(text), style, Duration.ofSeconds(5), () -> now);
    }

    private void advance(double seconds) {
        now += (long) (seconds * 1e9);
    }

    @Test
    void linesAppearOncePerIntervalAndTheFinalStateOnce() {
        ProgressBar bar = bar(ProgressBar.Style.LINES, 10010);
        advance(1);
        bar.accept(1000);
        assertEquals("", text.toString(), "nothing before the interval has passed");
        advance(4);
        bar.accept(4096);
        advance(2);
        bar.accept(6000);
        advance(3);
        bar.accept(8192);
        advance(0.5);
        bar.accept(10010);
        bar.finish();
        bar.finish();
        assertEquals(List.of("[AdderBoard] 4096/10010 (40%) 5.0 s", "[AdderBoard] 8192/10010 (81%) 10.0 s",
                "[AdderBoard] 10010/10010 (100%) 10.5 s"), text.toString().lines().toList());
    }

    @Test
    void aDetailFollowsTheTimeInBothStyles() {
        ProgressBar lines = bar(ProgressBar.Style.LINES, 40);
        lines.detail("ETA 0:05 loss 2.2342 val -");
        advance(6);
        lines.accept(10);
        lines.detail("");
        lines.accept(40);
        lines.finish();
        ProgressBar console = bar(ProgressBar.Style.CONSOLE, 10);
        console.detail("val 0.5000");
        console.accept(10);
        String nl = System.lineSeparator();
        assertEquals("[AdderBoard] 10/40 (25%) 6.0 s ETA 0:05 loss 2.2342 val -" + nl + "[AdderBoard] 40/40 (100%) 6.0 s" + nl
                + "\rAdderBoard [" + "#".repeat(30) + "] 100% 10/10 0.0 s val 0.5000", text.toString());
        assertEquals("detail must be one line: a\nb", assertThrows(IllegalArgumentException.class,
                () -> lines.detail("a\nb")).getMessage());
    }

    @Test
    void finishDoesNotRepeatALineJustPrinted() {
        ProgressBar bar = bar(ProgressBar.Style.LINES, 200);
        advance(6);
        bar.accept(200);
        bar.finish();
        assertEquals(List.of("[AdderBoard] 200/200 (100%) 6.0 s"), text.toString().lines().toList());
    }

    @Test
    void consoleRedrawsOneLineInPlace() {
        ProgressBar bar = bar(ProgressBar.Style.CONSOLE, 10);
        advance(0.25);
        bar.accept(5);
        advance(0.25);
        bar.accept(10);
        bar.finish();
        String out = text.toString();
        String half = "AdderBoard [" + "#".repeat(15) + "-".repeat(15) + "]  50% 5/10 0.3 s";
        String full = "AdderBoard [" + "#".repeat(30) + "] 100% 10/10 0.5 s";
        assertEquals("\r" + half + "\r" + full + "\r" + full + System.lineSeparator(), out);
        assertEquals(1, out.chars().filter(c -> c == '\n').count(), "one line on the terminal");
        assertTrue(out.endsWith(System.lineSeparator()));
    }

    @Test
    void consoleSkipsRedrawsWithinARefreshWhenNothingVisibleChanged() {
        ProgressBar bar = bar(ProgressBar.Style.CONSOLE, 1000);
        advance(1);
        bar.accept(1);
        bar.accept(2);
        bar.accept(9);
        assertEquals(1, text.toString().chars().filter(c -> c == '\r').count(), text.toString());
        advance(0.2);
        bar.accept(9);
        assertEquals(2, text.toString().chars().filter(c -> c == '\r').count(), text.toString());
    }

    @Test
    void shorterRedrawsBlankOutTheRestOfTheLongerOne() {
        ProgressBar bar = bar(ProgressBar.Style.CONSOLE, 100);
        advance(12.5);
        bar.accept(1);
        now = 0;
        bar.accept(2);
        String[] draws = text.toString().split("\r", -1);
        assertEquals(draws[1].length(), draws[2].length());
        assertTrue(draws[2].endsWith(" 0.0 s "), draws[2]);
    }

    @Test
    void rejectsBadArguments() {
        ProgressBar bar = bar(ProgressBar.Style.LINES, 10);
        assertEquals("itemsDone must be in [0, 10]: 11",
                assertThrows(IllegalArgumentException.class, () -> bar.accept(11)).getMessage());
        assertEquals("itemsDone must be in [0, 10]: -1",
                assertThrows(IllegalArgumentException.class, () -> bar.accept(-1)).getMessage());
        bar.finish();
        assertEquals("progress bar AdderBoard is finished",
                assertThrows(IllegalStateException.class, () -> bar.accept(3)).getMessage());
        assertEquals("total must be positive: 0", assertThrows(IllegalArgumentException.class,
                () -> bar(ProgressBar.Style.LINES, 0)).getMessage());
        assertEquals("interval must be positive: PT0S", assertThrows(IllegalArgumentException.class,
                () -> new ProgressBar("x", 1, new PrintWriter(text), ProgressBar.Style.LINES, Duration.ZERO, () -> 0L))
                .getMessage());
        assertEquals("label must not be blank:  ", assertThrows(IllegalArgumentException.class,
                () -> new ProgressBar(" ", 1, new PrintWriter(text), ProgressBar.Style.LINES, Duration.ofSeconds(1),
                        () -> 0L)).getMessage());
    }
}
