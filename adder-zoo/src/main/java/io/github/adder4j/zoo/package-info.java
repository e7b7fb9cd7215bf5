/**
 * The adder4j model zoo: verified checkpoints shipped as classpath resources, with an index that records each
 * entry's parameter counts, provenance, measured scores and file hash.
 *
 * <p>{@link io.github.adder4j.zoo.AdderZoo} lists and loads entries (checking the SHA-256 of every checkpoint
 * file); {@link io.github.adder4j.zoo.ZooBuilder} regenerates the resources from code or from trainer run
 * directories, running the verification protocol of {@link io.github.adder4j.zoo.VerifiedResults}; and
 * {@link io.github.adder4j.zoo.AdderModelZoo} exposes the same entries to DJL's {@code Criteria} API under group id
 * {@code io.github.adder4j}, offline.
 */
package io.github.adder4j.zoo;
