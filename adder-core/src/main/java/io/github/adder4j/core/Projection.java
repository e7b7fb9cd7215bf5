package io.github.adder4j.core;

import java.util.Arrays;
import java.util.List;

/**
 * How one linear map {@code in -> out} is parameterised. Weights follow the torch convention {@code (out, in)}; low-rank
 * factors are {@code A (in, r)} and {@code B (r, out)} so that {@code y = x A B}.
 *
 * <ul>
 *   <li>{@link Full}: a learned {@code out x in} matrix ({@code out*in} parameters).</li>
 *   <li>{@link LowRank}: {@code A (in, r) B (r, out)} ({@code r*(in+out)} parameters).</li>
 *   <li>{@link Basis}: {@code W = sum_p theta_p B_p} over fixed basis matrices, one learned scalar per basis matrix; entries of the
 *       bases other than 0 and 1 are weight-like constants and count in the strict parameter count.</li>
 *   <li>{@link Fixed}: a constant matrix (0 learned parameters; entries other than 0 and 1 count in the strict count).</li>
 * </ul>
 */
public sealed interface Projection {

    /**
     * A learned full matrix.
     *
     * @return the {@link Full} projection
     */
    static Projection full() {
        return new Full();
    }

    /**
     * A learned rank-{@code r} factorisation.
     *
     * @param rank the rank r of the factors, from 1 to {@link Sizes#MAX_WIDTH}
     * @return the {@link LowRank} projection
     * @throws IllegalArgumentException when the rank is out of range
     */
    static Projection lowRank(int rank) {
        return new LowRank(rank);
    }

    /**
     * A learned combination of fixed basis matrices (each {@code out x in}), with initial coefficients.
     *
     * @param bases the basis matrices, at least one, all of the same {@code out x in} shape (copied)
     * @param init  the initial coefficient of each basis matrix (copied)
     * @return the {@link Basis} projection
     * @throws IllegalArgumentException when there is no basis matrix, the matrices differ in shape or the number of
     *                                  initial values is not the number of matrices
     */
    static Projection basis(List<double[][]> bases, double[] init) {
        return new Basis(bases, init);
    }

    /**
     * A constant matrix {@code out x in}.
     *
     * @param matrix the rows of the matrix, not empty, all of the same length (copied)
     * @return the {@link Fixed} projection
     * @throws IllegalArgumentException when the matrix is empty or ragged
     */
    static Projection fixed(double[][] matrix) {
        return new Fixed(matrix);
    }

    /**
     * Checks that this projection can map {@code in -> out}: always for the learned kinds, whose shapes follow the site;
     * a {@link Basis} or {@link Fixed} matrix must be {@code out x in}.
     *
     * @param site the place of the projection in the model, for the message (e.g. {@code layer0.attention.query})
     * @param in   the input width of the site
     * @param out  the output width of the site
     * @throws IllegalStateException naming {@code site} and both shapes when the matrix does not fit
     */
    default void checkShape(String site, int in, int out) { }

    /** A learned full matrix. */
    record Full() implements Projection { }

    /**
     * A learned rank-r factorisation {@code A (in, r) B (r, out)}.
     *
     * @param rank the rank r, from 1 to {@link Sizes#MAX_WIDTH}
     */
    record LowRank(int rank) implements Projection {
        /**
         * Validates the rank.
         *
         * @param rank the rank r, from 1 to {@link Sizes#MAX_WIDTH}
         * @throws IllegalArgumentException when the rank is out of range
         */
        public LowRank {
            Sizes.positive("rank", rank, Sizes.MAX_WIDTH);
        }
    }

    /**
     * {@code W = sum_p theta_p B_p}.
     *
     * @param bases the basis matrices {@code B_p}, at least one, all {@code out x in}
     * @param init  the initial coefficients {@code theta_p}, one per basis matrix
     */
    record Basis(List<double[][]> bases, double[] init) implements Projection {
        /**
         * Validates and copies the bases.
         *
         * @param bases the basis matrices {@code B_p}, at least one, all of the same shape (copied)
         * @param init  the initial coefficients {@code theta_p}, one per basis matrix (copied)
         * @throws IllegalArgumentException when there is no matrix, the shapes differ or the counts differ
         */
        public Basis {
            if (bases.isEmpty()) {
                throw new IllegalArgumentException("basis needs at least one matrix");
            }
            if (init.length != bases.size()) {
                throw new IllegalArgumentException("basis has " + bases.size() + " matrices but " + init.length + " initial values");
            }
            bases = bases.stream().map(Projection::copy).toList();
            init = init.clone();
            int rows = bases.get(0).length;
            int cols = rows == 0 ? 0 : bases.get(0)[0].length;
            for (double[][] b : bases) {
                checkRect(b, rows, cols);
            }
        }

        @Override
        public void checkShape(String site, int in, int out) {
            double[][] b = bases.get(0);
            if (b.length != out || b[0].length != in) {
                throw new IllegalStateException(site + " basis matrices are " + b.length + "x" + b[0].length
                        + " but the site needs " + out + "x" + in);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Basis other && Arrays.equals(init, other.init) && deepEquals(bases, other.bases);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(init) * 31 + bases.stream().mapToInt(Arrays::deepHashCode).sum();
        }

        @Override
        public String toString() {
            return "Basis[" + bases.size() + " matrices, init=" + Arrays.toString(init) + "]";
        }
    }

    /**
     * A constant matrix.
     *
     * @param matrix the rows of the {@code out x in} matrix
     */
    record Fixed(double[][] matrix) implements Projection {
        /**
         * Validates and copies the matrix.
         *
         * @param matrix the rows of the matrix, not empty, all of the same length (copied)
         * @throws IllegalArgumentException when the matrix is empty or ragged
         */
        public Fixed {
            matrix = copy(matrix);
            if (matrix.length == 0 || matrix[0].length == 0) {
                throw new IllegalArgumentException("fixed matrix must not be empty");
            }
            checkRect(matrix, matrix.length, matrix[0].length);
        }

        @Override
        public void checkShape(String site, int in, int out) {
            if (matrix.length != out || matrix[0].length != in) {
                throw new IllegalStateException(site + " fixed matrix is " + matrix.length + "x" + matrix[0].length
                        + " but the site needs " + out + "x" + in);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Fixed other && Arrays.deepEquals(matrix, other.matrix);
        }

        @Override
        public int hashCode() {
            return Arrays.deepHashCode(matrix);
        }

        @Override
        public String toString() {
            return "Fixed" + Arrays.deepToString(matrix);
        }
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }

    private static void checkRect(double[][] m, int rows, int cols) {
        if (m.length != rows) {
            throw new IllegalArgumentException("matrix must have " + rows + " rows: " + m.length);
        }
        for (double[] row : m) {
            if (row.length != cols) {
                throw new IllegalArgumentException("matrix rows must all have " + cols + " columns: " + row.length);
            }
        }
    }

    private static boolean deepEquals(List<double[][]> a, List<double[][]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.deepEquals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
