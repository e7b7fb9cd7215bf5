package io.github.adder4j.core.prove;

import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.io.ParameterDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides a model: the carry-partition proof ({@link Prover}); when it does not go through, or the architecture is outside
 * the interval forward, the counterexample search ({@link CounterexampleSearch}) guided by the unproved cells.
 */
public final class Decider {
    private static final Logger LOG = LoggerFactory.getLogger(Decider.class);

    /**
     * How hard to try.
     *
     * @param budget      most cells bounded by the proof
     * @param depth       bisection levels of the attention bottleneck box per cell
     * @param perCell     candidates drawn inside each unproved cell
     * @param randomPairs uniform random pairs the search tries last
     * @param seed        seed of the search
     */
    public record Settings(long budget, int depth, int perCell, int randomPairs, long seed) {
        /**
         * Validates.
         *
         * @param budget most cells bounded by the proof
         * @param depth bisection levels of the attention bottleneck box per cell
         * @param perCell candidates drawn inside each unproved cell
         * @param randomPairs uniform random pairs the search tries last
         * @param seed seed of the search
         */
        public Settings {
            if (budget <= 0) {
                throw new IllegalArgumentException("budget must be positive: " + budget);
            }
            if (depth < 0) {
                throw new IllegalArgumentException("depth must not be negative: " + depth);
            }
            if (perCell < 0 || randomPairs < 0) {
                throw new IllegalArgumentException("perCell and randomPairs must not be negative: " + perCell + ", " + randomPairs);
            }
        }

        /**
         * Two million cells, 8 bisection levels, 30 candidates per unproved cell, 100,000 random pairs, seed 1.
         *
         * @return the default settings
         */
        public static Settings defaults() {
            return new Settings(2_000_000, 8, 30, 100_000, 1);
        }
    }

    private Decider() { }

    /** The real model's margins at a step, from its logits with the correct digits before the step (teacher forcing). */
    static CounterexampleSearch.MarginOracle margins(AdderModel model) {
        return (a, b, step) -> {
            var format = model.format();
            int length = format.promptLength() + step;
            long[][] rows = new long[a.length][];
            int[] correct = new int[a.length];
            for (int i = 0; i < a.length; i++) {
                long[] full = format.trainingRow(a[i], b[i]).inputs();
                rows[i] = java.util.Arrays.copyOf(full, length);
                correct[i] = (int) format.trainingRow(a[i], b[i]).targets()[length - 1];
            }
            double[] out = new double[a.length];
            for (int from = 0; from < rows.length; from += 1024) {
                int to = Math.min(rows.length, from + 1024);
                float[][][] logits = model.logits(java.util.Arrays.copyOfRange(rows, from, to));
                for (int i = from; i < to; i++) {
                    float[] l = logits[i - from][length - 1];
                    double best = Double.NEGATIVE_INFINITY;
                    for (int k = 0; k < l.length; k++) {
                        if (k != correct[i]) {
                            best = Math.max(best, l[k]);
                        }
                    }
                    out[i] = l[correct[i]] - best;
                }
            }
            return out;
        };
    }

    /** The carry-partition prover of a model's interval forward with the settings' depth and cell budget. */
    private static Prover prover(IntervalNet net, Settings settings) {
        return new Prover(new CellBound(net, settings.depth()), settings.budget());
    }

    /** The cells of the proof's last step that it could not prove, smallest margin bound first. */
    private static List<Cell> unproved(Prover.Proof proof) {
        Prover.StepProof last = proof.steps().get(proof.steps().size() - 1);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < last.failed().size(); i++) {
            order.add(i);
        }
        order.sort((x, y) -> Double.compare(last.failedMargins().get(x), last.failedMargins().get(y)));
        List<Cell> cells = new ArrayList<>();
        order.forEach(i -> cells.add(last.failed().get(i)));
        return cells;
    }

    /**
     * The inputs a model's proof fails on: runs the proof and, when it does not go through, collects wrong pairs inside the
     * cells it could not prove ({@link CounterexampleSearch#collect}). The proof stops at its first unproved answer step,
     * so the pairs are that step's; after the model learns them, the next call reaches further. Used by targeted
     * fine-tuning to mine training pairs with the prover.
     *
     * @param model    the model
     * @param settings the proof's budget and depth, the candidates per cell and the search's seed ({@code randomPairs} unused)
     * @param limit    most pairs returned, positive
     * @param proofTime the most time the proof runs ({@link Prover#within}); the search then samples the cells left open
     * @return the counterexamples found, at most {@code limit}; empty when the model is proved, when no candidate is wrong,
     *         or when the interval forward does not support the architecture
     */
    public static List<CounterexampleSearch.Counterexample> counterexamples(AdderModel model, Settings settings, int limit,
                                                                            java.time.Duration proofTime) {
        CounterexampleSearch.checkLimit(limit);
        IntervalNet net;
        try {
            net = IntervalNet.of(model);
        } catch (UnsupportedOperationException e) {
            LOG.warn("no proof-guided pairs: the interval forward does not support {}", e.getMessage());
            return List.of();
        }
        Prover.Proof proof = prover(net, settings).within(proofTime).prove();
        if (proof.proved()) {
            return List.of();
        }
        return new CounterexampleSearch(model.adder(), margins(model), settings.seed())
                .collect(unproved(proof), settings.perCell(), limit);
    }

    /**
     * Decides one model, named {@code id} in the result line.
     *
     * @param id the model's name, e.g. a zoo id
     * @param model the model to decide
     * @param settings the budgets of the proof and of the search
     * @return the verdict: proved, a counterexample or unknown with the reason
     */
    public static Verdict decide(String id, AdderModel model, Settings settings) {
        IntervalNet net;
        String unsupported = null;
        try {
            net = IntervalNet.of(model);
        } catch (UnsupportedOperationException e) {
            net = null;
            unsupported = e.getMessage();
        }
        Prover.Proof proof = null;
        List<Cell> suspects = new ArrayList<>();
        if (net != null) {
            proof = prover(net, settings).prove();
            if (proof.proved()) {
                String sha = ParameterDigest.sha256Hex(model.tensors());
                Certificate c = Certificate.of(id, sha, model.format().id(), model.config().precision().name(), net.floatModel(), proof);
                return new Verdict(Verdict.Outcome.PROVED, id, null, null, proof, c, 0);
            }
            suspects.addAll(unproved(proof));
        }
        LOG.info("searching for a counterexample around {} unproved cells", suspects.size());
        CounterexampleSearch.Result r = new CounterexampleSearch(model.adder(), margins(model), settings.seed())
                .search(suspects, settings.perCell(), settings.randomPairs());
        Optional<CounterexampleSearch.Counterexample> found = r.found();
        if (found.isPresent()) {
            return new Verdict(Verdict.Outcome.COUNTEREXAMPLE, id, found.get(), null, proof, null, r.tried());
        }
        String reason;
        if (unsupported != null) {
            reason = "the interval forward does not support " + unsupported + "; no counterexample in " + r.tried() + " pairs";
        } else {
            reason = proof.reason();
            if (!suspects.isEmpty() && suspects.get(0).isPoint()) {
                Cell worst = suspects.get(0);
                long[] ab = worst.operands();
                double real = margins(model).margins(new long[] {ab[0]}, new long[] {ab[1]}, worst.step())[0];
                reason += " (at " + ab[0] + " + " + ab[1] + " the model's own margin is " + (float) real
                        + ": the rounding bound is wider than that margin)";
            }
            reason += "; no counterexample in " + r.tried() + " pairs";
        }
        return new Verdict(Verdict.Outcome.UNKNOWN, id, null, reason, proof, null, r.tried());
    }
}
