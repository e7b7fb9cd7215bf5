package io.github.adder4j.train;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The flat names of a record that is written as JSON in parts ({@link Recipe}, {@link TrainerState}), and the one
 * migration between the two forms. Files written before the parts existed hold every field at the top level under its
 * flat name ({@code "learningRate": 0.02}); new files nest the fields in their parts
 * ({@code "optimization": {"learningRate": 0.02}}). Reading accepts both: a flat object is nested by this table before
 * the record is built, so an old file gives the record it gave before. The flat names stay the names of
 * {@code --set FIELD=VALUE} and of {@link Recipe#with}; a field is also known by its path, {@code part.key}.
 */
public final class FlatForm {

    /**
     * One field: its flat name and where it lives in the nested form.
     *
     * @param name the flat name (the top-level key of the old form), e.g. {@code learningRate}
     * @param part the part holding it in the nested form (a component of the record), or null for a field at the top level
     *             in both forms (e.g. {@code seed})
     * @param key  its key in the part (or at the top level when {@code part} is null), e.g. {@code learningRate}
     * @param type its Java type (the record component's)
     */
    public record Field(String name, String part, String key, Class<?> type) {
        /** The path in the nested form: {@code part.key}, or the key of a top-level field. */
        public String path() {
            return part == null ? key : part + "." + key;
        }
    }

    private final Class<? extends Record> owner;
    private final String what;
    private final Map<String, Field> byName = new LinkedHashMap<>();
    private final Map<String, Field> byPath = new LinkedHashMap<>();
    /** The top-level keys of the nested form: the owner's components. */
    private final Set<String> topKeys = new LinkedHashSet<>();
    /** The components that are parts (hold fields of the flat form). */
    private final Set<String> parts = new LinkedHashSet<>();

    private FlatForm(Class<? extends Record> owner, String what, String... namesAndPaths) {
        this.owner = owner;
        this.what = what;
        for (RecordComponent c : owner.getRecordComponents()) {
            topKeys.add(c.getName());
        }
        for (int i = 0; i < namesAndPaths.length; i += 2) {
            String name = namesAndPaths[i];
            String path = namesAndPaths[i + 1];
            int dot = path.indexOf('.');
            String part = dot < 0 ? null : path.substring(0, dot);
            String key = path.substring(dot + 1);
            Class<?> type = part == null ? component(owner, key).getType() : component(component(owner, part).getType(), key).getType();
            Field f = new Field(name, part, key, type);
            if (byName.put(name, f) != null || byPath.put(f.path(), f) != null) {
                throw new IllegalStateException(what + ": field " + name + " or path " + path + " given twice");
            }
            if (part != null) {
                parts.add(part);
            }
        }
    }

    /**
     * The table of a record: pairs of a flat name and its path in the nested form ({@code "learningRate",
     * "optimization.learningRate"}, or {@code "seed", "seed"} for a top-level field).
     *
     * @param owner         the record
     * @param what          what the record is, for messages (e.g. {@code recipe})
     * @param namesAndPaths flat names and paths, alternating, in the order of the flat form
     * @return the table
     * @throws IllegalStateException when a path names no record component (a programming error)
     */
    static FlatForm of(Class<? extends Record> owner, String what, String... namesAndPaths) {
        return new FlatForm(owner, what, namesAndPaths);
    }

    private static RecordComponent component(Class<?> record, String name) {
        for (RecordComponent c : record.getRecordComponents() == null ? new RecordComponent[0] : record.getRecordComponents()) {
            if (c.getName().equals(name)) {
                return c;
            }
        }
        throw new IllegalStateException(record.getSimpleName() + " has no component " + name);
    }

    /**
     * The fields, in the order of the flat form.
     *
     * @return every field
     */
    public List<Field> fields() {
        return List.copyOf(byName.values());
    }

    /**
     * The flat names, sorted (as error messages list them).
     *
     * @return the names
     */
    public Set<String> names() {
        return Collections.unmodifiableSet(new TreeSet<>(byName.keySet()));
    }

    /**
     * A field by its flat name ({@code learningRate}) or its path ({@code optimization.learningRate}).
     *
     * @param nameOrPath the name or path
     * @return the field, or empty when there is none
     */
    public Optional<Field> field(String nameOrPath) {
        Field f = byName.get(nameOrPath);
        return Optional.ofNullable(f != null ? f : byPath.get(nameOrPath));
    }

    /**
     * Whether a JSON object is in the flat form: it has a key that only the flat form has (e.g. {@code steps}), or a part
     * whose flat name is a field too given as a value (e.g. {@code "schedule": "CONSTANT"}).
     *
     * @param o the object
     * @return true for the flat form
     */
    public boolean isFlat(JsonObject o) {
        return !flatKeys(o).isEmpty();
    }

    private List<String> flatKeys(JsonObject o) {
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : o.entrySet()) {
            boolean flatOnly = byName.containsKey(e.getKey()) && !topKeys.contains(e.getKey());
            boolean partAsValue = parts.contains(e.getKey()) && !e.getValue().isJsonObject() && !e.getValue().isJsonNull();
            if (flatOnly || partAsValue) {
                keys.add(e.getKey());
            }
        }
        return keys;
    }

    /**
     * The nested form of a JSON object in either form: a flat object is nested (each field moved into its part, nulls
     * left out, unknown keys kept at the top level), a nested one is returned as it is.
     *
     * @param o the object
     * @return the nested form
     * @throws IllegalArgumentException when the object mixes the two forms
     */
    public JsonObject nested(JsonObject o) {
        List<String> flat = flatKeys(o);
        if (flat.isEmpty()) {
            return o;
        }
        List<String> nested = o.keySet().stream().filter(k -> parts.contains(k) && o.get(k).isJsonObject()).toList();
        if (!nested.isEmpty()) {
            throw new IllegalArgumentException(what + " mixes the flat form " + flat + " and the parts " + nested
                    + "; give one form");
        }
        JsonObject out = new JsonObject();
        for (Map.Entry<String, JsonElement> e : o.entrySet()) {
            Field f = byName.get(e.getKey());
            if (e.getValue().isJsonNull()) {
                continue;
            }
            if (f == null || f.part() == null) {
                out.add(f == null ? e.getKey() : f.key(), e.getValue());
            } else {
                if (!out.has(f.part())) {
                    out.add(f.part(), new JsonObject());
                }
                out.getAsJsonObject(f.part()).add(f.key(), e.getValue());
            }
        }
        return out;
    }

    /**
     * The flat form of a nested JSON object: every field present, under its flat name, in the order of the flat form.
     *
     * @param nested the nested form
     * @return the flat form
     */
    public JsonObject flat(JsonObject nested) {
        JsonObject out = new JsonObject();
        for (Field f : byName.values()) {
            JsonElement value = value(nested, f.name());
            if (value != null && !value.isJsonNull()) {
                out.add(f.name(), value);
            }
        }
        return out;
    }

    /**
     * A field's value in a JSON object of either form (e.g. {@code value(recipe, "data")}: the data kind, from
     * {@code "data": "UNIFORM"} of an old file or {@code "data": {"kind": "UNIFORM"}} of a new one).
     *
     * @param o          the object
     * @param nameOrPath the field's flat name or path
     * @return the value, or null when the object does not hold it
     * @throws IllegalArgumentException when no field has that name or path, or the object mixes the two forms
     */
    public JsonElement value(JsonObject o, String nameOrPath) {
        Field f = field(nameOrPath).orElseThrow(() -> new IllegalArgumentException("unknown " + what + " field: " + nameOrPath));
        JsonObject nested = nested(o);
        JsonElement holder = f.part() == null ? nested : nested.get(f.part());
        return holder != null && holder.isJsonObject() ? holder.getAsJsonObject().get(f.key()) : null;
    }

    /**
     * The keys of a JSON object (in either form) that name no field: top-level keys, and in the nested form the keys in
     * its parts, as paths.
     *
     * @param o the object
     * @return the unknown keys, empty when all are known
     */
    public List<String> unknownKeys(JsonObject o) {
        List<String> unknown = new ArrayList<>();
        if (isFlat(o)) {
            o.keySet().stream().filter(k -> !byName.containsKey(k)).forEach(unknown::add);
            return unknown;
        }
        for (Map.Entry<String, JsonElement> e : o.entrySet()) {
            if (!topKeys.contains(e.getKey())) {
                unknown.add(e.getKey());
            } else if (parts.contains(e.getKey()) && e.getValue().isJsonObject()) {
                for (String key : e.getValue().getAsJsonObject().keySet()) {
                    if (!byPath.containsKey(e.getKey() + "." + key)) {
                        unknown.add(e.getKey() + "." + key);
                    }
                }
            }
        }
        return unknown;
    }

    /**
     * A Gson adapter factory for the owner record that writes the nested form (the record's own) and reads both.
     *
     * @return the factory, for {@link com.google.gson.GsonBuilder#registerTypeAdapterFactory}
     */
    TypeAdapterFactory readingBothForms() {
        FlatForm form = this;
        return new TypeAdapterFactory() {
            @Override
            public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
                if (type.getRawType() != owner) {
                    return null;
                }
                TypeAdapter<T> delegate = gson.getDelegateAdapter(this, type);
                TypeAdapter<JsonElement> elements = gson.getAdapter(JsonElement.class);
                return new TypeAdapter<T>() {
                    @Override
                    public void write(JsonWriter out, T value) throws IOException {
                        delegate.write(out, value);
                    }

                    @Override
                    public T read(JsonReader in) throws IOException {
                        JsonElement e = elements.read(in);
                        return delegate.fromJsonTree(e != null && e.isJsonObject() ? form.nested(e.getAsJsonObject()) : e);
                    }
                };
            }
        };
    }

    @Override
    public String toString() {
        return what + " fields " + Arrays.toString(byName.keySet().toArray());
    }
}
