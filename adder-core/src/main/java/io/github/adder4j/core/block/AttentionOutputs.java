package io.github.adder4j.core.block;

import ai.djl.ndarray.NDArray;
import io.github.adder4j.core.AttentionSpec;
import io.github.adder4j.core.Projection;
import io.github.adder4j.core.params.Component;
import java.util.function.Consumer;

/**
 * How the heads' output {@code (B, T, H vd)} returns to the residual {@code (B, T, d)}: one small strategy per way, chosen
 * once by {@link #of}.
 */
interface AttentionOutputs {

    /** {@code att (B, T, H vd) -> (B, T, d)}. */
    NDArray apply(Fwd f, NDArray att);

    /**
     * The heads' mix and this output in one: {@code weights (B, H, T, keys)}, {@code v (B, H, keys, vd) -> (B, T, d)}, the
     * output's product in {@code out}'s layout (rows, or columns {@code (d, M)}: {@link Fwd#columns()}). This default mixes,
     * then applies {@link #apply(Fwd, NDArray)}; a strategy may reorder the products.
     */
    default NDArray apply(Fwd f, Fwd out, AttentionCore core, NDArray weights, NDArray v) {
        return apply(out, out.fromRows(core.mix(weights, v)));                                               // (B, T, H vd) -> (B, T, d)
    }

    /** Writes seeded initial values, in the model's fixed draw order. */
    default void initialize(Seeded r) {
    }

    /** Report rows. */
    void describe(Consumer<Component> sink);

    /** The strategy of a spec, registering its parameters on {@code owner}; {@code query} is the full query projection or null. */
    static AttentionOutputs of(AttentionBlock owner, AttentionSpec spec, int dModel, ProjectionBlock query) {
        return switch (spec.outputMode()) {
            case PROJECTION -> {
                ProjectionBlock out = owner.child("out", new ProjectionBlock(owner.name + ".out",
                        spec.heads() * spec.valueDim(dModel), dModel, spec.out(), spec.bias(), owner.dtype));
                // rank 1 only: a wider factor costs more on every key than it saves on the mixed rows (measured on lowrank-311)
                yield new Projected(out, spec.heads() == 1 && spec.out() instanceof Projection.LowRank lowRank && lowRank.rank() == 1
                        && spec.valueDim(dModel) > 1);
            }
            case QUERY_TRANSPOSE -> {
                if (query == null) {
                    throw new IllegalArgumentException("outputMode QUERY_TRANSPOSE needs a query projection");
                }
                yield new QueryTranspose(query, owner.name, dModel, spec.heads() * spec.headDim());
            }
            case IDENTITY -> new Identity();
        };
    }

    /**
     * {@code y = att Wo^T (+ b)}. With {@code valuesFirst} (a one-head rank-1 output {@code ((W v) alpha) beta}) the
     * product is associated the other way, {@code (W (v alpha)) beta}: the attention weights mix one number per key
     * instead of {@code vd}. The same parameters and products either way.
     */
    record Projected(ProjectionBlock out, boolean valuesFirst) implements AttentionOutputs {
        @Override
        public NDArray apply(Fwd f, NDArray att) {
            return out.apply(f, att);
        }

        @Override
        public NDArray apply(Fwd f, Fwd o, AttentionCore core, NDArray weights, NDArray v) {
            return valuesFirst
                    ? out.secondFactor(o, o.fromRows(core.mix(weights, out.firstFactor(f, v))))      // (B, 1, keys, 1) -> (B, T, d)
                    : out.apply(o, o.fromRows(core.mix(weights, v)));                                 // (B, T, H vd) -> (B, T, d)
        }

        @Override
        public void initialize(Seeded r) {
            out.initialize(r, true);
        }

        @Override
        public void describe(Consumer<Component> sink) {
            out.describe(sink);
        }
    }

    /** {@code y = att Wq}: the output is the query projection transposed. */
    record QueryTranspose(ProjectionBlock query, String name, int dModel, int width) implements AttentionOutputs {
        @Override
        public NDArray apply(Fwd f, NDArray att) {
            return f.mm(att, query.weight(f));                                                               // O = Wq^T
        }

        @Override
        public void describe(Consumer<Component> sink) {
            sink.accept(Component.tied(name + ".out", new long[] {dModel, width}, name + ".query.weight (O = Wq^T)"));
        }
    }

    /** {@code y = att}. */
    record Identity() implements AttentionOutputs {
        @Override
        public NDArray apply(Fwd f, NDArray att) {
            return att;
        }

        @Override
        public void describe(Consumer<Component> sink) {
        }
    }
}
