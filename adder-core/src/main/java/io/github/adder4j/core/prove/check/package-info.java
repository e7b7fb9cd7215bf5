/**
 * The independent checker of proof certificates: its own partition enumeration, ball arithmetic, forward pass, softmax and
 * bottleneck bounds; nothing of the prover's bounding code.
 */
package io.github.adder4j.core.prove.check;
