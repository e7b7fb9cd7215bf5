/**
 * Parameter accounting: per-component reports of what a model costs under the AdderBoard rule and under the strict rule,
 * and the closed-form count of a configuration ({@link io.github.adder4j.core.params.ParameterFormula}).
 */
package io.github.adder4j.core.params;
