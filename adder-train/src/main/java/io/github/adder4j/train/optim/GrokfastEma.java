package io.github.adder4j.train.optim;

import io.github.adder4j.core.engine.GradMode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Grokfast-EMA gradient filter (Lee et al., 2024): amplifies the slow component of the gradient to speed up
 * grokking. Call {@link #filter()} after the backward pass and before clipping and the optimiser step.
 *
 * <p>Per trainable parameter with gradient g, following the authors' {@code gradfilter_ema}:
 * <pre>
 * ema = g                                    (first call only)
 * ema = ema * alpha + g * (1 - alpha)
 * g   = g + ema * lambda                     (in place)
 * </pre>
 * Arithmetic is in the parameter's data type. The averages live in a manager this filter owns; per-call temporaries are
 * freed at the end of the call. Gradients must come from a backward pass (DJL hands out a detached zero array for a
 * gradient that was never computed, and changing that has no effect).
 */
public final class GrokfastEma implements AutoCloseable {

    private final Config config;
    private final List<Slot> slots;
    private final Map<String, Slot> byName;
    private final NDManager manager;
    private long filterCount;
    private boolean closed;

    /**
     * Filter constants.
     *
     * @param alpha  EMA decay, in [0, 1)
     * @param lambda amplification of the average, non-negative
     */
    public record Config(double alpha, double lambda) {

        /**
         * Validates the fields.
         *
         * @throws IllegalArgumentException naming the first bad field and its value
         */
        public Config {
            Checks.inHalfOpenUnit("alpha", alpha);
            Checks.nonNegative("lambda", lambda);
        }

        /**
         * The published setting: alpha 0.98, lambda 3.0.
         *
         * @return the default configuration
         */
        public static Config defaults() {
            return new Config(0.98, 3.0);
        }
    }

    /**
     * What a checkpoint needs to continue filtering exactly.
     *
     * @param filterCount number of {@link #filter()} calls so far; 0 means the averages are not started
     * @param averages    the EMA per parameter name; empty exactly when {@code filterCount} is 0
     */
    public record State(long filterCount, Map<String, SavedTensor> averages) {

        /**
         * Validates the fields and copies the map (keeping its order).
         *
         * @throws IllegalArgumentException for a negative count or a null map, key or value
         * @throws IllegalStateException    if the averages are empty but the count is not 0, or the other way round
         */
        public State {
            Checks.nonNegative("filterCount", filterCount);
            Checks.notNull("averages", averages);
            Map<String, SavedTensor> copy = new LinkedHashMap<>();
            for (Map.Entry<String, SavedTensor> e : averages.entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                    throw new IllegalArgumentException("averages must not contain null keys or values");
                }
                copy.put(e.getKey(), e.getValue());
            }
            if (copy.isEmpty() != (filterCount == 0)) {
                throw new IllegalStateException("averages must be empty exactly when filterCount is 0: filterCount="
                        + filterCount + ", averages=" + copy.size());
            }
            averages = Collections.unmodifiableMap(copy);
        }
    }

    /**
     * Creates a filter for named parameters (names key the exported state; a parameter under several names is kept
     * once, under its first name).
     *
     * @param config     filter constants
     * @param parameters initialized float32 or float64 parameters by stable name
     * @throws IllegalArgumentException for a null or empty map, a blank name or an unsupported data type
     * @throws IllegalStateException    if a parameter is not initialized
     */
    public GrokfastEma(Config config, Map<String, Parameter> parameters) {
        this(config, NamedParameters.fromMap(parameters));
    }

    /**
     * Creates a filter for parameters named by {@link Parameter#getName()}, which must then be unique.
     *
     * @param config     filter constants
     * @param parameters initialized float32 or float64 parameters
     * @return the filter
     * @throws IllegalArgumentException for an empty list, two different parameters with one name or a bad data type
     * @throws IllegalStateException    if a parameter is not initialized
     */
    public static GrokfastEma create(Config config, List<Parameter> parameters) {
        return new GrokfastEma(config, NamedParameters.fromList(parameters));
    }

    private GrokfastEma(Config config, List<NamedParameters.Named> named) {
        this.config = Checks.notNull("config", config);
        NDArray first = named.get(0).parameter().getArray();
        this.manager = NDManager.newBaseManager(first.getDevice(), first.getManager().getEngine().getEngineName());
        List<Slot> list = new ArrayList<>();
        Map<String, Slot> map = new LinkedHashMap<>();
        for (NamedParameters.Named n : named) {
            Slot s = new Slot(n.name(), n.parameter());
            list.add(s);
            map.put(n.name(), s);
        }
        this.slots = List.copyOf(list);
        this.byName = Collections.unmodifiableMap(map);
    }

    /**
     * Updates the averages from the current gradients and adds {@code lambda * average} to every trainable gradient in
     * place. Frozen parameters are skipped.
     *
     * @throws IllegalStateException if the filter is closed
     */
    public void filter() {
        ensureOpen();
        try (GradMode ignored = GradMode.off(slots.get(0).parameter.getArray());
             NDManager sm = manager.newSubManager()) {
            NDArray[] scalars32 = null;
            NDArray[] scalars64 = null;
            for (Slot slot : slots) {
                if (!slot.parameter.requiresGradient()) {
                    continue;
                }
                NDArray p = slot.parameter.getArray();
                NDArray g = p.getGradient();
                g.attach(sm);
                DataType type = p.getDataType();
                if (g.getDataType() != type) {
                    throw new IllegalStateException("parameter '" + slot.name + "' has no gradient yet (run a backward"
                            + " pass before filtering)");
                }
                NDArray[] s;
                if (type == DataType.FLOAT64) {
                    s = scalars64 != null ? scalars64 : (scalars64 = scalars(sm, type));
                } else {
                    s = scalars32 != null ? scalars32 : (scalars32 = scalars(sm, type));
                }
                if (slot.ema == null) {
                    NDArray copy = g.duplicate();
                    copy.attach(manager);
                    slot.ema = copy;
                }
                // ema = ema * alpha + g * (1 - alpha)
                NDArray fresh = s[1].mul(g);
                slot.ema.muli(s[0]).addi(fresh);
                // g = g + ema * lambda
                NDArray boost = s[2].mul(slot.ema);
                g.addi(boost);
            }
        }
        filterCount++;
    }

    private NDArray[] scalars(NDManager sm, DataType type) {
        double[] values = {config.alpha(), 1 - config.alpha(), config.lambda()};
        NDArray[] out = new NDArray[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = type == DataType.FLOAT64 ? sm.create(values[i]) : sm.create((float) values[i]);
        }
        return out;
    }

    /**
     * Number of completed {@link #filter()} calls.
     *
     * @return the count
     */
    public long filterCount() {
        return filterCount;
    }

    /**
     * The parameter names this filter covers, in order.
     *
     * @return an unmodifiable list of names
     */
    public List<String> parameterNames() {
        return List.copyOf(byName.keySet());
    }

    /**
     * Copies the averages out of native memory.
     *
     * @return the state (empty averages before the first call)
     * @throws IllegalStateException if the filter is closed
     */
    public State exportState() {
        ensureOpen();
        Map<String, SavedTensor> averages = new LinkedHashMap<>();
        if (filterCount > 0) {
            for (Slot slot : slots) {
                if (slot.ema != null) {
                    averages.put(slot.name, SavedTensor.of(slot.ema));
                } else {
                    // a parameter that was frozen at every call so far: its average is saved as zeros
                    NDArray p = slot.parameter.getArray();
                    averages.put(slot.name, new SavedTensor(p.getShape().getShape(),
                            new double[Math.toIntExact(p.getShape().size())]));
                }
            }
        }
        return new State(filterCount, averages);
    }

    /**
     * Replaces the count and averages with a saved state, checked completely before anything changes. A state with a
     * count of 0 resets the filter.
     *
     * @param state a state exported by a filter over the same parameters
     * @throws IllegalArgumentException if {@code state} is null
     * @throws IllegalStateException    naming the parameter and shapes if a parameter is missing, unknown or mis-shaped,
     *                                  or if the filter is closed
     */
    public void importState(State state) {
        ensureOpen();
        Checks.notNull("state", state);
        if (state.filterCount() > 0) {
            for (Slot slot : slots) {
                long[] dims = slot.parameter.getArray().getShape().getShape();
                SavedTensor saved = state.averages().get(slot.name);
                if (saved == null) {
                    throw new IllegalStateException("Grokfast state has no average for parameter '" + slot.name
                            + "' of shape " + Checks.shapeText(dims));
                }
                if (!saved.hasShape(dims)) {
                    throw new IllegalStateException("Grokfast state average for parameter '" + slot.name
                            + "' has shape " + saved.shapeText() + " but the parameter has shape "
                            + Checks.shapeText(dims));
                }
            }
            for (Map.Entry<String, SavedTensor> e : state.averages().entrySet()) {
                if (!byName.containsKey(e.getKey())) {
                    throw new IllegalStateException("Grokfast state has an average for unknown parameter '"
                            + e.getKey() + "' of shape " + e.getValue().shapeText());
                }
            }
        }
        for (Slot slot : slots) {
            NDArray fresh = null;
            if (state.filterCount() > 0) {
                NDArray p = slot.parameter.getArray();
                fresh = state.averages().get(slot.name).toArray(manager, p.getDataType());
                if (!fresh.getDevice().equals(p.getDevice())) {
                    NDArray moved = fresh.toDevice(p.getDevice(), true);
                    moved.attach(manager);
                    fresh.close();
                    fresh = moved;
                }
            }
            if (slot.ema != null) {
                slot.ema.close();
            }
            slot.ema = fresh;
        }
        filterCount = state.filterCount();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("GrokfastEma is closed");
        }
    }

    /** Frees the averages; gradients and parameters are untouched. Closing twice is harmless. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }

    /** One parameter and its running average (null until the first filter call that sees it). */
    private static final class Slot {
        private final String name;
        private final Parameter parameter;
        private NDArray ema;

        Slot(String name, Parameter parameter) {
            this.name = name;
            this.parameter = parameter;
        }
    }
}
