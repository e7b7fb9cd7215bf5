package io.github.adder4j.core.block;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.github.adder4j.core.io.DType;
import io.github.adder4j.core.io.Tensor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parameters of a block tree by name, as tensors, and loaded from values: shared by every model. */
public final class ParameterValues {
    private ParameterValues() {
    }

    /**
     * Every parameter of a block tree once (a tied parameter, reachable from several blocks, appears once), by name, in
     * the tree's stable order.
     *
     * @param block the root of the block tree, initialised
     * @return an ordered map from parameter path to parameter
     * @throws IllegalStateException when two different parameters have the same name
     */
    public static Map<String, Parameter> named(Block block) {
        Map<String, Parameter> byName = new LinkedHashMap<>();
        Set<String> ids = new HashSet<>();
        for (var pair : block.getParameters()) {
            Parameter p = pair.getValue();
            if (ids.add(p.getId())) {
                Parameter clash = byName.put(p.getName(), p);
                if (clash != null) {
                    throw new IllegalStateException("two parameters are named " + p.getName());
                }
            }
        }
        return byName;
    }

    /**
     * Current values as tensors, in the map's order.
     *
     * @param params parameters by name
     * @return a new list of tensors, each named by its parameter, in the parameters' data type
     */
    public static List<Tensor> tensors(Map<String, Parameter> params) {
        List<Tensor> out = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            NDArray a = e.getValue().getArray();
            boolean f64 = a.getDataType() == DataType.FLOAT64;
            out.add(new Tensor(e.getKey(), a.getShape().getShape(), f64 ? DType.FLOAT64 : DType.FLOAT32,
                    f64 ? a.toDoubleArray() : toDouble(a.toFloatArray())));
        }
        return out;
    }

    /**
     * Replaces parameter values. Every value must name a parameter and match its size, and every parameter must be given:
     * all of this is checked before any value is written, so a failure changes nothing.
     *
     * @param params the parameters by name
     * @param values the new values by parameter name, each row-major and of the parameter's size
     * @throws IllegalArgumentException naming the parameter
     */
    public static void load(Map<String, Parameter> params, Map<String, double[]> values) {
        for (String name : values.keySet()) {
            if (!params.containsKey(name)) {
                throw new IllegalArgumentException("no parameter named " + name + " in this model (has " + params.keySet() + ")");
            }
        }
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            double[] v = values.get(e.getKey());
            if (v == null) {
                throw new IllegalArgumentException("missing values for parameter " + e.getKey());
            }
            long size = e.getValue().getArray().getShape().size();
            if (v.length != size) {
                throw new IllegalArgumentException("parameter " + e.getKey() + " has shape " + e.getValue().getArray().getShape()
                        + " (" + size + " values), got " + v.length + " values");
            }
        }
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            Seeded.set(e.getValue(), values.get(e.getKey()));
        }
    }

    /**
     * Loads tensors by name; shapes must match exactly (see {@link #load}).
     *
     * @param params the parameters by name
     * @param tensors the new values, each named by its parameter and of its exact shape
     */
    public static void loadTensors(Map<String, Parameter> params, List<Tensor> tensors) {
        Map<String, double[]> values = new LinkedHashMap<>();
        for (Tensor t : tensors) {
            Parameter p = params.get(t.name());
            if (p != null && !java.util.Arrays.equals(p.getArray().getShape().getShape(), t.shape())) {
                throw new IllegalArgumentException("parameter " + t.name() + " has shape " + p.getArray().getShape()
                        + " but the tensor has shape " + new Shape(t.shape()));
            }
            values.put(t.name(), t.values());
        }
        load(params, values);
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
