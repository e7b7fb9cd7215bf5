package io.github.adder4j.core.decode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Random;

/** Small fixed-weight DJL blocks for tasks that have nothing to do with addition. */
final class ToyBlocks {

    private ToyBlocks() { }

    /** A parameter holding fixed values, created in the block's manager on initialization. */
    static Parameter fixed(String name, double[] values, Shape shape) {
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.WEIGHT)
                .optShape(shape)
                .optInitializer((manager, s, type) -> manager.create(values, s).toType(type, false))
                .build();
    }

    /** Row-major flattening. */
    static double[] flat(double[][] rows) {
        int cols = rows[0].length;
        double[] out = new double[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, out, r * cols, cols);
        }
        return out;
    }

    /**
     * Logits at position t are row {@code x_t} of a V x V table (one-hot embedding times the table). With a
     * permutation table mapping i to i+1 mod V this is the "successor" task.
     */
    static final class TableBlock extends AbstractBlock {
        private final int vocab;
        private final DataType type;
        private final Parameter table;

        TableBlock(double[][] table, DataType type) {
            this.vocab = table.length;
            this.type = type;
            this.table = addParameter(fixed("table", flat(table), new Shape(vocab, vocab)));
        }

        static TableBlock successor(int vocab, DataType type) {
            double[][] table = new double[vocab][vocab];
            for (int i = 0; i < vocab; i++) {
                table[i][(i + 1) % vocab] = 1;
            }
            return new TableBlock(table, type);
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            NDArray w = store.getValue(table, x.getDevice(), training);
            return new NDList(x.oneHot(vocab, type).matMul(w));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {inputShapes[0].add(vocab)};
        }
    }

    /**
     * One fixed attention head over one-hot tokens: position t attends to position t + 1 - k of its input window
     * (to position 0 while that does not exist), so the model predicts the token k - 1 places back. Scores are
     * {@code -sharpness * (s - (t + 1 - k))^2} with a causal mask; sharpness is a parameter.
     */
    static final class CopyBackBlock extends AbstractBlock {
        private final int vocab;
        private final int k;
        private final Parameter sharpness;

        CopyBackBlock(int vocab, int k) {
            this.vocab = vocab;
            this.k = k;
            this.sharpness = addParameter(fixed("sharpness", new double[] {10}, new Shape(1)));
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            int length = (int) x.getShape().get(1);
            float[] distance = new float[length * length];
            float[] mask = new float[length * length];
            for (int t = 0; t < length; t++) {
                for (int s = 0; s < length; s++) {
                    double d = s - (t + 1 - k);
                    distance[t * length + s] = (float) (-d * d);
                    mask[t * length + s] = s <= t ? 0f : Float.NEGATIVE_INFINITY;
                }
            }
            NDManager m = x.getManager();
            NDArray sharp = store.getValue(sharpness, x.getDevice(), training);
            NDArray scores = m.create(distance, new Shape(length, length)).mul(sharp)
                    .add(m.create(mask, new Shape(length, length)));
            NDArray attention = scores.softmax(1);
            return new NDList(attention.matMul(x.oneHot(vocab)));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {inputShapes[0].add(vocab)};
        }
    }

    /**
     * A random float64 model whose prediction depends on the whole window and on absolute positions: embedding plus
     * position vectors, causal running mean, tanh, unembedding.
     */
    static final class RandomMixBlock extends AbstractBlock {
        private final int vocab;
        private final int width;
        private final int maxLength;
        private final Parameter embedding;
        private final Parameter positions;
        private final Parameter unembedding;

        RandomMixBlock(int vocab, int width, int maxLength, long seed) {
            this.vocab = vocab;
            this.width = width;
            this.maxLength = maxLength;
            Random random = new Random(seed);
            this.embedding = addParameter(fixed("embedding", gaussian(random, vocab * width), new Shape(vocab, width)));
            this.positions = addParameter(
                    fixed("positions", gaussian(random, maxLength * width), new Shape(maxLength, width)));
            this.unembedding = addParameter(
                    fixed("unembedding", gaussian(random, width * vocab), new Shape(width, vocab)));
        }

        private static double[] gaussian(Random random, int n) {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = random.nextGaussian();
            }
            return out;
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            int length = (int) x.getShape().get(1);
            if (length > maxLength) {
                throw new IllegalArgumentException("input longer than " + maxLength + ": " + length);
            }
            double[] mean = new double[length * length];
            for (int t = 0; t < length; t++) {
                for (int s = 0; s <= t; s++) {
                    mean[t * length + s] = 1.0 / (t + 1);
                }
            }
            NDManager m = x.getManager();
            NDArray e = store.getValue(embedding, x.getDevice(), training);
            NDArray p = store.getValue(positions, x.getDevice(), training);
            NDArray u = store.getValue(unembedding, x.getDevice(), training);
            // slicing into the input's manager keeps the slice out of the parameter's manager
            NDArray h = x.oneHot(vocab, DataType.FLOAT64).matMul(e)
                    .add(p.get(m, new NDIndex().addSliceDim(0, length)));
            NDArray mixed = m.create(mean, new Shape(length, length)).matMul(h).tanh();
            return new NDList(mixed.matMul(u));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {inputShapes[0].add(vocab)};
        }
    }
}
