/**
 * Token layouts ("formats") for the ten-digit addition task: this is the only package in adder4j that knows about
 * digits.
 *
 * <p>A {@link io.github.adder4j.core.format.TokenFormat} turns operand pairs into prompts and training rows (inputs,
 * next-token targets, loss mask), reads answers back from generated tokens and describes the role of every sequence
 * position, so that models, decoders and trainers work on token ids alone. {@link io.github.adder4j.core.format.Formats}
 * holds the layouts of the published models; {@link io.github.adder4j.core.format.Formats#byId(String)} finds one by
 * the id stored in configs and checkpoints.
 */
package io.github.adder4j.core.format;
