package io.github.adder4j.train.optim;

import java.util.ArrayList;
import java.util.List;

/**
 * Limited-memory BFGS on a flat vector (Nocedal and Wright, algorithm 7.4 with a backtracking Armijo line search): the
 * published "L-BFGS polishing on a fixed batch" of a trained adder. It knows nothing about models; an {@link Objective}
 * evaluates the loss and its gradient at a point.
 *
 * <p>One {@link #iterate()} computes the direction {@code d = -H g} by the two-loop recursion over the last
 * {@code history} pairs {@code (s, y)} (initial scaling {@code s.y / y.y}), then halves the step from 1 (the first iteration
 * from {@code min(1, 1/|g|)}) until {@code f(x + t d) <= f(x) + c1 t g.d}. A pair is kept only with positive curvature
 * {@code s.y > 1e-10 |s| |y|}. When no step along {@code d} decreases the loss, the history is dropped and steepest descent is
 * tried once; when that fails too, the iteration reports {@link Outcome#converged()} and leaves the point unchanged.
 *
 * <p>{@link #exportState()} holds everything needed to continue bit for bit (point, loss, gradient, history, counters).
 */
public final class Lbfgs {

    /** The function minimised. */
    @FunctionalInterface
    public interface Objective {
        /**
         * The loss at {@code x}; writes its gradient into {@code gradient} (same length).
         *
         * @param x the point (not modified)
         * @param gradient receives the gradient
         * @return the loss
         */
        double evaluate(double[] x, double[] gradient);
    }

    /**
     * Settings.
     *
     * @param history pairs kept (m), at least 1
     * @param maxLineSearch function evaluations per line search, at least 1
     * @param armijo sufficient-decrease constant c1 in (0, 1)
     */
    public record Config(int history, int maxLineSearch, double armijo) {
        /** Validates. */
        public Config {
            if (history < 1) {
                throw new IllegalArgumentException("history must be positive: " + history);
            }
            if (maxLineSearch < 1) {
                throw new IllegalArgumentException("maxLineSearch must be positive: " + maxLineSearch);
            }
            if (!(armijo > 0 && armijo < 1)) {
                throw new IllegalArgumentException("armijo must be in (0, 1): " + armijo);
            }
        }

        /** m = 10, 30 evaluations per line search, c1 = 1e-4. */
        public static Config defaults() {
            return new Config(10, 30, 1e-4);
        }
    }

    /**
     * What one iteration did.
     *
     * @param loss the loss at the (possibly unchanged) point
     * @param gradientNorm L2 norm of its gradient
     * @param step the accepted step length t (0 when converged)
     * @param evaluations function evaluations this iteration used
     * @param converged no step decreased the loss, even along steepest descent
     */
    public record Outcome(double loss, double gradientNorm, double step, int evaluations, boolean converged) { }

    /**
     * Everything needed to continue.
     *
     * @param x the current point
     * @param loss the loss at {@code x}
     * @param gradient its gradient
     * @param s past steps, oldest first
     * @param y past gradient changes, oldest first
     * @param iterations iterations done
     * @param evaluations function evaluations done
     */
    public record State(double[] x, double loss, double[] gradient, List<double[]> s, List<double[]> y, long iterations,
                        long evaluations) { }

    private final Config config;
    private final Objective objective;
    private final int n;
    private double[] x;
    private double f;
    private double[] g;
    private final List<double[]> s = new ArrayList<>();
    private final List<double[]> y = new ArrayList<>();
    private long iterations;
    private long evaluations;

    /**
     * Starts at {@code x0} (copied), evaluating the objective there once.
     *
     * @throws IllegalArgumentException if {@code x0} is empty or the loss there is not finite
     */
    public Lbfgs(Config config, Objective objective, double[] x0) {
        this(config, objective, x0.length);
        if (x0.length == 0) {
            throw new IllegalArgumentException("x0 must not be empty");
        }
        this.x = x0.clone();
        this.g = new double[n];
        this.f = objective.evaluate(x, g);
        this.evaluations = 1;
        if (!Double.isFinite(f) || !Double.isFinite(norm(g))) {
            throw new IllegalArgumentException("the loss and gradient at the starting point must be finite: loss " + f);
        }
    }

