/**
 * Training data for adder4j: seedable, resumable samplers of addition operand pairs and the modular-arithmetic
 * grokking dataset. Pure Java; nothing here touches DJL.
 *
 * <ul>
 *   <li>{@link io.github.adder4j.train.data.DataRng}: xoshiro256** with exportable state; every sampler owns one.</li>
 *   <li>{@link io.github.adder4j.train.data.PairSampler}: fills a batch for a step; {@code state()} /
 *       {@code restore(...)} give bit-identical batches after a resume. Implementations:
 *       {@link io.github.adder4j.train.data.UniformValueSampler} (57p: a, b ~ U[0, 10^max - 1]),
 *       {@link io.github.adder4j.train.data.DigitLengthSampler} (311p/777p: n ~ U{min..max} per example),
 *       {@link io.github.adder4j.train.data.CarryMixSampler} (57p carry-mix with the
 *       {@link io.github.adder4j.train.data.CarryGenerator} patterns),
 *       {@link io.github.adder4j.train.data.ExcludingSampler} (held-out pairs never drawn) and
 *       {@link io.github.adder4j.train.data.ErrorPoolSampler} (targeted fine-tuning on an
 *       {@link io.github.adder4j.train.data.ErrorPairPool}); {@link io.github.adder4j.train.data.AdditionSamplers}
 *       builds the published recipes.</li>
 *   <li>{@link io.github.adder4j.train.data.DigitCurriculum} and
 *       {@link io.github.adder4j.train.data.CarryMixSchedule}: the step-based schedules.</li>
 *   <li>{@link io.github.adder4j.train.data.ValidationSet}: validation pairs from their own seed; the AdderBoard seed
 *       2025 is refused, and the AdderBoard pairs are never used for training decisions.</li>
 *   <li>{@link io.github.adder4j.train.data.ModularDataset}: {@code a op b mod p}, token layout
 *       {@code [a, p, b, p+1]}, deterministic train/test split.</li>
 * </ul>
 */
package io.github.adder4j.train.data;
