package io.github.adder4j.core.block;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Map;

/**
 * The state of one forward pass: where parameter values come from and which manager owns every array the pass creates.
 *
 * <p>DJL attaches an op's result to the manager of its first operand. A result computed from a parameter first would land in
 * the model's long-lived manager and leak once per step, so every such result goes through {@link #own(NDArray)}, and
 * constants are created per pass in the pass's manager (scalars as arrays, never {@code mul(Number)}, which corrupts
 * gradients on the PyTorch engine).
 */
final class Fwd {
    final ParameterStore store;
    final NDManager manager;
    final boolean training;
    final DataType dtype;
    final Device device;
    /** Population values: each parameter's value with a leading member axis {@code (P, ...)}; null for one model. */
    private final Map<Parameter, NDArray> members;
    /** P, the number of members of a population pass; 0 for one model. */
    final long population;
    /**
     * Whether activations are columns, {@code (d, M)} ({@code (P, d, M)} in a population) with one column per row of the
     * batch, instead of rows {@code (..., d)}: see {@link #columns()}.
     */
    final boolean columns;

    Fwd(ParameterStore store, NDManager manager, boolean training, DataType dtype) {
        this(store, manager, training, dtype, null, 0, false);
    }

    private Fwd(ParameterStore store, NDManager manager, boolean training, DataType dtype, Map<Parameter, NDArray> members,
                long population, boolean columns) {
        this.store = store;
        this.manager = manager;
        this.training = training;
        this.dtype = dtype;
        this.device = manager.getDevice();
        this.members = members;
        this.population = population;
        this.columns = columns;
    }

    /**
     * This pass with activations as columns: {@code x (d, M)}, {@code (P, d, M)} in a population, M the rows of the batch
     * side by side. The row-wise blocks (norms, projections, feed-forward, classifier) compute the same numbers in this
     * layout through {@link #mm}, {@link #mmT} and {@link #featureVector}; their products then have M as the long last
     * axis, {@code W^T x}, instead of a few features: PyTorch's products and the backward of a broadcast over an axis of 2
     * to 10 features are several times slower per element than over M. Convert with {@link #toColumns} and
     * {@link #toRows}.
     */
    Fwd columns() {
        return new Fwd(store, manager, training, dtype, members, population, true);
    }

    /** This pass with activations as rows (itself unless it lays them out as {@link #columns()}). */
    Fwd rows() {
        return columns ? new Fwd(store, manager, training, dtype, members, population, false) : this;
    }

    /**
     * A population pass: every parameter's value is taken from {@code members}, shaped {@code (P, ...)}, and every
     * activation carries the member axis in front, {@code (P, B, T, d)}.
     */
    static Fwd population(NDManager manager, boolean training, DataType dtype, Map<Parameter, NDArray> members, long population) {
        return new Fwd(null, manager, training, dtype, members, population, false);
    }

    /** The current value of a parameter: {@code shape} for one model, {@code (P, shape)} in a population pass. */
    NDArray p(Parameter parameter) {
        if (members != null) {
            NDArray value = members.get(parameter);
            if (value == null) {
                throw new IllegalStateException("the population has no value for parameter " + parameter.getName());
            }
            return value;
        }
        return store.getValue(parameter, device, training);
    }

    /**
     * A parameter-derived array {@code w} placed to broadcast against an activation of rank {@code rank}: unchanged for one
     * model, where broadcasting aligns the trailing axes; in a population pass {@code (P, s...)} becomes
     * {@code (P, 1, ..., 1, s...)} of rank {@code rank}, so that member p's weights meet member p's activations.
     */
    NDArray align(NDArray w, int rank) {
        if (members == null) {
            return w;
        }
        Shape s = w.getShape();
        int ones = rank - s.dimension();
        if (ones == 0) {
            return w;
        }
        if (ones < 0) {
            throw new IllegalStateException("cannot align " + s + " to rank " + rank);
        }
        long[] to = new long[rank];
        to[0] = s.get(0);
        java.util.Arrays.fill(to, 1, 1 + ones, 1);
        for (int i = 1; i < s.dimension(); i++) {
            to[ones + i] = s.get(i);
        }
        return own(w.reshape(new Shape(to)));
    }

    /**
     * {@code x (..., in)} times a parameter-derived matrix {@code w (in, out)}: {@code x.matMul(w)} for one model. In a
     * population pass {@code w} is {@code (P, in, out)} (or {@code (1, in, out)}) and each member's rows meet its own matrix
     * in one batched product {@code (P, rows, in) x (P, in, out)}, the same product per member as one model computes; a
     * constant {@code (in, out)} multiplies every member's rows in one plain product.
     */
    NDArray mm(NDArray x, NDArray w) {
        if (columns) {
            return own(w.swapAxes(-1, -2).matMul(x));                                              // (P, out, M) = W^T x
        }
        if (members == null) {
            return x.matMul(w);
        }
        Shape s = x.getShape();
        if (w.getShape().dimension() == 2) {
            return x.matMul(w);                                                                     // a constant: one product for all members' rows
        }
        Shape ws = w.getShape();
        NDArray rows = x.reshape(new Shape(population, -1, s.get(s.dimension() - 1)));              // (P, rows, in)
        NDArray m = ws.get(0) == population ? w : own(w.broadcast(new Shape(population).addAll(ws.slice(1)))); // (P, in, out)
        return rows.matMul(m).reshape(s.slice(0, s.dimension() - 1).add(ws.get(ws.dimension() - 1))); // (..., out)
    }

