package io.github.adder4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adder4j.core.format.Formats;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code adder attention}: heatmaps of the hand-coded rope19-10 (no weights needed) and of published split-57 and
 * split-234 weights, the role labels of the token formats, and exit code 2 for bad options.
 */
class AttentionCommandTest {

    @TempDir
    Path tmp;

    private static Cli.Run ok(String... args) {
        Cli.Run run = Cli.run(args);
        assertEquals(0, run.exitCode(), () -> String.join(" ", args) + " failed; stderr:\n" + run.err());
        return run;
    }

    private static String error(String... args) {
        Cli.Run run = Cli.run(args);
        assertEquals(2, run.exitCode(), () -> String.join(" ", args) + ": stdout " + run.out() + " stderr " + run.err());
        assertEquals("", run.out(), "nothing on stdout after an error");
        return run.err().lines().findFirst().orElseThrow(() -> new AssertionError("empty stderr"));
    }

    /** Non-blank, with cells at both ends of the colour scale's dark half. */
    private static void assertHeatmap(BufferedImage image) {
        Pngs.assertNotBlank(image, 12);
        assertTrue(Pngs.pixelsNear(image, AttentionHeatmap.SCALE[4]) > 500, "cells with weight near 1");
        assertTrue(Pngs.pixelsNear(image, AttentionHeatmap.SCALE[2]) > 100, "cells with weight near 1/2");
    }

    @Test
    void handCodedRope19NeedsNoWeights() throws IOException {
        Path out = tmp.resolve("rope19.png");
        Cli.Run run = ok("attention", "--preset", "rope19-10", "1234567890", "9876543210", "--out", out.toString());
        assertEquals("wrote " + out + " (1000x900): 1 map over 41 positions; rope19-10: 1234567890 + 9876543210 = 11111111100",
                run.lastLine());
        assertHeatmap(Pngs.read(out, 1000, 900));
    }

    @Test
    void publishedSplit57() throws IOException {
        Path out = tmp.resolve("split57.png");
        Cli.Run run = ok("attention", "--preset", "split-57", "--weights", SharedFixtures.file("published-57p.json").toString(),
                "9999999999", "1", "--out", out.toString(), "--width", "800", "--height", "700", "--layer", "0", "--head", "0");
        assertEquals("wrote " + out + " (800x700): 1 map over 33 positions; split-57: 9999999999 + 1 = 10000000000", run.lastLine());
        assertHeatmap(Pngs.read(out, 800, 700));
    }

    @Test
    void everyHeadIsDrawnUnlessOneIsChosen() throws IOException {
        String weights = SharedFixtures.file("published-234p.json").toString();
        Path both = tmp.resolve("both.png");
        Cli.Run run = ok("attention", "--preset", "split-234", "--weights", weights, "5", "7", "--out", both.toString(),
                "--width", "1200", "--height", "500");
        assertTrue(run.lastLine().startsWith("wrote " + both + " (1200x500): 2 maps over 33 positions; split-234: 5 + 7 = 12"),
                run.lastLine());
        assertHeatmap(Pngs.read(both, 1200, 500));
        Path one = tmp.resolve("one.png");
        run = ok("attention", "--preset", "split-234", "--weights", weights, "5", "7", "--out", one.toString(), "--head", "1");
        assertTrue(run.lastLine().startsWith("wrote " + one + " (1000x900): 1 map over 33 positions"), run.lastLine());
        assertHeatmap(Pngs.read(one, 1000, 900));
    }

    @Test
    void positionsAreLabelledByRole() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            expected.add("X_" + i);
        }
        expected.add("+");
        for (int i = 0; i < 10; i++) {
            expected.add("Y_" + i);
        }
        expected.add("=");
        for (int i = 0; i <= 10; i++) {
            expected.add("Z_" + i);
        }
        assertEquals(expected, AttentionHeatmap.labels(Formats.LSB34_V10, 33));
        expected.add("EOS");
        assertEquals(expected, AttentionHeatmap.labels(Formats.LSB34_V10, 34));

        List<String> q24 = AttentionHeatmap.labels(Formats.Q24_V10, 34);
        assertEquals(List.of("BOS", "X_0", "X_1"), q24.subList(0, 3));
        assertEquals(List.of("X_9", "+", "PAD", "Y_0"), q24.subList(10, 14));
        assertEquals(List.of("Y_9", "=", "Z_0"), q24.subList(22, 25));

        List<String> msb = AttentionHeatmap.labels(Formats.MSB_REVERSED_V14, 34);
        assertEquals(List.of("X_9", "X_8"), msb.subList(0, 2));
        assertEquals(List.of("X_0", "+", "Y_9"), msb.subList(9, 12));
        assertEquals(List.of("Z_10", "EOS"), msb.subList(32, 34));
    }

    @Test
    void badOptionsExitWithTwo() {
        Path out = tmp.resolve("x.png");
        String weights = SharedFixtures.file("published-57p.json").toString();
        assertEquals("error: --layer must be in [0, 0]: 1",
                error("attention", "--preset", "split-57", "--weights", weights, "1", "2", "--out", out.toString(), "--layer", "1"));
        assertEquals("error: --head must be in [0, 0]: -1",
                error("attention", "--preset", "split-57", "--weights", weights, "1", "2", "--out", out.toString(), "--head=-1"));
        assertEquals("error: b must be in [0, 9999999999]: 10000000000",
                error("attention", "--preset", "rope19-10", "1", "10000000000", "--out", out.toString()));
        assertEquals("error: preset split-57 needs --weights (its weights are trained)",
                error("attention", "--preset", "split-57", "1", "2", "--out", out.toString()));
        assertEquals("error: --width must be in [200, 8000]: 50",
                error("attention", "--preset", "rope19-10", "1", "2", "--out", out.toString(), "--width", "50"));
        assertEquals("error: Missing required parameter: 'B'", error("attention", "--preset", "rope19-10", "1", "--out", out.toString()));
        assertTrue(!Files.exists(out), "no image after an error");
    }
}
