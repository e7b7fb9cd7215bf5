/**
 * Verification: the AdderBoard test set reproduced case for case, carry-structured and seeded random suites, and a
 * runner that scores any {@link io.github.adder4j.core.eval.BatchAdder} exactly as AdderBoard does.
 *
 * <p>{@link io.github.adder4j.core.eval.MersenneTwister} reproduces CPython's {@code random.Random}, so
 * {@link io.github.adder4j.core.eval.Suite#adderBoard()} yields the same 10,010 cases in the same order as the Python
 * harness. {@link io.github.adder4j.core.eval.Carries} defines carry chains; the
 * {@link io.github.adder4j.core.eval.Suite#carry() carry suite} covers every chain length and start column, which the
 * uniform pairs of AdderBoard hardly ever exercise. Seed 2025 is reserved for the AdderBoard test set; random and carry
 * suites refuse it so that it can never leak into validation.
 */
package io.github.adder4j.core.eval;
