package io.github.adder4j.core;

import io.github.adder4j.core.decode.GreedyDecoder;
import io.github.adder4j.core.eval.BatchAdder;
import io.github.adder4j.core.format.TokenFormat;

/**
 * Adds numbers with a model: the format encodes the prompts, the generic greedy decoder runs the model, the format reads the
 * answers back. Operands must be in [0, 9999999999]. A pair whose generated tokens do not spell a number gives -1.
 */
public final class Adder implements BatchAdder {
    private final TokenFormat format;
    private final GreedyDecoder decoder;

    Adder(TokenFormat format, GreedyDecoder decoder) {
        this.format = format;
        this.decoder = decoder;
    }

    /**
     * {@code a + b} as the model computes it (a trained model may be wrong; see its verified results).
     *
     * @param a first operand, in [0, 9999999999] ({@link TokenFormat#MAX_OPERAND})
     * @param b second operand, in [0, 9999999999]
     * @return the sum the model generates, in [0, 19999999998], or -1 when its tokens do not spell a number
     * @throws IllegalArgumentException naming the operand and its value when one is out of range, e.g.
     *                                  {@code a must be in [0, 9999999999]: -5}
     */
    public long add(long a, long b) {
        return add(new long[] {a}, new long[] {b})[0];
    }

    /**
     * {@code a[i] + b[i]} for every i, decoded in batches.
     *
     * @param a first operands, each in [0, 9999999999]
     * @param b second operands, as many as {@code a}
     * @return one sum per pair, -1 for a pair whose tokens do not spell a number
     * @throws IllegalArgumentException when the lengths differ or an operand is out of range, naming it
     */
    @Override
    public long[] add(long[] a, long[] b) {
        long[][] prompts = format.prompts(a, b);
        return format.readAnswers(decoder.generate(prompts, format.answerLength()));
    }

    /**
     * The answer tokens the model generates for {@code a[i] + b[i]}, one row of {@code format().answerLength()} tokens per
     * pair, for callers that read them their own way (e.g. {@link TokenFormat#readEveryDigit(long[])}).
     *
     * @param a the first operands, each in [0, {@link TokenFormat#MAX_OPERAND}]
     * @param b the second operands, as many as {@code a}, each in the same range
     * @return one row of answer token ids per pair, in the order of the format's answer
     * @throws IllegalArgumentException naming the operand and its value when one is out of range, or when the arrays
     *                                  differ in length
     */
    public long[][] generate(long[] a, long[] b) {
        return decoder.generate(format.prompts(a, b), format.answerLength());
    }

    /**
     * The token format of the model.
     *
     * @return the layout of prompts and answers this adder decodes with
     */
    public TokenFormat format() {
        return format;
    }
}
