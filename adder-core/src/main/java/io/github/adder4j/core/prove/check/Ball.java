package io.github.adder4j.core.prove.check;

/**
 * Midpoint-radius ("ball") arithmetic, the checker's own: {@code [m - r, m + r]} holds the exact real value. Each operation
 * adds to the radius the propagated radii and one ulp of the computed midpoint (its rounding error), rounded up. Written
 * independently of the prover's endpoint intervals so that a bug in one is not silently repeated in the other.
 */
final class Ball {
    final double m;
    final double r;

    Ball(double m, double r) {
        if (Double.isNaN(m) || !(r >= 0)) {
            throw new ArithmeticException("not a ball: " + m + " +- " + r);
        }
        this.m = m;
        this.r = r;
    }

    static Ball of(double x) {
        return new Ball(x, 0);
    }

    static Ball ofRange(double lo, double hi) {
        double m = lo / 2 + hi / 2;
        return new Ball(m, up(Math.max(hi - m, m - lo) + Math.ulp(m)));
    }

    double lo() {
        return Math.nextDown(m - r);
    }

    double hi() {
        return Math.nextUp(m + r);
    }

    double abs() {
        return up(Math.abs(m) + r);
    }

    private static double up(double x) {
        return Math.nextUp(x);
    }

    Ball plus(Ball o) {
        double s = m + o.m;
        return new Ball(s, up(up(r + o.r) + Math.ulp(s)));
    }

    Ball minus(Ball o) {
        return plus(o.negate());
    }

    Ball negate() {
        return new Ball(-m, r);
    }

    Ball times(Ball o) {
        double p = m * o.m;
        double rad = up(up(Math.abs(m) * o.r) + up(Math.abs(o.m) * r) + up(r * o.r));
        return new Ball(p, up(rad + Math.ulp(p)));
    }

    Ball times(double x) {
        return times(of(x));
    }

    Ball reciprocal() {
        double a = Math.abs(m);
        if (!(a > r)) {
            throw new ArithmeticException("reciprocal of a ball holding 0: " + m + " +- " + r);
        }
        double q = 1 / m;
        double gap = Math.nextDown(Math.nextDown(a - r) * a);
        return new Ball(q, up(up(r / gap) + 2 * Math.ulp(q)));
    }

    Ball over(Ball o) {
        return times(o.reciprocal());
    }

    Ball sqrt() {
        double lo = Math.max(0, m - r);
        double lo2 = Math.max(0, Math.nextDown(Math.sqrt(Math.nextDown(lo))));
        if (Double.isNaN(lo2)) {
            lo2 = 0;
        }
        return ofRange(lo2, up(Math.sqrt(up(m + r))));
    }

    Ball exp() {
        double lo = Math.nextDown(Math.nextDown(Math.exp(lo())));
        return ofRange(Math.max(0, lo), up(up(Math.exp(hi()))));
    }

    Ball cos() {
        double c = Math.cos(m);
        return new Ball(c, up(r + 2 * Math.ulp(1.0)));
    }

    Ball sin() {
        double s = Math.sin(m);
        return new Ball(s, up(r + 2 * Math.ulp(1.0)));
    }

    /** Adds a relative error {@code rel} of the magnitude and an absolute {@code abs} (the rounding model). */
    Ball rounded(double rel, double abs) {
        return new Ball(m, up(r + up(rel * abs()) + abs));
    }

    Ball hull(Ball o) {
        return ofRange(Math.min(lo(), o.lo()), Math.max(hi(), o.hi()));
    }
}
