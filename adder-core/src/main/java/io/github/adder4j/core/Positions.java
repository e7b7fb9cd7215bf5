package io.github.adder4j.core;

import io.github.adder4j.core.Options.Slot;
import io.github.adder4j.core.format.TokenFormat.PositionRole;
import java.util.Map;
import java.util.TreeMap;

/**
 * Additive (absolute) position encodings. Relative schemes (RoPE, ALiBi) are {@link Relative}.
 */
public sealed interface Positions {

    /**
     * No additive positions.
     *
     * @return the encoding that adds nothing (positions come from attention, e.g. RoPE)
     */
    static Positions none() {
        return new None();
    }

    /**
     * A learned table of {@code rows} positions.
     *
     * @param rows positions in the table, from 1 (at least the format's context length, checked at build)
     * @return a {@link Learned} table of full rank
     */
    static Positions learned(int rows) {
        return new Learned(rows, 0);
    }

    /**
     * A learned rank-r table {@code (rows, r) (r, dims)}.
     *
     * @param rows positions in the table, from 1
     * @param rank the rank r of the factors, from 1 to {@link Sizes#MAX_WIDTH}
     * @return a {@link Learned} factorised table
     */
    static Positions learnedLowRank(int rows, int rank) {
        if (rank <= 0) {
            throw new IllegalArgumentException("position rank must be positive: " + rank);
        }
        return new Learned(rows, rank);
    }

    /**
     * A fixed sinusoid of the given period (free under the AdderBoard rules).
     *
     * @param period the period in positions, positive and finite
     * @return a {@link Sinusoid} encoding
     * @throws IllegalArgumentException {@code sinusoid period must be positive: <period>} otherwise
     */
    static Positions sinusoid(double period) {
        return new Sinusoid(period);
    }

    /** No additive position encoding. */
    record None() implements Positions { }

    /**
     * Learned absolute positions: {@code rows x dims} parameters, or {@code rank * (rows + dims)} when rank > 0.
     *
     * @param rows positions in the table (at least the format's context length)
     * @param rank 0 for a full table, else the factorisation rank
     */
    record Learned(int rows, int rank) implements Positions {
        /**
         * Validates.
         *
         * @param rows positions in the table (at least the format's context length)
         * @param rank 0 for a full table, else the factorisation rank
         */
        public Learned {
            Sizes.positive("position rows", rows, Sizes.MAX_WIDTH);
            Sizes.nonNegative("position rank", rank, Sizes.MAX_WIDTH);
        }
    }

    /**
     * Fixed sinusoid: dimension pair j holds {@code [cos(2 pi (j+1) t / period), sin(2 pi (j+1) t / period)]}.
     *
     * @param period period in positions
     */
    record Sinusoid(double period) implements Positions {
        /**
         * Validates.
         *
         * @param period period in positions
         */
        public Sinusoid {
            if (!(period > 0) || Double.isInfinite(period)) {
                throw new IllegalArgumentException("sinusoid period must be positive: " + period);
            }
        }
    }

    /**
     * One scalar of a spiral: its (initial) value and whether it is learned.
     *
     * @param value value, or initial value when learned
     * @param learned whether it is a parameter
     */
    record Scalar(double value, boolean learned) {
        /**
         * A frozen constant.
         *
         * @param value the constant's value
         * @return a scalar that is not a parameter
         */
        public static Scalar frozen(double value) {
            return new Scalar(value, false);
        }

        /**
         * A learned scalar with an initial value.
         *
         * @param value the initial value
         * @return a scalar that is a parameter
         */
        public static Scalar learned(double value) {
            return new Scalar(value, true);
        }
    }

