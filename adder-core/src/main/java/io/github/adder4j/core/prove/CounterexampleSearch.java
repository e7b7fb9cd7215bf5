package io.github.adder4j.core.prove;

import io.github.adder4j.core.eval.BatchAdder;
import io.github.adder4j.core.eval.Case;
import io.github.adder4j.core.eval.Suite;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Looks for a pair the model adds wrongly, most promising candidates first: inputs inside the cells the prover could not
 * prove (smallest margin first; their free columns filled with random digits, with carry chains of 9-sums that end in the
 * cell's carry, and with zeros), then the carry-structure suite, AdderBoard's test set, and uniform random pairs. Every
 * candidate is run through the real model ({@link BatchAdder}); the first wrong sum is the counterexample.
 */
public final class CounterexampleSearch {
    private final BatchAdder adder;
    private final long seed;
    private final int batch;

    /** @param adder the model as users run it */
    public CounterexampleSearch(BatchAdder adder, long seed) {
        this.adder = adder;
        this.seed = seed;
        this.batch = 2048;
    }

    /** A pair the model adds wrongly, and what it answers. */
    public record Counterexample(long a, long b, long got) {
        /** The correct sum. */
        public long expected() {
            return a + b;
        }
    }

    /** What a search did. */
    public record Result(Optional<Counterexample> found, long tried, String source) { }

    /**
     * Searches.
     *
     * @param cells      unproved cells, most suspicious first (may be empty)
     * @param perCell    candidates drawn inside each cell
     * @param randomPairs uniform random pairs tried last
     */
    public Result search(List<Cell> cells, int perCell, int randomPairs) {
        SplittableRandom random = new SplittableRandom(seed);
        long tried = 0;
        List<Case> guided = new ArrayList<>();
        for (Cell cell : cells) {
            for (int i = 0; i < perCell; i++) {
                guided.add(inside(cell, i, random));
            }
        }
        Object[][] sources = {
            {"unproved cells", guided},
            {"carry suite", Suite.carry().cases()},
            {"AdderBoard test set", Suite.adderBoard().cases()},
            {"random pairs", randomCases(random, randomPairs)},
        };
        for (Object[] source : sources) {
            @SuppressWarnings("unchecked")
            List<Case> cases = (List<Case>) source[1];
            for (int from = 0; from < cases.size(); from += batch) {
                List<Case> chunk = cases.subList(from, Math.min(cases.size(), from + batch));
                long[] a = chunk.stream().mapToLong(Case::a).toArray();
                long[] b = chunk.stream().mapToLong(Case::b).toArray();
                long[] got = adder.add(a, b);
                tried += chunk.size();
                for (int i = 0; i < got.length; i++) {
                    if (got[i] != a[i] + b[i]) {
                        return new Result(Optional.of(new Counterexample(a[i], b[i], got[i])), tried, (String) source[0]);
                    }
                }
            }
        }
        return new Result(Optional.empty(), tried, null);
    }

    private static List<Case> randomCases(SplittableRandom random, int n) {
        List<Case> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Case(random.nextLong(Case.MAX_OPERAND + 1), random.nextLong(Case.MAX_OPERAND + 1)));
        }
        return out;
    }

    /**
     * A pair inside a cell: the fixed columns as the cell says, the columns below it (pattern {@code i % 3}) random, a chain
     * of 9-sums started by a carry (or ended without one) as the cell's carry needs, or zeros when the carry is 0; the
     * columns above it random or 9s.
     */
    static Case inside(Cell cell, int i, SplittableRandom random) {
        int[] a = new int[10];
        int[] b = new int[10];
        for (int k = cell.lo(); k <= cell.hi(); k++) {
            a[k] = cell.digit(0, k);
            b[k] = cell.digit(1, k);
        }
        int pattern = i % 3;
        for (int attempt = 0; ; attempt++) {
            for (int k = 0; k < cell.lo(); k++) {
                if (pattern == 0 || attempt > 0) {
                    a[k] = random.nextInt(10);
                    b[k] = random.nextInt(10);
                } else if (pattern == 1) {
                    a[k] = random.nextInt(10);
                    b[k] = k == 0 && cell.carryIn() == 1 ? Math.min(9, 10 - a[k]) : 9 - a[k];
                    if (k == 0 && cell.carryIn() == 1 && a[k] == 0) {
                        a[k] = 1;
                        b[k] = 9;
                    }
                } else {
                    a[k] = cell.carryIn() == 1 ? 9 : 0;
                    b[k] = cell.carryIn() == 1 ? 9 : 0;
                }
            }
            if (carryInto(a, b, cell.lo()) == cell.carryIn() || attempt > 50) {
                break;
            }
        }
        for (int k = cell.hi() + 1; k < 10; k++) {
            a[k] = pattern == 2 ? 9 : random.nextInt(10);
            b[k] = pattern == 2 ? 9 - (k % 2) : random.nextInt(10);
        }
        return new Case(number(a), number(b));
    }

    private static int carryInto(int[] a, int[] b, int column) {
        int carry = 0;
        for (int k = 0; k < column; k++) {
            carry = (a[k] + b[k] + carry) / 10;
        }
        return carry;
    }

    private static long number(int[] digits) {
        long v = 0;
        for (int k = digits.length - 1; k >= 0; k--) {
            v = v * 10 + digits[k];
        }
        return v;
    }
}
