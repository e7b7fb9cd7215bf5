package io.github.adder4j.zoo;

import ai.djl.Model;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.Translator;
import io.github.adder4j.core.AdderModel;

/** A DJL zoo model that also owns the adder4j model behind its block and frees it on {@link #close()}. */
final class AdderZooModel<I, O> extends ZooModel<I, O> {
    private final AdderModel adderModel;

    AdderZooModel(Model model, Translator<I, O> translator, AdderModel adderModel) {
        super(model, translator);
        this.adderModel = adderModel;
    }

    /** Closes the DJL model, then the adder4j model. */
    @Override
    public void close() {
        try {
            super.close();
        } finally {
            adderModel.close();
        }
    }
}
