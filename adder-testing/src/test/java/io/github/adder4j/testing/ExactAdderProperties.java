package io.github.adder4j.testing;

import io.github.adder4j.core.eval.BatchAdder;

/**
 * The whole contract against an exact adder in plain Java: the battery runs and passes. (Models run it in
 * adder-zoo's {@code ZooContractProperties}; that a wrong adder fails it is {@link BrokenAdderProperties}.)
 */
class ExactAdderProperties implements AdderContract {

    @Override
    public BatchAdder adder() {
        return (a, b) -> {
            long[] sums = new long[a.length];
            for (int i = 0; i < a.length; i++) {
                sums[i] = a[i] + b[i];
            }
            return sums;
        };
    }
}
