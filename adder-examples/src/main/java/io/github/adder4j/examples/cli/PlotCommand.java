package io.github.adder4j.examples.cli;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code adder plot --run DIR --out FILE.png}: the training curves of a run directory as one PNG (loss, validation
 * metrics, learning rate and weight decay over a shared step axis, the grokking and best steps marked). Works on a run
 * that is still being written.
 */
@Command(name = "plot", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        versionProvider = VersionProvider.class,
        description = {"Draw the training curves of a run directory as a PNG.",
            "Stacked panels over one step axis: the loss (log axis); validation exact match and token accuracy (and "
                + "train exact match when logged); learning rate and weight decay. The grokking step (events.jsonl) and "
                + "the best evaluation are marked. Works on a run that is still being written."})
public final class PlotCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "DIR", description = "Run directory written by training.")
    private Path run;

    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "PNG file to write.")
    private Path out;

    @Option(names = "--width", paramLabel = "W", description = "Image width in pixels (default 1200).")
    private Integer width;

    @Option(names = "--height", paramLabel = "H", description = "Image height in pixels (default 900).")
    private Integer height;

    /** Creates the command (picocli instantiates it). */
    public PlotCommand() {
        // fields are injected by picocli
    }

    /** Reads the run, draws the panels and writes the PNG; one summary line on stdout. */
    @Override
    public Integer call() {
        if (!Files.isDirectory(run)) {
            throw new ParameterException(spec.commandLine(), "--run: no such directory: " + run);
        }
        int w = ImageSize.pixels("--width", width, 1200);
        int h = ImageSize.pixels("--height", height, 900);
        RunMetrics metrics = RunMetrics.read(run, "--run");
        ChartImages.headless();
        String title = "training run " + name(run);
        BufferedImage image = TrainingCurves.draw(metrics, title, w, h);
        ChartImages.writePng(image, out, "--out");
        PrintWriter writer = spec.commandLine().getOut();
        StringBuilder line = new StringBuilder("wrote ").append(out).append(" (").append(w).append('x').append(h)
                .append("): ").append(metrics.points().size()).append(" metric lines, steps ")
                .append(metrics.points().get(0).step()).append("..").append(metrics.lastStep());
        metrics.grok().ifPresent(step -> line.append(", grok @ step ").append(step));
        metrics.best().ifPresent(b -> line.append(String.format(Locale.ROOT, ", best @ step %d (exact %.4f)", b.step(), b.valExact())));
        writer.println(line);
        writer.flush();
        return 0;
    }

    private static String name(Path dir) {
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return name == null ? dir.toString() : name.toString();
    }
}
