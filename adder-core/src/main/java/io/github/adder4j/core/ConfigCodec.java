package io.github.adder4j.core;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.adder4j.core.Options.Slot;
import io.github.adder4j.core.format.TokenFormats;
import io.github.adder4j.core.format.TokenFormat.PositionRole;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link AdderConfig} to and from JSON, so that a checkpoint rebuilds its architecture exactly. Every field is written;
 * reading requires every field and rejects unknown fields and enum values with a message naming the field.
 */
public final class ConfigCodec {
    private ConfigCodec() { }

    /**
     * The configuration as a JSON object.
     *
     * @param c the configuration to write
     * @return a new JSON object with every field of the configuration
     */
    public static JsonObject toJson(AdderConfig c) {
        JsonObject o = new JsonObject();
        o.addProperty("format", c.format().id());
        o.addProperty("dModel", c.dModel());
        o.addProperty("residual", c.residual().name());
        o.addProperty("tokenDims", c.tokenDims());
        o.addProperty("embedding", c.embedding().name());
        o.addProperty("embeddingRank", c.embeddingRank());
        o.add("positions", positions(c.positions()));
        o.add("relative", relative(c.relative()));
        JsonObject n = new JsonObject();
        n.addProperty("kind", c.norm().kind().name());
        n.addProperty("finalKind", c.norm().finalKind().name());
        n.addProperty("eps", c.norm().eps());
        n.addProperty("shared", c.norm().shared());
        n.addProperty("qkNorm", c.norm().qkNorm().name());
        o.add("norm", n);
        AttentionSpec a = c.attention();
        JsonObject at = new JsonObject();
        at.addProperty("layers", a.layers());
        at.addProperty("heads", a.heads());
        at.addProperty("kvHeads", a.kvHeads());
        at.addProperty("headDim", a.headDim());
        at.addProperty("qkSource", a.qkSource().name());
        at.addProperty("vSource", a.vSource().name());
        at.addProperty("qkMode", a.qkMode().name());
        at.addProperty("sharedRank", a.sharedRank());
        at.addProperty("valueMode", a.valueMode().name());
        at.add("query", projection(a.query()));
        at.add("key", projection(a.key()));
        at.add("value", projection(a.value()));
        at.addProperty("outputMode", a.outputMode().name());
        at.add("out", projection(a.out()));
        at.addProperty("softmax", a.softmax().name());
        at.addProperty("scale", a.scale());
        at.addProperty("bias", a.bias());
        o.add("attention", at);
        FfnSpec f = c.ffn();
        JsonObject ff = new JsonObject();
        ff.addProperty("width", f.width());
        ff.addProperty("activation", f.activation().name());
        ff.addProperty("bias", f.bias());
        ff.add("in", projection(f.in()));
        ff.add("up", projection(f.up()));
        ff.addProperty("outMode", f.outMode().name());
        ff.add("out", projection(f.out()));
        o.add("ffn", ff);
        o.addProperty("output", c.output().name());
        o.addProperty("precision", c.precision().name());
        o.addProperty("seed", c.seed());
        if (c.init() != Options.Init.XAVIER) {
            // written only when it is not the default, so that configurations (and checkpoint bytes) of models made
            // before the option existed stay as they were
            o.addProperty("init", c.init().name());
        }
        return o;
    }

