package io.github.adder4j.examples.cli;

import io.github.adder4j.core.vision.Digits;
import io.github.adder4j.core.vision.ImageSet;
import io.github.adder4j.core.vision.Predictions;
import io.github.adder4j.core.vision.VitModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code adder mnist --checkpoint FILE [--data DIR] [--out DIR] [--image N]}: a ViT checkpoint measured on held-out digits,
 * with its per-class accuracy, and optionally its pictures (confusion matrix, misclassified digits, attention maps).
 */
@Command(name = "mnist", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        versionProvider = VersionProvider.class,
        description = {"Measure a ViT checkpoint on held-out MNIST-style digits; last line: mnist test: P/N correct.",
            "With --out, also write confusion.png (rows true, columns predicted), misclassified.png (true -> predicted) and "
                + "attention.png (each head's CLS -> patch weights over test image --image)."})
public final class MnistCommand implements Callable<Integer> {
    private static final int GRID_LIMIT = 120;
    private static final int GRID_COLUMNS = 12;

    @Spec
    private CommandSpec spec;

    @Option(names = "--checkpoint", required = true, paramLabel = "FILE", description = "A ViT checkpoint (a run's checkpoints/best.json).")
    private Path checkpoint;

    @Option(names = "--data", paramLabel = "DIR",
            description = "A directory with t10k-images-idx3-ubyte[.gz] and t10k-labels-idx1-ubyte[.gz] (full MNIST, Fashion-MNIST). "
                + "Default: the embedded held-out digits (1,996).")
    private Path data;

    @Option(names = "--out", paramLabel = "DIR", description = "Directory for the pictures (PNG). Default: no pictures.")
    private Path out;

    @Option(names = "--image", paramLabel = "N", description = "Test image whose attention maps are drawn.", defaultValue = "0")
    private int image;

    /** Creates the command (picocli instantiates it). */
    public MnistCommand() {
        // fields are injected by picocli
    }

    @Override
    public Integer call() {
        ImageSet test = data == null ? Digits.embeddedTest() : Digits.directory(data, "test");
        if (image < 0 || image >= test.size()) {
            throw new ParameterException(spec.commandLine(), "--image must be in [0, " + (test.size() - 1) + "]: " + image);
        }
        PrintWriter w = spec.commandLine().getOut();
        try (VitModel model = VitModel.load(checkpoint)) {
            Predictions p = Predictions.of(model, test);
            int[][] m = p.confusion();
            w.println("digit  correct/total");
            for (int d = 0; d < p.classes(); d++) {
                int total = 0;
                for (int v : m[d]) {
                    total += v;
                }
                w.println(String.format(Locale.ROOT, "%5d  %d/%d", d, m[d][d], total));
            }
            if (out != null) {
                ChartImages.headless();
                String name = checkpoint.getFileName() + ", " + model.parameterReport().uniqueParameters() + " parameters";
                ChartImages.writePng(MnistPictures.confusion(p, "confusion matrix: " + p.correct() + "/" + p.total() + " (" + name + ")"),
                        out.resolve("confusion.png"), "--out");
                ChartImages.writePng(MnistPictures.misclassified(test, p, GRID_LIMIT, GRID_COLUMNS, "misclassified: true \u2192 predicted"),
                        out.resolve("misclassified.png"), "--out");
                float[] pixels = test.image(image);
                ChartImages.writePng(MnistPictures.attention(pixels, test.rows(), model.attentionMaps(pixels), model.config().patchSize(),
                        "attention of the CLS token on the patches, test image " + image + " (digit " + test.labels()[image]
                                + ", predicted " + p.predicted()[image] + ")"), out.resolve("attention.png"), "--out");
            }
            w.println(p.summaryLine("mnist"));
        }
        w.flush();
        return 0;
    }
}
