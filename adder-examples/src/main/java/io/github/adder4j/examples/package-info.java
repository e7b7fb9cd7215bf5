/**
 * Runnable examples of the adder4j API, each a class with a {@code main} method and a smoke test that runs it:
 * <ul>
 *   <li>{@link io.github.adder4j.examples.BuildModelExample}: build a model with the fluent builder and print its
 *       parameter table;</li>
 *   <li>{@link io.github.adder4j.examples.LoadZooModelExample}: load a verified model from the zoo and add;</li>
 *   <li>{@link io.github.adder4j.examples.VerifyAdderBoardExample}: verify the hand-coded {@code rope19-10} model on
 *       AdderBoard's test set;</li>
 *   <li>{@link io.github.adder4j.examples.TrainSmallModelExample}: train {@code split-57} for a few hundred steps and
 *       print the metrics of the run;</li>
 *   <li>{@link io.github.adder4j.examples.GrokModularExample}: train on modular addition and watch for grokking.</li>
 * </ul>
 * Run one from the shaded jar, e.g.
 * {@code java -Dai.djl.offline=true -cp adder-examples/target/adder.jar io.github.adder4j.examples.BuildModelExample}.
 * The examples print to the stream they are given ({@code System.out} from {@code main}).
 */
package io.github.adder4j.examples;
