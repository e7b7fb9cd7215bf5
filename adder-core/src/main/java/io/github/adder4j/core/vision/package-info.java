/**
 * Vision: the Vision Transformer classifier ({@link io.github.adder4j.core.vision.VitConfig},
 * {@link io.github.adder4j.core.vision.VitModel}; the {@code micro-vit} preset is {@link io.github.adder4j.core.vision.VitConfig#microVit()}),
 * the IDX reader of MNIST-style files ({@link io.github.adder4j.core.vision.Idx}), labelled image sets
 * ({@link io.github.adder4j.core.vision.ImageSet}) and the embedded MNIST digits with their fixed split
 * ({@link io.github.adder4j.core.vision.Digits}).
 */
package io.github.adder4j.core.vision;
