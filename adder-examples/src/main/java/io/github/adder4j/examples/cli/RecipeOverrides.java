package io.github.adder4j.examples.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.github.adder4j.train.Recipe;
import io.github.adder4j.train.RunFiles;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Recipe fields set on the command line, each remembered with the option that set it, and applied to a base recipe in
 * one go through {@link Recipe#with(Map)} (so that fields validated together, such as steps and warmup, are set
 * together). Errors name the option that gave the bad value: {@code --steps: steps must be positive: 0},
 * {@code --set foo=1: unknown recipe field: foo (known: ...)}.
 */
final class RecipeOverrides {

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> sources = new LinkedHashMap<>();

    /** No overrides yet. */
    RecipeOverrides() {
        // empty
    }

    /** The names of the recipe's fields, sorted. */
    static Set<String> fieldNames() {
        return Arrays.stream(Recipe.class.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Sets {@code field} from an option, unless the value is null (option not given).
     *
     * @param option the option's name, e.g. {@code --steps}
     * @param field  the recipe field
     * @param value  the option's value, or null
     * @return this
     */
    RecipeOverrides option(String option, String field, Object value) {
        if (value != null) {
            String text = value instanceof Enum<?> e ? e.name() : value.toString();
            values.put(field, text);
            sources.put(field, option);
        }
        return this;
    }

    /**
     * Adds {@code --set FIELD=VALUE} entries: each field must exist, must not also be set by a dedicated option, and an
     * enum field's value must be one of its constants.
     *
     * @throws IllegalArgumentException naming the {@code --set} entry otherwise
     */
    RecipeOverrides sets(Map<String, String> sets) {
        Map<String, RecordComponent> components = new TreeMap<>();
        for (RecordComponent c : Recipe.class.getRecordComponents()) {
            components.put(c.getName(), c);
        }
        for (Map.Entry<String, String> e : sets.entrySet()) {
            String field = e.getKey().strip();
            String source = "--set " + e.getKey() + "=" + e.getValue();
            RecordComponent component = components.get(field);
            if (component == null) {
                throw new IllegalArgumentException(source + ": unknown recipe field: " + field + " (known: "
                        + String.join(", ", fieldNames()) + ")");
            }
            if (sources.containsKey(field) && !sources.get(field).startsWith("--set ")) {
                throw new IllegalArgumentException(source + ": " + field + " is already set by " + sources.get(field));
            }
            Class<?> type = component.getType();
            String kind = type == int.class || type == Integer.class ? "an integer"
                    : type == long.class || type == Long.class ? "an integer"
                    : type == double.class || type == Double.class ? "a number"
                    : type == boolean.class || type == Boolean.class ? "true or false" : null;
            if (kind != null && !wellFormed(type, e.getValue())) {
                throw new IllegalArgumentException(source + ": " + field + " must be " + kind + ": "
                        + io.github.adder4j.core.io.Text.shown(e.getValue()));
            }
            if (type.isEnum() && Arrays.stream(type.getEnumConstants()).noneMatch(c -> ((Enum<?>) c).name().equals(e.getValue()))) {
                throw new IllegalArgumentException(source + ": " + field + " must be one of " + Arrays.stream(type.getEnumConstants())
                        .map(c -> ((Enum<?>) c).name()).collect(Collectors.joining(", ")) + ": " + e.getValue());
            }
            values.put(field, e.getValue());
            sources.put(field, source);
        }
        return this;
    }

    /** Whether {@code text} is a value of the primitive (or boxed) {@code type}, in ASCII digits, in range and finite. */
    private static boolean wellFormed(Class<?> type, String text) {
        if (text == null) {
            return false;
        }
        try {
            if (type == boolean.class || type == Boolean.class) {
                return text.equals("true") || text.equals("false");
            }
            if (type == double.class || type == Double.class) {
                return text.matches("[-+]?[0-9.eE+-]+") && Double.isFinite(Double.parseDouble(text));
            }
            if (!text.matches("-?[0-9]{1,19}")) {
                return false;
            }
            long value = Long.parseLong(text);
            return type == long.class || type == Long.class || value == (int) value;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The overrides, field to value, in the order given. */
    Map<String, String> values() {
        return Map.copyOf(values);
    }

    /**
     * The base recipe with the overrides.
     *
     * @throws IllegalArgumentException when the result is not a valid recipe; the message starts with the options whose
     *                                  fields it names
     */
    Recipe applyTo(Recipe base) {
        if (values.isEmpty()) {
            return base;
        }
        try {
            return base.with(values);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException(prefix(e.getMessage()) + e.getMessage(), e);
        }
    }

    /**
     * The sources of the fields a message is about, e.g. {@code "--steps, --warmup: "}, or "": a field the message starts
     * with, or one it quotes as {@code field=value}.
     */
    private String prefix(String message) {
        List<String> named = new ArrayList<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            String field = Pattern.quote(e.getKey());
            if (message != null && Pattern.compile("^" + field + "\\b|\\b" + field + "=").matcher(message).find()) {
                named.add(e.getValue());
            }
        }
        return named.isEmpty() ? "" : String.join(", ", named) + ": ";
    }

    /**
     * Reads a recipe file: a JSON {@link Recipe}, or a run's {@code config.json} (its {@code recipe} member).
     *
     * @param option the option that named the file, for messages
     * @param file   the file
     * @throws IllegalArgumentException when the file cannot be read, is not JSON, has unknown fields or an invalid recipe
     */
    static Recipe readRecipe(String option, Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + file + ": cannot read: " + e.getMessage(), e);
        }
        JsonObject object;
        try {
            JsonElement root = JsonParser.parseString(text);
            if (!root.isJsonObject()) {
                throw new IllegalArgumentException(option + " " + file + ": not a JSON object");
            }
            object = root.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(option + " " + file + ": not JSON: " + e.getMessage(), e);
        }
        if (object.has("recipe") && object.get("recipe").isJsonObject()) {
            object = object.getAsJsonObject("recipe");
        }
        Set<String> known = fieldNames();
        for (String key : object.keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(option + " " + file + ": unknown recipe field: " + key + " (known: "
                        + String.join(", ", known) + ")");
            }
        }
        Recipe recipe;
        try {
            recipe = RunFiles.GSON.fromJson(object, Recipe.class);
        } catch (RuntimeException e) {
            Throwable t = e;
            while (t.getCause() != null && !(t instanceof IllegalArgumentException || t instanceof IllegalStateException)) {
                t = t.getCause();
            }
            throw new IllegalArgumentException(option + " " + file + ": " + t.getMessage(), e);
        }
        return requireEnums(option + " " + file, recipe);
    }

    /** Checks the enum fields, which JSON leaves null when missing or misspelt. */
    static Recipe requireEnums(String source, Recipe recipe) {
        if (recipe.schedule() == null) {
            throw new IllegalArgumentException(source + ": schedule is missing or not one of "
                    + Arrays.toString(Recipe.Schedule.values()));
        }
        if (recipe.data() == null) {
            throw new IllegalArgumentException(source + ": data is missing or not one of " + Arrays.toString(Recipe.Data.values()));
        }
        return recipe;
    }
}
