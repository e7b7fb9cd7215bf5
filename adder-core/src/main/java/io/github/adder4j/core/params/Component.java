package io.github.adder4j.core.params;

import java.util.Arrays;
import java.util.Objects;

/**
 * One row of a parameter report: a named tensor (or constant) of the model and what it costs.
 *
 * @param name component name, e.g. {@code layer0.attn.query}
 * @param shape tensor shape
 * @param kind how the component is counted
 * @param count parameters under the AdderBoard rule (learned and not already counted)
 * @param strict parameters under the strict rule (AdderBoard count plus every weight-like constant)
 * @param note short explanation (what it is tied to, what the constant is)
 */
public record Component(String name, long[] shape, Kind kind, long count, long strict, String note) {

    /** How a component is counted. */
    public enum Kind {
        /** Learned, counted once. */
        LEARNED,
        /** The same parameter as another component: free here. */
        TIED,
        /** Frozen weight-like constant: free under AdderBoard, counted in the strict count when not 0/1. */
        CONSTANT,
        /** Fixed sinusoid or structural 0/1: free in both counts. */
        FREE
    }

    /**
     * Validates.
     *
     * @param name   component name
     * @param shape  tensor shape (copied)
     * @param kind   how it is counted
     * @param count  parameters under the AdderBoard rule
     * @param strict parameters under the strict rule, at least {@code count}
     * @param note   short explanation, or null for none
     */
    public Component {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        shape = shape.clone();
        note = note == null ? "" : note;
        if (count < 0 || strict < count) {
            throw new IllegalArgumentException("component " + name + ": need 0 <= count <= strict: " + count + ", " + strict);
        }
    }

    /**
     * A learned tensor.
     *
     * @param name  component name
     * @param shape tensor shape
     * @param note  short explanation
     * @return a component counting every element in both counts
     */
    public static Component learned(String name, long[] shape, String note) {
        long n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        return new Component(name, shape, Kind.LEARNED, n, n, note);
    }

    /**
     * A reference to a parameter counted elsewhere.
     *
     * @param name  component name
     * @param shape tensor shape
     * @param to    the component it is the same parameter as
     * @return a free component
     */
    public static Component tied(String name, long[] shape, String to) {
        return new Component(name, shape, Kind.TIED, 0, 0, "same parameter as " + to);
    }

    /**
     * Constants: {@code strict} of them are weight-like (not 0/1).
     *
     * @param name   component name
     * @param shape  tensor shape
     * @param strict how many of the values count under the strict rule
     * @param note   short explanation
     * @return a component free under the AdderBoard rule
     */
    public static Component constant(String name, long[] shape, long strict, String note) {
        return new Component(name, shape, strict == 0 ? Kind.FREE : Kind.CONSTANT, 0, strict, note);
    }

    /**
     * Number of elements.
     *
     * @return the product of the shape
     */
    public long size() {
        return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    }

    /**
     * The shape as text.
     *
     * @return e.g. {@code 4x3}; {@code 1} for a scalar
     */
    public String shapeText() {
        if (shape.length == 0) {
            return "1";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : "x").append(shape[i]);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Component c && name.equals(c.name) && Arrays.equals(shape, c.shape) && kind == c.kind
                && count == c.count && strict == c.strict && note.equals(c.note);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(shape), kind, count, strict, note);
    }

    @Override
    public String toString() {
        return name + " " + shapeText() + " " + kind + " " + count + "/" + strict;
    }
}
