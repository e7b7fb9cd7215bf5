package io.github.adder4j.examples.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.github.adder4j.train.FlatForm;
import io.github.adder4j.train.Recipe;
import io.github.adder4j.train.RunFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Recipe fields set on the command line, each remembered with the option that set it, and applied to a base recipe in
 * one go through {@link Recipe#with(Map)} (so that fields validated together, such as steps and warmup, are set
 * together). Fields go by their flat names ({@link Recipe#FIELDS}: {@code steps}, {@code learningRate}), or by their
 * paths in the recipe's parts ({@code schedule.steps}). Errors name the option that gave the bad value:
 * {@code --steps: steps must be positive: 0}, {@code --set foo=1: unknown recipe field: foo (known: ...)}.
 */
final class RecipeOverrides {

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> sources = new LinkedHashMap<>();

    /** No overrides yet. */
    RecipeOverrides() {
        // empty
    }

    /** The flat names of the recipe's fields, sorted. */
    static Set<String> fieldNames() {
        return Recipe.FIELDS.names();
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
     * Adds {@code --set FIELD=VALUE} entries: each field (a flat name or a path such as {@code optimization.learningRate})
     * must exist, must not also be set by a dedicated option, and an enum field's value must be one of its constants.
     *
     * @throws IllegalArgumentException naming the {@code --set} entry otherwise
     */
    RecipeOverrides sets(Map<String, String> sets) {
        for (Map.Entry<String, String> e : sets.entrySet()) {
            String name = e.getKey().strip();
            String source = "--set " + e.getKey() + "=" + e.getValue();
            FlatForm.Field component = Recipe.FIELDS.field(name).orElseThrow(() -> new IllegalArgumentException(source
                    + ": unknown recipe field: " + name + " (known: " + String.join(", ", fieldNames()) + ")"));
            String field = component.name();
            if (sources.containsKey(field) && !sources.get(field).startsWith("--set ")) {
                throw new IllegalArgumentException(source + ": " + field + " is already set by " + sources.get(field));
            }
            Class<?> type = component.type();
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
     * Reads a recipe file: a JSON {@link Recipe} (in its parts, or in the flat form of runs made before them), or a run's
     * {@code config.json} (its {@code recipe} member).
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
        List<String> unknown = Recipe.FIELDS.unknownKeys(object);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(option + " " + file + ": unknown recipe field: " + unknown.get(0) + " (known: "
                    + String.join(", ", fieldNames()) + ")");
        }
        try {
            return RunFiles.GSON.fromJson(object, Recipe.class);
        } catch (RuntimeException e) {
            Throwable t = e;
            while (t.getCause() != null && !(t instanceof IllegalArgumentException || t instanceof IllegalStateException)) {
                t = t.getCause();
            }
            throw new IllegalArgumentException(option + " " + file + ": " + t.getMessage(), e);
        }
    }
}