    /**
     * Reads a configuration written by {@link #toJson}.
     *
     * @param o a JSON object as {@link #toJson} writes it
     * @return the validated configuration
     * @throws IllegalArgumentException naming the field when one is unknown, missing, of the wrong type or out of range
     */
    public static AdderConfig fromJson(JsonObject o) {
        known(o, "", "format", "dModel", "residual", "tokenDims", "embedding", "embeddingRank", "positions", "relative", "norm",
                "attention", "ffn", "output", "precision", "seed", "init");
        JsonObject n = obj(o, "norm");
        JsonObject at = obj(o, "attention");
        JsonObject ff = obj(o, "ffn");
        known(n, "norm", "kind", "finalKind", "eps", "shared", "qkNorm");
        known(at, "attention", "layers", "heads", "kvHeads", "headDim", "qkSource", "vSource", "qkMode", "sharedRank", "valueMode",
                "query", "key", "value", "outputMode", "out", "softmax", "scale", "bias");
        known(ff, "ffn", "width", "activation", "bias", "in", "up", "outMode", "out");
        AttentionSpec attention = new AttentionSpec(integer(at, "layers"), integer(at, "heads"), integer(at, "kvHeads"),
                integer(at, "headDim"), en(at, "qkSource", Options.Source.class), en(at, "vSource", Options.Source.class),
                en(at, "qkMode", Options.QkMode.class), integer(at, "sharedRank"), en(at, "valueMode", Options.ValueMode.class),
                projection(obj(at, "query")), projection(obj(at, "key")), projection(obj(at, "value")),
                en(at, "outputMode", Options.OutputMode.class), projection(obj(at, "out")), en(at, "softmax", Options.Softmax.class),
                number(at, "scale"), bool(at, "bias"));
        FfnSpec ffn = new FfnSpec(integer(ff, "width"), en(ff, "activation", Options.Activation.class), bool(ff, "bias"),
                projection(obj(ff, "in")), projection(obj(ff, "up")), en(ff, "outMode", Options.FfnOut.class), projection(obj(ff, "out")));
        NormSpec norm = new NormSpec(en(n, "kind", Options.Norm.class), en(n, "finalKind", Options.Norm.class), number(n, "eps"),
                bool(n, "shared"), en(n, "qkNorm", Options.QkNorm.class));
        return new AdderConfig(TokenFormats.byId(string(o, "format")), integer(o, "dModel"), en(o, "residual", Options.Residual.class),
                integer(o, "tokenDims"), en(o, "embedding", Options.Embedding.class), integer(o, "embeddingRank"),
                positions(obj(o, "positions")), relative(obj(o, "relative")), norm, attention, ffn,
                en(o, "output", Options.Output.class), en(o, "precision", Options.Precision.class), longInteger(o, "seed"),
                // configurations written before the init option existed used the Xavier scheme
                o.has("init") ? en(o, "init", Options.Init.class) : Options.Init.XAVIER);
    }

    private static JsonObject positions(Positions p) {
        JsonObject o = new JsonObject();
        if (p instanceof Positions.None) {
            o.addProperty("type", "none");
        } else if (p instanceof Positions.Learned l) {
            o.addProperty("type", "learned");
            o.addProperty("rows", l.rows());
            o.addProperty("rank", l.rank());
        } else if (p instanceof Positions.Sinusoid s) {
            o.addProperty("type", "sinusoid");
            o.addProperty("period", s.period());
        } else if (p instanceof Positions.Spiral s) {
            o.addProperty("type", "spiral");
            o.add("amp", scalar(s.amp()));
            o.add("phase", scalar(s.phase()));
            o.add("slope", scalar(s.slope()));
            o.add("offset", scalar(s.offset()));
            JsonObject sp = new JsonObject();
            s.specials().forEach((k, v) -> sp.addProperty(k.name(), v.name()));
            o.add("specials", sp);
        }
        return o;
    }

    private static Positions positions(JsonObject o) {
        String type = string(o, "type");
        switch (type) {
            case "learned" -> known(o, "positions", "type", "rows", "rank");
            case "sinusoid" -> known(o, "positions", "type", "period");
            case "spiral" -> known(o, "positions", "type", "amp", "phase", "slope", "offset", "specials");
            case "none" -> known(o, "positions", "type");
            default -> { } // an unknown type is reported below
        }
        return switch (type) {
            case "none" -> Positions.none();
            case "learned" -> new Positions.Learned(integer(o, "rows"), integer(o, "rank"));
            case "sinusoid" -> Positions.sinusoid(number(o, "period"));
            case "spiral" -> {
                Map<PositionRole.Kind, Slot> specials = new LinkedHashMap<>();
                for (Map.Entry<String, JsonElement> e : obj(o, "specials").entrySet()) {
                    specials.put(parse(PositionRole.Kind.class, "positions.specials", e.getKey()),
                            parse(Slot.class, "positions.specials." + e.getKey(), e.getValue().getAsString()));
                }
                yield new Positions.Spiral(scalar(obj(o, "amp")), scalar(obj(o, "phase")), scalar(obj(o, "slope")),
                        scalar(obj(o, "offset")), specials);
            }
            default -> throw new IllegalArgumentException("config positions.type must be none, learned, sinusoid or spiral: " + type);
        };
    }

