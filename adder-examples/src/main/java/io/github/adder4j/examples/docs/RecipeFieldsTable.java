package io.github.adder4j.examples.docs;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.adder4j.train.FlatForm;
import io.github.adder4j.train.Recipe;
import io.github.adder4j.train.RunFiles;
import java.lang.reflect.RecordComponent;

/**
 * Section {@code recipe-fields}: every field of a {@link Recipe}, part by part, by its flat name (the name of {@code --set} and of
 * {@link Recipe#with}), its path in the recipe's parts (the nested JSON of {@code config.json}), its type and its default
 * (that of {@code Recipe.builder()}, the 57p published recipe's).
 */
final class RecipeFieldsTable {
    private RecipeFieldsTable() { }

    /** The section's name. */
    static final String NAME = "recipe-fields";

    /** The table. */
    static String render() {
        JsonObject defaults = Recipe.FIELDS.flat(RunFiles.GSON.toJsonTree(Recipe.builder().preset("split-57").build())
                .getAsJsonObject());
        MarkdownTable t = new MarkdownTable("flat name (`--set`)", "path in the parts", "type", "default");
        for (RecordComponent c : Recipe.class.getRecordComponents()) {
            for (FlatForm.Field f : Recipe.FIELDS.fields()) {
                if (c.getName().equals(f.part() == null ? f.key() : f.part())) {
                    JsonElement value = defaults.get(f.name());
                    String shown = f.name().equals("preset") ? "(required)" : "`" + (value == null ? "null"
                            : value.isJsonPrimitive() ? value.getAsString() : value.toString()) + "`";
                    t.row("`" + f.name() + "`", "`" + f.path() + "`", "`" + f.type().getSimpleName() + "`", shown);
                }
            }
        }
        return t.render();
    }
}
