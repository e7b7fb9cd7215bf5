package io.github.adder4j.core.format;

/**
 * A token layout for the addition task: the only kind of object in adder4j that knows about digits.
 *
 * <p>A format owns three things: encoding a prompt for {@code a + b}, building training rows (inputs, next-token
 * targets and a loss mask) and reading the answer back from the generated tokens. Models and the decoder only see
 * token ids; position roles ({@link #role(int)}) let split-subspace position encodings share one learned slot
 * between the digits of the same column without knowing what a digit is.
 */
public interface TokenFormat {

    /** Largest operand every format accepts: ten decimal digits. */
    long MAX_OPERAND = 9_999_999_999L;

    /** Stable identifier, used in configs and checkpoints (e.g. {@code lsb34-v10}). */
    String id();

    /** Number of distinct token ids. */
    int vocabSize();

    /** Tokens in a prompt. */
    int promptLength();

    /** Tokens the decoder generates greedily after the prompt. */
    int answerLength();

    /**
     * Longest input the model ever sees (the training row length). Decoding crops its input to the last
     * {@code contextLength()} tokens.
     */
    int contextLength();

    /** The prompt for {@code a + b}; both operands must be in [0, {@link #MAX_OPERAND}]. */
    long[] prompt(long a, long b);

    /**
     * One training row of {@link #contextLength()} input tokens. {@code targets[t]} is the token that should follow
     * input position t; {@code mask[t]} is 1 where the loss is taken (the answer positions, EOS included when the format
     * has one) and 0 elsewhere.
     */
    TrainingRow trainingRow(long a, long b);

    /**
     * Reads the integer answer from the {@link #answerLength()} generated tokens, or returns -1 when the tokens do not
     * spell a number in this format.
     */
    long readAnswer(long[] generated);

    /** What position t of a full row holds; used by position encodings that share slots between operands. */
    PositionRole role(int position);

    /** The role of one sequence position. */
    record PositionRole(Kind kind, int slot) {
        /** Kinds of sequence positions. */
        public enum Kind { OPERAND_A, OPERAND_B, SUM, PLUS, EQUALS, SUM_CARRY, EOS, PAD, BOS }
    }

    /** One training row; arrays all have {@link #contextLength()} entries. */
    record TrainingRow(long[] inputs, long[] targets, float[] mask) { }
}
