package io.github.adder4j.core.format;

import java.util.Arrays;
import java.util.Objects;

/**
 * A token layout for the addition task: the only kind of object in adder4j that knows about digits.
 *
 * <p>A format owns three things: encoding a prompt for {@code a + b}, building training rows (inputs, next-token
 * targets and a loss mask) and reading the answer back from the generated tokens. Models and the decoder only see
 * token ids; position roles ({@link #role(int)}) let split-subspace position encodings share one learned slot
 * between the digits of the same column without knowing what a digit is.
 *
 * <p>The batched default methods ({@link #prompts(long[], long[])}, {@link #trainingBatch(long[], long[])},
 * {@link #readAnswers(long[][])}, {@link #readAnswersFlat(long[])}) are built on the single-pair methods, so every
 * implementation gets them for free.
 */
public interface TokenFormat {

    /** Largest operand every format accepts: ten decimal digits. */
    long MAX_OPERAND = 9_999_999_999L;

    /**
     * Stable identifier, used in configs and checkpoints.
     *
     * @return e.g. {@code lsb34-v10}
     */
    String id();

    /**
     * Number of distinct token ids.
     *
     * @return the vocabulary size
     */
    int vocabSize();

    /**
     * Tokens in a prompt.
     *
     * @return the prompt length
     */
    int promptLength();

    /**
     * Tokens the decoder generates greedily after the prompt.
     *
     * @return the answer length
     */
    int answerLength();

    /**
     * Longest input the model ever sees (the training row length). Decoding crops its input to the last
     * {@code contextLength()} tokens.
     *
     * @return the training row length
     */
    int contextLength();

    /**
     * The prompt for {@code a + b}.
     *
     * @param a first operand, in [0, {@link #MAX_OPERAND}]
     * @param b second operand, in [0, {@link #MAX_OPERAND}]
     * @return {@link #promptLength()} tokens
     * @throws IllegalArgumentException naming the operand when one is out of range
     */
    long[] prompt(long a, long b);

    /**
     * One training row of {@link #contextLength()} input tokens. {@code targets[t]} is the token that should follow
     * input position t; {@code mask[t]} is 1 where the loss is taken (the answer positions, EOS included when the format
     * has one) and 0 elsewhere.
     *
     * @param a first operand, in [0, {@link #MAX_OPERAND}]
     * @param b second operand, in [0, {@link #MAX_OPERAND}]
     * @return the row
     */
    TrainingRow trainingRow(long a, long b);

    /**
     * Reads the integer answer from the {@link #answerLength()} generated tokens, or returns -1 when the tokens do not
     * spell a number in this format.
     *
     * @param generated the generated tokens
     * @return the answer, or -1
     */
    long readAnswer(long[] generated);

    /**
     * Reads the integer answer requiring every one of the 11 sum tokens to be a digit, as the published low-rank
     * evaluation scores all 11 sum digits: an answer that stops early (e.g. an end token after 5 digits) gives -1 here
     * even where {@link #readAnswer(long[])} accepts it. Formats whose reader already requires every digit return the
     * same value as {@link #readAnswer(long[])}.
     *
     * @param generated the {@link #answerLength()} generated tokens
     * @return the answer, or -1 when some sum token is not a digit
     */
    default long readEveryDigit(long[] generated) {
        return readAnswer(generated);
    }

    /**
     * What position t of a full row holds; used by position encodings that share slots between operands.
     *
     * @param position a position in [0, {@link #contextLength()}]
     * @return its role
     */
    PositionRole role(int position);

    /**
     * Prompts for a batch of pairs, one row per pair.
     *
     * @param a first operands, each in [0, {@link #MAX_OPERAND}]
     * @param b second operands, same length as {@code a}
     * @return {@code a.length} prompts of {@link #promptLength()} tokens each
     * @throws IllegalArgumentException when the lengths differ or an operand is out of range
     */
    default long[][] prompts(long[] a, long[] b) {
        requireSameLength(a, b);
        long[][] result = new long[a.length][];
        for (int i = 0; i < a.length; i++) {
            requireOperands(a[i], b[i]);
            result[i] = prompt(a[i], b[i]);
        }
        return result;
    }

