/**
 * Engine-specific switches that the decoder and the trainer share, kept in one place: on the PyTorch engine, grad mode
 * is thread-local and on by default, so every forward that must not record and every in-place update turns it off here.
 */
package io.github.adder4j.core.engine;
