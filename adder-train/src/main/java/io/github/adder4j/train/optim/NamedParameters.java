package io.github.adder4j.train.optim;

import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns the parameter collections the public API accepts into one ordered list of uniquely named parameters. */
final class NamedParameters {

    /** One parameter and the stable name its optimiser state is keyed by. */
    record Named(String name, Parameter parameter) {
    }

    private NamedParameters() {
    }

    /**
     * Names from the map keys, in the map's iteration order. The same {@link Parameter} under several names (tied
     * weights) is kept once, under its first name.
     */
    static List<Named> fromMap(Map<String, Parameter> parameters) {
        Checks.notNull("parameters", parameters);
        List<Named> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            String name = e.getKey();
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("parameter names must not be blank: '" + name + "'");
            }
            Parameter p = e.getValue();
            if (p == null) {
                throw new IllegalArgumentException("parameter '" + name + "' must not be null");
            }
            if (ids.add(p.getId())) {
                out.add(new Named(name, p));
            }
        }
        return checked(out);
    }

    /** Names from {@link Parameter#getName()}; the same parameter twice is kept once, two different ones may not share a name. */
    static List<Named> fromList(List<Parameter> parameters) {
        Checks.notNull("parameters", parameters);
        List<Named> out = new ArrayList<>();
        Map<String, String> idByName = new HashMap<>();
        for (Parameter p : parameters) {
            if (p == null) {
                throw new IllegalArgumentException("parameters must not contain null");
            }
            String previous = idByName.putIfAbsent(p.getName(), p.getId());
            if (previous == null) {
                out.add(new Named(p.getName(), p));
            } else if (!previous.equals(p.getId())) {
                throw new IllegalArgumentException("parameters contain two different parameters named '" + p.getName()
                        + "'; pass a map with unique names instead");
            }
        }
        return checked(out);
    }

    private static List<Named> checked(List<Named> named) {
        if (named.isEmpty()) {
            throw new IllegalArgumentException("parameters must not be empty");
        }
        for (Named n : named) {
            if (!n.parameter().isInitialized()) {
                throw new IllegalStateException("parameter '" + n.name() + "' is not initialized");
            }
            DataType type = n.parameter().getArray().getDataType();
            if (type != DataType.FLOAT32 && type != DataType.FLOAT64) {
                throw new IllegalArgumentException("parameter '" + n.name() + "' has data type " + type
                        + "; expected float32 or float64");
            }
        }
        return List.copyOf(named);
    }
}
