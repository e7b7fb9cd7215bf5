package io.github.adder4j.core.decode;

import io.github.adder4j.core.engine.GradMode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.Objects;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batched greedy autoregressive decoding for any DJL {@link Block}: it knows nothing about the task.
 *
 * <p>Contract with the model: {@code block.forward(parameterStore, new NDList(tokens), false)} takes one int64 array
 * of token ids shaped (B, T) and returns an {@link NDList} whose first array holds the logits shaped (B, T, V), in any
 * floating-point type. The block must already be initialized.
 *
 * <p>Every step crops the current sequence to its last {@link #contextLength()} tokens, runs one forward pass, takes
 * the argmax of the logits at the last position and appends that token; the next step feeds it back. The number of
 * steps is fixed by the caller: there is no stop token, no per-position rule and no task knowledge, so the same decoder
 * runs any checkpoint on any task (the AdderBoard rule for a generic generation loop).
 *
 * <p>Argmax ties resolve to the lowest token id (the semantics of {@code torch.argmax}, which the PyTorch engine
 * calls); a NaN logit counts as the maximum, also as in torch.
 *
 * <p>Memory: each chunk of at most {@link #batchSize()} rows lives in its own sub-manager of the manager given to the
 * builder, each step in a sub-manager of that, and both are closed before returning, so the parent manager holds no
 * more arrays after a call than before. Arrays that a block itself creates from its parameters land in the block's own
 * manager and are the block's responsibility: DJL puts an op's result in the manager of its first operand, so a block
 * whose ops start from the input (as {@code Linear} and {@code Embedding} do) leaves nothing behind.
 *
 * <p>Gradients: forwards run with {@code training = false} and a {@code ParameterStore(manager, false)}; on the
 * PyTorch engine the thread's autograd mode is switched off for the duration of a call and restored afterwards, so no
 * graph is recorded even inside an open gradient collector or on a fresh thread (where libtorch starts with grad
 * mode on).
 *
 * <p>A decoder holds no mutable state; it is as thread-safe as its block.
 */
public final class GreedyDecoder {

    /** Default number of rows per forward pass. */
    public static final int DEFAULT_BATCH_SIZE = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(GreedyDecoder.class);
    private static final IntConsumer NO_PROGRESS = rows -> { };

    private final Block block;
    private final NDManager manager;
    private final int contextLength;
    private final int batchSize;
    private final IntConsumer progress;
    private final boolean cached;

    private GreedyDecoder(Builder builder) {
        this.block = builder.block;
        this.manager = builder.manager;
        this.contextLength = builder.contextLength;
        this.batchSize = builder.batchSize;
        this.progress = builder.progress;
        this.cached = builder.cached;
    }

    /**
     * Starts a builder.
     *
     * @param block the initialized model
     * @param manager the parent manager; every call works in sub-managers of it and closes them
     * @param contextLength the longest input the model accepts; inputs are cropped to their last contextLength tokens
     * @return a builder with the default batch size and no progress listener
     * @throws IllegalArgumentException if contextLength &lt;= 0
     */
    public static Builder builder(Block block, NDManager manager, int contextLength) {
        return new Builder(block, manager, contextLength);
    }

    /**
     * A decoder with the default batch size and no progress listener.
     *
     * @param block the initialized model
     * @param manager the parent manager
     * @param contextLength the longest input the model accepts
     * @return the decoder
     * @throws IllegalArgumentException if contextLength &lt;= 0
     */
    public static GreedyDecoder of(Block block, NDManager manager, int contextLength) {
        return builder(block, manager, contextLength).build();
    }

    /** @return the model this decoder runs */
    public Block block() {
        return block;
    }

    /** @return the longest input fed to the model; longer sequences are cropped to their last tokens */
    public int contextLength() {
        return contextLength;
    }

    /** @return the most rows per forward pass */
    public int batchSize() {
        return batchSize;
    }

    /**
     * Greedily generates {@code steps} tokens after each prompt.
     *
     * @param prompts the prompts, all of the same non-zero length
     * @param steps the number of tokens to generate per prompt, at least 1
     * @return the generated tokens only: {@code prompts.length} rows of {@code steps} token ids
     * @throws IllegalArgumentException if steps &lt; 1, a prompt is empty or the prompts differ in length
     * @throws IllegalStateException if the block returns logits of the wrong shape
     */
    public long[][] generate(long[][] prompts, int steps) {
        int promptLength = validatePrompts(prompts);
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1: " + steps);
        }
        long[][] out = new long[prompts.length][];
        if (prompts.length == 0) {
            return out;
        }
        long started = System.nanoTime();
        try (GradMode off = GradMode.off(manager)) {
            for (int from = 0; from < prompts.length; from += batchSize) {
                int to = Math.min(prompts.length, from + batchSize);
                generateChunk(prompts, from, to, promptLength, steps, out);
                progress.accept(to);
            }
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("decoded {} rows x {} steps (prompt length {}, context {}) in {} ms", prompts.length, steps,
                    promptLength, contextLength, (System.nanoTime() - started) / 1_000_000);
        }
        return out;
    }

    /**
     * Greedily generates {@code steps} tokens after one prompt.
     *
     * @param prompt the prompt, not empty
     * @param steps the number of tokens to generate, at least 1
     * @return the {@code steps} generated tokens
     * @throws IllegalArgumentException if steps &lt; 1 or the prompt is empty
     */
    public long[] generate(long[] prompt, int steps) {
        Objects.requireNonNull(prompt, "prompt");
        return generate(new long[][] {prompt}, steps)[0];
    }

    /**
     * Runs one full forward pass (no cropping) and returns every logit, converted to float.
     *
     * @param tokens the input rows, all of the same length in [1, contextLength]
     * @return the logits as {@code [row][position][token]}
     * @throws IllegalArgumentException if the rows are empty, differ in length or are longer than the context
     * @throws IllegalStateException if the block returns logits of the wrong shape
     */
    public float[][][] logits(long[][] tokens) {
        int length = validatePrompts(tokens);
        if (length > contextLength) {
            throw new IllegalArgumentException(
                    "tokens length must be <= contextLength " + contextLength + ": " + length);
        }
        float[][][] out = new float[tokens.length][][];
        try (GradMode off = GradMode.off(manager)) {
            for (int from = 0; from < tokens.length; from += batchSize) {
                int to = Math.min(tokens.length, from + batchSize);
                try (NDManager chunk = manager.newSubManager()) {
                    NDArray input = chunk.create(flatten(tokens, from, to, length), new Shape(to - from, length));
                    NDArray logits = forward(new ParameterStore(chunk, false), input);
                    int vocab = (int) logits.getShape().get(2);
                    float[] flat = logits.toType(DataType.FLOAT32, false).toFloatArray();
                    for (int r = from; r < to; r++) {
                        float[][] row = new float[length][vocab];
                        int base = (r - from) * length * vocab;
                        for (int t = 0; t < length; t++) {
                            System.arraycopy(flat, base + t * vocab, row[t], 0, vocab);
                        }
                        out[r] = row;
                    }
                }
            }
        }
        return out;
    }

    /**
     * Whether {@link #generate} continues sequences from cached keys and values: the block is an {@link IncrementalBlock},
     * caching was not turned off, and the whole sequence fits the context (past it, the window slides and positions shift,
     * so every step is recomputed).
     */
    boolean usesCache(int promptLength, int steps) {
        return cached && block instanceof IncrementalBlock && promptLength + steps - 1 <= contextLength;
    }

    private void generateChunk(long[][] prompts, int from, int to, int promptLength, int steps, long[][] out) {
        if (usesCache(promptLength, steps)) {
            generateCached((IncrementalBlock) block, prompts, from, to, promptLength, steps, out);
            return;
        }
        int rows = to - from;
        try (NDManager chunk = manager.newSubManager()) {
            ParameterStore store = new ParameterStore(chunk, false);
            NDArray tokens = chunk.create(flatten(prompts, from, to, promptLength), new Shape(rows, promptLength));
            int length = promptLength;
            for (int step = 0; step < steps; step++) {
                try (NDManager stepManager = chunk.newSubManager()) {
                    // the old sequence and everything computed from it die with this step
                    tokens.attach(stepManager);
                    NDArray input = length > contextLength
                            ? tokens.get(new NDIndex().addAllDim().addSliceDim(length - contextLength, length))
                            : tokens;
                    NDArray logits = forward(store, input);
                    long inputLength = input.getShape().get(1);
                    NDArray next = logits.get(new NDIndex().addAllDim().addIndices(inputLength - 1))
                            .argMax(1)
                            .toType(DataType.INT64, false)
                            .reshape(rows, 1);
                    NDArray longer = tokens.concat(next, 1);
                    longer.attach(chunk);
                    tokens = longer;
                    length++;
                }
            }
            long[] flat = tokens.get(new NDIndex().addAllDim().addSliceDim(promptLength, length)).toLongArray();
            for (int r = 0; r < rows; r++) {
                long[] row = new long[steps];
                System.arraycopy(flat, r * steps, row, 0, steps);
                out[from + r] = row;
            }
        }
    }

    /** One forward pass with shape checks; the logits belong to whatever manager the block's ops put them in. */
    /** The cached loop: the prompt once, then one new position per step. */
    private void generateCached(IncrementalBlock incremental, long[][] prompts, int from, int to, int promptLength, int steps,
                                long[][] out) {
        int rows = to - from;
        long[][] generated = new long[steps][];
        try (NDManager chunk = manager.newSubManager()) {
            ParameterStore store = new ParameterStore(chunk, false);
            KeyValueCache cache = incremental.newCache(chunk);
            NDArray input = chunk.create(flatten(prompts, from, to, promptLength), new Shape(rows, promptLength));
            for (int step = 0; step < steps; step++) {
                try (NDManager stepManager = chunk.newSubManager()) {
                    input.attach(stepManager);
                    NDArray next = incremental.nextTokenLogits(store, input, cache)                  // (B, V)
                            .argMax(1)
                            .toType(DataType.INT64, false)
                            .reshape(rows, 1);                                                       // (B, 1)
                    generated[step] = next.toLongArray();
                    next.attach(chunk);
                    input = next;
                }
            }
        }
        for (int r = 0; r < rows; r++) {
            long[] row = new long[steps];
            for (int step = 0; step < steps; step++) {
                row[step] = generated[step][r];
            }
            out[from + r] = row;
        }
    }

    private NDArray forward(ParameterStore store, NDArray input) {
        NDList result = block.forward(store, new NDList(input), false);
        if (result == null || result.isEmpty()) {
            throw new IllegalStateException("block returned no output for input shape " + input.getShape());
        }
        NDArray logits = result.get(0);
        Shape shape = logits.getShape();
        if (shape.dimension() != 3 || shape.get(0) != input.getShape().get(0)
                || shape.get(1) != input.getShape().get(1)) {
            throw new IllegalStateException("block must return logits shaped (B, T, V) for input shape "
                    + input.getShape() + ": " + shape);
        }
        if (!logits.getDataType().isFloating()) {
            throw new IllegalStateException("block must return floating-point logits: " + logits.getDataType());
        }
        return logits;
    }

    private static int validatePrompts(long[][] prompts) {
        Objects.requireNonNull(prompts, "prompts");
        int length = -1;
        for (int r = 0; r < prompts.length; r++) {
            long[] row = prompts[r];
            if (row == null) {
                throw new NullPointerException("prompts[" + r + "]");
            }
            if (r == 0) {
                if (row.length == 0) {
                    throw new IllegalArgumentException("prompts[0] must not be empty");
                }
                length = row.length;
            } else if (row.length != length) {
                throw new IllegalArgumentException("prompts[" + r + "] has length " + row.length
                        + " but prompts[0] has length " + length);
            }
        }
        return length;
    }

    private static long[] flatten(long[][] rows, int from, int to, int length) {
        long[] flat = new long[(to - from) * length];
        for (int r = from; r < to; r++) {
            System.arraycopy(rows[r], 0, flat, (r - from) * length, length);
        }
        return flat;
    }

    /** Builds a {@link GreedyDecoder}; the block, parent manager and context length are required. */
    public static final class Builder {
        private final Block block;
        private final NDManager manager;
        private final int contextLength;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private IntConsumer progress = NO_PROGRESS;
        private boolean cached = true;

        private Builder(Block block, NDManager manager, int contextLength) {
            this.block = Objects.requireNonNull(block, "block");
            this.manager = Objects.requireNonNull(manager, "manager");
            if (contextLength <= 0) {
                throw new IllegalArgumentException("contextLength must be >= 1: " + contextLength);
            }
            this.contextLength = contextLength;
        }

        /**
         * Sets the most rows per forward pass (default {@value GreedyDecoder#DEFAULT_BATCH_SIZE}).
         *
         * @param batchSize at least 1
         * @return this builder
         * @throws IllegalArgumentException if batchSize &lt;= 0
         */
        public Builder batchSize(int batchSize) {
            if (batchSize <= 0) {
                throw new IllegalArgumentException("batchSize must be >= 1: " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Sets a listener told the total number of rows finished after each chunk of a
         * {@link GreedyDecoder#generate(long[][], int)} call.
         *
         * @param progress the listener, called on the decoding thread
         * @return this builder
         */
        public Builder progress(IntConsumer progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /**
         * Whether to continue sequences from cached keys and values when the block is an {@link IncrementalBlock} (the
         * default); false recomputes the whole prefix at every step, the reference the cache is tested against.
         *
         * @param cached true to use the block's cache where it can
         * @return this builder
         */
        public Builder cached(boolean cached) {
            this.cached = cached;
            return this;
        }

        /** @return the decoder */
        public GreedyDecoder build() {
            return new GreedyDecoder(this);
        }
    }
}