    /**
     * Training rows for a batch of pairs, packed row-major into flat arrays (ready for an {@code (rows, length)}
     * tensor).
     *
     * @param a first operands, each in [0, {@link #MAX_OPERAND}]
     * @param b second operands, same length as {@code a}
     * @return a batch with {@code a.length} rows of {@link #contextLength()} positions
     * @throws IllegalArgumentException when the lengths differ or an operand is out of range
     */
    default TrainingBatch trainingBatch(long[] a, long[] b) {
        requireSameLength(a, b);
        int rows = a.length;
        int length = contextLength();
        long[] inputs = new long[rows * length];
        long[] targets = new long[rows * length];
        float[] mask = new float[rows * length];
        for (int r = 0; r < rows; r++) {
            requireOperands(a[r], b[r]);
            TrainingRow row = trainingRow(a[r], b[r]);
            if (row.inputs().length != length) {
                throw new IllegalStateException(
                        "format " + id() + " built a training row of " + row.inputs().length
                                + " tokens but its context length is " + length);
            }
            System.arraycopy(row.inputs(), 0, inputs, r * length, length);
            System.arraycopy(row.targets(), 0, targets, r * length, length);
            System.arraycopy(row.mask(), 0, mask, r * length, length);
        }
        return new TrainingBatch(inputs, targets, mask, rows, length);
    }

    /**
     * Reads the answers of a batch of generations.
     *
     * @param generated one array of {@link #answerLength()} tokens per pair
     * @return one answer per row, -1 where the tokens do not spell a number
     * @throws IllegalArgumentException when a row has the wrong length
     */
    default long[] readAnswers(long[][] generated) {
        Objects.requireNonNull(generated, "generated");
        long[] answers = new long[generated.length];
        for (int i = 0; i < generated.length; i++) {
            answers[i] = readAnswer(generated[i]);
        }
        return answers;
    }

    /**
     * Reads the answers of a batch of generations stored row-major in one flat array (as a {@code (rows,
     * answerLength)} tensor comes back from the engine).
     *
     * @param generated {@code rows * answerLength()} tokens
     * @return one answer per row, -1 where the tokens do not spell a number
     * @throws IllegalArgumentException when the length is not a multiple of {@link #answerLength()}
     */
    default long[] readAnswersFlat(long[] generated) {
        Objects.requireNonNull(generated, "generated");
        int width = answerLength();
        if (generated.length % width != 0) {
            throw new IllegalArgumentException(
                    "generated length must be a multiple of " + width + ": " + generated.length);
        }
        long[] answers = new long[generated.length / width];
        for (int i = 0; i < answers.length; i++) {
            answers[i] = readAnswer(Arrays.copyOfRange(generated, i * width, (i + 1) * width));
        }
        return answers;
    }

    /**
     * Checks that both operands are in [0, {@link #MAX_OPERAND}].
     *
     * @param a first operand
     * @param b second operand
     * @throws IllegalArgumentException naming the operand and its value, e.g. {@code a must be in [0, 9999999999]: -5}
     */
    static void requireOperands(long a, long b) {
        requireOperand("a", a);
        requireOperand("b", b);
    }

    private static void requireOperand(String name, long value) {
        if (value < 0 || value > MAX_OPERAND) {
            throw new IllegalArgumentException(name + " must be in [0, " + MAX_OPERAND + "]: " + value);
        }
    }

