package io.github.adder4j.examples.docs;

import io.github.adder4j.core.eval.AdderBoardSuite;
import io.github.adder4j.core.eval.Carries;
import io.github.adder4j.core.eval.Case;
import io.github.adder4j.core.eval.Suite;
import java.util.List;
import java.util.Locale;

/**
 * Section {@code carry-histogram}: how long the longest carry chain ({@link Carries#longestCarryChain}) is in the AdderBoard
 * cases, against the exact expectation for as many uniform random pairs and against the carry suite.
 */
final class CarryHistogram {
    private CarryHistogram() { }

    /** The section's name. */
    static final String NAME = "carry-histogram";

    /** The table. */
    static String render() {
        long[] board = histogram(Suite.adderBoard().cases());
        long[] carry = histogram(Suite.carry().cases());
        double[] atLeast = uniformAtLeast();
        int n = AdderBoardSuite.SIZE;
        MarkdownTable t = new MarkdownTable("#longest carry chain L", "#AdderBoard cases with L", "#AdderBoard cases with >= L",
                String.format(Locale.ROOT, "#expected >= L in %,d uniform pairs", n), "#carry-suite cases with L");
        long cumulative = 0;
        long[] suffix = new long[board.length];
        for (int len = board.length - 1; len >= 0; len--) {
            cumulative += board[len];
            suffix[len] = cumulative;
        }
        for (int len = 0; len <= Carries.COLUMNS; len++) {
            t.row(len, board[len], suffix[len], String.format(Locale.ROOT, "%.1f", atLeast[len] * n), carry[len]);
        }
        return t.render();
    }

    /** Number of cases per longest-chain length 0..10. */
    static long[] histogram(List<Case> cases) {
        long[] h = new long[Carries.COLUMNS + 1];
        for (Case c : cases) {
            h[Carries.longestCarryChain(c.a(), c.b())]++;
        }
        return h;
    }

    /**
     * For uniform random 10-digit operands, the exact probability that the longest carry chain is at least L, for L = 0..10.
     * Dynamic programming over the columns with state (carry into the column, length of the current chain, longest so
     * far): a column without an incoming carry produces one for 45 of the 100 digit pairs (digit sum at least 10), a
     * column with one for 55 (digit sum at least 9).
     */
    static double[] uniformAtLeast() {
        int cols = Carries.COLUMNS;
        // p[carry][run][longest]
        double[][][] p = new double[2][cols + 1][cols + 1];
        p[0][0][0] = 1;
        for (int col = 0; col < cols; col++) {
            double[][][] next = new double[2][cols + 1][cols + 1];
            for (int c = 0; c < 2; c++) {
                double carries = carryingPairs(c) / 100.0;
                for (int run = 0; run <= cols; run++) {
                    for (int longest = 0; longest <= cols; longest++) {
                        double q = p[c][run][longest];
                        if (q == 0) {
                            continue;
                        }
                        int grown = run + 1;
                        next[1][grown][Math.max(longest, grown)] += q * carries;
                        next[0][0][longest] += q * (1 - carries);
                    }
                }
            }
            p = next;
        }
        double[] exactly = new double[cols + 1];
        for (int c = 0; c < 2; c++) {
            for (int run = 0; run <= cols; run++) {
                for (int longest = 0; longest <= cols; longest++) {
                    exactly[longest] += p[c][run][longest];
                }
            }
        }
        double[] atLeast = new double[cols + 1];
        double sum = 0;
        for (int len = cols; len >= 0; len--) {
            sum += exactly[len];
            atLeast[len] = sum;
        }
        return atLeast;
    }

    /** Digit pairs (of 100) whose column produces a carry, given the incoming carry. */
    private static int carryingPairs(int carryIn) {
        int n = 0;
        for (int x = 0; x < 10; x++) {
            for (int y = 0; y < 10; y++) {
                n += x + y + carryIn >= 10 ? 1 : 0;
            }
        }
        return n;
    }
}
