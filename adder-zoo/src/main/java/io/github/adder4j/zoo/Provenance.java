package io.github.adder4j.zoo;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A zoo entry's provenance as structured fields, read from its {@link ZooEntry#provenance()} text: either the code of a
 * hand-coded construction, or the training rounds, each with its command, preset, seed, recipe, outcome, machine and
 * run directory. Paths of the machine that trained the entry are cut to the part from {@code runs/} on (or to the file
 * name), so a card shows no machine paths.
 *
 * @param construction the code that sets the weights of a hand-coded entry, or empty for a trained one
 * @param rounds       the training rounds, in order (empty for a hand-coded entry)
 */
public record Provenance(String construction, List<Round> rounds) {
    private static final Pattern ROUND = Pattern.compile("(?:round (\\d+): )?trained: (.*)");
    private static final Pattern PRESET_SEED = Pattern.compile("preset (\\S+), seed (-?\\d+), recipe (\\{.*})");
    private static final Pattern ABSOLUTE_PATH = Pattern.compile("(?<![\\w.])/(?:[^\\s/\"]+/)*[^\\s/\"]+");

    /**
     * One training run of a trained entry.
     *
     * @param number       the round's number, from 1
     * @param command      the {@code adder} command line that ran it
     * @param preset       the preset id
     * @param seed         the seed
     * @param recipe       the recipe's fields, in the recorded order, paths shortened (a recipe written in parts: each field by
     *                     its path, e.g. {@code schedule.steps})
     * @param outcome      how the run ended (steps, best checkpoint, wall time)
     * @param machine      the machine it ran on (architecture, cores, Java)
     * @param runDirectory the run directory's name
     */
    public record Round(int number, String command, String preset, long seed, Map<String, String> recipe, String outcome,
                        String machine, String runDirectory) {
        /**
         * Copies the recipe into an unmodifiable map.
         *
         * @param number       the round's number, from 1
         * @param command      the command line
         * @param preset       the preset id
         * @param seed         the seed
         * @param recipe       the recipe's fields
         * @param outcome      how the run ended
         * @param machine      the machine it ran on
         * @param runDirectory the run directory's name
         */
        public Round {
            recipe = Collections.unmodifiableMap(new LinkedHashMap<>(recipe));
        }
    }

    /**
     * Copies the rounds into an unmodifiable list.
     *
     * @param construction the code of a hand-coded entry, or empty
     * @param rounds       the training rounds (empty for a hand-coded entry)
     */
    public Provenance {
        rounds = List.copyOf(rounds);
    }

    /**
     * Reads a provenance text as {@link ZooBuilder} writes it.
     *
     * @param text the entry's provenance
     * @return the structured provenance
     * @throws IllegalArgumentException when a training round does not have the recorded form, naming the part
     */
    public static Provenance parse(String text) {
        if (text.startsWith("hand-coded")) {
            int colon = text.indexOf(": ");
            return new Provenance(shorten(colon < 0 ? text : text.substring(colon + 2)), List.of());
        }
        List<Round> rounds = new ArrayList<>();
        String[] parts = text.split(" \\|\\| ");
        for (int i = 0; i < parts.length; i++) {
            rounds.add(round(i + 1, parts[i]));
        }
        return new Provenance("", rounds);
    }

    private static Round round(int position, String text) {
        String[] fields = text.split(" \\| ");
        if (fields.length != 5) {
            throw new IllegalArgumentException("provenance round " + position + " must have 5 fields separated by ' | ': "
                    + fields.length + " fields");
        }
        Matcher round = ROUND.matcher(fields[0]);
        Matcher presetSeed = PRESET_SEED.matcher(fields[1]);
        if (!round.matches() || !presetSeed.matches() || !fields[3].startsWith("machine ")
                || !fields[4].startsWith("run directory ")) {
            throw new IllegalArgumentException("provenance round " + position + " is not of the form 'trained: COMMAND | preset "
                    + "P, seed S, recipe {...} | OUTCOME | machine M | run directory D'");
        }
        int number = round.group(1) == null ? position : Integer.parseInt(round.group(1));
        Map<String, String> recipe = new LinkedHashMap<>();
        try {
            JsonObject json = JsonParser.parseString(presetSeed.group(3)).getAsJsonObject();
            for (Map.Entry<String, JsonElement> field : json.entrySet()) {
                JsonElement v = field.getValue();
                if (RECIPE_PARTS.contains(field.getKey()) && v.isJsonObject()) {
                    // a recipe written in its parts: each field by its path (schedule.steps), as --set takes it
                    for (Map.Entry<String, JsonElement> inner : v.getAsJsonObject().entrySet()) {
                        recipe.put(field.getKey() + "." + inner.getKey(), text(inner.getValue()));
                    }
                } else {
                    recipe.put(field.getKey(), text(v));
                }
            }
        } catch (JsonParseException | IllegalStateException e) {
            throw new IllegalArgumentException("provenance round " + position + ": the recipe is not a JSON object", e);
        }
        return new Round(number, shorten(round.group(2)), presetSeed.group(1), Long.parseLong(presetSeed.group(2)), recipe,
                fields[2], fields[3].substring("machine ".length()), shorten(fields[4].substring("run directory ".length())));
    }

    /**
     * The parts of a recipe's JSON in runs made since the recipe has parts (the trainer's {@code Recipe}); earlier runs
     * wrote every field at the top level.
     */
    private static final java.util.Set<String> RECIPE_PARTS = java.util.Set.of("start", "optimization", "schedule", "data",
            "evaluation", "rounds");

    private static String text(JsonElement v) {
        return shorten(v.isJsonPrimitive() ? v.getAsString() : v.toString());
    }

    /** Cuts every absolute path to its part from {@code runs/} on, or to its file name. */
    static String shorten(String text) {
        Matcher m = ABSOLUTE_PATH.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String path = m.group();
            int runs = path.indexOf("/runs/");
            String shortened = runs >= 0 ? path.substring(runs + 1) : path.substring(path.lastIndexOf('/') + 1);
            m.appendReplacement(out, Matcher.quoteReplacement(shortened));
        }
        m.appendTail(out);
        return out.toString();
    }
}
