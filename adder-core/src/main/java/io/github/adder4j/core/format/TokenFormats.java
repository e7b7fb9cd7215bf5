package io.github.adder4j.core.format;

/** Finds any token format by id: the addition layouts of {@link Formats} and the modular formats {@code modP-op}. */
public final class TokenFormats {
    private TokenFormats() { }

    /**
     * The format with this id.
     *
     * @param id e.g. {@code lsb34-v10} or {@code mod97-add}
     * @return the format
     * @throws IllegalArgumentException when no format has that id
     */
    public static TokenFormat byId(String id) {
        ModularFormat modular = ModularFormat.parse(id);
        return modular != null ? modular : Formats.byId(id);
    }
}
