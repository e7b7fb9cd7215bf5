/**
 * The kernel: public DJL blocks from which the models are assembled, each usable on its own
 * ({@code block.initialize(manager, dtype, shape)}, then {@code block.forward(store, inputs, training)}), each with its
 * forward written as its formula, a shape comment on every reshape and its parameter formula in the javadoc.
 *
 * <ul>
 *   <li>{@link io.github.adder4j.core.block.TokenEmbeddingBlock} (token ids to vectors, also the tied classifier),
 *       {@link io.github.adder4j.core.block.PatchEmbedding} (square images to embedded patches),
 *       {@link io.github.adder4j.core.block.PositionBlock} (learned, sinusoid, spiral tables);</li>
 *   <li>{@link io.github.adder4j.core.block.NormBlock} (LayerNorm, RMSNorm), {@link io.github.adder4j.core.block.ProjectionBlock}
 *       (full, low-rank, basis, fixed linear maps), {@link io.github.adder4j.core.block.FeedForwardBlock};</li>
 *   <li>{@link io.github.adder4j.core.block.AttentionBlock}: q/k, v and output producers as small strategies chosen once from
 *       the spec, then the parameter-free {@link io.github.adder4j.core.block.AttentionCore}, which takes its mask or bias
 *       as an input from an {@link io.github.adder4j.core.block.AttentionMask} (causal, none, ALiBi);</li>
 *   <li>{@link io.github.adder4j.core.block.TransformerLayer}: {@code x = x + attn(norm1(x)); x = x + ffn(norm2(x))};</li>
 *   <li>the models: {@link io.github.adder4j.core.block.AdderNet} (the addition decoders) and
 *       {@link io.github.adder4j.core.block.VitNet} (the Vision Transformer classifier: patches, a CLS token, learned
 *       positions, encoder layers without a mask, a classifier on the CLS token);</li>
 *   <li>{@link io.github.adder4j.core.block.ParameterValues}: parameters by name, as tensors, loaded from values.</li>
 * </ul>
 *
 * <p><b>Names.</b> A block is given its path in the model ({@code layer0.attention}); its parameters are that path plus
 * their own name ({@code layer0.attention.query.weight}). These are the names in checkpoints, so they are part of the file
 * format: a block that is moved keeps its path.
 *
 * <p><b>Shapes and a population axis.</b> Activations are {@code (B, T, d)}: batch, time (tokens or patches), features.
 * Norms, projections and feed-forward blocks act on the last axis only and accept any leading axes, so they already take
 * {@code (P, B, T, d)} when their parameters broadcast. To train P seeds in one graph (issue 13), each parameter gains a
 * leading P axis: a projection weight {@code (P, out, in)} is used as {@code x (P, B, T, in) matMul W^T (P, 1, in, out)}, a norm
 * weight {@code (P, d)} as {@code (P, 1, 1, d)}, a position table {@code (P, T, d)} as {@code (P, 1, T, d)}. Attention
 * splits heads as {@code (P, B, T, H, hd) -> (P, B, H, T, hd)}: the head split and merge are the only reshapes that name
 * the leading axes, and they are in {@link io.github.adder4j.core.block.AttentionBlock} and
 * {@link io.github.adder4j.core.block.AttentionCore}; the mask {@code (T, T)} broadcasts over every leading axis.
 *
 * <p><b>Passes.</b> Inside a model every block is called with the pass state of the whole forward (the parameter store,
 * the pass's manager that owns every intermediate array, the dtype): results computed from a parameter first are moved to
 * that manager, and scalars are arrays, never {@code mul(Number)} (see the DJL notes in {@code shared/djl-notes.md}).
 */
package io.github.adder4j.core.block;