    /**
     * Rows of a table by index, {@code table (N, W)[index] -> (..., W)} for int64 {@code index (...)} in {@code [0, N)}: an
     * exact copy of the rows, whose gradient is added into the rows read (a gather, not a one-hot product: no
     * {@code (..., N)} array and no product with it, forward or backward). In a population pass a parameter-derived
     * {@code table (P, N, W)} is read by {@code index (P, ...)}, member p's indices in member p's table; a constant
     * {@code (N, W)} is read by every member.
     */
    NDArray lookup(NDArray table, NDArray index) {
        Shape ts = table.getShape();
        long width = ts.get(ts.dimension() - 1);
        NDArray rows = table;
        NDArray at = index;
        if (members != null && ts.dimension() == 3) {
            long n = ts.get(1);
            rows = own(table.reshape(population * n, width));                                        // (P N, W)
            long[] first = new long[(int) population];
            for (int p = 0; p < first.length; p++) {
                first[p] = p * n;
            }
            long[] lead = new long[index.getShape().dimension()];
            java.util.Arrays.fill(lead, 1);
            lead[0] = population;
            at = index.add(manager.create(first, new Shape(lead)));                                  // (P, ...) + p N
        }
        Shape s = at.getShape();
        NDArray picked = own(rows.gather(at.reshape(-1, 1).broadcast(new Shape(s.size(), width)), 0)); // (M, W), row m = rows[at_m]
        return picked.reshape(s.add(width));                                                         // (..., W)
    }

    /** {@code x W^T} for a parameter-derived {@code w (out, in)} ({@code (P, out, in)} in a population): see {@link #mm}. */
    NDArray mmT(NDArray x, NDArray w) {
        if (columns) {
            return own(w.matMul(x));                                                                // (P, out, M) = W x
        }
        return mm(x, own(w.swapAxes(-1, -2)));
    }

    /**
     * A per-feature vector {@code v (n)} ({@code (P, n)} in a population), a bias or a norm's shift, placed against
     * activations of rank {@code rank}: rows as {@link #align}, columns as {@code (n, 1)} ({@code (P, n, 1)}).
     */
    NDArray featureVector(NDArray v, int rank) {
        return columns ? own(v.expandDims(-1)) : align(v, rank);
    }

    /**
     * Rows {@code (..., d)} as columns: {@code (d, M)} for one model, {@code (P, d, M)} in a population whose rows are
     * {@code (P, ..., d)}; M counts the rows (of a member). A copy, so the columns are contiguous.
     */
    NDArray toColumns(NDArray rows) {
        Shape s = rows.getShape();
        long d = s.get(s.dimension() - 1);
        Shape flat = members != null ? new Shape(population, -1) : new Shape(-1);
        NDArray t = rows.reshape(members != null ? new Shape(population, -1, d) : new Shape(-1, d)).swapAxes(-1, -2); // (P, d, M) view
        Shape cs = t.getShape();
        return t.reshape(flat).reshape(cs);                                                         // the flat reshape copies
    }

    /** Rows {@code (..., d)} in this pass's layout: unchanged, or {@link #toColumns} when it lays activations out as columns. */
    NDArray fromRows(NDArray rows) {
        return columns ? toColumns(rows) : rows;
    }

    /** Columns {@code (w, M)} ({@code (P, w, M)}) back to rows {@code (lead..., w)}, {@code lead} the rows' leading shape. */
    NDArray toRows(NDArray columns, Shape lead) {
        Shape s = columns.getShape();
        return columns.swapAxes(-1, -2).reshape(lead.add(s.get(s.dimension() - 2)));              // (lead..., w)
    }

    /**
     * A constant (no member axis) made per member: unchanged for one model, {@code (P, s...)} in a population pass, so
     * that it joins parameter-derived arrays of the same kind in a concatenation or as a table.
     */
    NDArray perMember(NDArray constant) {
        if (members == null) {
            return constant;
        }
        Shape s = constant.getShape();
        return constant.expandDims(0).broadcast(new Shape(population).addAll(s));
    }

    /** Moves an array computed from parameters into this pass's manager. */
    NDArray own(NDArray array) {
        array.attach(manager);
        return array;
    }

    /** A scalar constant of the model's dtype. */
    NDArray scalar(double value) {
        return dtype == DataType.FLOAT64 ? manager.create(value) : manager.create((float) value);
    }

    /** A constant of the model's dtype from row-major doubles. */
    NDArray constant(double[] values, Shape shape) {
        if (dtype == DataType.FLOAT64) {
            return manager.create(values, shape);
        }
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return manager.create(f, shape);
    }

    /** A constant matrix of the model's dtype. */
    NDArray constant(double[][] m) {
        int rows = m.length;
        int cols = m[0].length;
        double[] flat = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(m[i], 0, flat, i * cols, cols);
        }
        return constant(flat, new Shape(rows, cols));
    }
}
