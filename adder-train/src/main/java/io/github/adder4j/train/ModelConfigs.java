package io.github.adder4j.train;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.github.adder4j.core.AdderConfig;
import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.ConfigCodec;
import io.github.adder4j.core.TrainableModel;
import io.github.adder4j.core.io.AtomicFiles;
import io.github.adder4j.core.io.CheckpointFormat;
import io.github.adder4j.core.vision.VitConfig;
import io.github.adder4j.core.vision.VitModel;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Model configuration files, the {@code modelConfig} of a {@link Recipe}: a model described by a file instead of a
 * preset. A file is one of
 * <ul>
 *   <li>a configuration as {@link ConfigCodec#toJson} (an addition model, e.g. {@code AdderModel.builder()...build()
 *       .configJson()}) or {@link VitConfig#toJson} ({@code "kind": "vit"}) write it;</li>
 *   <li>an adder4j checkpoint: its {@code config} (the weights are not used; {@code initFrom} starts from them);</li>
 *   <li>a run's {@code config.json}: its {@code model}.</li>
 * </ul>
 */
public final class ModelConfigs {

    /** The file in a run directory holding the configuration a run built from its {@code modelConfig}. */
    public static final String RUN_COPY = "model-config.json";

    private ModelConfigs() { }

    /**
     * Reads and validates the model configuration of a file.
     *
     * @param file the file
     * @param name how messages name the file, e.g. {@code --config model.json}
     * @return the configuration JSON: an addition model's ({@link ConfigCodec}) or a ViT's ({@code "kind": "vit"})
     * @throws IllegalArgumentException starting with {@code name} when the file cannot be read, is not JSON, or holds no
     *                                  valid configuration
     */
    public static JsonObject read(Path file, String name) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(name + ": is a directory, not a file");
        }
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(name + ": no such file");
        }
        String text;
        try {
            text = new String(AtomicFiles.readBounded(file, CheckpointFormat.MAX_BYTES, "model configuration"), StandardCharsets.UTF_8);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException(name + ": cannot read: " + e.getCause().getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
        JsonObject root;
        try {
            JsonElement parsed = JsonParser.parseString(text);
            if (!parsed.isJsonObject()) {
                throw new IllegalArgumentException(name + ": not a JSON object");
            }
            root = parsed.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(name + ": not JSON: " + (e.getCause() != null ? e.getCause() : e).getMessage(), e);
        }
        JsonObject config;
        if (root.has("format") && root.get("format").isJsonPrimitive()
                && CheckpointFormat.FORMAT.equals(root.get("format").getAsString())) {
            try {
                config = CheckpointFormat.read(file).config();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
            }
        } else if (!root.has("format") && root.has("tensors") && root.get("tensors").isJsonObject()) {
            throw new IllegalArgumentException(name + " is a published fixture, which holds weights but no architecture: give a model"
                    + " configuration, an adder4j checkpoint or a run's config.json");
        } else if (root.has("recipe") && root.has("model") && root.get("model").isJsonObject()) {
            config = root.getAsJsonObject("model");
        } else {
            config = root;
        }
        check(config, name);
        return config;
    }

    /** Whether a configuration read by {@link #read} is a ViT's. */
    static boolean isVit(JsonObject config) {
        return VitModel.isVit(config);
    }

    private static void check(JsonObject config, String name) {
        try {
            if (isVit(config)) {
                VitConfig.fromJson(config);
            } else {
                ConfigCodec.fromJson(config); // the parameter bound is checked when the model is built
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException(name + ": not a model configuration (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Checks that a configuration fits the recipe's task: a ViT trains on images (the {@value VitConfig#MICRO_VIT}
     * recipe), an addition model on sums.
     *
     * @param config a configuration read by {@link #read}
     * @param recipe the recipe that trains it
     * @param name how messages name the file, e.g. {@code --config model.json}
     * @throws IllegalArgumentException starting with {@code name} when they do not fit
     */
    public static void requireFits(JsonObject config, Recipe recipe, String name) {
        if (isVit(config) && !recipe.isVit()) {
            throw new IllegalArgumentException(name + " describes a ViT, which trains on images: its recipe must be preset "
                    + VitConfig.MICRO_VIT + "'s, not preset " + recipe.preset() + "'s");
        }
        if (!isVit(config) && recipe.isVit()) {
            throw new IllegalArgumentException(name + " describes an addition model, which the recipe of preset "
                    + VitConfig.MICRO_VIT + " (images) cannot train");
        }
    }

    /**
     * The fresh model a recipe builds from a configuration: the configuration with the recipe's seed, its {@code init}
     * when set and its {@code model} sizes.
     *
     * @param config a configuration read by {@link #read}
     * @param recipe the recipe
     * @return a new model; the caller closes it
     */
    static TrainableModel build(JsonObject config, Recipe recipe) {
        if (isVit(config)) {
            return VitModel.of(recipe.vitConfig(VitConfig.fromJson(config)));
        }
        AdderConfig base = ConfigCodec.fromJson(config);
        AdderModel.Builder builder = AdderModel.builder(base).seed(recipe.seed());
        if (recipe.start().init() != null) {
            builder.init(recipe.start().init());
        }
        recipe.start().applySizes(builder);
        return builder.build();
    }
}
