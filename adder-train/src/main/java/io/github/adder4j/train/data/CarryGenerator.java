package io.github.adder4j.train.data;

import java.util.Objects;

/**
 * The carry generator of the published 57p recipe. A draw with largest length {@code max} takes
 * {@code nd ~ U{1..max}}, then a pattern uniformly from {@link CarryPattern}, then:
 * <ul>
 *   <li>{@link CarryPattern#SINGLE SINGLE}: a column {@code c ~ U{0..nd-1}}; in column c both digits
 *       {@code ~ U{5..9}}, in the other columns {@code 0..nd-1} both digits {@code ~ U{0..4}}. Exactly one column
 *       carries (c), since a carried-in 1 cannot push a column of two digits {@code <= 4} past 9.</li>
 *   <li>{@link CarryPattern#CHAIN CHAIN}: {@code a = 10^nd - 1}, {@code b ~ U[1, 10^min(nd,3)]} (both ends
 *       inclusive). The carry chain starts at b's lowest non-zero digit and runs through column nd-1, so its length is
 *       {@code nd} whenever b is not a multiple of 10. As published, {@code b = 10^nd} is possible for
 *       {@code nd <= 3}; then nothing carries.</li>
 *   <li>{@link CarryPattern#PLACE PLACE}: {@code a ~ U[10^(nd-1), 10^nd - 1]} (an nd-digit number; [0, 9] for
 *       {@code nd = 1}), {@code k ~ U{1..9}}, {@code pos ~ U{0..nd-1}}, {@code b = k * 10^pos}.</li>
 *   <li>{@link CarryPattern#BOUNDARY BOUNDARY}: {@code a = 10^nd - U{1..10}}, {@code b ~ U{1..20}} (the published
 *       power {@code p} is the drawn length {@code nd}).</li>
 * </ul>
 * Both operands are finally clipped to [0, 10^10 - 1] (a no-op for these patterns with {@code nd <= 10}, kept as
 * published). Note that, as published, b may be one digit longer than {@code max}: {@code b = 10^nd} in CHAIN and
 * {@code b} up to 20 in BOUNDARY for {@code nd = 1}.
 */
public final class CarryGenerator {

    private static final CarryPattern[] PATTERNS = CarryPattern.values();

    private CarryGenerator() {
    }

    /**
     * Draws {@code nd ~ U{1..maxDigits}}, then a uniform pattern, then a pair of that pattern.
     *
     * @param rng the generator to draw from
     * @param maxDigits largest length, in [1, 10]
     * @return the pair
     */
    public static CarryPair next(DataRng rng, int maxDigits) {
        Objects.requireNonNull(rng, "rng");
        Batches.checkDigits("maxDigits", maxDigits);
        int nd = rng.nextIntBetween(1, maxDigits);
        CarryPattern pattern = PATTERNS[rng.nextInt(PATTERNS.length)];
        return next(rng, pattern, nd);
    }

    /**
     * Draws a pair of a given pattern and length.
     *
     * @param rng the generator to draw from
     * @param pattern the pattern
     * @param digits the length {@code nd}, in [1, 10]
     * @return the pair
     */
    public static CarryPair next(DataRng rng, CarryPattern pattern, int digits) {
        Objects.requireNonNull(rng, "rng");
        Objects.requireNonNull(pattern, "pattern");
        int nd = Batches.checkDigits("digits", digits);
        long a;
        long b;
        switch (pattern) {
            case SINGLE -> {
                int column = rng.nextInt(nd);
                a = 0;
                b = 0;
                for (int i = 0; i < nd; i++) {
                    int lo = i == column ? 5 : 0;
                    a += (lo + rng.nextInt(5)) * Batches.pow10(i);
                    b += (lo + rng.nextInt(5)) * Batches.pow10(i);
                }
            }
            case CHAIN -> {
                a = Batches.pow10(nd) - 1;
                b = rng.nextLongBetween(1, Batches.pow10(Math.min(nd, 3)));
            }
            case PLACE -> {
                a = rng.nextLongBetween(nd == 1 ? 0 : Batches.pow10(nd - 1), Batches.pow10(nd) - 1);
                int k = rng.nextIntBetween(1, 9);
                int pos = rng.nextInt(nd);
                b = k * Batches.pow10(pos);
            }
            case BOUNDARY -> {
                a = Batches.pow10(nd) - rng.nextIntBetween(1, 10);
                b = rng.nextIntBetween(1, 20);
            }
            default -> throw new IllegalArgumentException("pattern must be a known CarryPattern: " + pattern);
        }
        return new CarryPair(pattern, nd, Batches.clip(a), Batches.clip(b));
    }
}
