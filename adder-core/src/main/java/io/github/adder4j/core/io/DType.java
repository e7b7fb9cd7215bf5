package io.github.adder4j.core.io;

/**
 * Element type of a {@link Tensor}.
 *
 * <p>The {@linkplain #ordinal() ordinal} of each constant is part of the canonical byte form hashed by
 * {@link ParameterDigest}, so constants must never be reordered; new types may only be appended.
 */
public enum DType {
    /** IEEE 754 binary32; 4 bytes per value. */
    FLOAT32("float32", Float.BYTES),
    /** IEEE 754 binary64; 8 bytes per value. */
    FLOAT64("float64", Double.BYTES);

    private final String jsonName;
    private final int byteSize;

    DType(String jsonName, int byteSize) {
        this.jsonName = jsonName;
        this.byteSize = byteSize;
    }

    /**
     * The name used in checkpoint files ({@code float32} or {@code float64}).
     *
     * @return {@code float32} or {@code float64}
     */
    public String jsonName() {
        return jsonName;
    }

    /**
     * Bytes per value in the little-endian data encoding.
     *
     * @return 4 for {@link #FLOAT32}, 8 for {@link #FLOAT64}
     */
    public int byteSize() {
        return byteSize;
    }

    /**
     * The type whose {@link #jsonName()} is {@code name}.
     *
     * @param name a dtype name as written in checkpoint files
     * @return the type of that name
     * @throws IllegalArgumentException when no type has that name
     */
    public static DType fromJsonName(String name) {
        for (DType type : values()) {
            if (type.jsonName.equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("dtype must be one of [float32, float64]: " + name);
    }
}
