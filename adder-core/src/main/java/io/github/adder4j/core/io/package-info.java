/**
 * Checkpoint files and published reference weights, in plain Java and Gson (no DJL).
 *
 * <ul>
 *   <li>{@link io.github.adder4j.core.io.Tensor}: a named, immutable float32/float64 tensor;</li>
 *   <li>{@link io.github.adder4j.core.io.Checkpoint}: an opaque model config, ordered tensors and metadata
 *       (parameter counts, provenance, creation time, results);</li>
 *   <li>{@link io.github.adder4j.core.io.CheckpointFormat}: the versioned JSON file format, with atomic writes and
 *       reads that validate everything (including a SHA-256 over the parameters, see
 *       {@link io.github.adder4j.core.io.ParameterDigest}) or fail with a
 *       {@link io.github.adder4j.core.io.CheckpointException};</li>
 *   <li>{@link io.github.adder4j.core.io.PublishedFixture}: the published models' weights and expected scores from the
 *       reference fixtures.</li>
 * </ul>
 * Binding tensors to model parameters happens elsewhere.
 */
package io.github.adder4j.core.io;
