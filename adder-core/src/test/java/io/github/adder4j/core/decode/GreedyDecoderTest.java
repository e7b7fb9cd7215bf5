package io.github.adder4j.core.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.github.adder4j.core.decode.ToyBlocks.CopyBackBlock;
import io.github.adder4j.core.decode.ToyBlocks.RandomMixBlock;
import io.github.adder4j.core.decode.ToyBlocks.TableBlock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GreedyDecoderTest {

    private static NDManager base;

    /** Holds the toy models' parameters. */
    private NDManager models;
    /** The decoder's parent manager, checked for leftovers after every test. */
    private NDManager parent;

    @BeforeAll
    static void startEngine() {
        base = NDManager.newBaseManager("PyTorch");
    }

    @AfterAll
    static void stopEngine() {
        base.close();
    }

    @BeforeEach
    void newManagers() {
        models = base.newSubManager();
        parent = base.newSubManager();
    }

    @AfterEach
    void parentIsEmpty() {
        assertEquals(0, parent.getManagedArrays().size(), "arrays left in the decoder's parent manager");
        parent.close();
        models.close();
    }

    private <B extends Block> B init(B block, DataType type) {
        block.initialize(models, type, new Shape(1, 1));
        return block;
    }

    // ---- the successor task: logits depend on the current token only ----

    @Test
    void successorCountsOnModuloVocabulary() {
        Block block = init(TableBlock.successor(10, DataType.FLOAT32), DataType.FLOAT32);
        GreedyDecoder decoder = GreedyDecoder.of(block, parent, 4);
        assertArrayEquals(new long[] {4, 5, 6, 7, 8, 9, 0, 1}, decoder.generate(new long[] {3}, 8));
        long[][] out = decoder.generate(new long[][] {{0, 7}, {5, 9}, {2, 2}}, 3);
        assertArrayEquals(new long[] {8, 9, 0}, out[0]);
        assertArrayEquals(new long[] {0, 1, 2}, out[1]);
        assertArrayEquals(new long[] {3, 4, 5}, out[2]);
    }

    @Test
    void float64LogitsDecodeLikeFloat32() {
        Block single = init(TableBlock.successor(7, DataType.FLOAT32), DataType.FLOAT32);
        Block dbl = init(TableBlock.successor(7, DataType.FLOAT64), DataType.FLOAT64);
        long[][] prompts = {{1, 2, 3}, {6, 6, 6}, {0, 4, 5}};
        long[][] expected = GreedyDecoder.of(single, parent, 5).generate(prompts, 9);
        assertArrayEquals(expected, GreedyDecoder.of(dbl, parent, 5).generate(prompts, 9));
        float[][][] logits = GreedyDecoder.of(dbl, parent, 5).logits(new long[][] {{6, 0}});
        assertArrayEquals(new float[] {1, 0, 0, 0, 0, 0, 0}, logits[0][0]);
        assertArrayEquals(new float[] {0, 1, 0, 0, 0, 0, 0}, logits[0][1]);
    }

    @Test
    void argmaxTiesGoToTheLowestTokenId() {
        // row i has equal maxima at (i + 2) mod 6 and (i + 4) mod 6
        double[][] table = new double[6][6];
        for (int i = 0; i < 6; i++) {
            table[i][(i + 2) % 6] = 1;
            table[i][(i + 4) % 6] = 1;
        }
        Block ties = init(new TableBlock(table, DataType.FLOAT32), DataType.FLOAT32);
        // 3 -> {5, 1} -> 1 -> {3, 5} -> 3 -> ...
        assertArrayEquals(new long[] {1, 3, 1, 3}, GreedyDecoder.of(ties, parent, 2).generate(new long[] {3}, 4));
        Block flat = init(new TableBlock(new double[5][5], DataType.FLOAT32), DataType.FLOAT32);
        assertArrayEquals(new long[] {0, 0, 0}, GreedyDecoder.of(flat, parent, 2).generate(new long[] {4}, 3));
    }

    // ---- the copy task: logits depend on earlier positions of the cropped window ----

    /** What the copy-back model predicts for a whole sequence, computed in plain Java. */
    private static long[] copyBackReference(long[] prompt, int steps, int k, int context) {
        List<Long> seq = new ArrayList<>();
        for (long token : prompt) {
            seq.add(token);
        }
        long[] out = new long[steps];
        for (int i = 0; i < steps; i++) {
            int windowStart = Math.max(0, seq.size() - context);
            int windowLength = seq.size() - windowStart;
            long next = seq.get(windowStart + Math.max(0, windowLength - k));
            seq.add(next);
            out[i] = next;
        }
        return out;
    }

    @Test
    void copyModelRepeatsThePatternWhenTheContextHoldsIt() {
        Block block = init(new CopyBackBlock(10, 3), DataType.FLOAT32);
        long[] out = GreedyDecoder.of(block, parent, 8).generate(new long[] {5, 6, 7}, 7);
        assertArrayEquals(new long[] {5, 6, 7, 5, 6, 7, 5}, out);
        assertArrayEquals(copyBackReference(new long[] {5, 6, 7}, 7, 3, 8), out);
    }

    @Test
    void croppingTheContextChangesTheResultExactlyAsTheReferenceSays() {
        Block block = init(new CopyBackBlock(10, 3), DataType.FLOAT32);
        // window of two: position 1 attends to max(0, 1 + 1 - 3) = 0, the second-to-last token
        long[] cropped = GreedyDecoder.of(block, parent, 2).generate(new long[] {5, 6, 7}, 5);
        assertArrayEquals(new long[] {6, 7, 6, 7, 6}, cropped);
        // window of one: the model sees only the last token and repeats it
        assertArrayEquals(new long[] {7, 7, 7}, GreedyDecoder.of(block, parent, 1).generate(new long[] {5, 6, 7}, 3));

        Random random = new Random(11);
        long[][] prompts = new long[40][6];
        for (long[] row : prompts) {
            for (int t = 0; t < row.length; t++) {
                row[t] = random.nextInt(10);
            }
        }
        for (int k = 1; k <= 5; k++) {
            Block copy = init(new CopyBackBlock(10, k), DataType.FLOAT32);
            for (int context = 1; context <= 7; context++) {
                long[][] out = GreedyDecoder.builder(copy, parent, context).batchSize(16).build().generate(prompts, 9);
                for (int r = 0; r < prompts.length; r++) {
                    assertArrayEquals(copyBackReference(prompts[r], 9, k, context), out[r],
                            "k=" + k + " context=" + context + " row " + r);
                }
            }
        }
    }

    // ---- a random model: batching, chunking and a row-by-row reference ----

    private static long[][] randomPrompts(int rows, int length, int vocab, long seed) {
        Random random = new Random(seed);
        long[][] prompts = new long[rows][length];
        for (long[] row : prompts) {
            for (int t = 0; t < length; t++) {
                row[t] = random.nextInt(vocab);
            }
        }
        return prompts;
    }

    /** Lowest index of the maximum, written independently of the decoder. */
    private static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void chunkedBatchesMatchOneBigBatchAndARowByRowReference() {
        int vocab = 12;
        int context = 9;
        Block block = init(new RandomMixBlock(vocab, 6, context, 5), DataType.FLOAT64);
        long[][] prompts = randomPrompts(101, 5, vocab, 3);
        int steps = 8;
        long[][] big = GreedyDecoder.of(block, parent, context).generate(prompts, steps);
        for (int batch : new int[] {1, 7, 100}) {
            long[][] chunked = GreedyDecoder.builder(block, parent, context).batchSize(batch).build()
                    .generate(prompts, steps);
            assertArrayEquals(big, chunked, "batch size " + batch);
        }
        // reference: one row at a time, full logits of the cropped window, argmax in Java
        GreedyDecoder single = GreedyDecoder.of(block, parent, context);
        for (int r = 0; r < prompts.length; r += 10) {
            List<Long> seq = new ArrayList<>();
            for (long token : prompts[r]) {
                seq.add(token);
            }
            for (int i = 0; i < steps; i++) {
                List<Long> window = seq.subList(Math.max(0, seq.size() - context), seq.size());
                long[] input = window.stream().mapToLong(Long::longValue).toArray();
                float[][] logits = single.logits(new long[][] {input})[0];
                seq.add((long) argmax(logits[input.length - 1]));
            }
            long[] expected = seq.subList(prompts[r].length, seq.size()).stream().mapToLong(Long::longValue).toArray();
            assertArrayEquals(expected, big[r], "row " + r);
        }
        // the output really depends on the window: a shorter context decodes differently somewhere
        assertFalse(Arrays.deepEquals(big, GreedyDecoder.of(block, parent, 3).generate(prompts, steps)));
    }

    @Test
    void progressReportsRowsDonePerChunk() {
        Block block = init(TableBlock.successor(10, DataType.FLOAT32), DataType.FLOAT32);
        List<Integer> seen = new ArrayList<>();
        GreedyDecoder decoder = GreedyDecoder.builder(block, parent, 3).batchSize(3).progress(seen::add).build();
        long[][] out = decoder.generate(randomPrompts(7, 2, 10, 1), 2);
        assertEquals(7, out.length);
        assertEquals(List.of(3, 6, 7), seen);
        assertEquals(0, decoder.generate(new long[0][], 2).length);
    }

    // ---- memory and autograd hygiene ----

    @Test
    void nativeMemoryStaysFlatAcrossSteps() {
        // guard: sub-managers' arrays do show up in the parent's count, so the checks below can fail
        NDManager probe = parent.newSubManager();
        probe.create(1f);
        assertEquals(1, parent.getManagedArrays().size());
        probe.close();
        assertEquals(0, parent.getManagedArrays().size());

        Block inner = init(new CopyBackBlock(10, 2), DataType.FLOAT32);
        List<Integer> counts = new ArrayList<>();
        Block counting = new Wrapper(inner, x -> counts.add(parent.getManagedArrays().size()));
        int modelArrays = models.getManagedArrays().size();
        long[][] out = GreedyDecoder.builder(counting, parent, 4).batchSize(5).build()
                .generate(randomPrompts(12, 5, 10, 2), 30);
        assertEquals(12, out.length);
        assertEquals(3 * 30, counts.size());
        // every forward once cropping is on sees the same number of live arrays: nothing piles up step by step
        assertEquals(1, counts.stream().distinct().count(), "live arrays per step: " + counts);
        assertEquals(modelArrays, models.getManagedArrays().size(), "arrays left in the model's manager");
    }

    @Test
    void noGradientIsRecordedEvenWhereGradModeIsOn() throws InterruptedException {
        Block inner = init(TableBlock.successor(10, DataType.FLOAT32), DataType.FLOAT32);
        List<Boolean> gradModeInForward = new ArrayList<>();
        Block probing = new Wrapper(inner, x -> gradModeInForward.add(JniUtils.isGradMode()));
        GreedyDecoder decoder = GreedyDecoder.of(probing, parent, 4);
        AtomicReference<Object> result = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                JniUtils.setGradMode(true);
                long[] out = decoder.generate(new long[] {1}, 3);
                result.set(new Object[] {out, JniUtils.isGradMode()});
            } catch (RuntimeException e) {
                result.set(e);
            }
        });
        thread.start();
        thread.join();
        assertTrue(result.get() instanceof Object[], () -> "decoding failed: " + result.get());
        Object[] outcome = (Object[]) result.get();
        assertArrayEquals(new long[] {2, 3, 4}, (long[]) outcome[0]);
        assertEquals(List.of(false, false, false), gradModeInForward);
        assertTrue((Boolean) outcome[1], "grad mode restored after the call");
    }

    // ---- validation ----

    @Test
    void rejectsBadArguments() {
        Block block = init(TableBlock.successor(10, DataType.FLOAT32), DataType.FLOAT32);
        assertEquals("contextLength must be >= 1: 0",
                assertThrows(IllegalArgumentException.class, () -> GreedyDecoder.of(block, parent, 0)).getMessage());
        assertEquals("contextLength must be >= 1: -3",
                assertThrows(IllegalArgumentException.class, () -> GreedyDecoder.builder(block, parent, -3))
                        .getMessage());
        assertEquals("batchSize must be >= 1: 0", assertThrows(IllegalArgumentException.class,
                () -> GreedyDecoder.builder(block, parent, 2).batchSize(0)).getMessage());
        GreedyDecoder decoder = GreedyDecoder.of(block, parent, 2);
        assertEquals("steps must be >= 1: 0", assertThrows(IllegalArgumentException.class,
                () -> decoder.generate(new long[] {1}, 0)).getMessage());
        assertEquals("prompts[2] has length 3 but prompts[0] has length 2", assertThrows(
                IllegalArgumentException.class,
                () -> decoder.generate(new long[][] {{1, 2}, {3, 4}, {5, 6, 7}}, 1)).getMessage());
        assertEquals("prompts[0] must not be empty", assertThrows(IllegalArgumentException.class,
                () -> decoder.generate(new long[0], 1)).getMessage());
        assertEquals("prompts[1]", assertThrows(NullPointerException.class,
                () -> decoder.generate(new long[][] {{1}, null}, 1)).getMessage());
        assertEquals("tokens length must be <= contextLength 2: 3", assertThrows(IllegalArgumentException.class,
                () -> decoder.logits(new long[][] {{1, 2, 3}})).getMessage());
    }

    @Test
    void rejectsBlocksThatDoNotReturnSequenceLogits() {
        Block inner = init(TableBlock.successor(6, DataType.FLOAT32), DataType.FLOAT32);
        Block lastOnly = new Wrapper(inner, null) {
            @Override
            protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                    PairList<String, Object> params) {
                NDArray logits = super.forwardInternal(store, inputs, training, params).singletonOrThrow();
                return new NDList(logits.get(":, -1, :"));
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GreedyDecoder.of(lastOnly, parent, 4).generate(new long[][] {{1, 2, 3}, {4, 5, 0}}, 1));
        assertEquals("block must return logits shaped (B, T, V) for input shape (2, 3): (2, 6)", e.getMessage());
        Block integer = new Wrapper(inner, null) {
            @Override
            protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                    PairList<String, Object> params) {
                NDArray logits = super.forwardInternal(store, inputs, training, params).singletonOrThrow();
                return new NDList(logits.toType(DataType.INT32, false));
            }
        };
        assertEquals("block must return floating-point logits: int32", assertThrows(IllegalStateException.class,
                () -> GreedyDecoder.of(integer, parent, 4).generate(new long[] {1}, 1)).getMessage());
        assertEquals(0, parent.getManagedArrays().size(), "a failed call still closes its managers");
    }

    /** Delegates to another block and calls a hook with the input first. */
    private static class Wrapper extends AbstractBlock {
        private final Block inner;
        private final Consumer<NDArray> hook;

        Wrapper(Block inner, Consumer<NDArray> hook) {
            this.inner = inner;
            this.hook = hook;
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                PairList<String, Object> params) {
            if (hook != null) {
                hook.accept(inputs.singletonOrThrow());
            }
            return inner.forward(store, inputs, training, params);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inner.getOutputShapes(inputShapes);
        }
    }
}
