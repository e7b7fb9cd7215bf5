package io.github.adder4j.core.prove;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The carry-partition prover: for every answer step it bounds the winning margin of each {@link Cell} of the step's initial
 * partition, and splits a cell whose margin is not positive ({@link Cell#children}) until every leaf is proved, a leaf that
 * is a single input fails, or the cell budget is spent. Steps are proved in order; the generated digits a step reads are the
 * correct ones because every earlier step was proved for every input (induction over the steps).
 */
public final class Prover {
    private static final Logger LOG = LoggerFactory.getLogger(Prover.class);

    private final CellBound bound;
    private final long budget;
    private final int answerSteps;
    private final long timeLimitNanos;

    /**
     * @param bound  the cell bounder
     * @param budget most cells bounded in all (the proof gives up beyond)
     */
    public Prover(CellBound bound, long budget) {
        this(bound, budget, Long.MAX_VALUE);
    }

    private Prover(CellBound bound, long budget, long timeLimitNanos) {
        if (budget <= 0) {
            throw new IllegalArgumentException("budget must be positive: " + budget);
        }
        this.bound = bound;
        this.budget = budget;
        this.answerSteps = 11;
        this.timeLimitNanos = timeLimitNanos;
    }

    /**
     * This prover with a wall-clock limit besides the cell budget: when {@link #prove()} has run this long, the cell being
     * bounded counts as unproved and the proof stops, as when the budget is spent. A cell's bound can take long when its
     * margins are tight (deep bisection), so a caller that must not stall (mining in a training loop) gives a limit.
     *
     * @param limit the most time one {@link #prove()} runs, positive
     * @return a prover with the same bounder and budget and this limit
     */
    public Prover within(java.time.Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("time limit must be positive: " + limit);
        }
        return new Prover(bound, budget, limit.toNanos());
    }

    /**
     * What one step's proof did.
     *
     * @param step       answer step
     * @param cells      cells bounded (inner and leaf)
     * @param leaves     leaf cells proved
     * @param pieces     bottleneck boxes evaluated
     * @param minMargin  smallest proved leaf margin
     * @param minCell    the leaf with that margin
     * @param splits     cells that were split, in text form, with their split
     * @param failed     leaves that could not be proved (empty when the step is proved)
     * @param failedMargins their margin bounds (NaN for a cell left unbounded when the time limit passed)
     * @param budgetStopped whether a failed cell could have been split further but the cell budget did not allow it
     */
    public record StepProof(int step, long cells, long leaves, long pieces, double minMargin, String minCell, List<String> splits,
                            List<Cell> failed, List<Double> failedMargins, boolean budgetStopped) {
        /**
         * Whether every leaf was proved.
         *
         * @return {@code true} when the margin of every leaf cell is positive
         */
        public boolean proved() {
            return failed.isEmpty();
        }
    }

    /**
     * The outcome of a proof attempt.
     *
     * @param steps   the steps attempted, in order (it stops at the first step that is not proved)
     * @param seconds wall time
     * @param reason  why the proof stopped, or null when every step is proved
     */
    public record Proof(List<StepProof> steps, double seconds, String reason) {
        /**
         * Whether every step is proved.
         *
         * @return {@code true} when every step is proved
         */
        public boolean proved() {
            return reason == null;
        }

        /**
         * Smallest leaf margin over all steps.
         *
         * @return the smallest margin by which the correct digit won, over all leaves of all steps
         */
        public double minMargin() {
            return steps.stream().mapToDouble(StepProof::minMargin).min().orElse(Double.NaN);
        }

        /**
         * Cells bounded in all.
         *
         * @return the number of cells bounded, over all steps
         */
        public long cells() {
            return steps.stream().mapToLong(StepProof::cells).sum();
        }
    }

    /**
     * Proves every step in order, stopping at the first that fails.
     *
     * @return the proof, with the steps proved so far and the reason when one failed
     */
    public Proof prove() {
        long start = System.nanoTime();
        List<StepProof> steps = new ArrayList<>();
        long used = 0;
        long deadline = timeLimitNanos == Long.MAX_VALUE ? Long.MAX_VALUE : start + timeLimitNanos;
        for (int step = 0; step < answerSteps; step++) {
            StepProof s = proveStep(step, budget - used, deadline);
            steps.add(s);
            used += s.cells();
            LOG.info("step {}: {} cells, {} leaves, min margin {} at {}, {} failed", step, s.cells(), s.leaves(), s.minMargin(),
                    s.minCell(), s.failed().size());
            if (!s.proved()) {
                Cell worst = s.failed().get(0);
                boolean timedOut = s.failedMargins().get(s.failedMargins().size() - 1).isNaN(); // the cell the limit left open
                String why = timedOut ? "time limit " + timeLimitNanos / 1e9 + " s spent"
                        : s.budgetStopped() ? "cell budget " + budget + " spent (margin " + s.failedMargins().get(0)
                                + " <= 0, and splitting further needs more cells)"
                        : "margin " + s.failedMargins().get(0) + " <= 0 at the finest split";
                return new Proof(steps, seconds(start), "step " + step + ", cell " + worst + " (" + describe(worst) + "): " + why);
            }
        }
        return new Proof(steps, seconds(start), null);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * A cell in words: its fixed columns and carry.
     *
     * @param c a cell
     * @return e.g. {@code sum digit 3 with a3=1 b3=8, a2=4 b2=7, carry into column 2 = 1}
     */
    public static String describe(Cell c) {
        StringBuilder s = new StringBuilder("sum digit ").append(c.step()).append(" with ");
        for (int k = c.hi(); k >= c.lo(); k--) {
            s.append("a").append(k).append("=").append(c.digit(0, k)).append(" b").append(k).append("=").append(c.digit(1, k)).append(", ");
        }
        return s.append("carry into column ").append(c.lo()).append(" = ").append(c.carryIn()).toString();
    }

    /**
     * Proves one step within a budget of cells.
     *
     * @param step the answer step, 0..10
     * @param cellBudget the most cells to bound before giving up
     * @return the step's proof, or its failure with the worst cell
     */
    public StepProof proveStep(int step, long cellBudget) {
        return proveStep(step, cellBudget, Long.MAX_VALUE);
    }

    private StepProof proveStep(int step, long cellBudget, long deadline) {
        Deque<Cell> queue = new ArrayDeque<>(Cell.initial(step));
        long cells = 0;
        long leaves = 0;
        long pieces = 0;
        double minMargin = Double.POSITIVE_INFINITY;
        String minCell = null;
        List<String> splits = new ArrayList<>();
        List<Cell> failed = new ArrayList<>();
        List<Double> failedMargins = new ArrayList<>();
        boolean budgetStopped = false;
        while (!queue.isEmpty()) {
            Cell cell = queue.poll();
            if (System.nanoTime() >= deadline) {
                failed.add(cell); // not bounded: the time ran out before it
                failedMargins.add(Double.NaN);
                break;
            }
            CellBound.Bound b = bound.bound(cell);
            cells++;
            pieces += b.pieces();
            if (b.proved()) {
                leaves++;
                if (b.margin() < minMargin) {
                    minMargin = b.margin();
                    minCell = cell.toString();
                }
                continue;
            }
            Cell.Split split = cell.nextSplit();
            List<Cell> children = split == null ? List.of() : cell.children(split);
            if (split == null || cells + queue.size() + children.size() > cellBudget) {
                budgetStopped |= split != null;
                failed.add(cell);
                failedMargins.add(b.margin());
                if (failed.size() >= 20) {
                    break;
                }
                continue;
            }
            splits.add(cell + ":" + split.name().toLowerCase(java.util.Locale.ROOT));
            children.forEach(queue::addFirst);
        }
        return new StepProof(step, cells, leaves, pieces, minMargin, minCell, splits, failed, failedMargins, budgetStopped);
    }
}
