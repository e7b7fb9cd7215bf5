package io.github.adder4j.core.prove.check;

/**
 * The checker's own enclosures of GELU and SiLU. erf comes from its Maclaurin series summed until the terms fall below
 * 1e-18 (for |x| <= 4; the series alternates with decreasing terms from there on, so the first omitted term bounds the
 * truncation), with the cancellation error bounded by the sum of the terms' magnitudes times 1e-15; for |x| > 4,
 * {@code 1 - 2e-8 <= |erf x| <= 1} (erfc 4 = 1.54e-8). Both functions fall to one minimum and rise after it, so a ball's
 * image is the hull of the ends' images, extended down to a lower bound of the minimum when the ball holds its argument.
 */
final class Functions {
    private static final double GELU_AT_MIN = -0.7517915246935640;
    private static final double GELU_MIN_LOWER = -0.16998;
    private static final double SILU_AT_MIN = -1.2784645427610738;
    private static final double SILU_MIN_LOWER = -0.27847;

    private Functions() { }

    /** [lo, hi] of erf at one point. */
    static double[] erf(double x) {
        double ax = Math.abs(x);
        double lo;
        double hi;
        if (ax > 4) {
            lo = 1 - 2e-8;
            hi = 1;
        } else {
            double term = ax;
            double sum = ax;
            double magnitude = ax;
            double x2 = ax * ax;
            int n = 0;
            while (true) {
                n++;
                term = -term * x2 / n;
                double contribution = term / (2 * n + 1);
                sum += contribution;
                magnitude += Math.abs(contribution);
                if (n > 2 * x2 && Math.abs(contribution) < 1e-18) {
                    break;
                }
            }
            double scale = 2 / Math.sqrt(Math.PI);
            double error = magnitude * 1e-15 + 1e-17;
            lo = Math.max(0, (sum - error) * scale * (1 - 1e-15));
            hi = Math.min(1, (sum + error) * scale * (1 + 1e-15));
        }
        return x < 0 ? new double[] {-hi, -lo} : new double[] {lo, hi};
    }

    /** GELU at one point: {@code x (1 + erf(x / sqrt 2)) / 2}. */
    static double[] gelu(double x) {
        double[] e = erf(x / Math.sqrt(2));
        // x / sqrt 2 is rounded: erf is 2/sqrt(pi)-Lipschitz, the rounding moves it by at most 2 ulps
        double slack = 2 * Math.ulp(x) * 1.2;
        double a = x * (1 + e[0] - slack) / 2;
        double b = x * (1 + e[1] + slack) / 2;
        double lo = Math.min(a, b);
        double hi = Math.max(a, b);
        double pad = Math.ulp(Math.max(Math.abs(lo), Math.abs(hi))) * 4 + Double.MIN_NORMAL;
        return new double[] {lo - pad, hi + pad};
    }

    static double[] silu(double x) {
        double e = Math.exp(-x);
        double lo = x / (1 + e * (x >= 0 ? 1 + 1e-15 : 1 - 1e-15));
        double hi = x / (1 + e * (x >= 0 ? 1 - 1e-15 : 1 + 1e-15));
        double pad = Math.ulp(Math.max(Math.abs(lo), Math.abs(hi))) * 4 + Double.MIN_NORMAL;
        return new double[] {Math.min(lo, hi) - pad, Math.max(lo, hi) + pad};
    }

    static Ball gelu(Ball x) {
        return image(gelu(x.lo()), gelu(x.hi()), x, GELU_AT_MIN, GELU_MIN_LOWER);
    }

    static Ball silu(Ball x) {
        return image(silu(x.lo()), silu(x.hi()), x, SILU_AT_MIN, SILU_MIN_LOWER);
    }

    private static Ball image(double[] atLo, double[] atHi, Ball x, double argmin, double minLower) {
        double lo = Math.min(atLo[0], atHi[0]);
        double hi = Math.max(atLo[1], atHi[1]);
        if (x.lo() <= argmin && argmin <= x.hi()) {
            lo = Math.min(lo, minLower);
        }
        return Ball.ofRange(lo, hi);
    }
}
