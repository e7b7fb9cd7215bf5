package io.github.adder4j.core;

import io.github.adder4j.core.Options.Norm;
import io.github.adder4j.core.Options.QkNorm;
import java.util.Objects;

/**
 * Normalisation options.
 *
 * @param kind norm at the pre-attention and pre-FFN sites
 * @param finalKind norm before the output head
 * @param eps epsilon inside the square root
 * @param shared one weight vector (and bias) shared by every site of the same kind
 * @param qkNorm per-head normalisation of queries and keys
 */
public record NormSpec(Norm kind, Norm finalKind, double eps, boolean shared, QkNorm qkNorm) {
    /**
     * Validates.
     *
     * @param kind norm at the pre-attention and pre-FFN sites
     * @param finalKind norm before the output head
     * @param eps epsilon inside the square root
     * @param shared one weight vector (and bias) shared by every site of the same kind
     * @param qkNorm per-head normalisation of queries and keys
     */
    public NormSpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(finalKind, "finalKind");
        Objects.requireNonNull(qkNorm, "qkNorm");
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException("normEps must be positive: " + eps);
        }
    }
}