    /**
     * Spiral digit positions for split layouts (3 position dims): digit slot i (shared by the i-th digit of both operands
     * and of the sum) is {@code [amp cos(2 pi i/10 + phase), amp sin(2 pi i/10 + phase), slope i + offset]}; delimiter and
     * carry-digit positions get their own slots, learned or frozen zero vectors.
     *
     * @param amp amplitude
     * @param phase phase
     * @param slope slope of the third coordinate
     * @param offset offset of the third coordinate
     * @param specials the slot of every special role (PLUS, EQUALS, SUM_CARRY, EOS, ...); roles absent here are zero
     */
    record Spiral(Scalar amp, Scalar phase, Scalar slope, Scalar offset, Map<PositionRole.Kind, Slot> specials)
            implements Positions {
        /**
         * Validates and copies.
         *
         * @param amp amplitude
         * @param phase phase
         * @param slope slope of the third coordinate
         * @param offset offset of the third coordinate
         * @param specials the slot of every special role (PLUS, EQUALS, SUM_CARRY, EOS, ...); roles absent here are
         *                 zero
         */
        public Spiral {
            specials = java.util.Collections.unmodifiableMap(new TreeMap<>(specials));
            for (PositionRole.Kind k : specials.keySet()) {
                if (k == PositionRole.Kind.OPERAND_A || k == PositionRole.Kind.OPERAND_B || k == PositionRole.Kind.SUM) {
                    throw new IllegalArgumentException("spiral special slot must be a delimiter or carry role: " + k);
                }
            }
        }

        /**
         * Number of learned spiral scalars.
         *
         * @return how many of amplitude, phase, slope and offset are learned, from 0 to 4
         */
        public int learnedScalars() {
            return (amp.learned() ? 1 : 0) + (phase.learned() ? 1 : 0) + (slope.learned() ? 1 : 0) + (offset.learned() ? 1 : 0);
        }
    }

    /** Relative position schemes applied inside attention. */
    sealed interface Relative {
        /**
         * No relative positions.
         *
         * @return the relative encoding that changes nothing
         */
        static Relative none() {
            return new NoRelative();
        }

        /**
         * RoPE with base theta: pair i rotates by {@code t * theta^(-2i/headDim)}.
         *
         * @param theta the base of the frequency ladder, positive
         * @param pairing which dimensions rotate together
         * @return a {@link Rope} with a frequency ladder
         * @throws IllegalArgumentException {@code rope needs exactly one positive theta or period: ...} otherwise
         */
        static Relative rope(double theta, Options.Pairing pairing) {
            return new Rope(theta, 0, pairing);
        }

        /**
         * RoPE of a fixed period: every pair rotates by {@code t * 2 pi / period}.
         *
         * @param period the common period in positions, positive
         * @param pairing which dimensions rotate together
         * @return a {@link Rope} with one frequency
         * @throws IllegalArgumentException {@code rope needs exactly one positive theta or period: ...} otherwise
         */
        static Relative ropePeriod(double period, Options.Pairing pairing) {
            return new Rope(0, period, pairing);
        }

        /**
         * ALiBi: score bias {@code -slope * (t - j)}.
         *
         * @param slope the bias per position of distance, finite
         * @return an {@link Alibi} bias
         * @throws IllegalArgumentException {@code alibi slope must be finite: <slope>} otherwise
         */
        static Relative alibi(double slope) {
            return new Alibi(slope);
        }
    }

    /** No relative positions. */
    record NoRelative() implements Relative { }

    /**
     * Rotary position embedding; exactly one of theta and period is positive.
     *
     * @param theta base of the frequency ladder, or 0
     * @param period common period of all pairs, or 0
     * @param pairing dimension pairing
     */
    record Rope(double theta, double period, Options.Pairing pairing) implements Relative {
        /**
         * Validates.
         *
         * @param theta base of the frequency ladder, or 0
         * @param period common period of all pairs, or 0
         * @param pairing dimension pairing
         */
        public Rope {
            if ((theta > 0) == (period > 0) || theta < 0 || period < 0 || Double.isNaN(theta) || Double.isNaN(period)) {
                throw new IllegalArgumentException("rope needs exactly one positive theta or period: theta=" + theta + ", period=" + period);
            }
        }

        /**
         * Angular frequency of pair i for head dimension {@code headDim}.
         *
         * @param pair the index of the dimension pair, from 0 to {@code headDim / 2 - 1}
         * @param headDim the width of one head
         * @return the angle in radians by which the pair turns per position
         */
        public double frequency(int pair, int headDim) {
            return period > 0 ? 2 * Math.PI / period : Math.pow(theta, -2.0 * pair / headDim);
        }
    }

    /**
     * ALiBi bias.
     *
     * @param slope bias slope (a constant)
     */
    record Alibi(double slope) implements Relative {
        /**
         * Validates.
         *
         * @param slope bias slope (a constant)
         */
        public Alibi {
            if (!Double.isFinite(slope)) {
                throw new IllegalArgumentException("alibi slope must be finite: " + slope);
            }
        }
    }
}
