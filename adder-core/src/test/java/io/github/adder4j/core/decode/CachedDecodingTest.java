package io.github.adder4j.core.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.Fixtures;
import io.github.adder4j.core.Preset;
import io.github.adder4j.core.PublishedWeights;
import io.github.adder4j.core.eval.Suite;
import io.github.adder4j.core.eval.Case;
import io.github.adder4j.core.format.TokenFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Decoding from cached keys and values gives exactly the tokens of full recomputation (the reference): on every preset
 * with seeded weights, and on every published weight set over all 10,010 AdderBoard cases, failures included.
 */
class CachedDecodingTest {

    private static long[][] decode(AdderModel model, long[][] prompts, boolean cached) {
        GreedyDecoder decoder = GreedyDecoder.builder(model.block(), model.manager(), model.format().contextLength())
                .cached(cached).build();
        return decoder.generate(prompts, model.format().answerLength());
    }

    @ParameterizedTest
    @EnumSource(Preset.class)
    void everyPresetDecodesTheSameTokensFromItsCache(Preset preset) {
        try (AdderModel model = preset.builder().seed(11).build()) {
            TokenFormat format = model.format();
            GreedyDecoder decoder = GreedyDecoder.builder(model.block(), model.manager(), format.contextLength()).build();
            long[][] prompts = prompts(format, 300, preset.ordinal());
            assertTrue(decoder.usesCache(prompts[0].length, format.answerLength()), preset.id() + " decodes from its cache");
            assertArrayEquals(decode(model, prompts, false), decode(model, prompts, true), preset.id());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"published-57p.json:split-57", "published-234p.json:split-234", "published-311p.json:lowrank-311",
        "published-122p.json:rope-122"})
    void publishedWeightsDecodeAllAdderBoardCasesIdentically(String fixtureAndPreset) {
        String[] parts = fixtureAndPreset.split(":");
        try (AdderModel model = PublishedWeights.load(Preset.byId(parts[1]), Fixtures.read(parts[0]))) {
            List<Case> cases = Suite.adderBoard().cases();
            long[][] prompts = new long[cases.size()][];
            for (int i = 0; i < prompts.length; i++) {
                prompts[i] = model.format().prompt(cases.get(i).a(), cases.get(i).b());
            }
            long[][] full = decode(model, prompts, false);
            long[][] cached = decode(model, prompts, true);
            for (int i = 0; i < prompts.length; i++) {
                assertArrayEquals(full[i], cached[i], parts[1] + " case " + cases.get(i).a() + " + " + cases.get(i).b());
            }
        }
    }

    @Test
    void theHandCodedModelDecodesAdderBoardIdentically() {
        try (AdderModel model = Preset.ROPE19_10.create()) {
            List<Case> cases = Suite.adderBoard().cases();
            long[][] prompts = new long[cases.size()][];
            for (int i = 0; i < prompts.length; i++) {
                prompts[i] = model.format().prompt(cases.get(i).a(), cases.get(i).b());
            }
            assertArrayEquals(decode(model, prompts, false), decode(model, prompts, true));
        }
    }

    @Test
    void cachedLogitsEqualFullLogitsPositionByPosition() {
        try (AdderModel model = Preset.SPLIT_57.builder().seed(3).build(); NDManager m = model.manager().newSubManager()) {
            long[][] prompts = prompts(model.format(), 4, 5);
            int length = prompts[0].length;
            float[][][] full = model.logits(prompts);
            KeyValueCache cache = model.block().newCache(m);
            ParameterStore store = new ParameterStore(m, false);
            long[] head = new long[4 * (length - 3)];
            long[] tail = new long[4 * 3];
            for (int r = 0; r < 4; r++) {
                System.arraycopy(prompts[r], 0, head, r * (length - 3), length - 3);
                System.arraycopy(prompts[r], length - 3, tail, r * 3, 3);
            }
            model.block().forwardCached(store, m.create(head, new Shape(4, length - 3)), cache);
            assertEquals(length - 3, cache.length());
            NDArray last = model.block().forwardCached(store, m.create(tail, new Shape(4, 3)), cache);     // (4, 3, V)
            assertEquals(length, cache.length());
            float[] got = last.toFloatArray();
            int vocab = model.format().vocabSize();
            for (int r = 0; r < 4; r++) {
                for (int t = 0; t < 3; t++) {
                    for (int v = 0; v < vocab; v++) {
                        assertEquals(full[r][length - 3 + t][v], got[(r * 3 + t) * vocab + v], 1e-4, "row " + r + " position "
                                + (length - 3 + t));
                    }
                }
            }
            KeyValueCache fresh = model.block().newCache(m);
            NDArray next = model.block().nextTokenLogits(store, m.create(flatPrompts(prompts), new Shape(4, length)), fresh); // (4, V)
            assertEquals(new Shape(4, vocab), next.getShape());
            assertEquals(length, fresh.length(), "the last-position pass still caches every position");
            float[] nextValues = next.toFloatArray();
            for (int r = 0; r < 4; r++) {
                for (int v = 0; v < vocab; v++) {
                    assertEquals(full[r][length - 1][v], nextValues[r * vocab + v], 1e-4, "next-token logits of row " + r);
                }
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.block().forwardCached(store,
                    m.create(new long[4 * 20], new Shape(4, 20)), cache));
            assertEquals("positions " + length + ".." + (length + 19) + " pass the context of " + model.format().contextLength(),
                    e.getMessage());
        }
    }

    @Test
    void aDecoderWithoutCachingOrPastTheContextRecomputes() {
        try (AdderModel model = Preset.SPLIT_57.builder().seed(3).build()) {
            int context = model.format().contextLength();
            GreedyDecoder plain = GreedyDecoder.builder(model.block(), model.manager(), context).cached(false).build();
            assertFalse(plain.usesCache(10, 5));
            GreedyDecoder decoder = GreedyDecoder.builder(model.block(), model.manager(), context).build();
            assertTrue(decoder.usesCache(context - 4, 5));
            assertFalse(decoder.usesCache(context - 4, 6), "the window would slide");
        }
    }

    private static long[] flatPrompts(long[][] prompts) {
        long[] flat = new long[prompts.length * prompts[0].length];
        for (int r = 0; r < prompts.length; r++) {
            System.arraycopy(prompts[r], 0, flat, r * prompts[0].length, prompts[0].length);
        }
        return flat;
    }

    private static long[][] prompts(TokenFormat format, int n, long seed) {
        Random r = new Random(seed);
        long[][] out = new long[n][];
        for (int i = 0; i < n; i++) {
            long a = (long) (r.nextDouble() * 1e10);
            long b = i % 3 == 0 ? 9_999_999_999L - a : (long) (r.nextDouble() * 1e10);
            out[i] = format.prompt(a, b);
        }
        return out;
    }
}