    private static void requireSameLength(long[] a, long[] b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a.length != b.length) {
            throw new IllegalArgumentException(
                    "a and b must have the same length: a has " + a.length + ", b has " + b.length);
        }
    }

    /**
     * The role of one sequence position.
     *
     * @param kind what the position holds
     * @param slot for digit kinds the power of ten of the digit (slot i means 10^i, whatever the order of the digits
     *             in the row); -1 for delimiters and padding
     */
    record PositionRole(Kind kind, int slot) {

        /**
         * Validates that digit kinds have a slot in [0, 10] and other kinds have slot -1.
         *
         * @param kind what the position holds
         * @param slot the digit's power of ten, or -1
         */
        public PositionRole {
            Objects.requireNonNull(kind, "kind");
            if (kind.isDigit() ? slot < 0 || slot > 10 : slot != -1) {
                throw new IllegalArgumentException(
                        "slot must be " + (kind.isDigit() ? "in [0, 10]" : "-1") + " for " + kind + ": " + slot);
            }
        }

        /** Kinds of sequence positions. */
        public enum Kind {
            /** A digit of the first operand. */
            OPERAND_A,
            /** A digit of the second operand. */
            OPERAND_B,
            /** A digit of the sum. */
            SUM,
            /** The plus sign. */
            PLUS,
            /** The equals sign. */
            EQUALS,
            /** The sum's carry-out digit. */
            SUM_CARRY,
            /** The end token. */
            EOS,
            /** Padding. */
            PAD,
            /** The start token. */
            BOS;

            /**
             * Whether positions of this kind hold a digit (operand digits, sum digits, the carry-out digit).
             *
             * @return true for the digit kinds
             */
            public boolean isDigit() {
                return this == OPERAND_A || this == OPERAND_B || this == SUM || this == SUM_CARRY;
            }
        }
    }

    /**
     * One training row; arrays all have {@link #contextLength()} entries. The arrays are shared, not copied: treat
     * them as read-only. Equality compares the contents.
     *
     * @param inputs input tokens
     * @param targets next-token targets
     * @param mask 1 where the loss is taken, 0 elsewhere
     */
    record TrainingRow(long[] inputs, long[] targets, float[] mask) {

        /**
         * Validates that the three arrays are present and equally long.
         *
         * @param inputs  input tokens
         * @param targets next-token targets
         * @param mask    1 where the loss is taken, 0 elsewhere
         */
        public TrainingRow {
            Objects.requireNonNull(inputs, "inputs");
            Objects.requireNonNull(targets, "targets");
            Objects.requireNonNull(mask, "mask");
            if (targets.length != inputs.length || mask.length != inputs.length) {
                throw new IllegalArgumentException("inputs, targets and mask must have the same length: "
                        + inputs.length + ", " + targets.length + ", " + mask.length);
            }
        }

        /** Content equality of the three arrays. */
        @Override
        public boolean equals(Object o) {
            return o instanceof TrainingRow other
                    && Arrays.equals(inputs, other.inputs)
                    && Arrays.equals(targets, other.targets)
                    && Arrays.equals(mask, other.mask);
        }

        /** Hash of the three arrays' contents. */
        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(inputs), Arrays.hashCode(targets), Arrays.hashCode(mask));
        }

        /** The three arrays, printed in full. */
        @Override
        public String toString() {
            return "TrainingRow[inputs=" + Arrays.toString(inputs) + ", targets=" + Arrays.toString(targets)
                    + ", mask=" + Arrays.toString(mask) + "]";
        }
    }

    /**
     * Training rows of a batch, flat and row-major: entry {@code [r * length + t]} is position t of row r. The arrays
     * are shared, not copied: treat them as read-only. Equality compares the contents.
     *
     * @param inputs input tokens, {@code rows * length} entries
     * @param targets next-token targets, {@code rows * length} entries
     * @param mask loss mask, {@code rows * length} entries
     * @param rows number of rows (pairs), at least 0
     * @param length positions per row, at least 1
     */
    record TrainingBatch(long[] inputs, long[] targets, float[] mask, int rows, int length) {

        /**
         * Validates the shape: every array holds exactly {@code rows * length} entries.
         *
         * @param inputs  input tokens
         * @param targets next-token targets
         * @param mask    loss mask
         * @param rows    number of rows
         * @param length  positions per row
         */
        public TrainingBatch {
            Objects.requireNonNull(inputs, "inputs");
            Objects.requireNonNull(targets, "targets");
            Objects.requireNonNull(mask, "mask");
            if (rows < 0) {
                throw new IllegalArgumentException("rows must be >= 0: " + rows);
            }
            if (length < 1) {
                throw new IllegalArgumentException("length must be >= 1: " + length);
            }
            long expected = (long) rows * length;
            if (inputs.length != expected || targets.length != expected || mask.length != expected) {
                throw new IllegalArgumentException("inputs, targets and mask must have rows * length = " + expected
                        + " entries: " + inputs.length + ", " + targets.length + ", " + mask.length);
            }
        }

        /**
         * Copies row r out of the batch.
         *
         * @param r the row, in [0, rows)
         * @return a copy of its three arrays
         * @throws IllegalArgumentException when r is not in [0, rows)
         */
        public TrainingRow row(int r) {
            if (r < 0 || r >= rows) {
                throw new IllegalArgumentException("row must be in [0, " + rows + "): " + r);
            }
            int from = r * length;
            int to = from + length;
            return new TrainingRow(Arrays.copyOfRange(inputs, from, to), Arrays.copyOfRange(targets, from, to),
                    Arrays.copyOfRange(mask, from, to));
        }

        /** Content equality of the arrays and the shape. */
        @Override
        public boolean equals(Object o) {
            return o instanceof TrainingBatch other
                    && rows == other.rows && length == other.length
                    && Arrays.equals(inputs, other.inputs)
                    && Arrays.equals(targets, other.targets)
                    && Arrays.equals(mask, other.mask);
        }

        /** Hash of the shape and the arrays' contents. */
        @Override
        public int hashCode() {
            return Objects.hash(rows, length, Arrays.hashCode(inputs), Arrays.hashCode(targets),
                    Arrays.hashCode(mask));
        }

        /** Shape only; the arrays can be large. */
        @Override
        public String toString() {
            return "TrainingBatch[rows=" + rows + ", length=" + length + "]";
        }
    }
}
