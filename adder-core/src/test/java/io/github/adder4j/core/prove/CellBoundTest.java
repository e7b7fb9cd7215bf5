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

/** The softmax weights bounded from score differences hold the real model's attention weights, and tighten the bottleneck. */
class CellBoundTest {

    @Test
    void differenceWeightsHoldSplit57sAttention() {
        try (AdderModel model = PublishedWeights.load(Preset.SPLIT_57, Fixtures.read("published-57p.json"))) {
            assertHoldsAttention(model);
        }
    }

    @Test
    void differenceWeightsHoldRope19sAttention() {
        try (AdderModel model = Preset.ROPE19_10.create()) {
            assertHoldsAttention(model);
        }
    }

    @Test
    void differenceWeightsNarrowSplit57sBottleneck() {
        // split-57's scores are large (tens) and their rounding bounds dominate the bottleneck's width
        try (AdderModel model = PublishedWeights.load(Preset.SPLIT_57, Fixtures.read("published-57p.json"))) {
            CellBound bound = new CellBound(IntervalNet.of(model), 0);
            long[] row = Arrays.copyOf(model.format().trainingRow(4_999_999_999L, 5_000_000_001L).inputs(), model.format().promptLength() + 8);
            int t = row.length - 1;
            int[] masks = masks(row);
            Interval[] perScore = bound.bottleneck(t, row[t], masks, false);
            Interval[] both = bound.bottleneck(t, row[t], masks, true);
            for (int r = 0; r < perScore.length; r++) {
                assertTrue(both[r].lo >= perScore[r].lo && both[r].hi <= perScore[r].hi && both[r].width() < perScore[r].width() / 1.5,
                        "bottleneck " + r + ": " + both[r] + " against " + perScore[r]);
            }
        }
    }

    /**
     * On sample rows, at every step, the real model's weight on every key position lies in the difference bound, widened
     * by the float softmax's rounding (as the bottleneck bound widens it) and by the float32 result's ulp.
     */
    private static void assertHoldsAttention(AdderModel model) {
        TokenFormat format = model.format();
        IntervalNet net = IntervalNet.of(model);
        CellBound bound = new CellBound(net, 0);
        FloatModel fm = net.floatModel();
        Random random = new Random(11);
        for (int sample = 0; sample < 3; sample++) {
            long a = (long) (random.nextDouble() * 1e10);
            long b = sample == 0 ? 9_999_999_999L - a : (long) (random.nextDouble() * 1e10);
            long[] full = format.trainingRow(a, b).inputs();
            for (int step = 0; step <= 10; step++) {
                long[] row = Arrays.copyOf(full, format.promptLength() + step);
                int t = row.length - 1;
                float[][][][] maps = model.attentionMaps(row);
                double slack = (t + 6) * fm.rel() + 2 * fm.fnRel();
                for (int h = 0; h < net.heads(); h++) {
                    double[][] w = bound.differenceWeights(t, row[t], masks(row), h);
                    for (int j = 0; j <= t; j++) {
                        float real = maps[0][h][t][j];
                        double lo = w[0][j] * (1 - slack) - Math.ulp(real);
                        double hi = w[1][j] * (1 + slack) + Math.ulp(real);
                        assertTrue(lo <= real && real <= hi, "step " + step + " of " + a + " + " + b + ", key " + j + ": weight " + real
                                + " not in [" + w[0][j] + ", " + w[1][j] + "]");
                    }
                }
            }
        }
    }

    private static int[] masks(long[] row) {
        int[] masks = new int[row.length];
        for (int j = 0; j < row.length; j++) {
            masks[j] = 1 << row[j];
        }
        return masks;
    }
}
