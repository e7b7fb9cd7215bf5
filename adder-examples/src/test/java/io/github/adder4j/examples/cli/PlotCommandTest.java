package io.github.adder4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code adder plot} on small synthetic run directories: the PNG has the requested size and real content, the grok and
 * best markers appear exactly when the run has them, a half-written last line is tolerated, and bad input exits 2 with a
 * message.
 */
class PlotCommandTest {

    @TempDir
    Path tmp;

    /**
     * Writes 50 metric lines (steps 100..5000) like the trainer's: loss decaying, lr warming up then cosine, constant
     * wd; every fifth line an evaluation whose exact match jumps to 0.995 at step {@code jumpAt} (or stays at most
     * 0.5 when {@code jumpAt} is 0).
     */
    private static Path run(Path dir, long jumpAt, boolean trainExact) throws IOException {
        Files.createDirectories(dir);
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            long step = i * 100L;
            double loss = 2.0 * Math.exp(-step / 700.0) + 0.003 * (1.2 + Math.sin(i));
            double lr = 0.02 * Math.min(1.0, step / 500.0) * 0.5 * (1 + Math.cos(Math.PI * step / 5000.0));
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                    "{\"gradNorm\":0.3,\"loss\":%s,\"lr\":%s,\"step\":%d,\"wallSeconds\":%s,\"wd\":0.01",
                    loss, lr, step, step * 0.08));
            if (i % 5 == 0) {
                double exact = jumpAt > 0 ? (step < jumpAt ? 0.0 : Math.min(1.0, 0.995 + (step - jumpAt) / 200_000.0))
                        : Math.min(0.5, step / 8000.0);
                line.append(String.format(Locale.ROOT, ",\"tokenAccuracy\":%s,\"valExact\":%s", Math.min(1.0, 0.2 + step / 5000.0), exact));
                if (trainExact) {
                    line.append(String.format(Locale.ROOT, ",\"trainExact\":%s", Math.min(1.0, exact + 0.003)));
                }
            }
            lines.add(line.append('}').toString());
        }
        Files.write(dir.resolve("metrics.jsonl"), lines, StandardCharsets.UTF_8);
        return dir;
    }

    private static void events(Path dir, String... lines) throws IOException {
        Files.write(dir.resolve("events.jsonl"), List.of(lines), StandardCharsets.UTF_8);
    }

    private static Cli.Run ok(String... args) {
        Cli.Run run = Cli.run(args);
        assertEquals(0, run.exitCode(), () -> String.join(" ", args) + " failed; stderr:\n" + run.err());
        return run;
    }

    private static String error(int exitCode, String... args) {
        Cli.Run run = Cli.run(args);
        assertEquals(exitCode, run.exitCode(), () -> String.join(" ", args) + ": stdout " + run.out() + " stderr " + run.err());
        assertEquals("", run.out(), "nothing on stdout after an error");
        return run.err().lines().findFirst().orElseThrow(() -> new AssertionError("empty stderr"));
    }

    @Test
    void drawsTheCurvesWithTheGrokAndBestMarkersAtTheRequestedSize() throws IOException {
        Path dir = run(tmp.resolve("grokked"), 3500, true);
        events(dir, "{\"event\":\"rss_start\",\"rssMb\":169,\"step\":0}",
                "{\"event\":\"best\",\"step\":500,\"valExact\":0.0}",
                "{\"event\":\"best\",\"step\":3500,\"valExact\":0.995}",
                "{\"event\":\"grok\",\"step\":3500,\"valExact\":0.995}",
                "{\"event\":\"best\",\"step\":4500,\"valExact\":1.0}");
        Path out = tmp.resolve("curves.png");
        Cli.Run run = ok("plot", "--run", dir.toString(), "--out", out.toString(), "--width", "900", "--height", "650");
        assertEquals("wrote " + out + " (900x650): 50 metric lines, steps 100..5000, grok @ step 3500, best @ step 4500 (exact 1.0000)",
                run.lastLine());
        BufferedImage image = Pngs.read(out, 900, 650);
        Pngs.assertNotBlank(image, 20);
        assertTrue(Pngs.pixelsNear(image, TrainingCurves.LOSS) > 300, "loss curve");
        assertTrue(Pngs.pixelsNear(image, TrainingCurves.VAL_EXACT) > 100, "validation exact match curve");
        assertTrue(Pngs.pixelsNear(image, TrainingCurves.TOKEN_ACCURACY) > 100, "token accuracy curve");
        assertTrue(Pngs.pixelsNear(image, TrainingCurves.WD) > 100, "weight decay curve");
        assertTrue(Pngs.pixelsNear(image, TrainingCurves.GROK) > 200, "grok marker in three panels and its label");
        int best = Pngs.pixelsNear(image, TrainingCurves.BEST);
        assertTrue(best > 40, "best-step marker: " + best + " pixels");
    }

    @Test
    void withoutEventsThereIsNoGrokMarkerAndTheBestComesFromTheMetrics() throws IOException {
        Path dir = run(tmp.resolve("slow"), 0, false);
        Path out = tmp.resolve("slow.png");
        Cli.Run run = ok("plot", "--run", dir.toString(), "--out", out.toString(), "--width", "900", "--height", "650");
        assertEquals("wrote " + out + " (900x650): 50 metric lines, steps 100..5000, best @ step 4000 (exact 0.5000)", run.lastLine());
        BufferedImage image = Pngs.read(out, 900, 650);
        Pngs.assertNotBlank(image, 20);
        assertEquals(0, Pngs.pixelsNear(image, TrainingCurves.GROK), "no grok marker");
        assertEquals(0, Pngs.pixelsNear(image, TrainingCurves.TRAIN_EXACT), "no train exact curve when it is not logged");
        int best = Pngs.pixelsNear(image, TrainingCurves.BEST);
        assertTrue(best > 40, "best-step marker: " + best + " pixels");
    }

    @Test
    void aRunStillBeingWrittenIsDrawnAtTheDefaultSize() throws IOException {
        Path dir = run(tmp.resolve("running"), 3500, true);
        Files.writeString(dir.resolve("metrics.jsonl"), "{\"gradNorm\":0.3,\"loss\":0.0", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        Path out = tmp.resolve("nested/dir/running.png");
        Cli.Run run = ok("plot", "--run", dir.toString(), "--out", out.toString());
        assertTrue(run.lastLine().startsWith("wrote " + out + " (1200x900): 50 metric lines, steps 100..5000, best @ step 4500"),
                run.lastLine());
        assertFalse(run.lastLine().contains("grok"), "no events file, no grok");
        Pngs.assertNotBlank(Pngs.read(out, 1200, 900), 20);
    }

    @Test
    void badInputExitsWithTwoAndSaysWhy() throws IOException {
        Path out = tmp.resolve("x.png");
        Path missing = tmp.resolve("no-such-run");
        assertEquals("error: --run: no such directory: " + missing, error(2, "plot", "--run", missing.toString(), "--out", out.toString()));

        Path notARun = Files.createDirectories(tmp.resolve("not-a-run"));
        assertEquals("error: --run " + notARun + ": no metrics.jsonl (is this a training run directory?)",
                error(2, "plot", "--run", notARun.toString(), "--out", out.toString()));

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(empty.resolve("metrics.jsonl"), "\n", StandardCharsets.UTF_8);
        assertEquals("error: --run " + empty + ": metrics.jsonl has no metric lines yet",
                error(2, "plot", "--run", empty.toString(), "--out", out.toString()));

        Path broken = Files.createDirectories(tmp.resolve("broken"));
        Files.write(broken.resolve("metrics.jsonl"), List.of("{\"step\":100,\"loss\":1.0}", "garbage", "{\"step\":300,\"loss\":0.5}"),
                StandardCharsets.UTF_8);
        assertEquals("error: " + broken.resolve("metrics.jsonl") + " line 2: not a JSON object: garbage",
                error(2, "plot", "--run", broken.toString(), "--out", out.toString()));

        Path noStep = Files.createDirectories(tmp.resolve("no-step"));
        Files.write(noStep.resolve("metrics.jsonl"), List.of("{\"loss\":1.0}", "{\"step\":200,\"loss\":0.5}"), StandardCharsets.UTF_8);
        assertEquals("error: " + noStep.resolve("metrics.jsonl") + " line 1: no integer \"step\" field",
                error(2, "plot", "--run", noStep.toString(), "--out", out.toString()));

        Path ok = run(tmp.resolve("ok"), 3500, true);
        assertEquals("error: --width must be in [200, 8000]: 50",
                error(2, "plot", "--run", ok.toString(), "--out", out.toString(), "--width", "50"));
        assertEquals("error: Missing required option: '--out=FILE.png'", error(2, "plot", "--run", ok.toString()));
        assertFalse(Files.exists(out), "no image after an error");
    }
}
