package io.github.adder4j.core;

/**
 * The enumerated choices of the model builder, grouped in one place so that a configuration reads like a sentence.
 */
public final class Options {
    private Options() { }

    /** How token and position information share the residual stream. */
    public enum Residual {
        /** {@code x = E[tok] + P[pos]} over all d dimensions. */
        SUMMED,
        /** {@code x = [E[tok] | P[pos]]}: the first tokenDims dimensions carry the token, the rest the position. */
        SPLIT
    }

    /** Token embedding parameterisations. */
    public enum Embedding {
        /** Learned {@code vocab x tokenDims} table. */
        TABLE,
        /** Learned rank-r table {@code (vocab, r) (r, tokenDims)}. */
        LOW_RANK,
        /** Circular arc {@code A [cos(s + k tau), sin(s + k tau), 0...]}: 3 parameters. */
        ARC,
        /** Arc with two amplitudes {@code [A1 cos(s + k tau), A2 sin(s + k tau), 0...]}: 4 parameters. */
        ARC2,
        /** Parabolic {@code [c0 - c1 k^2, -k]}: 2 parameters (tokenDims 2). */
        PARABOLIC
    }

    /** Normalisation kinds. */
    public enum Norm {
        /** LayerNorm with weight and bias (2d parameters). */
        LAYER,
        /** RMSNorm with a weight (d parameters). */
        RMS,
        /** RMSNorm without parameters. */
        RMS_PLAIN
    }

    /** Per-head normalisation of queries and keys. */
    public enum QkNorm {
        /** No QK-norm. */
        NONE,
        /** Separate weighted RMSNorms for q and k (2 * headDim parameters). */
        SEPARATE,
        /** One weighted RMSNorm used for both q and k (headDim parameters). */
        SHARED,
        /** Parameterless RMSNorm on q and k. */
        PLAIN
    }

    /** Which part of the normed residual feeds a projection. */
    public enum Source {
        /** All d dimensions. */
        ALL,
        /** Position dimensions of a split residual. */
        POSITION,
        /** Token dimensions of a split residual. */
        TOKEN
    }

    /** How queries and keys are produced. */
    public enum QkMode {
        /** Own query and key projections. */
        SEPARATE,
        /** {@code k = Wqk p}, {@code q = R(theta) k}: one matrix plus one learned phase angle. */
        TIED_PHASE,
        /** {@code q = Wq h}, {@code k = R(phi) q}: one matrix plus one learned angle. */
        K_ROTATES_Q
    }

    /** How values are produced. */
    public enum ValueMode {
        /** Own value projection. */
        OWN,
        /** {@code v = k}. */
        EQUALS_K,
        /** {@code v = q}. */
        EQUALS_Q,
        /** {@code v = u H}: the token part times the head matrix (split residual, one head). */
        HEAD
    }

    /** How the attention output returns to the residual. */
    public enum OutputMode {
        /** Own projection (full, low rank, basis or fixed). */
        PROJECTION,
        /** {@code O = Wq^T} (needs a full query projection). */
        QUERY_TRANSPOSE,
        /** Identity: heads * valueDim must equal d. */
        IDENTITY
    }

    /** Attention normaliser. */
    public enum Softmax {
        /** Standard softmax. */
        STANDARD,
        /** {@code exp(s) / (1 + sum exp(s))}. */
        SOFTMAX1
    }

    /** FFN activation. */
    public enum Activation {
        /** Exact (erf) GELU. */
        GELU,
        /** ReLU. */
        RELU,
        /** SwiGLU: {@code down(silu(gate h) * up h)}. */
        SWIGLU
    }

    /** Where the FFN's second layer comes from. */
    public enum FfnOut {
        /** Own projection. */
        OWN,
        /** The head matrix H ("triple duty": value, FFN output and output head). */
        HEAD,
        /** {@code down = R(psi) up^T}: one learned angle. */
        ROTATED_UP_TRANSPOSE
    }

    /** Output classifier. */
    public enum Output {
        /** Tied to the token embedding table (through the head matrix for split layouts). */
        TIED,
        /** Own {@code vocab x d} matrix. */
        UNTIED
    }

