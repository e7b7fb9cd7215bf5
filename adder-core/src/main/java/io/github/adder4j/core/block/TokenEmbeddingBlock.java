package io.github.adder4j.core.block;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.github.adder4j.core.Options.Embedding;
import io.github.adder4j.core.params.Component;
import java.util.function.Consumer;

/**
 * The token table {@code E (vocab, dims)}, also the tied output classifier.
 * <ul>
 *   <li>table: {@code vocab*dims}; low rank: {@code r*(vocab+dims)};</li>
 *   <li>arc: {@code e(k) = A [cos(s + k tau), sin(s + k tau), 0...]}: 3;</li>
 *   <li>arc2: {@code [A1 cos(s + k tau), A2 sin(s + k tau), 0...]}: 4;</li>
 *   <li>parabolic: {@code [c0 - c1 k^2, -k]}: 2.</li>
 * </ul>
 *
 * <p>Standalone: {@code tokens (..., T) int64 -> (..., T, dims)}; its parameters are named {@code token.*}.
 */
public final class TokenEmbeddingBlock extends ModelBlock {
    final Embedding kind;
    final int vocab;
    final int dims;
    final int rank;
    Parameter table;
    Parameter a;
    Parameter b;
    Parameter amplitude;
    Parameter amplitude2;
    Parameter start;
    Parameter stride;
    Parameter c0;
    Parameter c1;

    /**
     * @param kind  how the table is parameterised
     * @param vocab number of token ids
     * @param dims  width of an embedding
     * @param rank  rank of a {@link Embedding#LOW_RANK} table, else ignored
     * @param dtype parameter type
     * @throws IllegalArgumentException when vocab or dims is not positive
     */
    public TokenEmbeddingBlock(Embedding kind, int vocab, int dims, int rank, DataType dtype) {
        super(dtype);
        if (vocab <= 0 || dims <= 0) {
            throw new IllegalArgumentException("token embedding needs positive sizes: vocab=" + vocab + ", dims=" + dims);
        }
        this.kind = kind;
        this.vocab = vocab;
        this.dims = dims;
        this.rank = rank;
        switch (kind) {
            case TABLE -> table = learned("token.table", vocab, dims);
            case LOW_RANK -> {
                a = learned("token.A", vocab, rank);
                b = learned("token.B", rank, dims);
            }
            case ARC, ARC2 -> {
                amplitude = learned("token.arc.amplitude", 1);
                if (kind == Embedding.ARC2) {
                    amplitude2 = learned("token.arc.amplitude2", 1);
                }
                start = learned("token.arc.start", 1);
                stride = learned("token.arc.stride", 1);
            }
            case PARABOLIC -> {
                c0 = learned("token.parabola.c0", 1);
                c1 = learned("token.parabola.c1", 1);
            }
        }
    }

    /** The table {@code E (vocab, dims)}. */
    NDArray table(Fwd f) {
        switch (kind) {
            case TABLE:
                return f.p(table);
            case LOW_RANK:
                return f.own(f.p(a).matMul(f.p(b)));
            case ARC:
            case ARC2: {
                NDArray angle = f.constant(ks(1), new Shape(vocab)).mul(f.p(stride)).add(f.p(start)); // (vocab)
                NDArray cos = angle.cos().mul(f.p(amplitude));
                NDArray sin = angle.sin().mul(f.p(amplitude2 != null ? amplitude2 : amplitude));
                return pad(f, NDArrays.stack(new NDList(cos, sin), -1));          // (vocab, dims)
            }
            case PARABOLIC: {
                NDArray first = f.constant(ks(2), new Shape(vocab)).mul(f.p(c1)).neg().add(f.p(c0)); // c0 - c1 k^2
                NDArray second = f.constant(ks(1), new Shape(vocab)).neg().broadcast(first.getShape()); // -k
                return NDArrays.stack(new NDList(first, second), -1);                              // (vocab, 2)
            }
            default:
                throw new IllegalStateException("unknown embedding " + kind);
        }
    }

    /** {@code tokens (B, T) -> (B, T, dims)}: the table's rows (exact, and differentiable through the table). */
    NDArray embed(Fwd f, NDArray tokens, NDArray table) {
        return f.lookup(table, tokens);                                                 // table[tok]
    }

    @Override
    NDList forward(Fwd f, NDList inputs) {
        return new NDList(embed(f, inputs.head(), table(f)));
    }

    @Override
    void checkInputs(NDList inputs) {
        NDArray tokens = inputs.head();
        if (tokens.getDataType() != DataType.INT64 || tokens.getShape().dimension() < 1) {
            throw new IllegalArgumentException("TokenEmbeddingBlock expects int64 token ids (..., T), got " + tokens.getDataType()
                    + " " + tokens.getShape());
        }
    }

    @Override
    String blockName() {
        return "token";
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(dims)};
    }

    private NDArray pad(Fwd f, NDArray twoColumns) {
        if (dims == 2) {
            return twoColumns;
        }
        Shape s = twoColumns.getShape();                                             // (vocab, 2)
        return twoColumns.concat(f.manager.zeros(s.slice(0, s.dimension() - 1).add(dims - 2), f.dtype), -1);
    }

    private double[] ks(int power) {
        double[] k = new double[vocab];
        for (int i = 0; i < vocab; i++) {
            k[i] = Math.pow(i, power);
        }
        return k;
    }

    void initialize(Seeded r) {
        switch (kind) {
            case TABLE -> r.table(table, dims);
            case LOW_RANK -> r.tableFactors(a, b, rank, dims);
            case ARC, ARC2 -> {
                r.fill(amplitude, 2.5);
                if (amplitude2 != null) {
                    r.fill(amplitude2, 2.5);
                }
                r.fill(start, -1.2);
                r.fill(stride, 0.29);
            }
            case PARABOLIC -> {
                r.fill(c0, 1000.0);
                r.fill(c1, 0.001);
            }
        }
    }

    @Override
    void describe(Consumer<Component> sink) {
        for (Parameter p : ownParameters()) {
            sink.accept(Component.learned(p.getName(), p.getShape().getShape(), note(p)));
        }
    }

    private String note(Parameter p) {
        return switch (kind) {
            case TABLE -> "token table " + vocab + "x" + dims;
            case LOW_RANK -> "low-rank token table, rank " + rank;
            case ARC -> "circular arc A [cos(s+k tau), sin(s+k tau)]";
            case ARC2 -> "arc with two amplitudes";
            case PARABOLIC -> "parabolic [c0 - c1 k^2, -k]";
        };
    }
}
