package io.github.adder4j.zoo;

import ai.djl.repository.zoo.ModelZoo;
import ai.djl.repository.zoo.ZooProvider;

/**
 * Registers {@link AdderModelZoo} with DJL through {@code META-INF/services/ai.djl.repository.zoo.ZooProvider}.
 */
public final class AdderZooProvider implements ZooProvider {
    private static final AdderModelZoo ZOO = new AdderModelZoo();

    /** For the service loader. */
    public AdderZooProvider() {
    }

    /** The adder4j zoo. */
    @Override
    public ModelZoo getModelZoo() {
        return ZOO;
    }
}
