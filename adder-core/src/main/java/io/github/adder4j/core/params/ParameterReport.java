package io.github.adder4j.core.params;

import java.util.List;

/**
 * What a model costs in parameters: the AdderBoard count (unique learned parameters: shared ones once, fixed sinusoids and
 * frozen zeros free, learned positions counted) and the strict count (plus every other weight-like frozen constant), with
 * one row per component.
 *
 * @param components every component in forward order
 * @param uniqueParameters AdderBoard count
 * @param strictParameters strict count
 */
public record ParameterReport(List<Component> components, long uniqueParameters, long strictParameters) {

    /**
     * Validates that the totals are the sums of the rows.
     *
     * @param components every component in forward order (copied)
     * @param uniqueParameters AdderBoard count
     * @param strictParameters strict count
     */
    public ParameterReport {
        components = List.copyOf(components);
        long u = components.stream().mapToLong(Component::count).sum();
        long s = components.stream().mapToLong(Component::strict).sum();
        if (u != uniqueParameters || s != strictParameters) {
            throw new IllegalArgumentException("report totals " + uniqueParameters + "/" + strictParameters
                    + " differ from the rows' sums " + u + "/" + s);
        }
    }

    /**
     * Builds a report from rows.
     *
     * @param components every component in forward order
     * @return the report with the rows' sums as totals
     */
    public static ParameterReport of(List<Component> components) {
        return new ParameterReport(components, components.stream().mapToLong(Component::count).sum(),
                components.stream().mapToLong(Component::strict).sum());
    }

    /**
     * The report as a text table. The last line is exactly {@code unique parameters (AdderBoard): N}.
     *
     * @return the table, lines separated by newlines
     */
    public String table() {
        int w = "component".length();
        for (Component c : components) {
            w = Math.max(w, c.name().length());
        }
        StringBuilder sb = new StringBuilder();
        String fmt = "%-" + w + "s  %-8s  %-8s  %6s  %6s  %s%n";
        sb.append(String.format(fmt, "component", "shape", "kind", "count", "strict", "note"));
        for (Component c : components) {
            sb.append(String.format(fmt, c.name(), c.shapeText(), c.kind().name().toLowerCase(java.util.Locale.ROOT),
                    c.count(), c.strict(), c.note()));
        }
        sb.append("strict parameters (every weight-like constant counted): ").append(strictParameters).append('\n');
        sb.append("unique parameters (AdderBoard): ").append(uniqueParameters);
        return sb.toString();
    }
}
