package io.github.adder4j.core.format;

import io.github.adder4j.core.format.TokenFormat.PositionRole;
import io.github.adder4j.core.format.TokenFormat.PositionRole.Kind;
import io.github.adder4j.core.format.TokenFormat.TrainingBatch;
import io.github.adder4j.core.format.TokenFormat.TrainingRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exact layouts, roles, answer reading and error messages of {@link Formats}. */
class FormatsTest {

    private static final long A = 1_234_567_890L;
    private static final long B = 9_876_543_210L;
    private static final long[] A_LSB = {0, 9, 8, 7, 6, 5, 4, 3, 2, 1};
    private static final long[] A_MSB = {1, 2, 3, 4, 5, 6, 7, 8, 9, 0};
    private static final long[] B_LSB = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    private static final long[] B_MSB = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0};
    /** 1234567890 + 9876543210 = 11111111100, least significant digit first. */
    private static final long[] SUM_LSB = {0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1};

    /** The {@code prompt} array of shared/fixtures/published-57p-example.json (1234567890 + 9876543210). */
    private static final long[] PUBLISHED_57P_PROMPT =
            {0, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0};
    /** The {@code generated} array of the same fixture: what the published 57p model emits. */
    private static final long[] PUBLISHED_57P_GENERATED = {0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0};

    @Test
    void prompt57pMatchesThePublishedExample() {
        assertArrayEquals(PUBLISHED_57P_PROMPT, Formats.LSB34_V10.prompt(A, B));
        assertEquals(A + B, Formats.LSB34_V10.readAnswer(PUBLISHED_57P_GENERATED));
    }

    @Test
    void lsb34V10FullRow() {
        assertFullRow(Formats.LSB34_V10, 22, concat(A_LSB, of(0), B_LSB, of(0), SUM_LSB, of(0)));
    }

    @Test
    void lsb34V14FullRow() {
        assertFullRow(Formats.LSB34_V14, 22, concat(A_LSB, of(10), B_LSB, of(11), SUM_LSB, of(12)));
    }

    @Test
    void msbReversedV14FullRow() {
        assertFullRow(Formats.MSB_REVERSED_V14, 22, concat(A_MSB, of(10), B_MSB, of(11), SUM_LSB, of(13)));
    }

    @Test
    void q24V10FullRow() {
        assertFullRow(Formats.Q24_V10, 24, concat(of(0), A_LSB, of(0, 0), B_LSB, of(0), SUM_LSB));
    }

    @Test
    void rope19FullRow() {
        assertFullRow(Formats.ROPE19_31, 31,
                concat(of(0), A_LSB, of(0, 0, 0, 0, 0, 0, 0, 0, 0), B_LSB, of(0), SUM_LSB));
    }

    @Test
    void carryOutDigitIsWritten() {
        TrainingRow row = Formats.LSB34_V14.trainingRow(9_999_999_999L, 1);
        long[] expectedSum = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 12};
        assertArrayEquals(expectedSum, Arrays.copyOfRange(row.targets(), 21, 33));
        assertEquals(10_000_000_000L, Formats.LSB34_V14.readAnswer(expectedSum));
    }

    @Test
    void sizes() {
        assertSizes(Formats.LSB34_V10, "lsb34-v10", 10, 22, 12, 33);
        assertSizes(Formats.LSB34_V14, "lsb34-v14", 14, 22, 12, 33);
        assertSizes(Formats.MSB_REVERSED_V14, "msb-rev-v14", 14, 22, 12, 33);
        assertSizes(Formats.Q24_V10, "q24-v10", 10, 24, 11, 34);
        assertSizes(Formats.ROPE19_31, "rope19-31", 10, 31, 11, 41);
    }

    @Test
    void maskPositions() {
        assertMaskRange(Formats.LSB34_V10, 21, 32);
        assertMaskRange(Formats.LSB34_V14, 21, 32);
        assertMaskRange(Formats.MSB_REVERSED_V14, 21, 32);
        assertMaskRange(Formats.Q24_V10, 23, 33);
        assertMaskRange(Formats.ROPE19_31, 30, 40);
    }

    @Test
    void rolesOfLsb34() {
        for (Formats f : new Formats[] {Formats.LSB34_V10, Formats.LSB34_V14}) {
            assertEquals(new PositionRole(Kind.OPERAND_A, 0), f.role(0));
            assertEquals(new PositionRole(Kind.OPERAND_A, 9), f.role(9));
            assertEquals(new PositionRole(Kind.PLUS, -1), f.role(10));
            assertEquals(new PositionRole(Kind.OPERAND_B, 0), f.role(11));
            assertEquals(new PositionRole(Kind.OPERAND_B, 9), f.role(20));
            assertEquals(new PositionRole(Kind.EQUALS, -1), f.role(21));
            assertEquals(new PositionRole(Kind.SUM, 0), f.role(22));
            assertEquals(new PositionRole(Kind.SUM, 9), f.role(31));
            assertEquals(new PositionRole(Kind.SUM_CARRY, 10), f.role(32));
            assertEquals(new PositionRole(Kind.EOS, -1), f.role(33));
        }
    }

    @Test
    void rolesOfMsbReversed() {
        Formats f = Formats.MSB_REVERSED_V14;
        assertEquals(new PositionRole(Kind.OPERAND_A, 9), f.role(0));
        assertEquals(new PositionRole(Kind.OPERAND_A, 0), f.role(9));
        assertEquals(new PositionRole(Kind.PLUS, -1), f.role(10));
        assertEquals(new PositionRole(Kind.OPERAND_B, 9), f.role(11));
        assertEquals(new PositionRole(Kind.OPERAND_B, 0), f.role(20));
        assertEquals(new PositionRole(Kind.EQUALS, -1), f.role(21));
        assertEquals(new PositionRole(Kind.SUM, 0), f.role(22));
        assertEquals(new PositionRole(Kind.SUM, 10), f.role(32));
        assertEquals(new PositionRole(Kind.EOS, -1), f.role(33));
    }

    @Test
    void rolesOfQ24AndRope19() {
        Formats q = Formats.Q24_V10;
        assertEquals(new PositionRole(Kind.BOS, -1), q.role(0));
        assertEquals(new PositionRole(Kind.OPERAND_A, 0), q.role(1));
        assertEquals(new PositionRole(Kind.PLUS, -1), q.role(11));
        assertEquals(new PositionRole(Kind.PAD, -1), q.role(12));
        assertEquals(new PositionRole(Kind.OPERAND_B, 0), q.role(13));
        assertEquals(new PositionRole(Kind.EQUALS, -1), q.role(23));
        assertEquals(new PositionRole(Kind.SUM, 0), q.role(24));
        assertEquals(new PositionRole(Kind.SUM, 10), q.role(34));

        Formats r = Formats.ROPE19_31;
        assertEquals(new PositionRole(Kind.BOS, -1), r.role(0));
        assertEquals(new PositionRole(Kind.OPERAND_A, 3), r.role(4));
        assertEquals(new PositionRole(Kind.PLUS, -1), r.role(11));
        assertEquals(new PositionRole(Kind.PAD, -1), r.role(19));
        // b_i sits 19 positions after a_i
        assertEquals(new PositionRole(Kind.OPERAND_B, 3), r.role(4 + 19));
        assertEquals(new PositionRole(Kind.EQUALS, -1), r.role(30));
        assertEquals(new PositionRole(Kind.SUM, 0), r.role(31));
        assertEquals(new PositionRole(Kind.SUM, 10), r.role(41));
    }

    @ParameterizedTest
    @EnumSource(Formats.class)
    void everyDigitSlotAppearsExactlyOnce(Formats format) {
        Set<PositionRole> seen = new HashSet<>();
        int digits = 0;
        for (int t = 0; t <= format.contextLength(); t++) {
            PositionRole role = format.role(t);
            if (role.kind().isDigit()) {
                digits++;
                assertTrue(seen.add(role), () -> "duplicate " + role);
            }
        }
        assertEquals(31, digits);
        for (int slot = 0; slot < 10; slot++) {
            assertTrue(seen.contains(new PositionRole(Kind.OPERAND_A, slot)));
            assertTrue(seen.contains(new PositionRole(Kind.OPERAND_B, slot)));
            assertTrue(seen.contains(new PositionRole(Kind.SUM, slot)));
        }
        Kind carry = format == Formats.LSB34_V10 || format == Formats.LSB34_V14 ? Kind.SUM_CARRY : Kind.SUM;
        assertTrue(seen.contains(new PositionRole(carry, 10)));
    }

    @Test
    void roleOutOfRange() {
        assertEquals("position must be in [0, 33]: 34",
                assertThrows(IllegalArgumentException.class, () -> Formats.LSB34_V10.role(34)).getMessage());
        assertEquals("position must be in [0, 41]: -1",
                assertThrows(IllegalArgumentException.class, () -> Formats.ROPE19_31.role(-1)).getMessage());
    }

    @Test
    void positionRoleValidation() {
        assertEquals("slot must be -1 for PLUS: 0",
                assertThrows(IllegalArgumentException.class, () -> new PositionRole(Kind.PLUS, 0)).getMessage());
        assertEquals("slot must be in [0, 10] for SUM: 11",
                assertThrows(IllegalArgumentException.class, () -> new PositionRole(Kind.SUM, 11)).getMessage());
        assertEquals("slot must be in [0, 10] for OPERAND_A: -1",
                assertThrows(IllegalArgumentException.class, () -> new PositionRole(Kind.OPERAND_A, -1))
                        .getMessage());
    }

    @Test
    void readAnswerV14StopsAtFirstNonDigit() {
        // a published 234p failure: 7400652012 + 9506612997 answered with 7 digits, then EOS
        long[] generated = {9, 0, 0, 5, 6, 2, 7, 12, 12, 12, 12, 12};
        assertEquals(7_265_009L, Formats.LSB34_V14.readAnswer(generated));
        assertEquals(7_265_009L, Formats.MSB_REVERSED_V14.readAnswer(generated));
        assertEquals(-1L, Formats.LSB34_V14.readAnswer(new long[] {12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 12}));
        assertEquals(-1L, Formats.MSB_REVERSED_V14.readAnswer(new long[] {13, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 13}));
        // the 12th token is never part of the number
        assertEquals(19_876_543_210L,
                Formats.MSB_REVERSED_V14.readAnswer(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 5}));
    }

    @Test
    void readEveryDigitScoresAllElevenSumDigitsAsThePublishedLowRankEvaluation() {
        long[] early = {9, 0, 0, 5, 6, 2, 7, 12, 12, 12, 12, 12};
        assertEquals(7_265_009L, Formats.MSB_REVERSED_V14.readAnswer(early));
        assertEquals(-1L, Formats.MSB_REVERSED_V14.readEveryDigit(early));
        assertEquals(-1L, Formats.LSB34_V14.readEveryDigit(early));
        long[] full = {9, 0, 0, 5, 6, 2, 7, 0, 0, 0, 0, 13};
        assertEquals(7_265_009L, Formats.MSB_REVERSED_V14.readEveryDigit(full));
        // formats that already read every digit agree with their reader
        long[] v10 = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1};
        assertEquals(Formats.Q24_V10.readAnswer(v10), Formats.Q24_V10.readEveryDigit(v10));
        assertEquals(-1L, Formats.Q24_V10.readEveryDigit(new long[] {0, 0, 0, 0, 10, 0, 0, 0, 0, 0, 1}));
        assertEquals("generated must have 12 tokens: 3",
                assertThrows(IllegalArgumentException.class, () -> Formats.MSB_REVERSED_V14.readEveryDigit(new long[3])).getMessage());
    }

    @Test
    void readAnswerV10ReadsAllElevenDigits() {
        assertEquals(10_000_000_000L, Formats.Q24_V10.readAnswer(new long[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));
        assertEquals(19_876_543_210L, Formats.ROPE19_31.readAnswer(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1}));
        // the EOS slot of LSB-34 v10 is ignored
        assertEquals(5L, Formats.LSB34_V10.readAnswer(new long[] {5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7}));
        // an id outside the digits cannot be read
        assertEquals(-1L, Formats.Q24_V10.readAnswer(new long[] {0, 0, 0, 0, 10, 0, 0, 0, 0, 0, 1}));
        assertEquals(-1L, Formats.LSB34_V10.readAnswer(new long[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, 0}));
    }

    @Test
    void readAnswerWrongLength() {
        assertEquals("generated must have 12 tokens: 11", assertThrows(IllegalArgumentException.class,
                () -> Formats.LSB34_V10.readAnswer(new long[11])).getMessage());
        assertEquals("generated must have 11 tokens: 12", assertThrows(IllegalArgumentException.class,
                () -> Formats.Q24_V10.readAnswer(new long[12])).getMessage());
        assertEquals("generated must have 12 tokens: 0", assertThrows(IllegalArgumentException.class,
                () -> Formats.MSB_REVERSED_V14.readAnswers(new long[][] {new long[12], new long[0]}))
                .getMessage());
        assertEquals("generated length must be a multiple of 11: 23", assertThrows(IllegalArgumentException.class,
                () -> Formats.ROPE19_31.readAnswersFlat(new long[23])).getMessage());
    }

    @ParameterizedTest
    @EnumSource(Formats.class)
    void operandValidation(Formats format) {
        assertEquals("a must be in [0, 9999999999]: -5",
                assertThrows(IllegalArgumentException.class, () -> format.prompt(-5, 0)).getMessage());
        assertEquals("b must be in [0, 9999999999]: 10000000000",
                assertThrows(IllegalArgumentException.class, () -> format.prompt(0, 10_000_000_000L)).getMessage());
        assertEquals("a must be in [0, 9999999999]: 10000000000", assertThrows(IllegalArgumentException.class,
                () -> format.trainingRow(10_000_000_000L, 0)).getMessage());
        assertEquals("b must be in [0, 9999999999]: -1",
                assertThrows(IllegalArgumentException.class, () -> format.trainingRow(0, -1)).getMessage());
        assertEquals("b must be in [0, 9999999999]: -5", assertThrows(IllegalArgumentException.class,
                () -> format.prompts(new long[] {1, 2}, new long[] {3, -5})).getMessage());
        assertEquals("a must be in [0, 9999999999]: -5", assertThrows(IllegalArgumentException.class,
                () -> format.trainingBatch(new long[] {1, -5}, new long[] {3, 4})).getMessage());
    }

    @Test
    void mismatchedBatchLengths() {
        assertEquals("a and b must have the same length: a has 2, b has 3", assertThrows(
                IllegalArgumentException.class,
                () -> Formats.LSB34_V10.prompts(new long[2], new long[3])).getMessage());
        assertEquals("a and b must have the same length: a has 1, b has 0", assertThrows(
                IllegalArgumentException.class,
                () -> Formats.Q24_V10.trainingBatch(new long[1], new long[0])).getMessage());
    }

    @Test
    void batchesMatchSingleRows() {
        long[] a = {A, 0, 9_999_999_999L};
        long[] b = {B, 0, 1};
        for (Formats f : Formats.values()) {
            long[][] prompts = f.prompts(a, b);
            TrainingBatch batch = f.trainingBatch(a, b);
            assertEquals(3, batch.rows());
            assertEquals(f.contextLength(), batch.length());
            for (int i = 0; i < a.length; i++) {
                assertArrayEquals(f.prompt(a[i], b[i]), prompts[i]);
                assertEquals(f.trainingRow(a[i], b[i]), batch.row(i));
            }
            assertEquals(0, f.trainingBatch(new long[0], new long[0]).rows());
        }
        long[][] generated = {PUBLISHED_57P_GENERATED, new long[12]};
        assertArrayEquals(new long[] {A + B, 0}, Formats.LSB34_V10.readAnswers(generated));
        assertArrayEquals(new long[] {A + B, 0}, Formats.LSB34_V10.readAnswersFlat(concat(generated)));
    }

    @Test
    void trainingBatchValidation() {
        assertEquals("inputs, targets and mask must have rows * length = 6 entries: 6, 5, 6",
                assertThrows(IllegalArgumentException.class,
                        () -> new TrainingBatch(new long[6], new long[5], new float[6], 2, 3)).getMessage());
        assertEquals("rows must be >= 0: -1", assertThrows(IllegalArgumentException.class,
                () -> new TrainingBatch(new long[0], new long[0], new float[0], -1, 3)).getMessage());
        assertEquals("length must be >= 1: 0", assertThrows(IllegalArgumentException.class,
                () -> new TrainingBatch(new long[0], new long[0], new float[0], 2, 0)).getMessage());
        TrainingBatch batch = Formats.LSB34_V10.trainingBatch(new long[] {1}, new long[] {2});
        assertEquals("row must be in [0, 1): 1",
                assertThrows(IllegalArgumentException.class, () -> batch.row(1)).getMessage());
        assertEquals("inputs, targets and mask must have the same length: 3, 3, 2",
                assertThrows(IllegalArgumentException.class,
                        () -> new TrainingRow(new long[3], new long[3], new float[2])).getMessage());
    }

    @Test
    void byId() {
        for (Formats f : Formats.values()) {
            assertSame(f, Formats.byId(f.id()));
        }
        assertEquals("unknown format: xyz (known: lsb34-v10, lsb34-v14, msb-rev-v14, q24-v10, rope19-31)",
                assertThrows(IllegalArgumentException.class, () -> Formats.byId("xyz")).getMessage());
    }

    private static void assertFullRow(Formats format, int promptLength, long[] full) {
        int context = full.length - 1;
        assertEquals(promptLength, format.promptLength());
        assertEquals(context, format.contextLength());
        assertArrayEquals(Arrays.copyOf(full, promptLength), format.prompt(A, B));
        TrainingRow row = format.trainingRow(A, B);
        assertArrayEquals(Arrays.copyOf(full, context), row.inputs());
        assertArrayEquals(Arrays.copyOfRange(full, 1, full.length), row.targets());
        assertEquals(A + B, format.readAnswer(Arrays.copyOfRange(full, promptLength, full.length)));
    }

    private static void assertSizes(Formats f, String id, int vocab, int prompt, int answer, int context) {
        assertEquals(id, f.id());
        assertEquals(vocab, f.vocabSize());
        assertEquals(prompt, f.promptLength());
        assertEquals(answer, f.answerLength());
        assertEquals(context, f.contextLength());
    }

    private static void assertMaskRange(Formats f, int first, int last) {
        float[] mask = f.trainingRow(A, B).mask();
        for (int t = 0; t < mask.length; t++) {
            assertEquals(t >= first && t <= last ? 1f : 0f, mask[t], "mask at " + t);
        }
    }

    private static long[] of(long... tokens) {
        return tokens;
    }

    private static long[] concat(long[]... parts) {
        return Arrays.stream(parts).flatMapToLong(LongStream::of).toArray();
    }
}
