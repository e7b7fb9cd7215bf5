package io.github.adder4j.train;

import io.github.adder4j.train.optim.Checks;

/**
 * How a {@link Recipe} updates the parameters: the optimizer and its settings, clipping, the Grokfast filter and the weight
 * decay (constant or adaptive, and which parameters it applies to). Part {@code optimization} of a recipe.
 *
 * @param optimizer           {@link Recipe.Optimizer#ADAMW}: AdamW steps on fresh batches; {@link Recipe.Optimizer#LBFGS}:
 *                            polishing, one L-BFGS iteration per step on one fixed batch of the recipe's batch size (the
 *                            task's batch for step 0), with {@code weightDecay} as an L2 penalty {@code wd/2 |theta|^2} on
 *                            the loss (over {@code decayScope}'s parameters) and the learning rate, schedule and clipping
 *                            unused; null (files written before the field existed) means ADAMW
 * @param learningRate        peak learning rate, positive
 * @param weightDecay         AdamW decoupled weight decay, at least 0
 * @param beta1               AdamW beta1
 * @param beta2               AdamW beta2
 * @param epsilon             AdamW epsilon
 * @param clipNorm            global L2 gradient-norm clip, at least 0 (0 disables)
 * @param decayScope          which parameters weight decay applies to; null means {@link Recipe.DecayScope#ALL}
 * @param grokfast            apply the Grokfast-EMA gradient filter (alpha 0.98, lambda 3) between backward and clipping
 * @param adaptiveWeightDecay change the weight decay after each evaluation by {@code adaptiveRule}
 * @param adaptiveRule        the adaptive weight-decay rule, only with {@code adaptiveWeightDecay}; null means
 *                            {@link Recipe.AdaptiveRule#SPLIT_74}
 */
public record OptimizerSpec(Recipe.Optimizer optimizer, double learningRate, double weightDecay, double beta1, double beta2,
                            double epsilon, double clipNorm, Recipe.DecayScope decayScope, boolean grokfast,
                            boolean adaptiveWeightDecay, Recipe.AdaptiveRule adaptiveRule) {

    /**
     * The defaults, those of the 57p published recipe: AdamW at lr 0.02 with weight decay 0.01 on every parameter, betas
     * 0.9 and 0.999, epsilon 1e-8, clipping at 1.0, no Grokfast, constant weight decay.
     */
    public static final OptimizerSpec DEFAULTS = new OptimizerSpec(Recipe.Optimizer.ADAMW, 0.02, 0.01, 0.9, 0.999, 1e-8, 1.0,
            Recipe.DecayScope.ALL, false, false, null);

    /** Validates; a null optimizer or decay scope becomes its default. */
    public OptimizerSpec {
        optimizer = optimizer == null ? Recipe.Optimizer.ADAMW : optimizer;
        decayScope = decayScope == null ? Recipe.DecayScope.ALL : decayScope;
        Checks.positive("learningRate", learningRate);
        Checks.notNegative("weightDecay", weightDecay);
        Checks.notNegative("clipNorm", clipNorm);
        if (optimizer == Recipe.Optimizer.LBFGS && (grokfast || adaptiveWeightDecay)) {
            throw new IllegalStateException("optimizer LBFGS takes neither grokfast nor adaptiveWeightDecay: grokfast=" + grokfast
                    + ", adaptiveWeightDecay=" + adaptiveWeightDecay);
        }
        if (adaptiveRule != null && !adaptiveWeightDecay) {
            throw new IllegalStateException("adaptiveRule needs adaptiveWeightDecay: adaptiveRule=" + adaptiveRule
                    + ", adaptiveWeightDecay=false");
        }
    }

    /**
     * The adaptive weight-decay rule: {@code adaptiveRule}, or {@link Recipe.AdaptiveRule#SPLIT_74} when it is not set.
     *
     * @return the rule (applied only with {@code adaptiveWeightDecay})
     */
    public Recipe.AdaptiveRule effectiveAdaptiveRule() {
        return adaptiveRule == null ? Recipe.AdaptiveRule.SPLIT_74 : adaptiveRule;
    }

    /**
     * A builder holding these values.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * A builder starting from {@link #DEFAULTS}.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /** Sets the fields of an {@link OptimizerSpec} by name; {@link #build()} validates them together. */
    public static final class Builder {
        private Recipe.Optimizer optimizer;
        private double learningRate;
        private double weightDecay;
        private double beta1;
        private double beta2;
        private double epsilon;
        private double clipNorm;
        private Recipe.DecayScope decayScope;
        private boolean grokfast;
        private boolean adaptiveWeightDecay;
        private Recipe.AdaptiveRule adaptiveRule;

        private Builder(OptimizerSpec s) {
            optimizer = s.optimizer;
            learningRate = s.learningRate;
            weightDecay = s.weightDecay;
            beta1 = s.beta1;
            beta2 = s.beta2;
            epsilon = s.epsilon;
            clipNorm = s.clipNorm;
            decayScope = s.decayScope;
            grokfast = s.grokfast;
            adaptiveWeightDecay = s.adaptiveWeightDecay;
            adaptiveRule = s.adaptiveRule;
        }

        /** Sets {@code optimizer} (see {@link OptimizerSpec}). */
        public Builder optimizer(Recipe.Optimizer v) {
            optimizer = v;
            return this;
        }

        /** Sets {@code learningRate} (see {@link OptimizerSpec}). */
        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        /** Sets {@code weightDecay} (see {@link OptimizerSpec}). */
        public Builder weightDecay(double v) {
            weightDecay = v;
            return this;
        }

        /** Sets {@code beta1} (see {@link OptimizerSpec}). */
        public Builder beta1(double v) {
            beta1 = v;
            return this;
        }

        /** Sets {@code beta2} (see {@link OptimizerSpec}). */
        public Builder beta2(double v) {
            beta2 = v;
            return this;
        }

        /** Sets {@code epsilon} (see {@link OptimizerSpec}). */
        public Builder epsilon(double v) {
            epsilon = v;
            return this;
        }

        /** Sets {@code clipNorm} (see {@link OptimizerSpec}). */
        public Builder clipNorm(double v) {
            clipNorm = v;
            return this;
        }

        /** Sets {@code decayScope} (see {@link OptimizerSpec}). */
        public Builder decayScope(Recipe.DecayScope v) {
            decayScope = v;
            return this;
        }

        /** Sets {@code grokfast} (see {@link OptimizerSpec}). */
        public Builder grokfast(boolean v) {
            grokfast = v;
            return this;
        }

        /** Sets {@code adaptiveWeightDecay} (see {@link OptimizerSpec}). */
        public Builder adaptiveWeightDecay(boolean v) {
            adaptiveWeightDecay = v;
            return this;
        }

        /** Sets {@code adaptiveRule} (see {@link OptimizerSpec}). */
        public Builder adaptiveRule(Recipe.AdaptiveRule v) {
            adaptiveRule = v;
            return this;
        }

        /**
         * The validated part.
         *
         * @return the part
         */
        public OptimizerSpec build() {
            return new OptimizerSpec(optimizer, learningRate, weightDecay, beta1, beta2, epsilon, clipNorm, decayScope, grokfast,
                    adaptiveWeightDecay, adaptiveRule);
        }
    }
}
