package io.github.adder4j.train;

import io.github.adder4j.core.AdderModel;
import io.github.adder4j.core.Options;
import io.github.adder4j.core.io.Text;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ObjIntConsumer;

/**
 * Where a {@link Recipe}'s model comes from: the preset's fresh model (the default, {@link #FRESH}), a checkpoint to
 * fine-tune, or a model described by a file, with the initialisation scheme and sizes that change a fresh model. Part
 * {@code start} of a recipe (its flat names: {@code initFrom}, {@code modelConfig}, {@code init}, {@code model} for the
 * sizes).
 *
 * @param initFrom    checkpoint to start from (fine-tuning), or null for a fresh initialisation; a relative path is
 *                    resolved against the run directory
 * @param modelConfig null, or a model configuration file ({@code .json}) whose architecture a fresh run trains instead of
 *                    the preset's (see {@link ModelConfigs#read}): a configuration as {@code ConfigCodec} or
 *                    {@code VitConfig} write it, a checkpoint (its configuration; its weights are not used) or a run's
 *                    {@code config.json} (its model). The recipe's seed replaces the file's, its {@code init} (when set)
 *                    and {@code sizes} apply on top; the preset then only names where the recipe came from. A relative path
 *                    is resolved against the run directory; a new run writes the configuration it built into the run as
 *                    {@code model-config.json}, which a restart uses. With {@code initFrom} the checkpoint gives the
 *                    architecture and this field is not read
 * @param init        initialisation scheme of the fresh model's tables and full matrices, or null for the preset's own
 * @param sizes       null, or sizes that replace the preset's for a fresh model, as {@code name=value} pairs separated by
 *                    commas: {@code dModel}, {@code ffnWidth}, {@code heads}, {@code headDim}, {@code layers} (e.g.
 *                    {@code dModel=16,headDim=16,ffnWidth=64}: a wider model for the modular grokking experiments); flat
 *                    name {@code model}
 */
public record StartSpec(String initFrom, String modelConfig, Options.Init init, String sizes) {

    /** A fresh model of the preset, with its own initialisation and sizes: the default. */
    public static final StartSpec FRESH = new StartSpec(null, null, null, null);

    /** The builder sizes a {@code sizes} field may name, each with the builder option it sets. */
    private static final Map<String, ObjIntConsumer<AdderModel.Builder>> SIZE_OPTIONS;

    static {
        Map<String, ObjIntConsumer<AdderModel.Builder>> m = new LinkedHashMap<>();
        m.put("dModel", AdderModel.Builder::dModel);
        m.put("ffnWidth", AdderModel.Builder::ffnWidth);
        m.put("heads", AdderModel.Builder::heads);
        m.put("headDim", AdderModel.Builder::headDim);
        m.put("layers", AdderModel.Builder::layers);
        SIZE_OPTIONS = Collections.unmodifiableMap(m);
    }

    /** The builder sizes a {@code sizes} field may name. */
    public static final List<String> MODEL_SIZES = List.copyOf(SIZE_OPTIONS.keySet());

    /** Validates. */
    public StartSpec {
        if (modelConfig != null && (modelConfig.isBlank() || !modelConfig.strip().endsWith(".json"))) {
            throw new IllegalArgumentException("modelConfig must name a .json file: " + Text.shown(modelConfig));
        }
        if (sizes != null) {
            modelSizes(sizes);
        }
    }

    /**
     * Parses a {@code sizes} field: {@code name=value} pairs separated by commas, names from {@link #MODEL_SIZES}, each
     * once, values positive integers.
     *
     * @param sizes the field's text
     * @return the sizes by name, in the order given
     * @throws IllegalArgumentException naming the bad pair
     */
    public static Map<String, Integer> modelSizes(String sizes) {
        Map<String, Integer> parsed = new LinkedHashMap<>();
        for (String pair : sizes.split(",", -1)) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair.trim() : pair.substring(0, eq).trim();
            if (eq < 0 || !MODEL_SIZES.contains(name)) {
                throw new IllegalArgumentException("model must be name=value pairs with names from " + MODEL_SIZES + ": " + sizes);
            }
            int value;
            try {
                value = Integer.parseInt(pair.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("model size " + name + " must be a positive integer: " + pair.substring(eq + 1).trim());
            }
            if (value <= 0) {
                throw new IllegalArgumentException("model size " + name + " must be a positive integer: " + value);
            }
            if (parsed.put(name, value) != null) {
                throw new IllegalArgumentException("model size " + name + " is given twice: " + sizes);
            }
        }
        return parsed;
    }

    /** Sets the sizes of the {@code sizes} field (if any) on a builder of the recipe's preset. */
    void applySizes(AdderModel.Builder builder) {
        if (sizes != null) {
            modelSizes(sizes).forEach((name, value) -> SIZE_OPTIONS.get(name).accept(builder, value));
        }
    }

    /**
     * A builder holding these values.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * A builder starting from {@link #FRESH}.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder(FRESH);
    }

    /** Sets the fields of a {@link StartSpec} by name; {@link #build()} validates them together. */
    public static final class Builder {
        private String initFrom;
        private String modelConfig;
        private Options.Init init;
        private String sizes;

        private Builder(StartSpec s) {
            initFrom = s.initFrom;
            modelConfig = s.modelConfig;
            init = s.init;
            sizes = s.sizes;
        }

        /** Sets {@code initFrom} (see {@link StartSpec}). */
        public Builder initFrom(String v) {
            initFrom = v;
            return this;
        }

        /** Sets {@code modelConfig} (see {@link StartSpec}). */
        public Builder modelConfig(String v) {
            modelConfig = v;
            return this;
        }

        /** Sets {@code init} (see {@link StartSpec}). */
        public Builder init(Options.Init v) {
            init = v;
            return this;
        }

        /** Sets {@code sizes} (see {@link StartSpec}). */
        public Builder sizes(String v) {
            sizes = v;
            return this;
        }

        /**
         * The validated part.
         *
         * @return the part
         */
        public StartSpec build() {
            return new StartSpec(initFrom, modelConfig, init, sizes);
        }
    }
}
