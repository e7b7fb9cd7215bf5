/**
 * Property tests against random sums, for users: {@link io.github.adder4j.testing.AdditionArbitraries} (jqwik
 * arbitraries biased towards carry chains) and {@link io.github.adder4j.testing.AdderContract} (the battery, run by
 * implementing one method). Depend on {@code io.github.adder4j:adder-testing} with test scope.
 */
package io.github.adder4j.testing;
