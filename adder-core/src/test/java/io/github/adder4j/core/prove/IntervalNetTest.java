package io.github.adder4j.core.prove;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.Fixtures;
import io.github.adder4j.core.Preset;
import io.github.adder4j.core.PublishedWeights;
import io.github.adder4j.core.format.TokenFormat;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The plain-Java interval forward encloses the real model's logits on sample rows, at every answer step. */
class IntervalNetTest {

    @Test
    void enclosesRope19Logits() {
        try (AdderModel model = Preset.ROPE19_10.create()) {
            assertEncloses(model, 1e-6);
        }
    }

    @Test
    void enclosesSplit57Logits() {
        try (AdderModel model = PublishedWeights.load(Preset.SPLIT_57, Fixtures.read("published-57p.json"))) {
            assertEncloses(model, 1.0);
        }
    }

    @Test
    void enclosesSplit234Logits() {
        try (AdderModel model = PublishedWeights.load(Preset.SPLIT_234, Fixtures.read("published-234p.json"))) {
            assertEncloses(model, Double.POSITIVE_INFINITY); // containment only: two heads give a 6-dimensional bottleneck, not bisected here
        }
    }

    /**
     * Every logit of the model lies in the enclosure, which is at most {@code maxWidth} wide relative to the logit (float32
     * models: the rounding model's widening, amplified by the trained models' large logits, makes enclosures wide).
     */
    static void assertEncloses(AdderModel model, double maxWidth) {
        TokenFormat format = model.format();
        IntervalNet net = IntervalNet.of(model);
        CellBound bound = new CellBound(net, 0);
        Random random = new Random(5);
        for (int sample = 0; sample < 4; sample++) {
            long a = (long) (random.nextDouble() * 1e10);
            long b = sample == 0 ? 9_999_999_999L - a : (long) (random.nextDouble() * 1e10);
            long[] full = format.trainingRow(a, b).inputs();
            for (int step = 0; step <= 10; step++) {
                long[] row = Arrays.copyOf(full, format.promptLength() + step);
                float[] real = model.logits(new long[][] {row})[0][row.length - 1];
                Interval[] enclosure = bound.logits(row);
                for (int k = 0; k < real.length; k++) {
                    // logits come back as float32: allow the rounding of that conversion
                    Interval e = enclosure[k].widen(0, Math.ulp(real[k]));
                    assertTrue(e.contains(real[k]), "step " + step + " of " + a + " + " + b + ": logit " + k + " = " + real[k]
                            + " not in " + enclosure[k]);
                    assertTrue(enclosure[k].width() < maxWidth * Math.max(1, Math.abs(real[k])), "wide enclosure " + enclosure[k]);
                }
            }
        }
    }
}
