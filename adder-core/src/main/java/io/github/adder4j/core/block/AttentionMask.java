package io.github.adder4j.core.block;

/**
 * The additive bias {@code (T, T)} that attention adds to its scores before the softmax: which keys a query may see, and
 * how much a distance costs. A strategy object given to {@link AttentionCore}, so the core knows nothing about decoders or
 * images:
 * <ul>
 *   <li>{@link #causal()}: {@code 0} for {@code j <= t}, {@code -inf} for later keys (decoders);</li>
 *   <li>{@link #none()}: every query sees every key (a ViT's encoder);</li>
 *   <li>{@link #alibi(double)}: causal plus {@code -slope * (t - j)}, the ALiBi distance penalty.</li>
 * </ul>
 * The bias depends only on T, so it is one constant per pass, shared by the batch, the heads (and a population axis).
 */
public interface AttentionMask {

    /**
     * The row-major bias {@code (length, length)}; entry {@code [t][j]} is added to the score of query t on key j.
     *
     * @param length the sequence length T
     * @return {@code T * T} values: 0 where a query may look freely, {@code -inf} where it may not, a penalty in
     *         between
     */
    double[] bias(int length);

    /**
     * A causal mask: a query sees itself and earlier keys.
     *
     * @return the mask of a decoder
     */
    static AttentionMask causal() {
        return alibi(0);
    }

    /**
     * No mask: every query sees every key.
     *
     * @return the mask of an encoder
     */
    static AttentionMask none() {
        return length -> new double[length * length];
    }

    /**
     * A causal mask plus the ALiBi distance penalty {@code -slope * (t - j)}.
     *
     * @param slope the penalty per position of distance, finite
     * @return the ALiBi mask
     * @throws IllegalArgumentException when the slope is not finite
     */
    static AttentionMask alibi(double slope) {
        if (!Double.isFinite(slope)) {
            throw new IllegalArgumentException("alibi slope must be finite: " + slope);
        }
        return length -> {
            double[] b = new double[length * length];
            for (int t = 0; t < length; t++) {
                for (int j = 0; j < length; j++) {
                    b[t * length + j] = j > t ? Double.NEGATIVE_INFINITY : -slope * (t - j);
                }
            }
            return b;
        };
    }
}