    /** Pairing of dimensions in rotations (RoPE, phase rotations). */
    public enum Pairing {
        /** Pairs (i, i + n/2). */
        ROTATE_HALF,
        /** Pairs (2i, 2i + 1). */
        INTERLEAVED;

        /**
         * The dimension paired with dimension {@code i} when {@code n} dimensions are paired this way: its partner in
         * a rotation (RoPE, a learned rotation). With an odd {@code n} the last dimension has no partner.
         *
         * @param i the dimension, from 0 to {@code n - 1}
         * @param n the number of dimensions paired
         * @return the index of the partner of {@code i}, or -1 when {@code i} is not paired
         */
        public int partner(int i, int n) {
            if (this == INTERLEAVED) {
                int p = (i % 2 == 0) ? i + 1 : i - 1;
                return p < n - (n % 2) ? p : -1;
            }
            int half = n / 2;
            if (i >= 2 * half) {
                return -1;
            }
            return i < half ? i + half : i - half;
        }
    }

    /** Floating-point precision of parameters and activations. */
    public enum Precision {
        /** 32-bit floats. */
        FLOAT32,
        /** 64-bit floats. */
        FLOAT64
    }

    /**
     * Initialisation scheme of the learned tables and full projection matrices: the conventions of the frameworks the
     * published models were trained in. With {@code d} the table width and {@code in, out} a matrix's fan-in and fan-out:
     * <ul>
     *   <li>token tables, learned position tables: {@link #XAVIER} and {@link #TORCH} draw {@code N(0, 1)} (torch's
     *       {@code nn.Embedding}); {@link #FLAX} draws {@code N(0, 1/d)} (Flax's {@code nn.Embed});</li>
     *   <li>full projection matrices: {@link #XAVIER} draws {@code U(+-sqrt(6 / (in + out)))}; {@link #TORCH} draws
     *       {@code U(+-1/sqrt(in))} (torch's {@code nn.Linear}, kaiming-uniform with a = sqrt 5); {@link #FLAX} draws a
     *       normal truncated at two standard deviations with variance {@code 1/in} (Flax's {@code nn.Dense}, lecun-normal).</li>
     * </ul>
     * Under these three, every other parameter (low-rank factors, arcs, spirals, special slots, norms, angles) keeps its
     * structural initialisation. {@link #NANOGPT} also sets the low-rank factors:
     * <ul>
     *   <li>token and position tables, and both factors of low-rank tables: {@code N(0, 0.02^2)};</li>
     *   <li>full projection matrices and an untied output table: {@code N(0, 0.02^2)};</li>
     *   <li>low-rank projection factors (the shared first factor of Q/K/V included), {@code A} of {@code in x r} and
     *       {@code B} of {@code r x out}: normal with variance {@code 2 / (in + r)} and {@code 2 / (r + out)}. The
     *       attention output's factors are drawn the same way, not zero-initialised.</li>
     * </ul>
     * Arcs, spirals, special slots, norms and angles stay structural under every scheme.
     */
    public enum Init {
        /** Xavier-uniform matrices, unit-normal tables (the seed systems' PyTorch code). */
        XAVIER,
        /** PyTorch's layer defaults. */
        TORCH,
        /** Flax's layer defaults. */
        FLAX,
        /**
         * nanoGPT's {@code _init_weights} (N(0, 0.02) for embeddings and linear layers) with Xavier-variance normal low-rank
         * factors: the initialisation of the published low-rank seed systems (512p down to 311p), whose small embeddings
         * start the residual stream near zero.
         */
        NANOGPT,
        /**
         * The 36p record's repository (Qwen3-style RoPE models): N(0, 0.02) for matrices and tables, every learned rotation
         * angle (K = R(phi) Q, down = R(psi) up^T) at 0.1 instead of 0, norms 1 and the arc embedding at
         * (A, start, stride) = (2.5, -1.2, 0.29), as under every scheme.
         */
        QWEN_SMALL
    }

    /** Whether a special position slot is learned or a frozen zero vector. */
    public enum Slot {
        /** Learned vector (counted). */
        LEARNED,
        /** Frozen zero vector (free). */
        ZERO
    }
}
