package io.github.adder4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adder4j.core.vision.VitConfig;
import io.github.adder4j.core.vision.VitModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code adder mnist}: per-class counts that add up to the summary line, and the three pictures. */
class MnistCommandTest {

    @Test
    void measuresACheckpointAndDrawsItsPictures(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("vit.json");
        try (VitModel model = VitModel.of(VitConfig.builder().seed(4).build())) {
            model.save(file, "test: an untrained Micro-ViT", Map.of());
        }
        Cli.Run run = Cli.run("mnist", "--checkpoint", file.toString(), "--out", tmp.resolve("pics").toString(), "--image", "3");
        assertEquals(0, run.exitCode(), run.err());
        Matcher last = Pattern.compile("mnist test: (\\d+)/1996 correct").matcher(run.lastLine());
        assertTrue(last.matches(), run.lastLine());
        List<String> lines = run.lines();
        assertEquals("digit  correct/total", lines.get(0));
        int correct = 0;
        int total = 0;
        for (String line : lines.subList(1, 11)) {
            String[] parts = line.trim().split("\\s+")[1].split("/");
            correct += Integer.parseInt(parts[0]);
            total += Integer.parseInt(parts[1]);
        }
        assertEquals(Integer.parseInt(last.group(1)), correct, "the per-class rows add up to the summary");
        assertEquals(1996, total);
        Pngs.assertNotBlank(Pngs.read(tmp.resolve("pics/confusion.png"), 640, 670), 5);
        Pngs.assertNotBlank(Pngs.read(tmp.resolve("pics/misclassified.png"), 1500, 1420), 5);
        Pngs.assertNotBlank(Pngs.read(tmp.resolve("pics/attention.png"), 760, 294), 5);
    }

    @Test
    void anImageOutsideTheSetIsABadOption(@TempDir Path tmp) {
        Path file = tmp.resolve("vit.json");
        try (VitModel model = VitModel.of(VitConfig.microVit())) {
            model.save(file, "test", Map.of());
        }
        Cli.Run run = Cli.run("mnist", "--checkpoint", file.toString(), "--image", "1996");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--image must be in [0, 1995]: 1996"), run.err());
    }
}
