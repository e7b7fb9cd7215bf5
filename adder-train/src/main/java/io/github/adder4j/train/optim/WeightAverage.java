package io.github.adder4j.train.optim;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * An average of a model's weights over training, kept beside the raw weights: evaluated and checkpointed on its own, it
 * smooths the oscillation of near-grok plateaus. Two rules, chosen by {@link Rule}:
 * <ul>
 *   <li>{@link Ema exponential moving average}: {@code avg = theta} at the first update, then
 *       {@code avg = decay * avg + (1 - decay) * theta};</li>
 *   <li>{@link Swa stochastic weight averaging}: the plain mean of the weights at the update steps,
 *       {@code avg = avg + (theta - avg) / (n + 1)} after {@code n} updates (with the update steps at the ends of a warm-restart
 *       schedule's cycles, the average across restarts).</li>
 * </ul>
 * Updates happen after an optimizer step whose 0-based index {@code s} satisfies {@code s >= start} and
 * {@code (s - start) % every == 0}. The average is held in double precision over the trainable coordinates of a
 * {@link ParameterVector} (tied weights once); its state (update count and values) resumes it exactly.
 */
public final class WeightAverage {

    /** When and how the average is updated. */
    public sealed interface Rule permits Ema, Swa {
        /** The first step averaged. */
        long start();

        /** Steps between updates. */
        long every();

        /** Whether the average is updated after step {@code step}. */
        default boolean due(long step) {
            return step >= start() && (step - start()) % every() == 0;
        }
    }

    /**
     * The exponential moving average.
     *
     * @param decay the weight of the old average, in [0, 1) (e.g. 0.999: a horizon of about 1,000 updates)
     * @param start the first step averaged, at least 0
     * @param every steps between updates, positive
     */
    public record Ema(double decay, long start, long every) implements Rule {
        /** Validates. */
        public Ema {
            Checks.inHalfOpenUnit("ema.decay", decay);
            Checks.nonNegative("ema.start", start);
            if (every < 1) {
                throw new IllegalArgumentException("ema.every must be positive: " + every);
            }
        }
    }

    /**
     * Stochastic weight averaging: the mean of the weights after the steps {@code start, start + every, ...}.
     *
     * @param start the first step averaged, at least 0
     * @param every steps between updates, positive
     */
    public record Swa(long start, long every) implements Rule {
        /** Validates. */
        public Swa {
            Checks.nonNegative("swa.start", start);
            if (every < 1) {
                throw new IllegalArgumentException("swa.every must be positive: " + every);
            }
        }
    }

    /**
     * What resumes an average exactly.
     *
     * @param updates updates so far; 0 means no average yet
     * @param values  the average, one value per coordinate; empty exactly when {@code updates} is 0
     */
    public record State(long updates, double[] values) {
        /** Validates and copies. */
        public State {
            Checks.nonNegative("updates", updates);
            Checks.notNull("values", values);
            if ((updates == 0) != (values.length == 0)) {
                throw new IllegalStateException("values must be empty exactly when updates is 0: updates=" + updates + ", values="
                        + values.length);
            }
            values = values.clone();
        }

        @Override
        public double[] values() {
            return values.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof State s && s.updates == updates && Arrays.equals(s.values, values);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(updates) * 31 + Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "WeightAverage.State[updates=" + updates + ", values=" + values.length + "]";
        }
    }

    private final Rule rule;
    private final ParameterVector vector;
    private double[] average = new double[0];
    private long updates;

    /**
     * An average of {@code vector}'s coordinates under {@code rule}, with no update yet.
     *
     * @throws IllegalArgumentException for a null argument
     */
    public WeightAverage(Rule rule, ParameterVector vector) {
        this.rule = Checks.notNull("rule", rule);
        this.vector = Checks.notNull("vector", vector);
    }

    /** The rule. */
    public Rule rule() {
        return rule;
    }

    /** Updates so far. */
    public long updates() {
        return updates;
    }

    /**
     * Updates the average with the current weights when the rule says step {@code step} is due.
     *
     * @param step the 0-based index of the optimizer step just taken
     * @return whether the average was updated
     */
    public boolean afterStep(long step) {
        if (!rule.due(step)) {
            return false;
        }
        double[] theta = vector.values();
        if (updates == 0) {
            average = theta;
        } else if (rule instanceof Ema ema) {
            for (int i = 0; i < theta.length; i++) {
                average[i] = ema.decay() * average[i] + (1 - ema.decay()) * theta[i];
            }
        } else {
            double n = updates;
            for (int i = 0; i < theta.length; i++) {
                average[i] += (theta[i] - average[i]) / (n + 1);
            }
        }
        updates++;
        return true;
    }

    /** The average (a copy). */
    public double[] values() {
        if (updates == 0) {
            throw new IllegalStateException("no average yet: the rule's first step " + rule.start() + " has not been taken");
        }
        return average.clone();
    }

    /**
     * Runs {@code body} with the averaged weights in the model (rounded to the parameters' types) and puts the raw weights
     * back afterwards, also when {@code body} throws: evaluating or saving the average.
     *
     * @throws IllegalStateException when there is no average yet
     */
    public <T> T withAverage(Supplier<T> body) {
        double[] raw = vector.values();
        vector.set(values());
        try {
            return body.get();
        } finally {
            vector.set(raw);
        }
    }

    /** The state that resumes this average exactly. */
    public State exportState() {
        return new State(updates, average);
    }

    /**
     * Continues from a saved state.
     *
     * @throws IllegalStateException when the state's size is not this vector's
     */
    public void restore(State state) {
        Checks.notNull("state", state);
        if (state.updates() > 0 && state.values.length != vector.size()) {
            throw new IllegalStateException("a weight average of " + state.values.length + " coordinates does not fit a model of "
                    + vector.size());
        }
        updates = state.updates();
        average = state.values();
    }
}
