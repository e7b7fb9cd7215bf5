package io.github.adder4j.core.prove;

/**
 * Interval enclosures of the FFN activations over a whole interval argument. The functions are not monotone, so each
 * enclosure takes the values at both ends and, when the interval holds it, a rigorous bound of the minimum.
 *
 * <p>{@code erf} is Abramowitz and Stegun 7.1.26 (absolute error at most 1.5e-7 for x >= 0, odd extension), widened by
 * 2e-7 to cover that error and the double rounding of the formula.
 */
final class Activations {
    /** Where GELU(x) = x Phi(x) takes its minimum, and a lower bound of that minimum (-0.16997...). */
    private static final double GELU_ARGMIN = -0.751791524693564;
    private static final double GELU_MIN_BOUND = -0.1700;
    /** Where SiLU(x) = x sigmoid(x) takes its minimum, and a lower bound of that minimum (-0.27846...). */
    private static final double SILU_ARGMIN = -1.278464542761074;
    private static final double SILU_MIN_BOUND = -0.2785;
    private static final double ERF_ERROR = 2e-7;

    private Activations() { }

    /** An enclosure of erf(x) for one point x. */
    static Interval erf(double x) {
        double ax = Math.abs(x);
        double t = 1 / (1 + 0.3275911 * ax);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        double y = 1 - poly * Math.exp(-ax * ax);
        y = x < 0 ? -y : y;
        return Interval.of(Math.max(-1, y - ERF_ERROR), Math.min(1, y + ERF_ERROR));
    }

    /** GELU (exact erf form) at one point: {@code x/2 (1 + erf(x / sqrt 2))}. */
    static Interval gelu(double x) {
        Interval e = erf(x / Math.sqrt(2));
        Interval one = Interval.point(1);
        return one.add(e).mul(Interval.point(x)).mul(Interval.point(0.5)).widen(0, Math.abs(x) * 1e-15);
    }

    /** SiLU at one point: {@code x / (1 + e^-x)}. */
    static Interval silu(double x) {
        Interval denominator = Interval.point(1).add(Interval.point(-x).exp());
        return Interval.point(x).div(denominator);
    }

    /** GELU over an interval. */
    static Interval gelu(Interval x) {
        Interval r = gelu(x.lo).hull(gelu(x.hi));
        return x.contains(GELU_ARGMIN) ? r.hull(Interval.point(GELU_MIN_BOUND)) : r;
    }

    /** SiLU over an interval. */
    static Interval silu(Interval x) {
        Interval r = silu(x.lo).hull(silu(x.hi));
        return x.contains(SILU_ARGMIN) ? r.hull(Interval.point(SILU_MIN_BOUND)) : r;
    }

    /** ReLU over an interval. */
    static Interval relu(Interval x) {
        return Interval.of(Math.max(0, x.lo), Math.max(0, x.hi));
    }
}
