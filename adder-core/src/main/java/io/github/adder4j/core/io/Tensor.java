package io.github.adder4j.core.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * A named, immutable, dense row-major tensor as stored in a {@link Checkpoint}.
 *
 * <p>Values are held as {@code double} whatever the {@link #dtype()}. A {@link DType#FLOAT32} tensor holds only
 * float-representable values: the constructor rounds every value through {@code (float)} (round to nearest even;
 * values beyond the float range become infinities). Every NaN is stored as the canonical {@link Double#NaN}, so NaN
 * payloads are not preserved; {@code -0.0}, infinities and subnormals are.
 *
 * <p>A scalar has the empty shape and one value; a shape with a zero dimension has no values. The arrays passed to
 * the constructor are copied and the accessors return copies, so a tensor never changes. {@link #equals(Object)}
 * compares name, dtype, shape and values bit for bit (in the sense of {@link Double#doubleToLongBits(double)}: all
 * NaNs are equal and {@code -0.0} differs from {@code 0.0}).
 *
 * @param name   non-blank name, without control characters and well-formed Unicode (e.g. {@code q_proj.weight})
 * @param shape  dimensions, each {@code >= 0}; empty for a scalar
 * @param dtype  element type
 * @param values the {@code product(shape)} values in row-major order
 */
public record Tensor(String name, long[] shape, DType dtype, double[] values) {

    /** Most values one tensor may hold (the largest safe Java array length). */
    public static final int MAX_VALUES = Integer.MAX_VALUE - 8;

    /** How many values {@link #toString()} shows. */
    private static final int SHOWN_VALUES = 6;

    /**
     * Validates and copies the components; see the class description for the rounding of float32 values.
     *
     * @param name non-blank name, without control characters and well-formed Unicode
     * @param shape dimensions, each {@code >= 0}; empty for a scalar
     * @param dtype element type
     * @param values the {@code product(shape)} values in row-major order
     * @throws IllegalArgumentException when the name is null, blank, holds a control character or an unpaired
     *                                  surrogate, when a component is null, a dimension is negative, or the number
     *                                  of values does not match the shape
     */
    public Tensor {
        checkName(name);
        if (shape == null) {
            throw new IllegalArgumentException("tensor " + name + ": shape must not be null");
        }
        if (dtype == null) {
            throw new IllegalArgumentException("tensor " + name + ": dtype must not be null");
        }
        if (values == null) {
            throw new IllegalArgumentException("tensor " + name + ": values must not be null");
        }
        shape = shape.clone();
        long needed = sizeOf(name, shape);
        if (values.length != needed) {
            throw new IllegalArgumentException("tensor " + name + ": shape " + Arrays.toString(shape) + " needs "
                    + needed + " values, got " + values.length);
        }
        values = values.clone();
        for (int i = 0; i < values.length; i++) {
            double v = dtype == DType.FLOAT32 ? (double) (float) values[i] : values[i];
            values[i] = Double.isNaN(v) ? Double.NaN : v;
        }
    }

    /**
     * A {@link DType#FLOAT32} tensor with the given values.
     *
     * @param name the tensor's name
     * @param shape dimensions, each {@code >= 0}; empty for a scalar
     * @param values the {@code product(shape)} values in row-major order
     * @return the tensor, holding the values exactly
     */
    public static Tensor ofFloats(String name, long[] shape, float[] values) {
        if (values == null) {
            throw new IllegalArgumentException("tensor " + name + ": values must not be null");
        }
        double[] widened = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            widened[i] = values[i];
        }
        return new Tensor(name, shape, DType.FLOAT32, widened);
    }

    /**
     * A {@link DType#FLOAT64} tensor with the given values.
     *
     * @param name the tensor's name
     * @param shape dimensions, each {@code >= 0}; empty for a scalar
     * @param values the {@code product(shape)} values in row-major order
     * @return the tensor, holding the values exactly
     */
    public static Tensor ofDoubles(String name, long[] shape, double[] values) {
        return new Tensor(name, shape, DType.FLOAT64, values);
    }

    /**
     * A scalar (empty shape) of the given type.
     *
     * @param name the tensor's name
     * @param dtype element type; a {@link DType#FLOAT32} scalar rounds {@code value} to float
     * @param value the one value
     * @return a tensor of shape {@code []} holding one value
     */
    public static Tensor scalar(String name, DType dtype, double value) {
        return new Tensor(name, new long[0], dtype, new double[] {value});
    }

    /**
     * Checks a tensor name: non-null, well-formed Unicode, not blank, no control characters.
     *
     * @throws IllegalArgumentException when the name breaks one of these rules
     */
    static void checkName(String name) {
        Text.requireWellFormed(name, "tensor name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("tensor name must not be blank: " + Text.quote(name));
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("tensor name must not contain control characters: " + Text.quote(name));
        }
    }

    /**
     * The number of values of {@code shape}.
     *
     * @throws IllegalArgumentException when a dimension is negative or the product exceeds {@link #MAX_VALUES}
     */
    static long sizeOf(String name, long[] shape) {
        long size = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException(
                        "tensor " + name + ": shape dimensions must be >= 0: " + Arrays.toString(shape));
            }
        }
        for (long dim : shape) {
            if (dim == 0) {
                return 0;
            }
        }
        for (long dim : shape) {
            if (size > MAX_VALUES / dim) {
                throw new IllegalArgumentException("tensor " + name + ": shape " + Arrays.toString(shape)
                        + " has more than " + MAX_VALUES + " values");
            }
            size *= dim;
        }
        return size;
    }

    /**
     * A copy of the dimensions.
     *
     * @return a fresh array of the dimensions; empty for a scalar
     */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /**
     * A copy of the values, row-major.
     *
     * @return a fresh array of the {@link #size()} values
     */
    @Override
    public double[] values() {
        return values.clone();
    }

    /**
     * Number of dimensions (0 for a scalar).
     *
     * @return the length of {@link #shape()}
     */
    public int rank() {
        return shape.length;
    }

    /**
     * The size of dimension {@code axis}.
     *
     * @param axis a dimension index, from 0 to {@code rank() - 1}
     * @return the size of that dimension
     * @throws IllegalArgumentException {@code axis must be in [0, rank - 1]: <axis>} for an axis out of range
     */
    public long dim(int axis) {
        if (axis < 0 || axis >= shape.length) {
            throw new IllegalArgumentException("axis must be in [0, " + (shape.length - 1) + "]: " + axis);
        }
        return shape[axis];
    }

    /**
     * Number of values: the product of the shape (1 for a scalar).
     *
     * @return how many values the tensor holds
     */
    public int size() {
        return values.length;
    }

    /**
     * The value at row-major index {@code index}.
     *
     * @param index from 0 to {@code size() - 1}
     * @return the value (a float32 value widened exactly)
     * @throws IllegalArgumentException {@code index must be in [0, size - 1]: <index>} for an index out of range
     */
    public double value(int index) {
        if (index < 0 || index >= values.length) {
            throw new IllegalArgumentException("index must be in [0, " + (values.length - 1) + "]: " + index);
        }
        return values[index];
    }

    /**
     * The values as floats, row-major; exact for {@link DType#FLOAT32}, rounded for {@link DType#FLOAT64}.
     *
     * @return a fresh array of the {@link #size()} values
     */
    public float[] toFloatArray() {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    /**
     * The values as little-endian IEEE bytes of {@link #dtype()} ({@link DType#byteSize()} bytes per value, NaN as the
     * canonical NaN): the {@code data} of checkpoint files and the value part of {@link ParameterDigest}'s canonical form.
     */
    byte[] dataBytes() {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * dtype.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        if (dtype == DType.FLOAT32) {
            for (double v : values) {
                buffer.putInt(Float.floatToIntBits((float) v));
            }
        } else {
            for (double v : values) {
                buffer.putLong(Double.doubleToLongBits(v));
            }
        }
        return buffer.array();
    }

    /**
     * The inverse of {@link #dataBytes()}.
     *
     * @throws IllegalArgumentException when {@code data} does not hold exactly {@code product(shape)} values
     */
    static Tensor fromDataBytes(String name, long[] shape, DType dtype, byte[] data) {
        if (data.length % dtype.byteSize() != 0) {
            throw new IllegalArgumentException("tensor " + name + ": " + data.length + " data bytes are not a multiple of "
                    + dtype.byteSize());
        }
        ByteBuffer buffer = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        double[] values = new double[data.length / dtype.byteSize()];
        for (int i = 0; i < values.length; i++) {
            values[i] = dtype == DType.FLOAT32 ? Float.intBitsToFloat(buffer.getInt()) : Double.longBitsToDouble(buffer.getLong());
        }
        return new Tensor(name, shape, dtype, values);
    }

    /** Equal when name, dtype, shape and all values (bitwise, NaNs equal) agree. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Tensor that
                && name.equals(that.name)
                && dtype == that.dtype
                && Arrays.equals(shape, that.shape)
                && Arrays.equals(values, that.values);
    }

    /** Consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape), Arrays.hashCode(values));
    }

    /** Name, dtype, shape and the first few values. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("Tensor[name=").append(name)
                .append(", dtype=").append(dtype)
                .append(", shape=").append(Arrays.toString(shape))
                .append(", values=[");
        for (int i = 0; i < Math.min(SHOWN_VALUES, values.length); i++) {
            out.append(i == 0 ? "" : ", ").append(dtype == DType.FLOAT32 ? Float.toString((float) values[i]) : values[i]);
        }
        if (values.length > SHOWN_VALUES) {
            out.append(", ... (").append(values.length).append(" values)");
        }
        return out.append("]]").toString();
    }
}
