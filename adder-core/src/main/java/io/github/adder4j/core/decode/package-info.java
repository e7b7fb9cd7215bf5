/**
 * Task-agnostic autoregressive decoding.
 *
 * <p>{@link io.github.adder4j.core.decode.GreedyDecoder} runs any DJL block that maps (B, T) token ids to (B, T, V)
 * logits: it crops to the context, takes the argmax of the last position, appends it and repeats for a fixed number of
 * steps. Nothing here knows about digits, operands or carries; those live in the token format and in the model, as the
 * AdderBoard rules require.
 */
package io.github.adder4j.core.decode;
