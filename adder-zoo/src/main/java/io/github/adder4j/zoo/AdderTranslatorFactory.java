package io.github.adder4j.zoo;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorFactory;
import ai.djl.util.Pair;
import io.github.adder4j.core.AdderModel;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Set;

/**
 * The DJL translator factory of adder4j models built by {@link AdderBlockFactory}, for the same two pairs of types as
 * the zoo's own loader: {@code <long[], Long>} (the model's block becomes an {@link AdditionBlock} and the translator
 * an {@link AdditionTranslator}) and {@code <NDList, NDList>} (tokens to logits, unchanged).
 */
public final class AdderTranslatorFactory implements TranslatorFactory {

    /** For DJL, which instantiates it by class name. */
    public AdderTranslatorFactory() {
    }

    /** {@code <long[], Long>} and {@code <NDList, NDList>}. */
    @Override
    public Set<Pair<Type, Type>> getSupportedTypes() {
        return Set.of(new Pair<>(long[].class, Long.class), new Pair<>(NDList.class, NDList.class));
    }

    /**
     * The translator for the types.
     *
     * @throws TranslateException for other types, or a model whose block {@link AdderBlockFactory} did not build
     */
    @Override
    @SuppressWarnings("unchecked")
    public <I, O> Translator<I, O> newInstance(Class<I> input, Class<O> output, Model model, Map<String, ?> arguments)
            throws TranslateException {
        if (input == NDList.class && output == NDList.class) {
            return (Translator<I, O>) new NoopTranslator();
        }
        if (input != long[].class || output != Long.class) {
            throw new TranslateException("adder4j models translate <long[], Long> and <NDList, NDList>, not <"
                    + input.getName() + ", " + output.getName() + ">");
        }
        AdderModel adderModel = AdderBlockFactory.modelOf(model.getBlock());
        if (adderModel == null) {
            throw new TranslateException("model " + model.getName() + " was not built by " + AdderBlockFactory.class.getName());
        }
        model.setBlock(new AdditionBlock(adderModel.adder()));
        return (Translator<I, O>) new AdditionTranslator();
    }
}
