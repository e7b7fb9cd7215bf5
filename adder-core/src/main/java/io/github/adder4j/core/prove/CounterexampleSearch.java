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
 * cell's carry, and with zeros), a margin descent from them, then the carry-structure suite, AdderBoard's test set, and
 * uniform random pairs. Every
 * candidate is run through the real model ({@link BatchAdder}); the first wrong sum is the counterexample.
 */
public final class CounterexampleSearch {
    private final BatchAdder adder;
    private final MarginOracle oracle;
    private final long seed;
    private final int batch;
    /** The most suspicious cells a margin descent starts from. */
    private static final int DESCENT_CELLS = 5;

    /**
     * The real model's winning margin at one answer step, with the correct digits before it:
     * {@code logit[correct] - max other logit} per pair.
     */
    @FunctionalInterface
    public interface MarginOracle {
        /**
         * Margins of the pairs at the step.
         *
         * @param a the first operands
         * @param b the second operands, as many as {@code a}
         * @param step the answer step, 0..10
         * @return one margin per pair; negative where the model writes a wrong digit
         */
        double[] margins(long[] a, long[] b, int step);
    }

    /**
     * A search over one model.
     *
     * @param adder  the model as users run it
     * @param oracle the model's margins, for the descent from unproved cells (null: no descent)
     * @param seed   the seed of the random candidates; the same seed tries the same pairs
     */
    public CounterexampleSearch(BatchAdder adder, MarginOracle oracle, long seed) {
        this.adder = adder;
        this.oracle = oracle;
        this.seed = seed;
        this.batch = 2048;
    }

    /** A pair the model adds wrongly, and what it answers. */
    public record Counterexample(long a, long b, long got) {
        /**
         * The correct sum.
         *
         * @return {@code a + b}
         */
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
     * @return the first counterexample, if any, with the number of pairs tried and the source of the pair
     */
    public Result search(List<Cell> cells, int perCell, int randomPairs) {
        SplittableRandom random = new SplittableRandom(seed);
        long tried = 0;
        Result first = run("unproved cells", guided(cells, perCell, random), 0);
        if (first.found().isPresent()) {
            return first;
        }
        tried += first.tried();
        if (oracle != null && !cells.isEmpty()) {
            Descent d = descend(cells, perCell, random);
            tried += d.tried;
            if (d.found != null) {
                return new Result(Optional.of(d.found), tried, "margin descent from unproved cells");
            }
        }
        Object[][] sources = {
            {"carry suite", Suite.carry().cases()},
            {"AdderBoard test set", Suite.adderBoard().cases()},
            {"random pairs", randomCases(random, randomPairs)},
        };
        for (Object[] source : sources) {
            @SuppressWarnings("unchecked")
            Result r = run((String) source[0], (List<Case>) source[1], tried);
            if (r.found().isPresent()) {
                return r;
            }
            tried = r.tried();
        }
        return new Result(Optional.empty(), tried, null);
    }

    /** {@code perCell} candidates inside each cell, in order, each distinct pair once (a single-input cell gives one pair). */
    private static List<Case> guided(List<Cell> cells, int perCell, SplittableRandom random) {
        java.util.Set<Case> guided = new java.util.LinkedHashSet<>();
        for (Cell cell : cells) {
            for (int i = 0; i < perCell; i++) {
                guided.add(inside(cell, i, random));
            }
        }
        return new ArrayList<>(guided);
    }

    /** Runs cases through the model in batches; the first wrong sum is the counterexample. */
    private Result run(String source, List<Case> cases, long triedBefore) {
        Scan scan = scan(cases, 1);
        return new Result(scan.wrong().stream().findFirst(), triedBefore + scan.tried(), source);
    }

    static void checkLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
    }

    /** The wrong sums among {@code cases}, in order, until {@code limit} are found; {@code tried} counts the pairs run. */
    private record Scan(List<Counterexample> wrong, long tried) { }

    private Scan scan(List<Case> cases, int limit) {
        List<Counterexample> wrong = new ArrayList<>();
        long tried = 0;
        for (int from = 0; from < cases.size() && wrong.size() < limit; from += batch) {
            List<Case> chunk = cases.subList(from, Math.min(cases.size(), from + batch));
            long[] a = chunk.stream().mapToLong(Case::a).toArray();
            long[] b = chunk.stream().mapToLong(Case::b).toArray();
            long[] got = adder.add(a, b);
            tried += chunk.size();
            for (int i = 0; i < got.length && wrong.size() < limit; i++) {
                if (got[i] != a[i] + b[i]) {
                    wrong.add(new Counterexample(a[i], b[i], got[i]));
                }
            }
        }
        return new Scan(wrong, tried);
    }

