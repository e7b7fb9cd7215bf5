package io.github.adder4j.core.format;

import io.github.adder4j.core.format.CarryHeavyPairs.Pair;
import io.github.adder4j.core.format.TokenFormat.PositionRole;
import io.github.adder4j.core.format.TokenFormat.TrainingBatch;
import io.github.adder4j.core.format.TokenFormat.TrainingRow;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Properties of every {@link Formats} layout on carry-heavy operand pairs. */
class FormatsProperties {

    @Provide
    Arbitrary<Pair> pairs() {
        return CarryHeavyPairs.arbitrary();
    }

    @Property
    void answerTokensOfATrainingRowReadBackAsTheSum(@ForAll("pairs") Pair pair) {
        int chain = pair.longestCarryChain();
        Statistics.label("longest carry chain").collect(chain);
        Statistics.label("chain of 8 or more").collect(chain >= 8);
        for (Formats format : Formats.values()) {
            TrainingRow row = format.trainingRow(pair.a(), pair.b());
            long[] answer = maskedTargets(row);
            assertEquals(format.answerLength(), answer.length, format.id());
            assertEquals(pair.sum(), format.readAnswer(answer), format.id());
        }
    }

    @Property(tries = 200)
    void carryHeavyGeneratorReachesLongChains(@ForAll("pairs") Pair pair) {
        int chain = pair.longestCarryChain();
        Statistics.label("long chain").collect(chain >= 8);
        Statistics.label("long chain").coverage(c -> c.check(true).percentage(p -> p >= 15.0));
        Statistics.label("full chain").collect(chain == 10);
        Statistics.label("full chain").coverage(c -> c.check(true).count(n -> n >= 5));
    }

    @Property
    void promptIsAPrefixOfTheTrainingInputs(@ForAll("pairs") Pair pair) {
        for (Formats format : Formats.values()) {
            long[] prompt = format.prompt(pair.a(), pair.b());
            long[] inputs = format.trainingRow(pair.a(), pair.b()).inputs();
            assertEquals(format.promptLength(), prompt.length, format.id());
            assertArrayEquals(prompt, Arrays.copyOf(inputs, prompt.length), format.id());
        }
    }

    @Property
    void targetsAreTheInputsShiftedAndTheMaskCoversTheAnswer(@ForAll("pairs") Pair pair) {
        for (Formats format : Formats.values()) {
            TrainingRow row = format.trainingRow(pair.a(), pair.b());
            int length = format.contextLength();
            assertEquals(length, row.inputs().length, format.id());
            for (int t = 0; t + 1 < length; t++) {
                assertEquals(row.inputs()[t + 1], row.targets()[t], format.id() + " t=" + t);
            }
            int masked = 0;
            for (int t = 0; t < length; t++) {
                float expected = t >= format.promptLength() - 1 ? 1f : 0f;
                assertEquals(expected, row.mask()[t], format.id() + " t=" + t);
                masked += (int) row.mask()[t];
            }
            assertEquals(format.answerLength(), masked, format.id());
        }
    }

    @Property
    void rolesDescribeEveryTokenOfTheFullRow(@ForAll("pairs") Pair pair) {
        for (Formats format : Formats.values()) {
            long[] full = fullRow(format, pair.a(), pair.b());
            long[] reference = fullRow(format, 0, 0);
            for (int t = 0; t < full.length; t++) {
                PositionRole role = format.role(t);
                long expected = switch (role.kind()) {
                    case OPERAND_A -> digit(pair.a(), role.slot());
                    case OPERAND_B -> digit(pair.b(), role.slot());
                    case SUM, SUM_CARRY -> digit(pair.sum(), role.slot());
                    // delimiters and padding are the same token whatever the operands
                    default -> reference[t];
                };
                assertEquals(expected, full[t], format.id() + " t=" + t + " " + role);
                assertTrue(full[t] >= 0 && full[t] < format.vocabSize(), format.id() + " t=" + t);
                if (!role.kind().isDigit()) {
                    assertTrue(full[t] == 0 || full[t] >= 10, format.id() + " delimiter token " + full[t]);
                }
            }
        }
    }

    @Property(tries = 200)
    void batchesAgreeWithSingleRows(@ForAll @Size(max = 12) List<@From("pairs") Pair> pairs) {
        long[] a = pairs.stream().mapToLong(Pair::a).toArray();
        long[] b = pairs.stream().mapToLong(Pair::b).toArray();
        long[] sums = pairs.stream().mapToLong(Pair::sum).toArray();
        for (Formats format : Formats.values()) {
            long[][] prompts = format.prompts(a, b);
            TrainingBatch batch = format.trainingBatch(a, b);
            assertEquals(pairs.size(), batch.rows());
            long[][] answers = new long[pairs.size()][];
            for (int i = 0; i < pairs.size(); i++) {
                assertArrayEquals(format.prompt(a[i], b[i]), prompts[i]);
                TrainingRow row = batch.row(i);
                assertEquals(format.trainingRow(a[i], b[i]), row);
                answers[i] = maskedTargets(row);
            }
            assertArrayEquals(sums, format.readAnswers(answers), format.id());
            long[] flat = Arrays.stream(answers).flatMapToLong(Arrays::stream).toArray();
            assertArrayEquals(sums, format.readAnswersFlat(flat), format.id());
        }
    }

    @Property
    void anEarlyNonDigitEndsTheAnswerInV14FormatsAndSpoilsItInV10Formats(
            @ForAll("pairs") Pair pair, @ForAll @IntRange(min = 0, max = 10) int stop,
            @ForAll @IntRange(min = 10, max = 13) int nonDigit) {
        for (Formats format : Formats.values()) {
            long[] answer = maskedTargets(format.trainingRow(pair.a(), pair.b()));
            answer[stop] = nonDigit;
            long read = format.readAnswer(answer);
            boolean stopsAtNonDigit = format == Formats.LSB34_V14 || format == Formats.MSB_REVERSED_V14;
            long expected = !stopsAtNonDigit || stop == 0 ? -1 : pair.sum() % pow10(stop);
            assertEquals(expected, read, format.id() + " stop=" + stop);
        }
    }

    private static long[] maskedTargets(TrainingRow row) {
        long[] out = new long[row.targets().length];
        int n = 0;
        for (int t = 0; t < out.length; t++) {
            if (row.mask()[t] != 0f) {
                out[n++] = row.targets()[t];
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static long[] fullRow(TokenFormat format, long a, long b) {
        TrainingRow row = format.trainingRow(a, b);
        long[] full = Arrays.copyOf(row.inputs(), row.inputs().length + 1);
        full[full.length - 1] = row.targets()[row.targets().length - 1];
        return full;
    }

    private static long digit(long value, int slot) {
        return value / pow10(slot) % 10;
    }

    private static long pow10(int k) {
        long p = 1;
        for (int i = 0; i < k; i++) {
            p *= 10;
        }
        return p;
    }
}
