package io.github.adder4j.core.prove;

/**
 * A closed real interval {@code [lo, hi]} with outward-rounded arithmetic: every operation returns an interval that contains
 * the exact real result for every choice of operands in the operand intervals. Results of {@code +, -, *, /, sqrt} are moved
 * one ulp outwards; {@link Math#exp} (within 1 ulp of the exact value by its specification) likewise. This class bounds real
 * arithmetic only; the rounding of the model's own floating-point evaluation is added by {@link FloatModel}.
 */
public final class Interval {
    /** {@code [0, 0]}. */
    public static final Interval ZERO = new Interval(0, 0);

    /** Lower end. */
    public final double lo;
    /** Upper end. */
    public final double hi;

    private Interval(double lo, double hi) {
        this.lo = lo;
        this.hi = hi;
    }

    /**
     * {@code [lo, hi]}.
     *
     * @param lo the lower end, not NaN
     * @param hi the upper end, not NaN, at least {@code lo}
     * @return the interval
     * @throws IllegalArgumentException when an end is NaN or {@code lo > hi}
     */
    public static Interval of(double lo, double hi) {
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("interval needs lo <= hi: [" + lo + ", " + hi + "]");
        }
        return new Interval(lo, hi);
    }

    /**
     * The point interval {@code [x, x]}.
     *
     * @param x the value, not NaN
     * @return the interval holding only {@code x}
     */
    public static Interval point(double x) {
        return of(x, x);
    }

    /**
     * The smallest interval holding both.
     *
     * @param o another interval
     * @return the hull of both
     */
    public Interval hull(Interval o) {
        return new Interval(Math.min(lo, o.lo), Math.max(hi, o.hi));
    }

    /**
     * {@code hi - lo}, rounded up.
     *
     * @return the width, 0 or more
     */
    public double width() {
        return Math.nextUp(hi - lo);
    }

    /**
     * The midpoint.
     *
     * @return {@code (lo + hi) / 2}
     */
    public double mid() {
        return lo / 2 + hi / 2;
    }

    /**
     * {@code max(|lo|, |hi|)}.
     *
     * @return the largest magnitude in the interval
     */
    public double mag() {
        return Math.max(Math.abs(lo), Math.abs(hi));
    }

    /**
     * Whether {@code x} is in the interval.
     *
     * @param x a number
     * @return {@code true} when {@code lo <= x <= hi}
     */
    public boolean contains(double x) {
        return lo <= x && x <= hi;
    }

    /**
     * The sum, rounded outward.
     *
     * @param o the other term
     * @return an interval holding {@code x + y} for every {@code x} in this one and {@code y} in {@code o}
     */
    public Interval add(Interval o) {
        return new Interval(Math.nextDown(lo + o.lo), Math.nextUp(hi + o.hi));
    }

    /**
     * The difference, rounded outward.
     *
     * @param o the subtrahend
     * @return an interval holding {@code x - y} for every {@code x} in this one and {@code y} in {@code o}
     */
    public Interval sub(Interval o) {
        return new Interval(Math.nextDown(lo - o.hi), Math.nextUp(hi - o.lo));
    }

    /**
     * The negation (exact).
     *
     * @return {@code [-hi, -lo]}
     */
    public Interval neg() {
        return new Interval(-hi, -lo);
    }

    /**
     * The product, rounded outward.
     *
     * @param o the other factor
     * @return an interval holding {@code x * y} for every {@code x} in this one and {@code y} in {@code o}
     */
    public Interval mul(Interval o) {
        double a = lo * o.lo;
        double b = lo * o.hi;
        double c = hi * o.lo;
        double d = hi * o.hi;
        return new Interval(Math.nextDown(Math.min(Math.min(a, b), Math.min(c, d))), Math.nextUp(Math.max(Math.max(a, b), Math.max(c, d))));
    }

    /**
     * The product with a number, rounded outward.
     *
     * @param x the factor
     * @return an interval holding {@code y * x} for every {@code y} in this one
     */
    public Interval mul(double x) {
        return mul(point(x));
    }

    /**
     * The square, {@code [0, ...]} when the interval holds 0 (tighter than {@code mul(this)}).
     *
     * @return an interval holding {@code x * x} for every {@code x} in this one
     */
    public Interval sqr() {
        double a = lo * lo;
        double b = hi * hi;
        if (lo <= 0 && hi >= 0) {
            return new Interval(0, Math.nextUp(Math.max(a, b)));
        }
        return new Interval(Math.nextDown(Math.min(a, b)), Math.nextUp(Math.max(a, b)));
    }

    /**
     * Division.
     *
     * @param o the divisor
     * @return an interval holding {@code x / y} for every {@code x} in this one and {@code y} in {@code o}
     * @throws ArithmeticException when the divisor holds 0
     */
    public Interval div(Interval o) {
        if (o.lo <= 0 && o.hi >= 0) {
            throw new ArithmeticException("division by an interval holding 0: [" + o.lo + ", " + o.hi + "]");
        }
        double a = lo / o.lo;
        double b = lo / o.hi;
        double c = hi / o.lo;
        double d = hi / o.hi;
        return new Interval(Math.nextDown(Math.min(Math.min(a, b), Math.min(c, d))), Math.nextUp(Math.max(Math.max(a, b), Math.max(c, d))));
    }

    /**
     * Square root.
     *
     * @return an interval holding the square roots
     * @throws ArithmeticException when the interval holds negative numbers
     */
    public Interval sqrt() {
        if (lo < 0) {
            throw new ArithmeticException("square root of an interval holding negative numbers: [" + lo + ", " + hi + "]");
        }
        return new Interval(Math.max(0, Math.nextDown(Math.sqrt(lo))), Math.nextUp(Math.sqrt(hi)));
    }

    /**
     * {@code e^x}, monotone.
     *
     * @return an interval holding {@code e^x} for every {@code x} in this one
     */
    public Interval exp() {
        return new Interval(Math.max(0, Math.nextDown(Math.nextDown(Math.exp(lo)))), Math.nextUp(Math.nextUp(Math.exp(hi))));
    }

    /**
     * Widens by {@code rel * mag + abs} on both sides (outward rounded).
     *
     * @param rel the relative widening, 0 or more
     * @param abs the absolute widening, 0 or more
     * @return the widened interval
     */
    public Interval widen(double rel, double abs) {
        double r = Math.nextUp(Math.nextUp(rel * mag()) + abs);
        return new Interval(Math.nextDown(lo - r), Math.nextUp(hi + r));
    }

    /**
     * {@code cos} over the interval: {@code cos(mid)} widened by the half-width (cos is 1-Lipschitz) and 2 ulps.
     *
     * @return an interval holding the cosines
     */
    public Interval cos() {
        double c = Math.cos(mid());
        double r = Math.nextUp(width() / 2 + 3 * Math.ulp(1.0));
        return new Interval(Math.max(-1, Math.nextDown(c - r)), Math.min(1, Math.nextUp(c + r)));
    }

    /**
     * {@code sin} over the interval, as {@link #cos()}.
     *
     * @return an interval holding the sines
     */
    public Interval sin() {
        double c = Math.sin(mid());
        double r = Math.nextUp(width() / 2 + 3 * Math.ulp(1.0));
        return new Interval(Math.max(-1, Math.nextDown(c - r)), Math.min(1, Math.nextUp(c + r)));
    }

    @Override
    public String toString() {
        return "[" + lo + ", " + hi + "]";
    }
}
