package io.github.adder4j.zoo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import io.github.adder4j.core.eval.Case;

/**
 * Translates {@code {a, b}} to the model input of an {@link AdditionBlock} and its output back to the sum. Inputs are
 * stacked, so {@code predictor.batchPredict(list)} adds a whole list in one decoding pass. The sum is -1 when the
 * model's answer tokens do not spell a number.
 */
public final class AdditionTranslator implements Translator<long[], Long> {

    /** A translator (stateless). */
    public AdditionTranslator() {
    }

    /**
     * {@code {a, b}} to a (2,) int64 array.
     *
     * @throws IllegalArgumentException when the input does not hold exactly two operands in [0, 9999999999]
     */
    @Override
    public NDList processInput(TranslatorContext ctx, long[] input) {
        if (input == null || input.length != 2) {
            throw new IllegalArgumentException("input must be {a, b}: " + (input == null ? "null" : input.length + " values"));
        }
        Case checked = new Case(input[0], input[1]);
        return new NDList(ctx.getNDManager().create(new long[] {checked.a(), checked.b()}));
    }

    /** The single sum of one row. */
    @Override
    public Long processOutput(TranslatorContext ctx, NDList list) {
        NDArray sum = list.singletonOrThrow();
        long[] values = sum.toLongArray();
        if (values.length != 1) {
            throw new IllegalStateException("expected one sum per input, got " + values.length);
        }
        return values[0];
    }

    /** Stacks the inputs into (B, 2). */
    @Override
    public Batchifier getBatchifier() {
        return Batchifier.STACK;
    }
}
