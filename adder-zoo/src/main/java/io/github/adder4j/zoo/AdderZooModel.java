package io.github.adder4j.zoo;

import ai.djl.Model;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.Translator;
import io.github.adder4j.core.AdderModel;

/** A DJL zoo model that also owns the adder4j model behind its block and frees it on {@link #close()}. */
final class AdderZooModel<I, O> extends ZooModel<I, O> {
    private final AutoCloseable adderModel;

    AdderZooModel(Model model, Translator<I, O> translator, AdderModel adderModel) {
        this(model, translator, (AutoCloseable) adderModel);
    }

    AdderZooModel(Model model, Translator<I, O> translator, io.github.adder4j.core.vision.VitModel vitModel) {
        this(model, translator, (AutoCloseable) vitModel);
    }

    private AdderZooModel(Model model, Translator<I, O> translator, AutoCloseable adderModel) {
        super(model, translator);
        this.adderModel = adderModel;
    }

    /** Closes the DJL model, then the adder4j model. */
    @Override
    public void close() {
        try {
            super.close();
        } finally {
            try {
                adderModel.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close the adder4j model behind " + getName() + ": " + e, e);
            }
        }
    }
}
