/**
 * The documentation generator: every figure in {@code README.md} and {@code docs/*.md} (parameter tables, costs of builder
 * options, carry statistics, conformance results, the zoo) is written by code, between markers
 * {@code <!-- generated:NAME -->} and {@code <!-- /generated:NAME -->}.
 *
 * <p>{@link io.github.adder4j.examples.docs.DocsGenerator} rewrites those sections;
 * {@code DocsUpToDateTest} fails when one differs from what the generator would write now.
 */
package io.github.adder4j.examples.docs;