    private static JsonObject scalar(Positions.Scalar s) {
        JsonObject o = new JsonObject();
        o.addProperty("value", s.value());
        o.addProperty("learned", s.learned());
        return o;
    }

    private static Positions.Scalar scalar(JsonObject o) {
        known(o, "positions scalar", "value", "learned");
        return new Positions.Scalar(number(o, "value"), bool(o, "learned"));
    }

    private static JsonObject relative(Positions.Relative r) {
        JsonObject o = new JsonObject();
        if (r instanceof Positions.Rope rope) {
            o.addProperty("type", "rope");
            o.addProperty("theta", rope.theta());
            o.addProperty("period", rope.period());
            o.addProperty("pairing", rope.pairing().name());
        } else if (r instanceof Positions.Alibi alibi) {
            o.addProperty("type", "alibi");
            o.addProperty("slope", alibi.slope());
        } else {
            o.addProperty("type", "none");
        }
        return o;
    }

    private static Positions.Relative relative(JsonObject o) {
        String type = string(o, "type");
        switch (type) {
            case "rope" -> known(o, "relative", "type", "theta", "period", "pairing");
            case "alibi" -> known(o, "relative", "type", "slope");
            case "none" -> known(o, "relative", "type");
            default -> { } // an unknown type is reported below
        }
        return switch (type) {
            case "none" -> Positions.Relative.none();
            case "rope" -> new Positions.Rope(number(o, "theta"), number(o, "period"), en(o, "pairing", Options.Pairing.class));
            case "alibi" -> Positions.Relative.alibi(number(o, "slope"));
            default -> throw new IllegalArgumentException("config relative.type must be none, rope or alibi: " + type);
        };
    }

    private static JsonObject projection(Projection p) {
        JsonObject o = new JsonObject();
        if (p instanceof Projection.Full) {
            o.addProperty("type", "full");
        } else if (p instanceof Projection.LowRank lr) {
            o.addProperty("type", "lowRank");
            o.addProperty("rank", lr.rank());
        } else if (p instanceof Projection.Basis b) {
            o.addProperty("type", "basis");
            JsonArray bases = new JsonArray();
            b.bases().forEach(m -> bases.add(matrix(m)));
            o.add("bases", bases);
            o.add("init", vector(b.init()));
        } else if (p instanceof Projection.Fixed f) {
            o.addProperty("type", "fixed");
            o.add("matrix", matrix(f.matrix()));
        }
        return o;
    }

    private static Projection projection(JsonObject o) {
        String type = string(o, "type");
        switch (type) {
            case "lowRank" -> known(o, "projection", "type", "rank");
            case "basis" -> known(o, "projection", "type", "bases", "init");
            case "fixed" -> known(o, "projection", "type", "matrix");
            case "full" -> known(o, "projection", "type");
            default -> { } // an unknown type is reported below
        }
        return switch (type) {
            case "full" -> Projection.full();
            case "lowRank" -> Projection.lowRank(integer(o, "rank"));
            case "basis" -> {
                List<double[][]> bases = new ArrayList<>();
                for (JsonElement e : array(o, "bases")) {
                    bases.add(matrix("bases", e));
                }
                yield Projection.basis(bases, vector("init", array(o, "init")));
            }
            case "fixed" -> Projection.fixed(matrix("matrix", array(o, "matrix")));
            default -> throw new IllegalArgumentException("config projection type must be full, lowRank, basis or fixed: " + type);
        };
    }

