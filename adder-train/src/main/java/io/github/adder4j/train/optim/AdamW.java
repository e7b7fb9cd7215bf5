package io.github.adder4j.train.optim;

import io.github.adder4j.core.engine.GradMode;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AdamW with decoupled weight decay, written to follow {@code torch.optim.AdamW} (single-tensor path) step for step.
 *
 * <p>For every trainable parameter p with gradient g, step t (counted from 1), learning rate lr, weight decay wd and the
 * parameter's weight-decay multiplier k:
 * <pre>
 * p = p * (1 - lr * (wd * k))             (skipped when wd * k == 0)
 * m = m + (g - m) * (1 - beta1)           (torch: m.lerp_(g, 1 - beta1))
 * v = v * beta2 + ((1 - beta2) * g) * g   (torch: v.mul_(beta2).addcmul_(g, g, 1 - beta2))
 * denom = sqrt(v) / sqrt(1 - beta2^t) + eps
 * p = p - ((lr / (1 - beta1^t)) * m) / denom
 * </pre>
 * Tensor arithmetic happens in the parameter's data type (float32 or float64); the scalars (decay factor, bias
 * corrections, step size) are computed in double and rounded to that type once, as PyTorch does with Python floats.
 *
 * <p>The optimiser owns the parameters it was built with. {@link #setLearningRate(double)}, {@link #setWeightDecay(double)}
 * and {@link #setWeightDecayMultiplier(String, double)} may be called before any step. Frozen parameters
 * ({@link Parameter#requiresGradient()} false) are skipped. A parameter with no gradient yet (no backward pass since it
 * was created) is treated as having a zero gradient, because DJL cannot tell the two apart.
 *
 * <p>Memory: the moments live in a base manager the optimiser owns (closed by {@link #close()}); everything a step
 * creates lives in a sub-manager that is closed at the end of the step, so native memory stays flat. Updates run with
 * autograd recording switched off, so a step may be called from any thread and even inside a gradient collector.
 *
 * <p>{@link #exportState()} and {@link #importState(State)} save and restore everything needed to continue a run bit for
 * bit. Instances are not thread-safe.
 */
public final class AdamW implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdamW.class);

    private final Config config;
    private final List<Slot> slots;
    private final Map<String, Slot> byName;
    private final NDManager manager;
    private double learningRate;
    private double weightDecay;
    private long stepCount;
    private boolean closed;

    /**
     * Hyper-parameters fixed for the optimiser's lifetime, plus the initial learning rate and weight decay.
     *
     * @param learningRate initial learning rate, positive
     * @param beta1        first-moment decay, in [0, 1)
     * @param beta2        second-moment decay, in [0, 1)
     * @param epsilon      added to the denominator, positive
     * @param weightDecay  initial decoupled weight decay, non-negative
     */
    public record Config(double learningRate, double beta1, double beta2, double epsilon, double weightDecay) {

        /**
         * Validates every field.
         *
         * @throws IllegalArgumentException naming the first bad field and its value
         */
        public Config {
            Checks.positive("learningRate", learningRate);
            Checks.inHalfOpenUnit("beta1", beta1);
            Checks.inHalfOpenUnit("beta2", beta2);
            Checks.positive("epsilon", epsilon);
            Checks.nonNegative("weightDecay", weightDecay);
        }

        /**
         * PyTorch's defaults for everything but the learning rate and weight decay: betas (0.9, 0.999), eps 1e-8.
         *
         * @param learningRate initial learning rate
         * @param weightDecay  initial weight decay
         * @return the configuration
         */
        public static Config of(double learningRate, double weightDecay) {
            return new Config(learningRate, 0.9, 0.999, 1e-8, weightDecay);
        }
    }

    /**
     * Everything a checkpoint needs to continue an AdamW run exactly: the number of completed steps, the current learning
     * rate and weight decay, and both moments of every parameter keyed by parameter name.
     *
     * @param step            completed steps, at least 0
     * @param learningRate    learning rate in force, positive
     * @param weightDecay     weight decay in force, non-negative
     * @param firstMoments    m per parameter name
     * @param secondMoments   v per parameter name; same names and shapes as {@code firstMoments}
     */
    public record State(long step, double learningRate, double weightDecay, Map<String, SavedTensor> firstMoments,
                        Map<String, SavedTensor> secondMoments) {

        /**
         * Validates the fields and copies the maps (keeping their order).
         *
         * @throws IllegalArgumentException for a bad scalar, a null map, or a null key or value
         * @throws IllegalStateException    if the two maps disagree on names or shapes
         */
        public State {
            Checks.nonNegative("step", step);
            Checks.positive("learningRate", learningRate);
            Checks.nonNegative("weightDecay", weightDecay);
            firstMoments = copy("firstMoments", firstMoments);
            secondMoments = copy("secondMoments", secondMoments);
            if (!firstMoments.keySet().equals(secondMoments.keySet())) {
                throw new IllegalStateException("firstMoments and secondMoments must name the same parameters: "
                        + firstMoments.keySet() + " vs " + secondMoments.keySet());
            }
            for (Map.Entry<String, SavedTensor> e : firstMoments.entrySet()) {
                SavedTensor v = secondMoments.get(e.getKey());
                if (!v.hasShape(e.getValue().shape())) {
                    throw new IllegalStateException("moments of parameter '" + e.getKey() + "' disagree in shape: "
                            + e.getValue().shapeText() + " vs " + v.shapeText());
                }
            }
        }

        private static Map<String, SavedTensor> copy(String name, Map<String, SavedTensor> map) {
            Checks.notNull(name, map);
            Map<String, SavedTensor> out = new LinkedHashMap<>();
            for (Map.Entry<String, SavedTensor> e : map.entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                    throw new IllegalArgumentException(name + " must not contain null keys or values");
                }
                out.put(e.getKey(), e.getValue());
            }
            return Collections.unmodifiableMap(out);
        }
    }

    /**
     * Creates an optimiser for named parameters; the names key the exported state and the weight-decay multipliers.
     * The same {@link Parameter} under several names (tied weights) is updated once, under its first name.
     *
     * @param config     hyper-parameters
     * @param parameters initialized float32 or float64 parameters, by stable name (iteration order is kept)
     * @throws IllegalArgumentException for a null or empty map, a blank name, or an unsupported data type
     * @throws IllegalStateException    if a parameter is not initialized
     */
    public AdamW(Config config, Map<String, Parameter> parameters) {
        this(config, NamedParameters.fromMap(parameters));
    }

    /**
     * Creates an optimiser for parameters named by {@link Parameter#getName()}, which must then be unique.
     *
     * @param config     hyper-parameters
     * @param parameters initialized float32 or float64 parameters
     * @return the optimiser
     * @throws IllegalArgumentException for an empty list, two different parameters with one name, or a bad data type
     * @throws IllegalStateException    if a parameter is not initialized
     */
    public static AdamW create(Config config, List<Parameter> parameters) {
        return new AdamW(config, NamedParameters.fromList(parameters));
    }

    private AdamW(Config config, List<NamedParameters.Named> named) {
        this.config = Checks.notNull("config", config);
        this.learningRate = config.learningRate();
        this.weightDecay = config.weightDecay();
        NDArray first = named.get(0).parameter().getArray();
        Device device = first.getDevice();
        this.manager = NDManager.newBaseManager(device, first.getManager().getEngine().getEngineName());
        List<Slot> list = new ArrayList<>();
        Map<String, Slot> map = new LinkedHashMap<>();
        for (NamedParameters.Named n : named) {
            NDArray p = n.parameter().getArray();
            Slot slot = new Slot(n.name(), n.parameter(), zerosLike(p), zerosLike(p));
            list.add(slot);
            map.put(n.name(), slot);
        }
        this.slots = List.copyOf(list);
        this.byName = Collections.unmodifiableMap(map);
        LOG.debug("AdamW over {} parameters: {}", slots.size(), byName.keySet());
    }

    private NDArray zerosLike(NDArray p) {
        return manager.zeros(p.getShape(), p.getDataType(), p.getDevice());
    }

    /**
     * Applies one AdamW update to every trainable parameter, using the gradients currently attached to them, and
     * increments the step count. Gradients are read, never changed.
     *
     * @throws IllegalStateException if the optimiser is closed
     */
    public void step() {
        ensureOpen();
        long t = stepCount + 1;
        double biasCorrection1 = 1 - Math.pow(config.beta1(), t);
        double biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(config.beta2(), t));
        double stepSize = learningRate / biasCorrection1;
        try (GradMode ignored = GradMode.off(slots.get(0).parameter.getArray());
             NDManager sm = manager.newSubManager()) {
            Scalars f32 = null;
            Scalars f64 = null;
            for (Slot slot : slots) {
                if (!slot.parameter.requiresGradient()) {
                    continue;
                }
                NDArray p = slot.parameter.getArray();
                Scalars s;
                if (p.getDataType() == DataType.FLOAT64) {
                    s = f64 != null ? f64 : (f64 = new Scalars(sm, DataType.FLOAT64, biasCorrection2Sqrt, stepSize));
                } else {
                    s = f32 != null ? f32 : (f32 = new Scalars(sm, DataType.FLOAT32, biasCorrection2Sqrt, stepSize));
                }
                NDArray g = gradientOf(p, sm);
                double decay = learningRate * (weightDecay * slot.multiplier);
                if (decay != 0) {
                    p.muli(s.scalar(1 - decay));
                }
                // m.lerp_(g, 1 - beta1) for a weight below 0.5: m + (g - m) * w
                NDArray diff = own(g.sub(slot.m), sm);
                slot.m.addi(diff.muli(s.oneMinusBeta1));
                // v.mul_(beta2).addcmul_(g, g, value=1 - beta2): v * beta2 + (value * g) * g
                NDArray gg = s.oneMinusBeta2.mul(g).muli(g);
                slot.v.muli(s.beta2).addi(gg);
                // denom = sqrt(v) / sqrt(bias correction 2) + eps; p.addcdiv_(m, denom, value=-stepSize)
                NDArray denom = own(slot.v.sqrt(), sm).divi(s.biasCorrection2Sqrt).addi(s.epsilon);
                NDArray update = s.stepSize.mul(slot.m).divi(denom);
                p.subi(update);
            }
        }
        stepCount = t;
    }

    /** The gradient of a parameter array as an array owned by {@code sm}, in the parameter's data type. */
    private static NDArray gradientOf(NDArray p, NDManager sm) {
        NDArray g = own(p.getGradient(), sm);
        if (g.getDataType() != p.getDataType()) {
            // DJL hands out float32 zeros for a gradient that no backward pass has defined yet
            g = own(g.toType(p.getDataType(), false), sm);
        }
        return g;
    }

    private static NDArray own(NDArray array, NDManager sm) {
        array.attach(sm);
        return array;
    }

    /** Scalars of one data type for one step, kept alive in the step's manager until the step ends. */
    private final class Scalars {
        private final NDManager sm;
        private final DataType type;
        private final NDArray oneMinusBeta1;
        private final NDArray beta2;
        private final NDArray oneMinusBeta2;
        private final NDArray biasCorrection2Sqrt;
        private final NDArray epsilon;
        private final NDArray stepSize;

        Scalars(NDManager sm, DataType type, double biasCorrection2Sqrt, double stepSize) {
            this.sm = sm;
            this.type = type;
            this.oneMinusBeta1 = scalar(1 - config.beta1());
            this.beta2 = scalar(config.beta2());
            this.oneMinusBeta2 = scalar(1 - config.beta2());
            this.biasCorrection2Sqrt = scalar(biasCorrection2Sqrt);
            this.epsilon = scalar(config.epsilon());
            this.stepSize = scalar(stepSize);
        }

        NDArray scalar(double value) {
            return type == DataType.FLOAT64 ? sm.create(value) : sm.create((float) value);
        }
    }

    /**
     * Number of completed steps (0 before the first); the next step uses bias corrections for {@code stepCount() + 1}.
     *
     * @return the step count
     */
    public long stepCount() {
        return stepCount;
    }

    /**
     * The learning rate the next step will use.
     *
     * @return the learning rate
     */
    public double learningRate() {
        return learningRate;
    }

    /**
     * Sets the learning rate for the following steps (typically from a schedule, before every step).
     *
     * @param learningRate positive learning rate
     * @throws IllegalArgumentException if it is not positive and finite
     */
    public void setLearningRate(double learningRate) {
        this.learningRate = Checks.positive("learningRate", learningRate);
    }

    /**
     * The weight decay the next step will use (before per-parameter multipliers).
     *
     * @return the weight decay
     */
    public double weightDecay() {
        return weightDecay;
    }

    /**
     * Sets the decoupled weight decay for the following steps.
     *
     * @param weightDecay non-negative weight decay
     * @throws IllegalArgumentException if it is negative or not finite
     */
    public void setWeightDecay(double weightDecay) {
        this.weightDecay = Checks.nonNegative("weightDecay", weightDecay);
    }

    /**
     * Scales the weight decay of one parameter (1 by default; 0 exempts it, e.g. for norm gains).
     *
     * @param parameterName a name this optimiser knows
     * @param multiplier    non-negative multiplier
     * @throws IllegalArgumentException for an unknown name or a bad multiplier
     */
    public void setWeightDecayMultiplier(String parameterName, double multiplier) {
        Checks.nonNegative("multiplier", multiplier);
        slot(parameterName).multiplier = multiplier;
    }

    /**
     * The weight-decay multiplier of one parameter.
     *
     * @param parameterName a name this optimiser knows
     * @return the multiplier
     * @throws IllegalArgumentException for an unknown name
     */
    public double weightDecayMultiplier(String parameterName) {
        return slot(parameterName).multiplier;
    }

    /**
     * The names of the parameters this optimiser updates, in update order.
     *
     * @return an unmodifiable list of names
     */
    public List<String> parameterNames() {
        return List.copyOf(byName.keySet());
    }

    private Slot slot(String parameterName) {
        Slot slot = byName.get(parameterName);
        if (slot == null) {
            throw new IllegalArgumentException("parameterName is not known to this optimizer: " + parameterName);
        }
        return slot;
    }

    /**
     * Copies the step count, learning rate, weight decay and both moments of every parameter out of native memory.
     *
     * @return the state
     * @throws IllegalStateException if the optimiser is closed
     */
    public State exportState() {
        ensureOpen();
        Map<String, SavedTensor> m = new LinkedHashMap<>();
        Map<String, SavedTensor> v = new LinkedHashMap<>();
        for (Slot slot : slots) {
            m.put(slot.name, SavedTensor.of(slot.m));
            v.put(slot.name, SavedTensor.of(slot.v));
        }
        return new State(stepCount, learningRate, weightDecay, m, v);
    }

    /**
     * Replaces the step count, learning rate, weight decay and moments with a saved state. The state must hold moments
     * for exactly this optimiser's parameters with matching shapes; it is checked completely before anything changes.
     * Parameter values themselves are not part of the state.
     *
     * @param state a state exported by an optimiser over the same parameters
     * @throws IllegalArgumentException if {@code state} is null
     * @throws IllegalStateException    naming the parameter and shapes if a parameter is missing, unknown or mis-shaped,
     *                                  or if the optimiser is closed
     */
    public void importState(State state) {
        ensureOpen();
        Checks.notNull("state", state);
        for (Slot slot : slots) {
            long[] dims = slot.parameter.getArray().getShape().getShape();
            SavedTensor saved = state.firstMoments().get(slot.name);
            if (saved == null) {
                throw new IllegalStateException("AdamW state has no moments for parameter '" + slot.name
                        + "' of shape " + Checks.shapeText(dims));
            }
            if (!saved.hasShape(dims)) {
                throw new IllegalStateException("AdamW state moments for parameter '" + slot.name + "' have shape "
                        + saved.shapeText() + " but the parameter has shape " + Checks.shapeText(dims));
            }
        }
        for (Map.Entry<String, SavedTensor> e : state.firstMoments().entrySet()) {
            if (!byName.containsKey(e.getKey())) {
                throw new IllegalStateException("AdamW state has moments for unknown parameter '" + e.getKey()
                        + "' of shape " + e.getValue().shapeText());
            }
        }
        for (Slot slot : slots) {
            NDArray p = slot.parameter.getArray();
            NDArray m = restore(state.firstMoments().get(slot.name), p);
            NDArray v = restore(state.secondMoments().get(slot.name), p);
            slot.m.close();
            slot.v.close();
            slot.m = m;
            slot.v = v;
        }
        stepCount = state.step();
        learningRate = state.learningRate();
        weightDecay = state.weightDecay();
        LOG.debug("AdamW state imported at step {}", stepCount);
    }

    private NDArray restore(SavedTensor saved, NDArray like) {
        NDArray a = saved.toArray(manager, like.getDataType());
        if (!a.getDevice().equals(like.getDevice())) {
            NDArray moved = a.toDevice(like.getDevice(), true);
            moved.attach(manager);
            a.close();
            a = moved;
        }
        return a;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("AdamW is closed");
        }
    }

    /** Frees the moments; the parameters are untouched. Closing twice is harmless. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }

    @Override
    public String toString() {
        return "AdamW[step=" + stepCount + ", lr=" + learningRate + ", wd=" + weightDecay + ", betas="
                + Arrays.toString(new double[] {config.beta1(), config.beta2()}) + ", eps=" + config.epsilon()
                + ", parameters=" + slots.size() + "]";
    }

    /** One parameter with its moments and weight-decay multiplier. */
    private static final class Slot {
        private final String name;
        private final Parameter parameter;
        private NDArray m;
        private NDArray v;
        private double multiplier = 1.0;

        Slot(String name, Parameter parameter, NDArray m, NDArray v) {
            this.name = name;
            this.parameter = parameter;
            this.m = m;
            this.v = v;
        }
    }
}
