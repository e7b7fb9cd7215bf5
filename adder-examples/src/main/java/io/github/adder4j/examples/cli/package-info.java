/**
 * The {@code adder} command-line tool: {@code params}, {@code verify}, {@code add} and {@code bench eval} on the
 * presets of adder-core, with hand-coded weights, published fixture weights or adder4j checkpoints; and the training
 * commands on adder-train: {@code train} (and {@code --resume}), {@code finetune}, {@code sweep} (one child JVM per
 * seed) and {@code bench train}; the zoo listing ({@code zoo list}); and two drawing commands that write PNGs with XChart,
 * headless: {@code plot} (the training curves of a run directory) and {@code attention} (a model's attention maps,
 * labelled by token role).
 *
 * <p>{@link io.github.adder4j.examples.cli.AdderCli} is the entry point; every command prints its results to
 * picocli's output writer and its progress and errors to the error writer, so that standard output stays machine
 * readable. Exit codes: 0 on success (also when cases fail: verification is a measurement), 2 for a bad option,
 * value or input file, 1 for any other error.
 */
package io.github.adder4j.examples.cli;
