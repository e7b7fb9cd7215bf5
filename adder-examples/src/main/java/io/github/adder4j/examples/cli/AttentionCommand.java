package io.github.adder4j.examples.cli;

import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.format.TokenFormat;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code adder attention --preset NAME [--weights FILE] A B --out FILE.png}: the attention maps of a model adding A and
 * B, as heatmaps labelled by token role.
 *
 * <p>The input is the row the last decoding step sees: the prompt followed by the model's own answer tokens but the
 * last one (which that step produces). Without {@code --layer} and {@code --head} every map is drawn, one row per
 * layer and one column per head; either option narrows the selection. The model comes from {@link ModelOptions}, so
 * every model source it learns is available here too.
 */
@Command(name = "attention", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        versionProvider = VersionProvider.class,
        description = {"Draw a model's attention maps for A + B as heatmaps (PNG).",
            "Axes are labelled by token role: X_i / Y_i operand digits and Z_i sum digits (i = power of ten), +, =, "
                + "EOS, BOS, PAD. The input is the prompt plus the model's own answer, as the last decoding step sees "
                + "it. One row of maps per layer, one column per head."})
public final class AttentionCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelOptions model;

    @Parameters(index = "0", paramLabel = "A", description = "First operand, in [0, 9999999999].")
    private Long a;

    @Parameters(index = "1", paramLabel = "B", description = "Second operand, in [0, 9999999999].")
    private Long b;

    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "PNG file to write.")
    private Path out;

    @Option(names = "--layer", paramLabel = "L", description = "Only this layer (0-based; default: every layer).")
    private Integer layer;

    @Option(names = "--head", paramLabel = "H", description = "Only this head (0-based; default: every head).")
    private Integer head;

    @Option(names = "--width", paramLabel = "W", description = "Image width in pixels (default 1000 per column of maps).")
    private Integer width;

    @Option(names = "--height", paramLabel = "H", description = "Image height in pixels (default 900 per row of maps).")
    private Integer height;

    /** Creates the command (picocli instantiates it). */
    public AttentionCommand() {
        // fields are injected by picocli
    }

    /** Decodes A + B, captures the attention of the last step's input and writes the heatmaps. */
    @Override
    public Integer call() {
        TokenFormat.requireOperands(a, b);
        ImageSize.pixels("--width", width, ImageSize.MIN);     // bad sizes fail before the model is built
        ImageSize.pixels("--height", height, ImageSize.MIN);
        List<AttentionHeatmap.Panel> panels = new ArrayList<>();
        List<String> labels;
        String title;
        int heads;
        try (AdderModel m = model.open()) {
            TokenFormat format = m.format();
            long[] prompt = format.prompt(a, b);
            long[] answer = m.decoder(1).generate(prompt, format.answerLength());
            int length = Math.min(format.contextLength(), prompt.length + answer.length - 1);
            long[] row = new long[length];
            System.arraycopy(prompt, 0, row, 0, Math.min(prompt.length, length));
            if (length > prompt.length) {
                System.arraycopy(answer, 0, row, prompt.length, length - prompt.length);
            }
            float[][][][] maps = m.attentionMaps(row);
            heads = maps[0].length;
            checkIndex("--layer", layer, maps.length);
            checkIndex("--head", head, heads);
            for (int l = 0; l < maps.length; l++) {
                for (int h = 0; h < heads; h++) {
                    if ((layer == null || layer == l) && (head == null || head == h)) {
                        panels.add(new AttentionHeatmap.Panel(l, h, maps[l][h]));
                    }
                }
            }
            labels = AttentionHeatmap.labels(format, length);
            long got = format.readAnswer(answer);
            long sum = a + b;
            title = model.name() + ": " + a + " + " + b + " = " + sum
                    + (got == sum ? "" : "  (model says " + (got < 0 ? "no number" : Long.toString(got)) + ")");
        }
        int columns = head != null ? 1 : heads;
        int rows = panels.size() / columns;
        int w = ImageSize.pixels("--width", width, Math.min(ImageSize.MAX, columns * 1000));
        int h = ImageSize.pixels("--height", height, Math.min(ImageSize.MAX, rows * 900));
        ChartImages.headless();
        BufferedImage image = AttentionHeatmap.draw(panels, labels, title, columns, w, h);
        ChartImages.writePng(image, out, "--out");
        PrintWriter writer = spec.commandLine().getOut();
        writer.println("wrote " + out + " (" + w + "x" + h + "): " + panels.size() + " map" + (panels.size() == 1 ? "" : "s")
                + " over " + labels.size() + " positions; " + title);
        writer.flush();
        return 0;
    }

    private static void checkIndex(String option, Integer value, int count) {
        if (value != null && (value < 0 || value >= count)) {
            throw new IllegalArgumentException(option + " must be in [0, " + (count - 1) + "]: " + value);
        }
    }
}