    private static JsonArray matrix(double[][] m) {
        JsonArray a = new JsonArray();
        for (double[] row : m) {
            a.add(vector(row));
        }
        return a;
    }

    private static double[][] matrix(String name, JsonElement e) {
        if (!e.isJsonArray()) {
            throw new IllegalArgumentException("config field " + name + " must hold matrices (arrays of rows): " + e);
        }
        JsonArray a = e.getAsJsonArray();
        double[][] m = new double[a.size()][];
        for (int i = 0; i < m.length; i++) {
            if (!a.get(i).isJsonArray()) {
                throw new IllegalArgumentException("config field " + name + " must hold matrices (arrays of rows): " + e);
            }
            m[i] = vector(name, a.get(i).getAsJsonArray());
        }
        return m;
    }

    private static JsonArray vector(double[] v) {
        JsonArray a = new JsonArray();
        for (double x : v) {
            a.add(x);
        }
        return a;
    }

    private static double[] vector(String name, JsonArray a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            JsonElement x = a.get(i);
            if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isNumber()) {
                throw new IllegalArgumentException("config field " + name + " must hold numbers: " + a);
            }
            v[i] = x.getAsDouble();
        }
        return v;
    }

    private static JsonArray array(JsonObject o, String name) {
        JsonElement e = field(o, name);
        if (!e.isJsonArray()) {
            throw new IllegalArgumentException("config field " + name + " must be an array: " + e);
        }
        return e.getAsJsonArray();
    }

    /** Rejects a field of {@code o} that is not one of {@code names}: an unknown field would be silently ignored. */
    private static void known(JsonObject o, String path, String... names) {
        java.util.Set<String> allowed = java.util.Set.of(names);
        for (String key : o.keySet()) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException("config has an unknown field " + (path.isEmpty() ? "" : path + ".")
                        + new com.google.gson.JsonPrimitive(key) + " (known: " + new java.util.TreeSet<>(allowed) + ")");
            }
        }
    }

    private static JsonElement field(JsonObject o, String name) {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            throw new IllegalArgumentException("config is missing field " + name);
        }
        return e;
    }

    private static JsonObject obj(JsonObject o, String name) {
        JsonElement e = field(o, name);
        if (!e.isJsonObject()) {
            throw new IllegalArgumentException("config field " + name + " must be an object: " + e);
        }
        return e.getAsJsonObject();
    }

    private static String string(JsonObject o, String name) {
        JsonElement e = field(o, name);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException("config field " + name + " must be a string: " + e);
        }
        return e.getAsString();
    }

    private static int integer(JsonObject o, String name) {
        long v = longInteger(o, name);
        if (v != (int) v) {
            throw new IllegalArgumentException("config field " + name + " must be an integer: " + o.get(name));
        }
        return (int) v;
    }

    /** A JSON number that is exactly a long: no fraction, no rounding through double (seeds use all 64 bits). */
    private static long longInteger(JsonObject o, String name) {
        JsonElement e = field(o, name);
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            try {
                return e.getAsBigDecimal().longValueExact();
            } catch (ArithmeticException | NumberFormatException ignored) {
                // reported below
            }
        }
        throw new IllegalArgumentException("config field " + name + " must be an integer: " + e);
    }

    private static double number(JsonObject o, String name) {
        JsonElement e = field(o, name);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException("config field " + name + " must be a number: " + e);
        }
        return e.getAsDouble();
    }

    private static boolean bool(JsonObject o, String name) {
        JsonElement e = field(o, name);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw new IllegalArgumentException("config field " + name + " must be true or false: " + e);
        }
        return e.getAsBoolean();
    }

    private static <E extends Enum<E>> E en(JsonObject o, String name, Class<E> type) {
        return parse(type, name, string(o, name));
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String name, String value) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("config field " + name + " has unknown value " + value + " (known: "
                    + java.util.Arrays.toString(type.getEnumConstants()) + ")");
        }
    }
}
