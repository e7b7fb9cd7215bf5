package io.github.adder4j.core.block;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.github.adder4j.core.AttentionSpec;
import io.github.adder4j.core.Options.Pairing;
import io.github.adder4j.core.Options.QkMode;
import io.github.adder4j.core.Options.ValueMode;
import io.github.adder4j.core.params.Component;
import java.util.function.Consumer;

/**
 * How an attention block turns its input {@code h (B, T, in)} into queries {@code (B, T, H hd)} and keys
 * {@code (B, T, Hkv hd)}: one small strategy per published way, chosen once by {@link #of}. Each registers its parameters
 * on the attention block that owns it.
 */
interface QueryKeys {

    /** Queries, keys and (for a shared first factor) {@code g = h A (B, T, r)}, else null. */
    record Qk(NDArray q, NDArray k, NDArray shared) { }

    /** {@code h (B, T, in)} to queries and keys. */
    Qk apply(Fwd f, NDArray h);

    /** Writes seeded initial values, in the model's fixed draw order. */
    void initialize(Seeded r);

    /** Report rows. */
    void describe(Consumer<Component> sink);

    /** The full query projection (for {@code O = Wq^T}), or null. */
    default ProjectionBlock query() {
        return null;
    }

    /** The strategy of a spec, registering its parameters on {@code owner}. */
    static QueryKeys of(AttentionBlock owner, AttentionSpec spec, int in) {
        String name = owner.name;
        int qOut = spec.heads() * spec.headDim();
        int kvOut = spec.kvHeads() * spec.headDim();
        if (spec.sharedRank() > 0) {
            int r = spec.sharedRank();
            return new SharedFactor(owner.learned(name + ".shared.A", in, r), owner.learned(name + ".query.B", r, qOut),
                    owner.learned(name + ".key.B", r, kvOut), r, spec.valueMode());
        }
        return switch (spec.qkMode()) {
            case SEPARATE -> new Separate(
                    owner.child("query", new ProjectionBlock(name + ".query", in, qOut, spec.query(), spec.bias(), owner.dtype)),
                    owner.child("key", new ProjectionBlock(name + ".key", in, kvOut, spec.key(), spec.bias(), owner.dtype)));
            case TIED_PHASE -> new Rotated(
                    owner.child("key", new ProjectionBlock(name + ".key", in, kvOut, spec.key(), spec.bias(), owner.dtype)),
                    owner.learned(name + ".phase", 1), spec.heads(), spec.headDim(), QkMode.TIED_PHASE);
            case K_ROTATES_Q -> new Rotated(
                    owner.child("query", new ProjectionBlock(name + ".query", in, qOut, spec.query(), spec.bias(), owner.dtype)),
                    owner.learned(name + ".keyAngle", 1), spec.heads(), spec.headDim(), QkMode.K_ROTATES_Q);
        };
    }

    /** {@code q = h Wq^T}, {@code k = h Wk^T}. */
    record Separate(ProjectionBlock query, ProjectionBlock key) implements QueryKeys {
        @Override
        public Qk apply(Fwd f, NDArray h) {
            return new Qk(query.apply(f, h), key.apply(f, h), null);
        }

        @Override
        public void initialize(Seeded r) {
            query.initialize(r, false);
            key.initialize(r, false);
        }

        @Override
        public void describe(Consumer<Component> sink) {
            query.describe(sink);
            key.describe(sink);
        }
    }

    /**
     * One projection and a learned angle: {@link QkMode#TIED_PHASE} {@code k = h Wqk^T, q = R(theta) k}, or
     * {@link QkMode#K_ROTATES_Q} {@code q = h Wq^T, k = R(phi) q}, the rotation turning every pair of each head.
     */
    record Rotated(ProjectionBlock projection, Parameter angle, int heads, int headDim, QkMode mode) implements QueryKeys {
        @Override
        public Qk apply(Fwd f, NDArray h) {
            NDArray p = projection.apply(f, h);                                                       // (B, T, H hd)
            Shape lead = p.getShape().slice(0, p.getShape().dimension() - 1);                         // (B, T)
            NDArray turned = Rotations.rotate(f, p.reshape(lead.add(heads, headDim)), f.p(angle), headDim, Pairing.INTERLEAVED)
                    .reshape(lead.add(heads * headDim));                                              // (B, T, H, hd) -> (B, T, H hd)
            return mode == QkMode.TIED_PHASE ? new Qk(turned, p, null) : new Qk(p, turned, null);
        }

        @Override
        public void initialize(Seeded r) {
            projection.initialize(r, false);
            r.angle(angle);
        }

        @Override
        public void describe(Consumer<Component> sink) {
            projection.describe(sink);
            sink.accept(Component.learned(angle.getName(), new long[] {1}, mode == QkMode.TIED_PHASE ? "q = R(theta) k" : "k = R(phi) q"));
        }

        @Override
        public ProjectionBlock query() {
            return mode == QkMode.K_ROTATES_Q ? projection : null;
        }
    }

    /** A first factor shared by q, k (and v): {@code g = h A}, {@code q = g Bq}, {@code k = g Bk}. */
    record SharedFactor(Parameter a, Parameter bq, Parameter bk, int rank, ValueMode valueMode) implements QueryKeys {
        @Override
        public Qk apply(Fwd f, NDArray h) {
            NDArray g = f.mm(h, f.p(a));                                                              // (B, T, r)
            return new Qk(f.mm(g, f.p(bq)), f.mm(g, f.p(bk)), g);                                     // (B, T, H hd), (B, T, Hkv hd)
        }

        @Override
        public void initialize(Seeded r) {
            r.factor(a, a.getShape().get(0), rank);
            r.factor(bq, rank, bq.getShape().get(1));
            r.factor(bk, rank, bk.getShape().get(1));
        }

        @Override
        public void describe(Consumer<Component> sink) {
            sink.accept(Component.learned(a.getName(), a.getShape().getShape(),
                    "first factor shared by q, k" + (valueMode == ValueMode.OWN ? ", v" : "")));
            sink.accept(Component.learned(bq.getName(), bq.getShape().getShape(), "q = (h A) Bq"));
            sink.accept(Component.learned(bk.getName(), bk.getShape().getShape(), valueMode == ValueMode.EQUALS_K ? "k = v = (h A) Bkv" : "k = (h A) Bk"));
        }
    }
}
