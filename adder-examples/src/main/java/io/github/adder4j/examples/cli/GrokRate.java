package io.github.adder4j.examples.cli;

import java.util.Locale;

/**
 * A grok rate: how many of the counted runs grokked, with the 95 % Wilson score interval of the per-seed probability
 * ({@code z = 1.96}). Wilson's interval stays inside [0, 1] and is not degenerate at 0 or n successes, which matters at
 * the rates seen here (a few per cent, tens of seeds).
 *
 * @param grokked runs that grokked, in [0, runs]
 * @param runs runs counted
 * @param low lower end of the 95 % interval (0 when no run is counted)
 * @param high upper end of the 95 % interval (1 when no run is counted)
 */
record GrokRate(int grokked, int runs, double low, double high) {

    /** The normal quantile of a two-sided 95 % interval. */
    static final double Z95 = 1.959963984540054;

    GrokRate {
        if (runs < 0 || grokked < 0 || grokked > runs) {
            throw new IllegalArgumentException("grokked must be in [0, runs]: grokked=" + grokked + ", runs=" + runs);
        }
    }

    /** The rate of {@code grokked} of {@code runs} with its Wilson interval. */
    static GrokRate wilson(int grokked, int runs) {
        if (runs < 0 || grokked < 0 || grokked > runs) {
            throw new IllegalArgumentException("grokked must be in [0, runs]: grokked=" + grokked + ", runs=" + runs);
        }
        if (runs == 0) {
            return new GrokRate(0, 0, 0, 1);
        }
        double n = runs;
        double p = grokked / n;
        double z2 = Z95 * Z95;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z95 / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new GrokRate(grokked, runs, grokked == 0 ? 0 : Math.max(0, centre - half), grokked == runs ? 1 : Math.min(1, centre + half));
    }

    /** The point estimate, or NaN without runs. */
    double rate() {
        return runs == 0 ? Double.NaN : (double) grokked / runs;
    }

    /** E.g. {@code 6/56 = 10.7 % (95 % Wilson interval 5.0-21.5 %)}. */
    @Override
    public String toString() {
        if (runs == 0) {
            return "0/0 (no run counted yet)";
        }
        return String.format(Locale.ROOT, "%d/%d = %.1f %% (95 %% Wilson interval %.1f-%.1f %%)", grokked, runs, 100 * rate(), 100 * low,
                100 * high);
    }
}
