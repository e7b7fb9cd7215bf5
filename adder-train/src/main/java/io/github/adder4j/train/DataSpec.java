package io.github.adder4j.train;

import io.github.adder4j.core.format.ModularFormat;
import io.github.adder4j.core.format.TokenFormats;
import io.github.adder4j.train.optim.Checks;

/**
 * What a {@link Recipe} trains on: the data recipe, the batch size, and the modular task instead of addition. Part
 * {@code data} of a recipe (its flat names: {@code data} for the kind, {@code batchSize}, {@code modular},
 * {@code trainFraction}).
 *
 * @param kind          the training-data recipe
 * @param batchSize     examples per step, in [1, {@link Recipe#MAX_BATCH_SIZE}]
 * @param modular       null for addition, else a modular format id (e.g. {@code mod97-add}): the preset's architecture is
 *                      trained on {@code a op b mod p} instead
 * @param trainFraction fraction of all modular pairs used for training, in (0, 1) (modular tasks only; 0 otherwise)
 */
public record DataSpec(Recipe.Data kind, int batchSize, String modular, double trainFraction) {

    /** The defaults, those of the 57p published recipe: the 57p carry-mix data, 256 examples per step, addition. */
    public static final DataSpec DEFAULTS = new DataSpec(Recipe.Data.CARRY_MIX_57, 256, null, 0);

    /** Validates. */
    public DataSpec {
        Checks.oneOf("data", kind, Recipe.Data.values());
        Checks.positive("batchSize", batchSize);
        Checks.atMost("batchSize", batchSize, Recipe.MAX_BATCH_SIZE);
        if (modular != null) {
            if (!(TokenFormats.byId(modular) instanceof ModularFormat)) {
                throw new IllegalArgumentException("modular must be a modular format id like mod97-add: " + modular);
            }
            if (!(trainFraction > 0 && trainFraction < 1)) {
                throw new IllegalArgumentException("trainFraction must be in (0, 1): " + trainFraction);
            }
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
     * A builder starting from {@link #DEFAULTS}.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /** Sets the fields of a {@link DataSpec} by name; {@link #build()} validates them together. */
    public static final class Builder {
        private Recipe.Data kind;
        private int batchSize;
        private String modular;
        private double trainFraction;

        private Builder(DataSpec s) {
            kind = s.kind;
            batchSize = s.batchSize;
            modular = s.modular;
            trainFraction = s.trainFraction;
        }

        /** Sets {@code kind} (see {@link DataSpec}). */
        public Builder kind(Recipe.Data v) {
            kind = v;
            return this;
        }

        /** Sets {@code batchSize} (see {@link DataSpec}). */
        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        /** Sets {@code modular} (see {@link DataSpec}). */
        public Builder modular(String v) {
            modular = v;
            return this;
        }

        /** Sets {@code trainFraction} (see {@link DataSpec}). */
        public Builder trainFraction(double v) {
            trainFraction = v;
            return this;
        }

        /**
         * The validated part.
         *
         * @return the part
         */
        public DataSpec build() {
            return new DataSpec(kind, batchSize, modular, trainFraction);
        }
    }
}
