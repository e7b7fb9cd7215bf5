package io.github.adder4j.examples.cli;

import io.github.adder4j.core.Preset;
import io.github.adder4j.core.eval.Suite;
import java.util.Arrays;
import java.util.Iterator;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converters for library types. Each turns the library's {@link IllegalArgumentException} into a
 * {@link TypeConversionException} with the same message, which picocli prefixes with the option's name.
 */
public final class Converters {
    private Converters() { }

    /** {@code --preset NAME} through {@link Preset#byId(String)}; the message lists the known presets. */
    public static final class PresetConverter implements ITypeConverter<Preset> {
        /** Creates the converter (picocli instantiates it). */
        public PresetConverter() {
            // stateless
        }

        /** The preset called {@code value}. */
        @Override
        public Preset convert(String value) {
            try {
                return Preset.byId(value.strip());
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** The preset ids, for help texts ({@code ${COMPLETION-CANDIDATES}}) and shell completion. */
    public static final class PresetIds implements Iterable<String> {
        /** Creates the list (picocli instantiates it). */
        public PresetIds() {
            // stateless
        }

        /** Every preset id in declaration order. */
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Preset.values()).map(Preset::id).iterator();
        }
    }

    /** {@code --suite TEXT} through {@link Suite#parse(String)}. */
    public static final class SuiteConverter implements ITypeConverter<Suite> {
        /** Creates the converter (picocli instantiates it). */
        public SuiteConverter() {
            // stateless
        }

        /** The suite {@code value} names. */
        @Override
        public Suite convert(String value) {
            try {
                return Suite.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /**
     * An operand {@code A} or {@code B}: a whole number in ASCII digits (picocli's own conversion would also take
     * Arabic-Indic or full-width digits); a bad value is shown quoted, control characters escaped.
     */
    public static final class OperandConverter implements ITypeConverter<Long> {
        private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("-?[0-9]{1,18}");

        /** Creates the converter (picocli instantiates it). */
        public OperandConverter() {
            // stateless
        }

        /** The operand {@code value} names; its range is checked by the adder. */
        @Override
        public Long convert(String value) {
            if (!DIGITS.matcher(value).matches()) {
                throw new TypeConversionException("expected a whole number in digits 0-9: "
                        + io.github.adder4j.core.io.Text.shown(value));
            }
            return Long.parseLong(value);
        }
    }
}
