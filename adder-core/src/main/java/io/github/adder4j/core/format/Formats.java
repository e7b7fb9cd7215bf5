package io.github.adder4j.core.format;

import io.github.adder4j.core.format.TokenFormat.PositionRole.Kind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The token layouts of the published adder models.
 *
 * <p>Every layout is one fixed-length "full row" of {@code promptLength() + answerLength()} tokens: the prompt followed
 * by the tokens the model has to generate. A training row is that full row shifted by one (inputs are positions
 * {@code 0 .. contextLength()-1}, targets positions {@code 1 .. contextLength()}) with the loss mask set on the
 * {@link #answerLength()} positions whose targets are answer tokens. {@link #role(int)} describes every position of
 * the full row.
 */
public enum Formats implements TokenFormat {

    /**
     * "LSB-34, vocab 10" (57p/67p/74p split-subspace models): digits only, PLUS, EQUALS and EOS are all token 0 and told
     * apart by position. Full row X0..X9, PLUS, Y0..Y9, EQUALS, Z0..Z9, Z10 (the carry-out digit), EOS.
     */
    LSB34_V10("lsb34-v10", 10, AnswerReading.EVERY_DIGIT, new Layout()
            .operandLsbFirst(Kind.OPERAND_A).special(Kind.PLUS, 0, 1)
            .operandLsbFirst(Kind.OPERAND_B).special(Kind.EQUALS, 0, 1)
            .endPrompt()
            .sumLsbFirst(Kind.SUM_CARRY).special(Kind.EOS, 0, 1)),

    /**
     * "LSB-34, vocab 14" (234p split-subspace model): the {@link #LSB34_V10} layout with real delimiter tokens
     * PLUS=10, EQUALS=11, EOS=12 (PAD=13 is in the vocabulary but never in a row). Answers are read up to the first
     * non-digit token.
     */
    LSB34_V14("lsb34-v14", 14, AnswerReading.UNTIL_NON_DIGIT, new Layout()
            .operandLsbFirst(Kind.OPERAND_A).special(Kind.PLUS, 10, 1)
            .operandLsbFirst(Kind.OPERAND_B).special(Kind.EQUALS, 11, 1)
            .endPrompt()
            .sumLsbFirst(Kind.SUM_CARRY).special(Kind.EOS, 12, 1)),

    /**
     * "MSB-prompt, reversed sum, vocab 14" (311p low-rank and 777p classic models): operands most significant digit
     * first with '+'=10 and '='=11, then the 11-digit sum least significant digit first and EOS=13 (PAD=12 is in the
     * vocabulary but never in a row). Answers are read up to the first non-digit token.
     */
    MSB_REVERSED_V14("msb-rev-v14", 14, AnswerReading.UNTIL_NON_DIGIT, new Layout()
            .operandMsbFirst(Kind.OPERAND_A).special(Kind.PLUS, 10, 1)
            .operandMsbFirst(Kind.OPERAND_B).special(Kind.EQUALS, 11, 1)
            .endPrompt()
            .sumLsbFirst(Kind.SUM).special(Kind.EOS, 13, 1)),

    /**
     * "Q24, vocab 10" (122p/36p Qwen3-style RoPE models): {@code [0] + a LSB-first + [0, 0] + b LSB-first + [0]}, then
     * the 11 sum digits LSB-first, no EOS. Roles of the zero positions: BOS, then PLUS and PAD between the operands,
     * EQUALS at the end of the prompt.
     */
    Q24_V10("q24-v10", 10, AnswerReading.EVERY_DIGIT, new Layout()
            .special(Kind.BOS, 0, 1)
            .operandLsbFirst(Kind.OPERAND_A).special(Kind.PLUS, 0, 1).special(Kind.PAD, 0, 1)
            .operandLsbFirst(Kind.OPERAND_B).special(Kind.EQUALS, 0, 1)
            .endPrompt()
            .sumLsbFirst(Kind.SUM)),

    /**
     * The RoPE period-19 hand-coded family (10p/8p/6p): {@code [0] + a LSB-first + [0]*9 + b LSB-first + [0]} (31
     * tokens, so that b_i sits 19 positions after a_i), then the 11 sum digits LSB-first, no EOS. Roles of the zero
     * positions: BOS, then PLUS and eight PAD between the operands, EQUALS at the end of the prompt.
     */
    ROPE19_31("rope19-31", 10, AnswerReading.EVERY_DIGIT, new Layout()
            .special(Kind.BOS, 0, 1)
            .operandLsbFirst(Kind.OPERAND_A).special(Kind.PLUS, 0, 1).special(Kind.PAD, 0, 8)
            .operandLsbFirst(Kind.OPERAND_B).special(Kind.EQUALS, 0, 1)
            .endPrompt()
            .sumLsbFirst(Kind.SUM));

    /** Digits per operand. */
    private static final int OPERAND_DIGITS = 10;
    /** Digits of a sum (10 columns plus the carry-out). */
    private static final int SUM_DIGITS = 11;
    /** 10^i for i = 0..10. */
    private static final long[] POW10 = powersOfTen();

    private final String id;
    private final int vocabSize;
    private final AnswerReading reading;
    private final PositionRole[] roles;
    /** Token of every non-digit position of the full row; -1 at digit positions. */
    private final long[] fixedTokens;
    private final int promptLength;

    Formats(String id, int vocabSize, AnswerReading reading, Layout layout) {
        this.id = id;
        this.vocabSize = vocabSize;
        this.reading = reading;
        this.roles = layout.roles.toArray(new PositionRole[0]);
        this.fixedTokens = layout.tokens.stream().mapToLong(Long::longValue).toArray();
        this.promptLength = layout.promptLength;
    }

    /**
     * The format with the given {@link #id()}.
     *
     * @param id a format id
     * @return the format
     * @throws IllegalArgumentException when no format has that id, e.g. {@code unknown format: xyz (known: lsb34-v10,
     *                                  ...)}
     */
    public static Formats byId(String id) {
        Objects.requireNonNull(id, "id");
        for (Formats format : values()) {
            if (format.id.equals(id)) {
                return format;
            }
        }
        String known = Arrays.stream(values()).map(Formats::id).collect(Collectors.joining(", "));
        throw new IllegalArgumentException("unknown format: " + id + " (known: " + known + ")");
    }

    /** {@inheritDoc} */
    @Override
    public String id() {
        return id;
    }

    /** {@inheritDoc} */
    @Override
    public int vocabSize() {
        return vocabSize;
    }

    /** {@inheritDoc} */
    @Override
    public int promptLength() {
        return promptLength;
    }

    /** {@inheritDoc} */
    @Override
    public int answerLength() {
        return roles.length - promptLength;
    }

    /** {@inheritDoc} */
    @Override
    public int contextLength() {
        return roles.length - 1;
    }

    /** {@inheritDoc} */
    @Override
    public long[] prompt(long a, long b) {
        TokenFormat.requireOperands(a, b);
        long[] prompt = new long[promptLength];
        fill(prompt, 0, promptLength, a, b);
        return prompt;
    }

    /** {@inheritDoc} */
    @Override
    public TrainingRow trainingRow(long a, long b) {
        TokenFormat.requireOperands(a, b);
        long[] full = new long[roles.length];
        fill(full, 0, roles.length, a, b);
        int length = contextLength();
        long[] inputs = Arrays.copyOfRange(full, 0, length);
        long[] targets = Arrays.copyOfRange(full, 1, length + 1);
        float[] mask = new float[length];
        Arrays.fill(mask, promptLength - 1, length, 1f);
        return new TrainingRow(inputs, targets, mask);
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@link #LSB34_V10}, {@link #Q24_V10} and {@link #ROPE19_31} read all 11 sum digits (least significant first;
     * a trailing EOS is ignored) and return -1 when one of them is not a digit token. {@link #LSB34_V14} and
     * {@link #MSB_REVERSED_V14} read digits least significant first up to the first non-digit token (at most 11),
     * as the published checkpoints do, and return -1 when the first token is not a digit.
     *
     * @throws IllegalArgumentException when {@code generated} does not hold exactly {@link #answerLength()} tokens
     */
    @Override
    public long readAnswer(long[] generated) {
        return read(generated, reading);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when {@code generated} does not hold {@link #answerLength()} tokens
     */
    @Override
    public long readEveryDigit(long[] generated) {
        return read(generated, AnswerReading.EVERY_DIGIT);
    }

    private long read(long[] generated, AnswerReading how) {
        Objects.requireNonNull(generated, "generated");
        if (generated.length != answerLength()) {
            throw new IllegalArgumentException(
                    "generated must have " + answerLength() + " tokens: " + generated.length);
        }
        long value = 0;
        for (int i = 0; i < SUM_DIGITS; i++) {
            long token = generated[i];
            if (token < 0 || token > 9) {
                if (how == AnswerReading.UNTIL_NON_DIGIT && i > 0) {
                    return value;
                }
                return -1;
            }
            value += token * POW10[i];
        }
        return value;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when the position is not in [0, {@link #contextLength()}]
     */
    @Override
    public PositionRole role(int position) {
        if (position < 0 || position >= roles.length) {
            throw new IllegalArgumentException(
                    "position must be in [0, " + (roles.length - 1) + "]: " + position);
        }
        return roles[position];
    }

    /** Writes the tokens of full-row positions [from, to) for a + b into {@code out[from .. to)}. */
    private void fill(long[] out, int from, int to, long a, long b) {
        long sum = a + b;
        for (int p = from; p < to; p++) {
            PositionRole role = roles[p];
            out[p] = switch (role.kind()) {
                case OPERAND_A -> digit(a, role.slot());
                case OPERAND_B -> digit(b, role.slot());
                case SUM, SUM_CARRY -> digit(sum, role.slot());
                default -> fixedTokens[p];
            };
        }
    }

    private static long digit(long value, int slot) {
        return value / POW10[slot] % 10;
    }

    private static long[] powersOfTen() {
        long[] powers = new long[SUM_DIGITS];
        powers[0] = 1;
        for (int i = 1; i < powers.length; i++) {
            powers[i] = powers[i - 1] * 10;
        }
        return powers;
    }

    /** How {@link #readAnswer(long[])} turns generated tokens into a number. */
    private enum AnswerReading {
        /** All 11 sum tokens must be digits. */
        EVERY_DIGIT,
        /** Digits up to the first non-digit token; at least one digit. */
        UNTIL_NON_DIGIT
    }

    /** Builds the role and fixed-token table of a full row, left to right. */
    private static final class Layout {
        private final List<PositionRole> roles = new ArrayList<>();
        private final List<Long> tokens = new ArrayList<>();
        private int promptLength = -1;

        Layout operandLsbFirst(Kind kind) {
            for (int slot = 0; slot < OPERAND_DIGITS; slot++) {
                add(new PositionRole(kind, slot), -1);
            }
            return this;
        }

        Layout operandMsbFirst(Kind kind) {
            for (int slot = OPERAND_DIGITS - 1; slot >= 0; slot--) {
                add(new PositionRole(kind, slot), -1);
            }
            return this;
        }

        /** Ten sum digits LSB first, then the 11th (carry-out) digit with the given kind. */
        Layout sumLsbFirst(Kind carryKind) {
            for (int slot = 0; slot < OPERAND_DIGITS; slot++) {
                add(new PositionRole(Kind.SUM, slot), -1);
            }
            add(new PositionRole(carryKind, OPERAND_DIGITS), -1);
            return this;
        }

        Layout special(Kind kind, long token, int count) {
            for (int i = 0; i < count; i++) {
                add(new PositionRole(kind, -1), token);
            }
            return this;
        }

        Layout endPrompt() {
            promptLength = roles.size();
            return this;
        }

        private void add(PositionRole role, long token) {
            roles.add(role);
            tokens.add(token);
        }
    }
}
