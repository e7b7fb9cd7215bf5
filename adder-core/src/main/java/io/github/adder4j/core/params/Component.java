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

    /** Validates. */
    public Component {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        shape = shape.clone();
        note = note == null ? "" : note;
        if (count < 0 || strict < count) {
            throw new IllegalArgumentException("component " + name + ": need 0 <= count <= strict: " + count + ", " + strict);
        }
    }

    /** A learned tensor. */
    public static Component learned(String name, long[] shape, String note) {
        long n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        return new Component(name, shape, Kind.LEARNED, n, n, note);
    }

    /** A reference to a parameter counted elsewhere. */
    public static Component tied(String name, long[] shape, String to) {
        return new Component(name, shape, Kind.TIED, 0, 0, "same parameter as " + to);
    }

    /** Constants: {@code strict} of them are weight-like (not 0/1). */
    public static Component constant(String name, long[] shape, long strict, String note) {
        return new Component(name, shape, strict == 0 ? Kind.FREE : Kind.CONSTANT, 0, strict, note);
    }

    /** Number of elements. */
    public long size() {
        return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    }

    /** Shape as {@code 4x3} (scalar: {@code 1}). */
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
