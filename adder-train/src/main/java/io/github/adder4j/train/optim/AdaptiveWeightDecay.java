package io.github.adder4j.train.optim;

import java.util.List;

/**
 * Weight decay chosen from the latest evaluation, as in the 74p recipe: once the model starts to generalise the decay is
 * reduced so that it does not pull a nearly-found solution apart.
 *
 * <p>The tiers are tried in order and the first whose thresholds are both met gives the multiplier; when none matches,
 * or before the first evaluation, the base weight decay applies unchanged. Put the strictest tier first.
 *
 * @param baseWeightDecay the weight decay without any reduction, non-negative
 * @param tiers           thresholds and multipliers, tried in order
 */
public record AdaptiveWeightDecay(double baseWeightDecay, List<Tier> tiers) {

    /**
     * One rule: if exact match is at least {@code minExactMatch} and token accuracy at least {@code minTokenAccuracy},
     * use {@code baseWeightDecay * multiplier}.
     *
     * @param minExactMatch    exact-match threshold, in [0, 1]
     * @param minTokenAccuracy token-accuracy threshold, in [0, 1]
     * @param multiplier       factor on the base weight decay, non-negative
     */
    public record Tier(double minExactMatch, double minTokenAccuracy, double multiplier) {

        /**
         * Validates the fields.
         *
         * @throws IllegalArgumentException naming the first bad field and its value
         */
        public Tier {
            Checks.inUnit("minExactMatch", minExactMatch);
            Checks.inUnit("minTokenAccuracy", minTokenAccuracy);
            Checks.nonNegative("multiplier", multiplier);
        }
    }

    /**
     * Validates the base decay and copies the tiers.
     *
     * @throws IllegalArgumentException for a bad base decay or a null list or tier
     */
    public AdaptiveWeightDecay {
        Checks.nonNegative("baseWeightDecay", baseWeightDecay);
        Checks.notNull("tiers", tiers);
        for (Tier t : tiers) {
            Checks.notNull("tier", t);
        }
        tiers = List.copyOf(tiers);
    }

    /**
     * The published 74p rule: exact match &ge; 0.2 and token accuracy &ge; 0.7 give {@code wd * 0.01}; else exact
     * match &ge; 0.02 and token accuracy &ge; 0.7 give {@code wd * 0.1}; else {@code wd}.
     *
     * @param baseWeightDecay the recipe's weight decay (0.01 in the 74p run)
     * @return the rule
     * @throws IllegalArgumentException if the decay is negative or not finite
     */
    public static AdaptiveWeightDecay recipe74p(double baseWeightDecay) {
        return new AdaptiveWeightDecay(baseWeightDecay, List.of(new Tier(0.2, 0.7, 0.01), new Tier(0.02, 0.7, 0.1)));
    }

    /**
     * The weight decay before any evaluation: the base value.
     *
     * @return the base weight decay
     */
    public double initialWeightDecay() {
        return baseWeightDecay;
    }

    /**
     * The weight decay to use after an evaluation with the given metrics.
     *
     * @param exactMatch    fraction of validation sums that were entirely right, in [0, 1]
     * @param tokenAccuracy fraction of supervised tokens that were right, in [0, 1]
     * @return the weight decay for the following steps
     * @throws IllegalArgumentException if a metric is outside [0, 1]
     */
    public double weightDecay(double exactMatch, double tokenAccuracy) {
        Checks.inUnit("exactMatch", exactMatch);
        Checks.inUnit("tokenAccuracy", tokenAccuracy);
        for (Tier t : tiers) {
            if (exactMatch >= t.minExactMatch() && tokenAccuracy >= t.minTokenAccuracy()) {
                return baseWeightDecay * t.multiplier();
            }
        }
        return baseWeightDecay;
    }
}