    /**
     * Many counterexamples instead of the first: every wrong pair among {@code perCell} candidates drawn inside each unproved
     * cell, then the pair the margin descent finds from each of the most suspicious cells. These are the inputs the proof
     * could not close, which targeted fine-tuning can train on; an empty list when the model adds every candidate correctly.
     *
     * @param cells   unproved cells, most suspicious first (may be empty)
     * @param perCell candidates drawn inside each cell
     * @param limit   most counterexamples returned, positive
     * @return distinct counterexamples, those inside the cells first, at most {@code limit}
     */
    public List<Counterexample> collect(List<Cell> cells, int perCell, int limit) {
        checkLimit(limit);
        SplittableRandom random = new SplittableRandom(seed);
        java.util.Set<Counterexample> found = new java.util.LinkedHashSet<>(scan(guided(cells, perCell, random), limit).wrong());
        if (oracle != null) {
            for (Cell cell : cells.subList(0, Math.min(cells.size(), DESCENT_CELLS))) {
                if (found.size() >= limit) {
                    break;
                }
                Descent d = descendFrom(cell, perCell, random);
                if (d.found != null) {
                    found.add(d.found);
                }
            }
        }
        return List.copyOf(found);
    }

    private record Descent(Counterexample found, long tried) { }

    /**
     * Margin descent: from pairs inside the unproved cells, keep the pairs with the smallest real margin at the cell's step
     * and mutate them (one or two digits redrawn, or a column made a 9-sum or a 0-sum), for a fixed number of rounds; every
     * candidate is also added by the model, so a wrong digit at any step is caught.
     */
    private Descent descend(List<Cell> cells, int perCell, SplittableRandom random) {
        long tried = 0;
        for (Cell cell : cells.subList(0, Math.min(cells.size(), DESCENT_CELLS))) {
            Descent d = descendFrom(cell, perCell, random);
            tried += d.tried;
            if (d.found != null) {
                return new Descent(d.found, tried);
            }
        }
        return new Descent(null, tried);
    }

    /** The margin descent from one unproved cell (see {@link #descend}). */
    private Descent descendFrom(Cell cell, int perCell, SplittableRandom random) {
        long tried = 0;
        int step = cell.step();
        List<Case> population = new ArrayList<>();
        for (int i = 0; i < Math.max(perCell, 8); i++) {
            population.add(inside(cell, i, random));
        }
        for (int round = 0; round < 15; round++) {
            List<Case> candidates = new ArrayList<>(population);
            for (Case c : population) {
                for (int m = 0; m < 8; m++) {
                    candidates.add(mutate(c, random));
                }
            }
            long[] a = candidates.stream().mapToLong(Case::a).toArray();
            long[] b = candidates.stream().mapToLong(Case::b).toArray();
            double[] margins = oracle.margins(a, b, step);
            tried += candidates.size();
            Result any = run("margin descent", candidates, 0); // a wrong digit at another step counts too
            if (any.found().isPresent()) {
                return new Descent(any.found().get(), tried);
            }
            Integer[] order = new Integer[candidates.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (x, y) -> Double.compare(margins[x], margins[y]));
            if (margins[order[0]] <= 0) {
                List<Integer> negative = new ArrayList<>();
                for (Integer i : order) {
                    if (margins[i] <= 0) {
                        negative.add(i);
                    }
                }
                long[] na = negative.stream().mapToLong(i -> a[i]).toArray();
                long[] nb = negative.stream().mapToLong(i -> b[i]).toArray();
                long[] got = adder.add(na, nb);
                for (int i = 0; i < got.length; i++) {
                    if (got[i] != na[i] + nb[i]) {
                        return new Descent(new Counterexample(na[i], nb[i], got[i]), tried);
                    }
                }
            }
            population = new ArrayList<>();
            java.util.Set<Case> seen = new java.util.HashSet<>();
            for (int i = 0; i < order.length && population.size() < 16; i++) {
                if (seen.add(candidates.get(order[i]))) {
                    population.add(candidates.get(order[i]));
                }
            }
        }
        return new Descent(null, tried);
    }

    private static Case mutate(Case c, SplittableRandom random) {
        long[] x = {c.a(), c.b()};
        int changes = 1 + random.nextInt(2);
        for (int n = 0; n < changes; n++) {
            int column = random.nextInt(10);
            long p = pow10(column);
            int kind = random.nextInt(4);
            int da = (int) (x[0] / p % 10);
            int db = (int) (x[1] / p % 10);
            int na;
            int nb;
            switch (kind) {
                case 0 -> {
                    na = random.nextInt(10);
                    nb = db;
                }
                case 1 -> {
                    na = da;
                    nb = random.nextInt(10);
                }
                case 2 -> {
                    na = random.nextInt(10);
                    nb = 9 - na;
                }
                default -> {
                    na = random.nextInt(10);
                    nb = random.nextBoolean() ? 9 : 0;
                }
            }
            x[0] += (na - da) * p;
            x[1] += (nb - db) * p;
        }
        return new Case(x[0], x[1]);
    }

    private static long pow10(int k) {
        long p = 1;
        for (int i = 0; i < k; i++) {
            p *= 10;
        }
        return p;
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