    /** Continues from an exported state (no evaluation). */
    public Lbfgs(Config config, Objective objective, State state) {
        this(config, objective, state.x().length);
        if (state.gradient().length != n || state.s().size() != state.y().size()) {
            throw new IllegalArgumentException("inconsistent L-BFGS state: " + n + " coordinates, gradient " + state.gradient().length
                    + ", " + state.s().size() + " steps, " + state.y().size() + " gradient changes");
        }
        this.x = state.x().clone();
        this.f = state.loss();
        this.g = state.gradient().clone();
        for (int i = 0; i < state.s().size(); i++) {
            s.add(state.s().get(i).clone());
            y.add(state.y().get(i).clone());
        }
        this.iterations = state.iterations();
        this.evaluations = state.evaluations();
    }

    private Lbfgs(Config config, Objective objective, int n) {
        this.config = Checks.notNull("config", config);
        this.objective = Checks.notNull("objective", objective);
        this.n = n;
    }

    /** One iteration: direction, line search, history update. */
    public Outcome iterate() {
        long before = evaluations;
        double t = search(direction(), s.isEmpty() ? Math.min(1, 1 / norm(g)) : 1);
        if (t == 0 && !s.isEmpty()) {
            s.clear();
            y.clear();
            t = search(direction(), Math.min(1, 1 / norm(g)));
        }
        iterations++;
        return new Outcome(f, norm(g), t, (int) (evaluations - before), t == 0);
    }

    /** {@code -H g} by the two-loop recursion. */
    private double[] direction() {
        double[] q = g.clone();
        int k = s.size();
        double[] alpha = new double[k];
        for (int i = k - 1; i >= 0; i--) {
            alpha[i] = dot(s.get(i), q) / dot(y.get(i), s.get(i));
            axpy(-alpha[i], y.get(i), q);
        }
        if (k > 0) {
            double gamma = dot(s.get(k - 1), y.get(k - 1)) / dot(y.get(k - 1), y.get(k - 1));
            for (int j = 0; j < n; j++) {
                q[j] *= gamma;
            }
        }
        for (int i = 0; i < k; i++) {
            double beta = dot(y.get(i), q) / dot(y.get(i), s.get(i));
            axpy(alpha[i] - beta, s.get(i), q);
        }
        for (int j = 0; j < n; j++) {
            q[j] = -q[j];
        }
        return q;
    }

    /** Backtracking along {@code d} from {@code t0}; moves to the accepted point and returns t, or 0 (point unchanged). */
    private double search(double[] d, double t0) {
        double slope = dot(g, d);
        if (!(slope < 0)) {
            return 0;
        }
        double[] trial = new double[n];
        double[] trialGradient = new double[n];
        double t = t0;
        for (int k = 0; k < config.maxLineSearch(); k++, t *= 0.5) {
            for (int j = 0; j < n; j++) {
                trial[j] = x[j] + t * d[j];
            }
            double ft = objective.evaluate(trial, trialGradient);
            evaluations++;
            if (Double.isFinite(ft) && ft <= f + config.armijo() * t * slope && Double.isFinite(norm(trialGradient))) {
                double[] step = new double[n];
                double[] change = new double[n];
                for (int j = 0; j < n; j++) {
                    step[j] = trial[j] - x[j];
                    change[j] = trialGradient[j] - g[j];
                }
                if (dot(step, change) > 1e-10 * norm(step) * norm(change)) {
                    s.add(step);
                    y.add(change);
                    if (s.size() > config.history()) {
                        s.remove(0);
                        y.remove(0);
                    }
                }
                x = trial;
                f = ft;
                g = trialGradient;
                return t;
            }
        }
        return 0;
    }

    /** The current point (a copy). */
    public double[] x() {
        return x.clone();
    }

    /** The loss at the current point. */
    public double loss() {
        return f;
    }

    /** Iterations done. */
    public long iterations() {
        return iterations;
    }

    /** Function evaluations done (the starting one included). */
    public long evaluations() {
        return evaluations;
    }

    /** A deep copy of the state. */
    public State exportState() {
        List<double[]> sc = new ArrayList<>();
        List<double[]> yc = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            sc.add(s.get(i).clone());
            yc.add(y.get(i).clone());
        }
        return new State(x.clone(), f, g.clone(), sc, yc, iterations, evaluations);
    }

    private static double dot(double[] a, double[] b) {
        double r = 0;
        for (int i = 0; i < a.length; i++) {
            r += a[i] * b[i];
        }
        return r;
    }

    private static void axpy(double a, double[] xv, double[] yv) {
        for (int i = 0; i < xv.length; i++) {
            yv[i] += a * xv[i];
        }
    }

    static double norm(double[] v) {
        return Math.sqrt(dot(v, v));
    }
}
