package io.github.adder4j.zoo;

import io.github.adder4j.core.Adder;
import io.github.adder4j.testing.AdderContract;

/** README's adder-testing sample, run as it is shown there: the whole contract against the split-57 zoo entry. */
// readme:start
class ZooContractProperties implements AdderContract {
    @Override
    public Adder adder() {
        return AdderZoo.load("split-57");
    }
}
// readme:end
