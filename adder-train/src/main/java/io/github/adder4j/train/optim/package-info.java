/**
 * Optimisation pieces of the adder4j trainer, written to match their PyTorch counterparts step for step so that
 * published recipes transfer: {@link io.github.adder4j.train.optim.AdamW} (decoupled weight decay, per-parameter
 * decay multipliers, learning rate and decay changeable every step, exact state export and import),
 * {@link io.github.adder4j.train.optim.GradientClipping} (global L2 norm like {@code clip_grad_norm_}),
 * {@link io.github.adder4j.train.optim.LearningRateSchedule} (constant, warmup + cosine),
 * {@link io.github.adder4j.train.optim.AdaptiveWeightDecay} (the 74p rule),
 * {@link io.github.adder4j.train.optim.GrokfastEma} (gradient filter) and
 * {@link io.github.adder4j.train.optim.Gradients} (zeroing between steps).
 *
 * <p>A training step with these pieces:
 * <pre>{@code
 * Gradients.zero(params);
 * try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
 *     gc.backward(loss(batch));
 * }
 * grokfast.filter();                                   // optional
 * double norm = GradientClipping.clipGlobalNorm(params, 1.0);
 * adamw.setLearningRate(schedule.learningRate(step));
 * adamw.setWeightDecay(adaptive.weightDecay(lastExact, lastTokenAcc));   // optional
 * adamw.step();
 * }</pre>
 *
 * <p>All classes work on DJL {@link ai.djl.nn.Parameter}s of data type float32 or float64 and change tensors only with
 * in-place tensor-tensor operations whose scalar operands are kept alive for the whole operation, never with
 * {@code NDArray.mul(Number)} and friends.
 */
package io.github.adder4j.train.optim;
