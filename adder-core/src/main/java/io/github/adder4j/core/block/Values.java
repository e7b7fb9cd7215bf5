package io.github.adder4j.core.block;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import io.github.adder4j.core.AttentionSpec;
import io.github.adder4j.core.Options.ValueMode;
import io.github.adder4j.core.params.Component;
import java.util.function.Consumer;

/**
 * How an attention block produces its values {@code (B, T, Hv vd)} from its value input {@code u} and the queries and
 * keys: one small strategy per way, chosen once by {@link #of}.
 */
interface Values {

    /** The values from the value input {@code u (B, T, vIn)} and the queries and keys of the same pass. */
    NDArray apply(Fwd f, NDArray u, QueryKeys.Qk qk);

    /** Writes seeded initial values, in the model's fixed draw order. */
    default void initialize(Seeded r) {
    }

    /** Report rows. */
    void describe(Consumer<Component> sink);

    /** The strategy of a spec, registering its parameters on {@code owner}. */
    static Values of(AttentionBlock owner, AttentionSpec spec, int in, Parameter head, String headName) {
        String name = owner.name;
        int kvOut = spec.kvHeads() * spec.headDim();
        return switch (spec.valueMode()) {
            case OWN -> spec.sharedRank() > 0
                    ? new SharedFactor(owner.learned(name + ".value.B", spec.sharedRank(), kvOut), spec.sharedRank())
                    : new Own(owner.child("value", new ProjectionBlock(name + ".value", in, kvOut, spec.value(), spec.bias(), owner.dtype)));
            case EQUALS_K -> new Tied(name, ValueMode.EQUALS_K);
            case EQUALS_Q -> new Tied(name, ValueMode.EQUALS_Q);
            case HEAD -> {
                if (head == null) {
                    throw new IllegalArgumentException("valueMode HEAD needs the model's head matrix, got none");
                }
                yield new Head(head, headName, name);
            }
        };
    }

    /** {@code v = u Wv^T}. */
    record Own(ProjectionBlock value) implements Values {
        @Override
        public NDArray apply(Fwd f, NDArray u, QueryKeys.Qk qk) {
            return value.apply(f, u);                                                                 // (B, T, Hkv hd)
        }

        @Override
        public void initialize(Seeded r) {
            value.initialize(r, false);
        }

        @Override
        public void describe(Consumer<Component> sink) {
            value.describe(sink);
        }
    }

    /** {@code v = g Bv} with the first factor {@code g = h A} shared with q and k. */
    record SharedFactor(Parameter bv, int rank) implements Values {
        @Override
        public NDArray apply(Fwd f, NDArray u, QueryKeys.Qk qk) {
            return f.mm(qk.shared(), f.p(bv));                                                        // (B, T, Hkv hd)
        }

        @Override
        public void initialize(Seeded r) {
            r.factor(bv, rank, bv.getShape().get(1));
        }

        @Override
        public void describe(Consumer<Component> sink) {
            sink.accept(Component.learned(bv.getName(), bv.getShape().getShape(), "v = (h A) Bv"));
        }
    }

    /** {@code v = k} or {@code v = q}: no parameters. */
    record Tied(String name, ValueMode mode) implements Values {
        @Override
        public NDArray apply(Fwd f, NDArray u, QueryKeys.Qk qk) {
            return mode == ValueMode.EQUALS_K ? qk.k() : qk.q();
        }

        @Override
        public void describe(Consumer<Component> sink) {
            sink.accept(Component.tied(name + ".value", new long[0], mode == ValueMode.EQUALS_K ? "the keys (v = k)" : "the queries (v = q)"));
        }
    }

    /** {@code v = u H}: the token part times the model's head matrix (one head of width d). */
    record Head(Parameter head, String headName, String name) implements Values {
        @Override
        public NDArray apply(Fwd f, NDArray u, QueryKeys.Qk qk) {
            return f.mm(u, f.p(head));                                                                // (B, T, d) = u H
        }

        @Override
        public void describe(Consumer<Component> sink) {
            sink.accept(Component.tied(name + ".value", head.getShape().getShape(), headName + " (v = u H)"));
        }
    }
}
