/**
 * Proofs that a model adds correctly on all 10^20 inputs, or a counterexample.
 *
 * <ul>
 *   <li>{@link io.github.adder4j.core.prove.IntervalNet}: the model's forward pass in plain Java over outward-rounded
 *       {@link io.github.adder4j.core.prove.Interval}s, widened by the {@link io.github.adder4j.core.prove.FloatModel};</li>
 *   <li>{@link io.github.adder4j.core.prove.Cell} and {@link io.github.adder4j.core.prove.CellBound}: the carry partition of
 *       each answer step and the bound of a cell's winning margin;</li>
 *   <li>{@link io.github.adder4j.core.prove.Prover}: refines cells until every leaf is proved;
 *       {@link io.github.adder4j.core.prove.Certificate} records the proof;</li>
 *   <li>{@link io.github.adder4j.core.prove.CounterexampleSearch} and {@link io.github.adder4j.core.prove.Decider}: the
 *       search for a wrong sum, and the three-way {@link io.github.adder4j.core.prove.Verdict}.</li>
 * </ul>
 * The independent checker of certificates is {@link io.github.adder4j.core.prove.check.CertificateChecker}.
 */
package io.github.adder4j.core.prove;
